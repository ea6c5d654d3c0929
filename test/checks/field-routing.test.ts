// Pins each check's `reads` (the model fields whose malformed values are routed to it) and `platforms`, found by
// mutation testing: a value of the wrong shape in a field is reported as "cannot interpret" by exactly the checks that
// read that field, under each configuration that enables them (defaults, PSS baseline, PSS restricted).
import * as assert from "assert";
import { Diagnostic } from "../../engine/types";
import { judge } from "../helpers";
import { judgePss } from "./pss";
import { DEPLOYMENT, Obj, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { VM_CARRIERS, cleanVmiSpec } from "../fixtures/multitenancy";

/** The checks that report a value they cannot interpret (each once). */
function uninterpretable(ds: Diagnostic[]): string[] {
    return [...new Set(ds.filter((d) => d.message.includes("cannot interpret")).map((d) => d.check))].sort();
}

interface Row {
    field: string;
    edit(spec: Obj): void;
    /** Expected checks with the default config, PSS baseline and PSS restricted (latest). */
    defaults: string[];
    baseline: string[];
    restricted: string[];
}

const c0 = (s: Obj) => s.containers[0];

const ROWS: Row[] = [
    {
        field: "appArmor",
        edit: (s) => (c0(s).securityContext.appArmorProfile = "RuntimeDefault"),
        defaults: ["appArmorProfile"],
        baseline: ["appArmorProfile"],
        restricted: ["appArmorProfile"],
    },
    {
        field: "seLinux",
        edit: (s) => (c0(s).securityContext.seLinuxOptions = "container_t"),
        defaults: ["seLinuxOptions"],
        baseline: ["seLinuxOptions"],
        restricted: ["seLinuxOptions"],
    },
    {
        field: "capabilities",
        edit: (s) => (c0(s).securityContext.capabilities = "ALL"),
        defaults: ["capabilities_restricted"],
        baseline: ["capabilities_baseline"],
        restricted: ["capabilities_restricted"],
    },
    {
        field: "os",
        edit: (s) => (s.os = "linux"),
        defaults: ["allowPrivilegeEscalation", "capabilities_restricted"],
        baseline: [],
        restricted: ["allowPrivilegeEscalation", "capabilities_restricted", "seccompProfile_restricted"],
    },
    {
        field: "hostPath",
        edit: (s) => s.volumes.push({ name: "h", hostPath: "/data" }),
        defaults: ["sensitiveHostPath"],
        baseline: ["hostPathVolumes"],
        restricted: ["restrictedVolumes"],
    },
    {
        field: "volumes",
        edit: (s) => (s.volumes = "cache"),
        defaults: ["sensitiveHostPath"],
        baseline: ["hostPathVolumes"],
        restricted: ["restrictedVolumes"],
    },
    {
        field: "mountPropagation",
        edit: (s) => (c0(s).volumeMounts[0].mountPropagation = 2),
        defaults: ["mountPropagation"],
        baseline: [],
        restricted: [],
    },
    {
        field: "probes",
        edit: (s) => (c0(s).livenessProbe = "/healthz"),
        defaults: ["hostProbesAndHostLifecycle"],
        baseline: ["hostProbesAndHostLifecycle"],
        restricted: ["hostProbesAndHostLifecycle"],
    },
    {
        field: "procMount",
        edit: (s) => (c0(s).securityContext.procMount = 1),
        defaults: ["procMount"],
        baseline: ["procMount"],
        restricted: ["procMount_restricted"],
    },
    {
        field: "hostUsers",
        edit: (s) => (s.hostUsers = "false"),
        defaults: ["procMount", "runAsNonRoot", "runAsUser"],
        baseline: ["procMount"],
        restricted: ["procMount_restricted", "runAsNonRoot", "runAsUser"],
    },
    {
        field: "runAsNonRoot",
        edit: (s) => (c0(s).securityContext.runAsNonRoot = "true"),
        defaults: ["runAsNonRoot"],
        baseline: [],
        restricted: ["runAsNonRoot"],
    },
    {
        field: "runAsUser",
        edit: (s) => (c0(s).securityContext.runAsUser = "1000"),
        defaults: ["runAsNonRoot", "runAsUser"],
        baseline: [],
        restricted: ["runAsNonRoot", "runAsUser"],
    },
    {
        field: "seccomp",
        edit: (s) => (c0(s).securityContext.seccompProfile = "RuntimeDefault"),
        defaults: ["seccompProfile_baseline"],
        baseline: ["seccompProfile_baseline"],
        restricted: ["seccompProfile_restricted"],
    },
    {
        field: "sysctls",
        edit: (s) => (s.securityContext.sysctls = "net.ipv4.ping_group_range=0 0"),
        defaults: ["sysctls"],
        baseline: ["sysctls"],
        restricted: ["sysctls"],
    },
    {
        field: "windowsHostProcess",
        edit: (s) => (c0(s).securityContext.windowsOptions = "hostProcess"),
        defaults: ["windowsHostProcess"],
        baseline: ["windowsHostProcess"],
        restricted: ["windowsHostProcess"],
    },
    {
        field: "allowPrivilegeEscalation",
        edit: (s) => (c0(s).securityContext.allowPrivilegeEscalation = "false"),
        defaults: ["allowPrivilegeEscalation"],
        baseline: [],
        restricted: ["allowPrivilegeEscalation"],
    },
];

describe("malformed values reach exactly the checks that read the field (pinned)", () => {
    for (const row of ROWS) {
        describe(`a malformed ${row.field} value in a Deployment`, () => {
            const spec = hardenedPodSpec();
            row.edit(spec);
            const props = DEPLOYMENT.wrap(spec);
            it("default config", () => {
                assert.deepStrictEqual(uninterpretable(judge(DEPLOYMENT.type, props)), row.defaults);
            });
            it("PSS baseline", () => {
                assert.deepStrictEqual(
                    uninterpretable(judgePss("baseline", "latest", DEPLOYMENT.type, props)),
                    row.baseline,
                );
            });
            it("PSS restricted", () => {
                assert.deepStrictEqual(
                    uninterpretable(judgePss("restricted", "latest", DEPLOYMENT.type, props)),
                    row.restricted,
                );
            });
        });
    }

    describe("KubeVirt VMs (platforms: the pod-level checks run on VMs too)", () => {
        const vm = VM_CARRIERS[0];
        const withSpec = (edit: (s: Obj) => void) => {
            const spec = cleanVmiSpec();
            edit(spec);
            return vm.wrap(spec);
        };

        it("an unreadable domain fails every check that applies to a VM, under each configuration", () => {
            const props = withSpec((s) => (s.domain = "vm"));
            assert.deepStrictEqual(uninterpretable(judge(vm.type, props)), [
                "allowPrivilegeEscalation",
                "appArmorProfile",
                "capabilities_restricted",
                "hostDevices",
                "hostNamespaces",
                "hostPorts",
                "hostProbesAndHostLifecycle",
                "mountPropagation",
                "privileged",
                "procMount",
                "runAsNonRoot",
                "runAsUser",
                "seLinuxOptions",
                "seccompProfile_baseline",
                "sensitiveHostPath",
                "sysctls",
                "windowsHostProcess",
            ]);
            assert.deepStrictEqual(uninterpretable(judgePss("baseline", "latest", vm.type, props)), [
                "appArmorProfile",
                "capabilities_baseline",
                "hostNamespaces",
                "hostPathVolumes",
                "hostPorts",
                "hostProbesAndHostLifecycle",
                "privileged",
                "procMount",
                "seLinuxOptions",
                "seccompProfile_baseline",
                "sysctls",
                "windowsHostProcess",
            ]);
            assert.deepStrictEqual(uninterpretable(judgePss("restricted", "latest", vm.type, props)), [
                "allowPrivilegeEscalation",
                "appArmorProfile",
                "capabilities_restricted",
                "hostNamespaces",
                "hostPorts",
                "hostProbesAndHostLifecycle",
                "privileged",
                "procMount_restricted",
                "restrictedVolumes",
                "runAsNonRoot",
                "runAsUser",
                "seLinuxOptions",
                "seccompProfile_restricted",
                "sysctls",
                "windowsHostProcess",
            ]);
        });

        it("a malformed devices block is hostDevices' alone", () => {
            assert.deepStrictEqual(
                uninterpretable(
                    judge(
                        vm.type,
                        withSpec((s) => (s.domain.devices = "gpu")),
                    ),
                ),
                ["hostDevices"],
            );
        });

        it("a malformed hostUsers reaches procMount (baseline) and procMount_restricted on a VM", () => {
            const props = withSpec((s) => (s.hostUsers = "no"));
            assert.deepStrictEqual(uninterpretable(judgePss("baseline", "latest", vm.type, props)), ["procMount"]);
            assert.deepStrictEqual(uninterpretable(judgePss("restricted", "latest", vm.type, props)), [
                "procMount_restricted",
                "runAsNonRoot",
                "runAsUser",
            ]);
        });

        it("a malformed windowsOptions on the VM's pod-level securityContext reaches windowsHostProcess", () => {
            const props = withSpec((s) => (s.securityContext = { windowsOptions: "hostProcess" }));
            assert.deepStrictEqual(uninterpretable(judge(vm.type, props)), ["windowsHostProcess"]);
        });
    });

    it("a Docker container with an unreadable field: the Kubernetes-only checks stay out", () => {
        const ds = judge(DOCKER_CONTAINER, { ...hardenedContainer(), capabilities: "ALL" });
        assert.deepStrictEqual(uninterpretable(ds), ["capabilities_restricted"]);
    });
});
