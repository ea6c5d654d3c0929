// Issue 22, in process, parts 3 to 6: GPU requests are host devices, Docker's unmasked system paths are an unmasked
// /proc, Docker and ECS sysctls are judged by what reaches the host, and Docker hosts compare by daemon identity.
// Each test names the escape it blocks (or the false positive it removes) next to its twin. Over the analyzer
// protocol: test/e2e/docker-host-access.test.ts.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { daemonIdentity } from "../../adapters/docker/stack";
import { sysctlNamespace } from "../../engine/namespacedSysctls";
import { dialectNamed } from "../../engine/dialect";
import { Diagnostic } from "../../engine/types";
import { judge, judgeStack } from "../helpers";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { JOB_DEFINITION, TASK_DEFINITION, hardenedContainerDefinition, hostRootBatchJob } from "../fixtures/aws";
import { POD, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { dockerProvider, tenantContainer } from "../fixtures/multitenancy";
import { UNKNOWN } from "../harness/engine";

const only = (ds: Diagnostic[], check: string) => ds.filter((d) => d.check === check && !d.advisory);
const containerWith = (extra: Obj) => ({ ...hardenedContainer(), ...extra });
const task = (container: Obj, extra: Obj = {}) => ({
    family: "t",
    networkMode: "awsvpc",
    containerDefinitions: JSON.stringify([{ ...hardenedContainerDefinition("app"), ...container }]),
    ...extra,
});

describe("issue 22: GPU and device requests are host device passthrough", () => {
    it("blocks the escape: Docker gpus=all hands the host's GPUs to the NVIDIA toolkit (CVE-2024-0132, CVE-2025-23266)", () => {
        const w = toWorkloads(DOCKER_CONTAINER, "res", containerWith({ gpus: "all" }))[0];
        assert.deepStrictEqual(
            w.volumes.filter((v) => v.device),
            [
                {
                    name: "all",
                    types: ["device"],
                    readOnly: false,
                    device: true,
                    container: "web",
                    path: "gpus",
                    how: "device-request",
                },
            ],
        );
        const ds = only(judge(DOCKER_CONTAINER, containerWith({ gpus: "all" })), "hostDevices");
        assert.deepStrictEqual(
            ds.map((d) => d.message),
            [
                `[hostDevices] Container "web" must not request host GPUs: the NVIDIA container toolkit mounts the host's GPU devices and driver files into it (CVE-2024-0132, CVE-2025-23266): gpus is "all"; remove the device; use a device plugin or a dedicated VM for hardware access`,
            ],
        );
        assert.deepStrictEqual(
            only(judge(DOCKER_CONTAINER, containerWith({ gpus: "device=0" })), "hostDevices").length,
            1,
        );
    });

    it("its twins: no gpus, or an empty one, requests nothing; an unknown one is noted", () => {
        for (const gpus of [undefined, "", "  "])
            assert.deepStrictEqual(judge(DOCKER_CONTAINER, containerWith({ gpus })), [], String(gpus));
        const ds = judge(DOCKER_CONTAINER, containerWith({ gpus: UNKNOWN }));
        assert.deepStrictEqual(
            ds.map((d) => [d.check, d.advisory]),
            [["unknownValues", true]],
        );
        assert.ok(ds[0].message.includes("gpus"));
    });

    it("blocks the escape: an ECS container's resourceRequirements of type GPU (any case); VCPU and memory are no device", () => {
        const gpu = task({
            resourceRequirements: [
                { type: "VCPU", value: "1" },
                { type: " gpu ", value: "2" },
            ],
        });
        const ds = only(judge(TASK_DEFINITION, gpu), "hostDevices");
        assert.strictEqual(ds.length, 1);
        assert.ok(
            ds[0].message.includes('containerDefinitions[0].resourceRequirements[1].value is "2"'),
            ds[0].message,
        );
        assert.ok(ds[0].message.includes("CVE-2025-23266"));
        const cpu = task({
            resourceRequirements: [
                { type: "VCPU", value: "1" },
                { type: "MEMORY", value: "512" },
            ],
        });
        assert.deepStrictEqual(only(judge(TASK_DEFINITION, cpu), "hostDevices"), []);
        // A GPU request whose count is unknown is still a GPU request.
        const unknownCount = task({ resourceRequirements: [{ type: "GPU", value: UNKNOWN }] });
        assert.deepStrictEqual(
            toWorkloads(TASK_DEFINITION, "t", unknownCount)[0].volumes.map((v) => [v.how, v.name]),
            [["device-request", ""]],
        );
    });

    it("an ECS GPU requirement whose type or value is unreadable is routed to hostDevices", () => {
        const unknownType = task({ resourceRequirements: [{ type: UNKNOWN, value: "1" }] });
        const w = toWorkloads(TASK_DEFINITION, "t", unknownType)[0];
        assert.deepStrictEqual(
            w.issues.map((i) => [i.kind, i.field, i.path]),
            [["unknown", "devices", "containerDefinitions[0].resourceRequirements[0].type"]],
        );
        const malformedValue = task({ resourceRequirements: [{ type: "GPU", value: 1 }] });
        assert.deepStrictEqual(
            toWorkloads(TASK_DEFINITION, "t", malformedValue)[0].issues.map((i) => [i.kind, i.field, i.path]),
            [["malformed", "devices", "containerDefinitions[0].resourceRequirements[0].value"]],
        );
        const notAList = task({ resourceRequirements: "GPU" });
        assert.deepStrictEqual(
            toWorkloads(TASK_DEFINITION, "t", notAList)[0].issues.map((i) => [i.kind, i.field, i.path]),
            [["malformed", "devices", "containerDefinitions[0].resourceRequirements"]],
        );
        // A requirement with no type is no GPU.
        assert.deepStrictEqual(
            toWorkloads(TASK_DEFINITION, "t", task({ resourceRequirements: [{ value: "1" }] }))[0].volumes,
            [],
        );
    });

    it("an ECS task volume's unknown driver is routed to the host path checks", () => {
        const t = task(
            {},
            {
                volumes: [
                    {
                        name: "v",
                        dockerVolumeConfiguration: { driver: UNKNOWN, driverOpts: { o: "bind", device: "/etc" } },
                    },
                ],
            },
        );
        assert.deepStrictEqual(
            toWorkloads(TASK_DEFINITION, "t", t)[0].issues.map((i) => [i.kind, i.field, i.path]),
            [["unknown", "hostPath", "volumes[0].dockerVolumeConfiguration.driver"]],
        );
    });

    it("blocks the escape: a Batch job's container properties asking for a GPU", () => {
        const job = hostRootBatchJob();
        const props = JSON.parse(job.containerProperties as string) as Obj;
        props.volumes = [];
        props.mountPoints = [];
        props.resourceRequirements = [{ type: "GPU", value: "1" }];
        const ds = only(judge(JOB_DEFINITION, { ...job, containerProperties: JSON.stringify(props) }), "hostDevices");
        assert.strictEqual(ds.length, 1, JSON.stringify(ds.map((d) => d.message)));
    });
});

describe("issue 22: Docker's unmasked system paths are an unmasked /proc", () => {
    it("blocks the escape: securityOpts systempaths=unconfined leaves /proc/sys writable (procMount's meaning)", () => {
        const c = containerWith({ securityOpts: ["no-new-privileges:true", "systempaths=unconfined"] });
        const w = toWorkloads(DOCKER_CONTAINER, "res", c)[0];
        assert.strictEqual(w.containers[0].security.procMount, "Unmasked");
        assert.deepStrictEqual(w.containers[0].security.procMountSource, {
            path: "securityOpts[1]",
            value: "systempaths=unconfined",
        });
        assert.deepStrictEqual(
            only(judge(DOCKER_CONTAINER, c), "procMount").map((d) => d.message),
            [
                '[procMount] Container "web" must not unmask /proc and /sys (a writable /proc/sys reaches the host\'s kernel settings): securityOpts[1] is "systempaths=unconfined"; remove systempaths=unconfined from securityOpts',
            ],
        );
        // The legacy `key:value` spelling and any case mean the same to dockerd.
        assert.strictEqual(
            only(judge(DOCKER_CONTAINER, containerWith({ securityOpts: ["SystemPaths:Unconfined"] })), "procMount")
                .length,
            1,
        );
        // The restricted twin (PSS v1.35+) reports it too, once.
        const restricted = { "kernel-hardening": { pssVersion: "v1.35", checks: { procMount_restricted: true } } };
        assert.deepStrictEqual(
            judge(DOCKER_CONTAINER, c, restricted)
                .filter((d) => d.check.startsWith("procMount") && !d.advisory)
                .map((d) => d.check),
            ["procMount"],
        );
    });

    it("its twins: no option passes; any other value is refused by dockerd and fails closed as malformed", () => {
        assert.deepStrictEqual(only(judge(DOCKER_CONTAINER, hardenedContainer()), "procMount"), []);
        const odd = only(judge(DOCKER_CONTAINER, containerWith({ securityOpts: ["systempaths=open"] })), "procMount");
        assert.strictEqual(odd.length, 1);
        assert.ok(odd[0].message.includes("cannot interpret"), odd[0].message);
    });

    it("only Docker's dialect unmasks /proc on an option: ECS passes the option to no procMount check", () => {
        assert.strictEqual(dialectNamed("docker")?.unmaskedProcOption, true);
        for (const name of ["kubernetes", "kubevirt", "ecs", "aws", "gcp", "azure"] as const)
            assert.strictEqual(dialectNamed(name)?.unmaskedProcOption, false, name);
        assert.strictEqual(
            dialectNamed("docker")?.securityOptions?.unconfinedSystemPathsFix(
                "containerDefinitions[0].dockerSecurityOptions[2]",
            ),
            "remove systempaths=unconfined from dockerSecurityOptions",
        );
        const ecs = task({ dockerSecurityOptions: ["no-new-privileges", "systempaths=unconfined"] });
        assert.deepStrictEqual(only(judge(TASK_DEFINITION, ecs), "procMount"), []);
    });
});

describe("issue 22: Docker and ECS sysctls are judged by what reaches the host", () => {
    const sysctls = (ds: Diagnostic[]) => only(ds, "sysctls").map((d) => d.message);

    it("removes the false positive: namespaced sysctls (net.*, kernel.shm*, fs.mqueue.*) pass on Docker and ECS", () => {
        const c = containerWith({
            sysctls: {
                "net.core.somaxconn": "1024",
                "kernel.shm_rmid_forced": "1",
                "fs.mqueue.msg_max": "20",
                "kernel.domainname": "x",
            },
        });
        assert.deepStrictEqual(sysctls(judge(DOCKER_CONTAINER, c)), []);
        const ecs = task({ systemControls: [{ namespace: "net.ipv4.tcp_keepalive_time", value: "60" }] });
        assert.deepStrictEqual(sysctls(judge(TASK_DEFINITION, ecs)), []);
    });

    it("blocks the escape: a net.* sysctl under host networking sets the host's network stack", () => {
        const c = containerWith({ networkMode: "host", sysctls: { "net.ipv4.ip_forward": "1" } });
        assert.deepStrictEqual(sysctls(judge(DOCKER_CONTAINER, c)), [
            '[sysctls] Container "web" must not set sysctls that reach the host\'s kernel (net.ipv4.ip_forward: in the host\'s network namespace): sysctls.net.ipv4.ip_forward is "net.ipv4.ip_forward"; remove them; the runtime takes only namespaced sysctls (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.*), and only in a namespace of the container\'s own',
        ]);
        const ecs = task({ systemControls: [{ namespace: "kernel.msgmax", value: "1" }] }, { ipcMode: "host" });
        assert.deepStrictEqual(
            only(judge(TASK_DEFINITION, ecs), "sysctls").map((d) =>
                d.message.includes("kernel.msgmax: in the host's ipc namespace"),
            ),
            [true],
        );
    });

    it("blocks the escape: a sysctl the kernel keeps for the whole host (vm.*, kernel.core_pattern, kernel.hostname)", () => {
        for (const name of ["vm.overcommit_memory", "kernel.core_pattern", "kernel.hostname", "net."]) {
            const ds = sysctls(judge(DOCKER_CONTAINER, containerWith({ sysctls: { [name]: "1" } })));
            assert.strictEqual(ds.length, 1, name);
            assert.ok(ds[0].includes(`${name}: not namespaced`), ds[0]);
        }
        const s = hardenedService();
        s.taskSpec.containerSpec.sysctl = { "kernel.panic": "1" };
        assert.strictEqual(sysctls(judge(DOCKER_SERVICE, s)).length, 1);
    });

    it("keeps Kubernetes on the PSS safe list: net.core.somaxconn is unsafe there, and the value check applies everywhere", () => {
        const spec = hardenedPodSpec();
        spec.securityContext.sysctls = [{ name: "net.core.somaxconn", value: "1024" }];
        assert.deepStrictEqual(
            only(judge(POD.type, POD.wrap(spec)), "sysctls").map((d) => d.message.includes("unsafe sysctls")),
            [true],
        );
        const smuggled = containerWith({ sysctls: { "kernel.shm_rmid_forced": "1+kernel.core_pattern=|/x" } });
        assert.ok(sysctls(judge(DOCKER_CONTAINER, smuggled))[0].includes("CVE-2022-0811"));
        assert.strictEqual(dialectNamed("kubernetes")?.sysctls, "pss-safe-list");
        assert.strictEqual(dialectNamed("docker")?.sysctls, "runtime-namespaces");
        assert.strictEqual(dialectNamed("ecs")?.sysctls, "runtime-namespaces");
        assert.strictEqual(dialectNamed("aws")?.sysctls, "pss-safe-list");
    });

    it("knows each of runc's namespaced sysctls by its namespace", () => {
        for (const name of ["msgmax", "msgmnb", "msgmni", "sem", "shmall", "shmmax", "shmmni", "shm_rmid_forced"])
            assert.strictEqual(sysctlNamespace(`kernel.${name}`), "ipc", name);
        assert.strictEqual(sysctlNamespace("fs.mqueue.msg_max"), "ipc");
        assert.strictEqual(sysctlNamespace("net.core.somaxconn"), "network");
        assert.strictEqual(sysctlNamespace("kernel.domainname"), "uts");
    });

    it("names each sysctl's namespace from runc's list (exact names and trees)", () => {
        assert.strictEqual(sysctlNamespace("net.ipv4.ip_forward"), "network");
        assert.strictEqual(sysctlNamespace(" fs.mqueue.queues_max "), "ipc");
        assert.strictEqual(sysctlNamespace("kernel.sem"), "ipc");
        assert.strictEqual(sysctlNamespace("kernel.domainname"), "uts");
        for (const name of ["net.", "net", "fs.mqueue.", "kernel.semx", "kernel.hostname", "network.x"])
            assert.strictEqual(sysctlNamespace(name), undefined, name);
    });
});

describe("issue 22: Docker hosts compare by daemon identity", () => {
    it("unix:///var/run/docker.sock and unix:///run/docker.sock are one daemon: two tenants there share it", () => {
        const a = dockerProvider("a", "unix:///var/run/docker.sock");
        const b = dockerProvider("b", "unix:///run/docker.sock");
        const { stack } = judgeStack([tenantContainer("acme", undefined, a), tenantContainer("globex", undefined, b)]);
        const shared = stack.filter((d) => d.check === "tenantSharedHost");
        assert.strictEqual(shared.length, 2);
        assert.ok(shared[0].message.includes('Docker host "unix:///var/run/docker.sock"'), shared[0].message);
        // And the default provider is that daemon too.
        assert.strictEqual(
            judgeStack([tenantContainer("acme", undefined, b), tenantContainer("globex")]).stack.filter(
                (d) => d.check === "tenantSharedHost",
            ).length,
            2,
        );
    });

    it("tcp://h:2376 and TCP://H:2376/ are one daemon; another port or host is another", () => {
        const pair = (h1: string, h2: string) =>
            judgeStack([
                tenantContainer("acme", undefined, dockerProvider("a", h1)),
                tenantContainer("globex", undefined, dockerProvider("b", h2)),
            ]).stack.filter((d) => d.check === "tenantSharedHost").length;
        assert.strictEqual(pair("tcp://h:2376", "TCP://H:2376/"), 2);
        assert.strictEqual(pair("tcp://h:2376", "tcp://h:2375"), 0);
        assert.strictEqual(pair("tcp://h:2376", "tcp://g:2376"), 0);
    });

    it("normalizes a daemon address as the Docker client parses it", () => {
        for (const [host, identity] of [
            ["unix:///var/run/docker.sock", "unix:///var/run/docker.sock"],
            ["unix:///run/docker.sock", "unix:///var/run/docker.sock"],
            ["UNIX:///run//./docker.sock", "unix:///var/run/docker.sock"],
            ["unix:///var/run/../run/docker.sock", "unix:///var/run/docker.sock"],
            ["unix:///run", "unix:///var/run"],
            ["unix:///runner/docker.sock", "unix:///runner/docker.sock"],
            ["unix:///home/u/.docker/run/docker.sock", "unix:///home/u/.docker/run/docker.sock"],
            ["tcp://Host:2376//", "tcp://host:2376"],
            ["ssh://Ops@Host-A/", "ssh://Ops@host-a"],
            ["ssh://ops@host/path/X", "ssh://ops@host/path/X"],
            ["npipe:////./pipe/docker_engine", "npipe:////./pipe/docker_engine"],
            ["not-a-url/", "not-a-url"],
            ["not/a/url//", "not/a/url"],
            ["my tcp://H/", "my tcp://H"],
            ["ssh://a/@H", "ssh://a/@h"],
        ] as const)
            assert.strictEqual(daemonIdentity(host), identity, host);
    });
});
