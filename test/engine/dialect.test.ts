// engine/dialect.ts and the adapters' dialects: each dialect's answers pinned per platform (a table), the dialect each
// adapter's workloads speak, and that every dialect an adapter declares is the one dialectOf finds by its name.
import * as assert from "assert";
import { ADAPTERS } from "../../adapters/registry";
import { toWorkloads } from "../../adapters";
import { newWorkload } from "../../adapters/shared/common";
import { dialectNamed, dialectOf, platformsWhere } from "../../engine/dialect";
import { Dialect } from "../../model/dialect";
import { DialectName, Platform, Workload } from "../../model/workload";
import { Reader } from "../../model/read";

const NAMES: readonly DialectName[] = ["kubernetes", "kubevirt", "docker", "ecs", "aws", "gcp", "azure"];

function bare(platform: Platform, kind = "Pod", extra: Partial<Workload> = {}): Workload {
    const w = newWorkload(
        { platform, isolation: "container", type: "t", kind, name: "n", isPatch: false, specPath: "spec" },
        new Reader(),
    );
    return Object.assign(w, extra);
}

/** The answers that are data, one row per dialect, in NAMES order. */
function facts(d: Dialect): unknown[] {
    return [
        d.platform,
        d.securityOptions?.noNewPrivileges,
        d.user,
        `${d.capabilitySpelling.baseline}/${d.capabilitySpelling.dropAll}`,
        d.mountPropagation.field("m"),
        d.hostDevices.vmPassthrough,
        d.metadataService,
        Object.entries(d.psa)
            .filter(([, on]) => on)
            .map(([k]) => k)
            .join(","),
        d.requiresSeccompProfile,
        d.seccompProfileWritable,
        d.sandboxNames,
        d.sharesDaemonHost,
        d.namespaced,
        d.templateLabels(bare(d.platform)),
        d.containerIsResource,
        d.exemptionsIn,
    ];
}

const ALL_PSA = "hostProbes,procMount,windowsHostProcess,restrictedVolumeTypes,seccompAnnotations,appArmorAnnotations";
const KUBELET_PSA = "hostProbes,procMount,windowsHostProcess,appArmorAnnotations";
const CLASSES = "sandboxRuntimeClasses";

// prettier-ignore
const TABLE: Record<DialectName, unknown[]> = {
    //          platform      noNewPrivileges             user                capabilities            propagation field    vm     metadata               psa          seccomp req/write  sandbox names        daemon namespaced template          one container exemptions
    kubernetes: ["kubernetes", undefined,                 "security-context", "exact/exact",          "m.mountPropagation", false, "aws-imds",            ALL_PSA,     true,  true,       CLASSES,             false, true,      "pod template",   false, "annotations"],
    kubevirt:   ["kubevirt",   undefined,                 "security-context", "exact/exact",          "m.mountPropagation", true,  "aws-imds",            KUBELET_PSA, true,  true,       CLASSES,             false, true,      "pod template",   false, "annotations"],
    docker:     ["docker",     "no-new-privileges:true",  "docker-user",      "normalized/normalized", "m",                  false, "aws-imds",            "",          false, false,      "sandboxRuntimes",   true,  false,     "container spec", true,  "labels"],
    ecs:        ["aws",        "no-new-privileges",       "docker-user",      "exact/normalized",     "m.mountPropagation", false, "aws-imds",            "",          false, false,      CLASSES,             false, false,     "pod template",   false, "annotations"],
    aws:        ["aws",        undefined,                 "security-context", "exact/exact",          "m.mountPropagation", false, "aws-imds",            "",          true,  true,       CLASSES,             false, false,     "pod template",   false, "annotations"],
    gcp:        ["gcp",        undefined,                 "security-context", "exact/exact",          "m.mountPropagation", false, "gke-metadata-server", "",          true,  false,      CLASSES,             false, false,     "pod template",   false, "annotations"],
    azure:      ["azure",      undefined,                 "run-as-user",      "exact/exact",          "m.mountPropagation", false, "aws-imds",            "",          false, false,      CLASSES,             false, false,     "pod template",   false, "annotations"],
};

describe("dialects", () => {
    for (const name of NAMES)
        it(`${name}: its answers`, () => {
            const d = dialectNamed(name);
            assert.ok(d, name);
            assert.strictEqual(d.name, name);
            assert.deepStrictEqual(facts(d), TABLE[name]);
        });

    it("every adapter in the registry declares its dialects, and dialectOf finds each by its name", () => {
        for (const a of ADAPTERS) {
            assert.ok(a.dialects.length, a.name);
            for (const d of a.dialects) {
                assert.strictEqual(dialectNamed(d.name), d, `${a.name} ${d.name}`);
                assert.strictEqual(dialectOf(bare(d.platform, "Pod", { dialect: d.name })), d, `${a.name} ${d.name}`);
            }
        }
        assert.deepStrictEqual(
            [...new Set(ADAPTERS.flatMap((a) => a.dialects.map((d) => d.name)))].sort(),
            [...NAMES].sort(),
        );
    });

    it("a workload without a dialect speaks its platform's; a hand-built dockerConfigured AWS one ECS's", () => {
        for (const p of ["kubernetes", "kubevirt", "docker", "aws", "gcp", "azure"] as const)
            assert.strictEqual(dialectOf(bare(p)).name, p);
        assert.strictEqual(dialectOf(bare("aws", "TaskDefinition", { dockerConfigured: true })).name, "ecs");
        assert.strictEqual(dialectOf(bare("docker", "Container", { dockerConfigured: true })).name, "docker");
    });

    it("the dialect each adapter's workloads speak", () => {
        const speaks = (type: string, props: Record<string, unknown> = {}) =>
            toWorkloads(type, "r", props).map((w) => dialectOf(w).name);
        assert.deepStrictEqual(speaks("kubernetes:apps/v1:Deployment"), ["kubernetes"]);
        assert.deepStrictEqual(speaks("kubernetes:kubevirt.io/v1:VirtualMachine"), ["kubevirt"]);
        assert.deepStrictEqual(speaks("docker:index/container:Container"), ["docker"]);
        assert.deepStrictEqual(speaks("aws:ecs/taskDefinition:TaskDefinition"), ["ecs"]);
        assert.deepStrictEqual(speaks("aws:ecs/service:Service"), ["ecs"]);
        assert.deepStrictEqual(speaks("awsx:ecs:FargateService"), ["ecs"]);
        assert.deepStrictEqual(
            speaks("aws:batch/jobDefinition:JobDefinition", {
                eksProperties: { podProperties: { containers: [] } },
                containerProperties: "{}",
            }),
            ["aws", "ecs"],
        );
        assert.deepStrictEqual(speaks("aws:ec2/instance:Instance"), ["aws"]);
        assert.deepStrictEqual(speaks("gcp:container/nodePool:NodePool"), ["gcp"]);
        assert.deepStrictEqual(speaks("azure-native:containerservice:AgentPool"), ["azure"]);
    });

    it("the deprecated dockerConfigured and sandboxHint stay readable, not enumerable", () => {
        const [task] = toWorkloads("aws:ecs/taskDefinition:TaskDefinition", "t", {});
        assert.strictEqual(task.dockerConfigured, true);
        assert.strictEqual(task.sandboxHint?.field, "requiresCompatibilities");
        assert.ok(!Object.keys(task).includes("dockerConfigured") && !Object.keys(task).includes("sandboxHint"));
        assert.strictEqual({ ...task }.dialect, "ecs");
    });

    describe("where the sandbox is set", () => {
        // [workload, must, field, fix (a prefix)]
        const CASES: Array<[string, Workload, string, string, string]> = [
            [
                "Kubernetes pod",
                bare("kubernetes"),
                "run in a sandboxed runtime",
                "spec.runtimeClassName",
                "set runtimeClassName to a sandbox RuntimeClass (EX)",
            ],
            [
                "Docker container",
                bare("docker", "Container"),
                "run in a sandboxed runtime",
                "runtime",
                "set runtime to a sandbox runtime (EX)",
            ],
            [
                "Docker swarm service",
                bare("docker", "Service"),
                "run in a sandboxed runtime",
                "taskSpec.runtime",
                "set runtime to a sandbox runtime (EX)",
            ],
            [
                "named runtime",
                bare("docker", "Container", { runtime: { value: "runc", path: "rt" } }),
                "run in a sandboxed runtime",
                "rt",
                "set runtime",
            ],
            [
                "ECS task definition",
                bare("aws", "TaskDefinition", { dialect: "ecs", type: "aws:ecs/taskDefinition:TaskDefinition" }),
                "run in a sandboxed runtime",
                "requiresCompatibilities",
                'run it on Fargate (requiresCompatibilities ["FARGATE"]',
            ],
            [
                "ECS service",
                bare("aws", "Service", { dialect: "ecs", type: "aws:ecs/service:Service" }),
                "run in a sandboxed runtime",
                "launchType",
                "run it on Fargate",
            ],
            [
                "awsx service",
                bare("aws", "EC2Service", { dialect: "ecs", type: "awsx:ecs:EC2Service" }),
                "run in a sandboxed runtime",
                "",
                "use awsx.ecs.FargateService",
            ],
            [
                "Batch container job",
                bare("aws", "JobDefinition", { dialect: "ecs", type: "aws:batch/jobDefinition:JobDefinition" }),
                "run in a sandboxed runtime",
                "platformCapabilities",
                'run it on Fargate (platformCapabilities ["FARGATE"])',
            ],
            [
                "Batch-on-EKS job",
                bare("aws", "JobDefinition", { dialect: "aws", type: "aws:batch/jobDefinition:JobDefinition" }),
                "run in a sandboxed runtime",
                "eksProperties.podProperties",
                "run the job on a Batch compute environment",
            ],
            [
                "GKE node pool",
                bare("gcp", "NodePool", { specPath: "nodeConfig" }),
                "be a sandbox node pool",
                "nodeConfig.sandboxConfig.type",
                "set nodeConfig.sandboxConfig.type to GVISOR",
            ],
            [
                "AKS agent pool",
                bare("azure", "AgentPool", { specPath: "" }),
                "be a sandbox node pool",
                "workloadRuntime",
                "set workloadRuntime to KataVmIsolation",
            ],
            [
                "Cloud Run (no pool)",
                bare("gcp", "Service"),
                "run in a sandboxed runtime",
                "spec.runtimeClassName",
                "set runtimeClassName",
            ],
        ];
        for (const [what, w, must, field, fix] of CASES)
            it(what, () => {
                const advice = dialectOf(w).sandbox(w, "EX");
                assert.deepStrictEqual([advice.must, advice.field], [must, field]);
                assert.ok(advice.fix.startsWith(fix), advice.fix);
            });
    });

    it("the wording of the settings that differ", () => {
        const [k8s, kubevirt, docker] = (["kubernetes", "kubevirt", "docker"] as const).map((n) => dialectNamed(n)!);
        assert.deepStrictEqual(
            [k8s.hostNamespaceFix, docker.hostNamespaceFix],
            ["remove hostNetwork, hostPID and hostIPC or set them to false", "remove the host mode settings"],
        );
        assert.deepStrictEqual(
            [k8s.mountPropagation.fix, docker.mountPropagation.fix],
            ["use HostToContainer or None", "use private or rprivate propagation"],
        );
        assert.deepStrictEqual(
            [k8s.hostDevices.fix, kubevirt.hostDevices.fix],
            [
                "remove the device; use a device plugin or a dedicated VM for hardware access",
                "remove the passthrough, or give the device to a VM on a node dedicated to one tenant",
            ],
        );
        assert.strictEqual(docker.securityOptions?.escalationAllowed, "no-new-privileges:false");
        assert.strictEqual(dialectNamed("ecs")?.securityOptions?.escalationAllowed, "no-new-privileges:false");
        const [dockerOpts, ecsOpts] = [docker.securityOptions!, dialectNamed("ecs")!.securityOptions!];
        assert.deepStrictEqual(
            [
                dockerOpts.escalationFix("securityOpts"),
                ecsOpts.escalationFix("containerDefinitions[0].dockerSecurityOptions"),
                dockerOpts.unconfinedSeccompFix("securityOpts[2]"),
                dockerOpts.unconfinedAppArmorFix("taskSpec.containerSpec.securityOpts[0]"),
                ecsOpts.disabledLabelFix("containerDefinitions[0].dockerSecurityOptions[1]"),
            ],
            [
                'add "no-new-privileges:true" to securityOpts',
                'add "no-new-privileges" to dockerSecurityOptions',
                "remove seccomp=unconfined from securityOpts",
                "remove apparmor=unconfined from securityOpts",
                "remove label=disable from dockerSecurityOptions",
            ],
        );
        // An explicit false is turned round in place (whatever the spelling); otherwise the platform's spelling is added.
        assert.deepStrictEqual(dockerOpts.disallowEscalation(["a", " No-New-Privileges = FALSE "]), [
            "a",
            "no-new-privileges:true",
        ]);
        assert.deepStrictEqual(ecsOpts.disallowEscalation(["no-new-privileges:true"]), [
            "no-new-privileges:true",
            "no-new-privileges",
        ]);
        assert.deepStrictEqual(ecsOpts.disallowEscalation([]), ["no-new-privileges"]);
        assert.strictEqual(
            k8s.templateLabels(bare("kubernetes", "VirtualMachine", { isolation: "vm" })),
            "VM template",
        );
    });

    it("platformsWhere: the kubelet-only settings exist on Kubernetes and KubeVirt", () => {
        for (const key of ["hostProbes", "procMount", "windowsHostProcess"] as const)
            assert.deepStrictEqual(platformsWhere((d) => d.psa[key]).sort(), ["kubernetes", "kubevirt"], key);
        assert.deepStrictEqual(
            platformsWhere((d) => d.psa.restrictedVolumeTypes),
            ["kubernetes"],
        );
        // AWS speaks two dialects: a platform counts only when all of its dialects have the setting.
        assert.deepStrictEqual(
            platformsWhere((d) => d.user === "docker-user"),
            ["docker"],
        );
    });
});
