// The answers every dialect starts from: a pod-shaped spec whose security settings are securityContext fields, as PSA
// names them. Each platform's dialect (adapters/<platform>/dialect.ts) overrides what its platform writes otherwise;
// a setting only a kubelet acts on (probes' host, procMount, the alpha annotations) is off until a dialect says so.
import { Dialect, SandboxAdvice, SecurityOptionWording } from "../../model/dialect";
import { DialectName, optionList, Platform, Workload } from "../../model/workload";

export const SANDBOXED_RUNTIME = "run in a sandboxed runtime";

/** A RuntimeClass names the sandbox: the Kubernetes way, and what a pod-shaped spec falls back to. */
export function runtimeClassSandbox(w: Workload, examples: string): SandboxAdvice {
    return {
        must: SANDBOXED_RUNTIME,
        field: w.runtime?.path ?? `${w.specPath}.runtimeClassName`,
        fix: `set runtimeClassName to a sandbox RuntimeClass (${examples}), or run the tenant in a KubeVirt VM`,
    };
}

/** A cloud setting (a launch type, a node pool's sandbox) that the platform names instead of a runtime. */
export interface SandboxHint {
    field: string;
    fix: string;
}

export function podSpecDialect(name: DialectName, platform: Platform): Dialect {
    return {
        name,
        platform,
        user: "security-context",
        capabilitySpelling: { baseline: "exact", dropAll: "exact" },
        mountPropagation: { field: (mountPath) => `${mountPath}.mountPropagation`, fix: "use HostToContainer or None" },
        hostNamespaceFix: "remove hostNetwork, hostPID and hostIPC or set them to false",
        hostDevices: {
            vmPassthrough: false,
            fix: "remove the device; use a device plugin or a dedicated VM for hardware access",
        },
        metadataService: "aws-imds",
        psa: {
            hostProbes: false,
            procMount: false,
            windowsHostProcess: false,
            restrictedVolumeTypes: false,
            seccompAnnotations: false,
            appArmorAnnotations: false,
        },
        unmaskedProcOption: false,
        sysctls: "pss-safe-list",
        requiresSeccompProfile: true,
        seccompProfileWritable: true,
        sandboxNames: "sandboxRuntimeClasses",
        sandbox: runtimeClassSandbox,
        sharesDaemonHost: false,
        namespaced: false,
        templateLabels: (w) => (w.isolation === "vm" ? "VM template" : "pod template"),
        containerIsResource: false,
        exemptionsIn: "annotations",
        hostPathInstead: {
            sensitive: "a volume, ConfigMap, Secret or emptyDir",
            any: "a persistent volume claim, ConfigMap, Secret or emptyDir",
        },
    };
}

const NO_NEW_PRIVILEGES = /^\s*no-new-privileges\s*(?:[=:]\s*(.*))?$/i;

/** `no-new-privileges:false` (or `=false`), in any case and spacing Docker accepts. */
function allowsEscalation(option: string): boolean {
    const m = NO_NEW_PRIVILEGES.exec(option);
    return m !== null && (m[1] ?? "").trim().toLowerCase() === "false";
}

/** Docker-style option wording, with the no-new-privileges spelling a platform documents. */
export function dockerOptionWording(noNewPrivileges: string): SecurityOptionWording {
    return {
        noNewPrivileges,
        escalationAllowed: "no-new-privileges:false",
        disallowEscalation: (options) =>
            options.some(allowsEscalation)
                ? options.map((o) => (allowsEscalation(o) ? "no-new-privileges:true" : o))
                : [...options, noNewPrivileges],
        escalationFix: (path) => `add "${noNewPrivileges}" to ${path.split(".").pop()}`,
        unconfinedSeccompFix: (path) => `remove seccomp=unconfined from ${optionList(path)}`,
        unconfinedAppArmorFix: (path) => `remove apparmor=unconfined from ${optionList(path)}`,
        disabledLabelFix: (path) => `remove label=disable from ${optionList(path)}`,
        unconfinedSystemPathsFix: (path) => `remove systempaths=unconfined from ${optionList(path)}`,
    };
}

/** The Kubernetes dialect: a pod spec a kubelet runs, so every PSA setting means what PSA says. Custom resources speak
 * it too (their pod templates become pods), so it lives here, shared. */
export const kubernetesDialect: Dialect = {
    ...podSpecDialect("kubernetes", "kubernetes"),
    psa: {
        hostProbes: true,
        procMount: true,
        windowsHostProcess: true,
        restrictedVolumeTypes: true,
        seccompAnnotations: true,
        appArmorAnnotations: true,
    },
    namespaced: true,
    // Whether a pod is sandboxed is also other resources' to say: the handler of a RuntimeClass of the stack (or of
    // the cluster context config) by any name, and an EKS Fargate profile that runs it in its own microVM.
    stackDecides: ["runtime"],
};
