// The Docker dialect: security settings are options in a list (`securityOpts`), the user a `user` string, any
// capability spelling is accepted (`chown`, `CAP_CHOWN`), and a `runtime` names the sandbox. Docker applies its
// default seccomp profile when none is named. Containers of one daemon share its host.
import { Dialect, SecurityOptionWording } from "../../model/dialect";
import { optionList } from "../../model/workload";
import { podSpecDialect, SANDBOXED_RUNTIME } from "../shared/dialect";

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
    };
}

export const dockerDialect: Dialect = {
    ...podSpecDialect("docker", "docker"),
    securityOptions: dockerOptionWording("no-new-privileges:true"),
    user: "docker-user",
    capabilitySpelling: { baseline: "normalized", dropAll: "normalized" },
    // A Docker mount is read at its `bindOptions.propagation`: its path is the setting itself.
    mountPropagation: { field: (mountPath) => mountPath, fix: "use private or rprivate propagation" },
    hostNamespaceFix: "remove the host mode settings",
    requiresSeccompProfile: false,
    seccompProfileWritable: false,
    sandboxNames: "sandboxRuntimes",
    sandbox: (w, examples) => ({
        must: SANDBOXED_RUNTIME,
        // A swarm service sets it on its task spec.
        field: w.runtime?.path ?? (w.kind === "Service" ? "taskSpec.runtime" : "runtime"),
        fix: `set runtime to a sandbox runtime (${examples}), or run each tenant in its own VM`,
    }),
    sharesDaemonHost: true,
    templateLabels: () => "container spec",
    containerIsResource: true,
    // Docker resources have labels, no annotations.
    exemptionsIn: "labels",
};
