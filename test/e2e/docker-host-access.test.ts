// Issue 22 over the analyzer protocol: configurations that reach the Docker host through what the engine does with a
// field (an absolute volume name, a local-driver option, volumes-from, a `container:` namespace mode, a GPU request,
// `systempaths=unconfined`), judged by the pack process as `pulumi preview` runs it: Analyze, then AnalyzeStack.
// The in-process twins that kill mutants: test/adapters/docker-host-access.test.ts and its siblings.
import * as assert from "assert";
import { EngineDiagnostic, StackResource, suitePack, UNKNOWN, urnOf } from "../harness/engine";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { Obj } from "../fixtures/kubernetes";

const DOCKER_VOLUME = "docker:index/volume:Volume";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

const exempt = (checks: string): Obj[] => [
    { label: "isolation-guard.io/exempt", value: checks },
    { label: "isolation-guard.io/exempt-reason", value: "node agent" },
    { label: "isolation-guard.io/exempt-expires", value: "2999-12-31" },
];

const container = (name: string, extra: Obj = {}): StackResource => ({
    type: DOCKER_CONTAINER,
    name,
    urn: urnOf(DOCKER_CONTAINER, name),
    properties: { ...hardenedContainer(), name, mounts: undefined, volumes: undefined, ...extra },
});
const volume = (name: string, driverOpts: Obj): StackResource => ({
    type: DOCKER_VOLUME,
    name,
    urn: urnOf(DOCKER_VOLUME, name),
    properties: { name, driver: "local", driverOpts },
});

const mandatory = (ds: EngineDiagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");
const checks = (ds: EngineDiagnostic[]) => mandatory(ds).map((d) => /\[(\w+)\]/.exec(d.message)?.[1]);
const on = (r: StackResource, ds: EngineDiagnostic[]) => ds.filter((d) => d.urn === r.urn);
const notes = (ds: EngineDiagnostic[]) => ds.filter((d) => d.message.includes("[unknownValues]"));

const EXEMPTIONS_ON = {
    "no-sensitive-host-mounts": { allowInCodeExemptions: true },
    "no-host-namespaces": { allowInCodeExemptions: true },
};
const FAIL_CLOSED = {
    "no-sensitive-host-mounts": { allowInCodeExemptions: true, unknownValues: "fail-closed" as const },
    "no-host-namespaces": { allowInCodeExemptions: true, unknownValues: "fail-closed" as const },
};

describe("issue 22 Docker host access over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    beforeEach(async () => {
        await pack().configurePack(EXEMPTIONS_ON);
    });

    describe("storage as the engine resolves it", () => {
        it("blocks volumeName /var/run/docker.sock: the daemon bind-mounts an absolute volume name", async () => {
            const c = container("web", { volumes: [{ volumeName: "/var/run/docker.sock", containerPath: "/s" }] });
            const ds = await pack().analyze(c.type, c.name, c.properties);
            assert.deepStrictEqual(checks(ds), ["sensitiveHostPath"]);
            assert.ok(mandatory(ds)[0].message.includes('volumes[0].volumeName is "/var/run/docker.sock"'));
            const named = container("web", {
                volumes: [{ volumeName: "data", hostPath: "/etc", containerPath: "/s" }],
            });
            assert.deepStrictEqual(await pack().analyze(named.type, named.name, named.properties), []);
        });

        it("blocks a local-driver Volume on the host's disk (/dev/nvme0n1p1) and an overlay writing into /etc", async () => {
            const disk = volume("disk", { type: "ext4", device: "/dev/nvme0n1p1" });
            assert.deepStrictEqual(checks(await pack().analyze(disk.type, disk.name, disk.properties)), [
                "hostDevices",
            ]);
            const overlay = volume("ov", { type: "overlay", o: "lowerdir=/srv/l,upperdir=/etc,workdir=/srv/w" });
            assert.deepStrictEqual(checks(await pack().analyze(overlay.type, overlay.name, overlay.properties)), [
                "sensitiveHostPath",
            ]);
            const tmpfs = volume("t", { type: "tmpfs", device: "tmpfs" });
            assert.deepStrictEqual(await pack().analyze(tmpfs.type, tmpfs.name, tmpfs.properties), []);
        });

        it("blocks the same options inline (mounts[].volumeOptions.driverOptions) and in an ECS task volume", async () => {
            const c = container("web", {
                mounts: [
                    {
                        type: "volume",
                        source: "ov",
                        target: "/x",
                        volumeOptions: {
                            driverOptions: { type: "overlay", o: "lowerdir=/root,upperdir=/srv/u,workdir=/srv/w" },
                        },
                    },
                ],
            });
            assert.deepStrictEqual(checks(await pack().analyze(c.type, c.name, c.properties)), ["sensitiveHostPath"]);
            const task = {
                family: "t",
                containerDefinitions: JSON.stringify([
                    { name: "app", image: "x", mountPoints: [{ sourceVolume: "v", containerPath: "/v" }] },
                ]),
                volumes: [
                    { name: "v", dockerVolumeConfiguration: { driverOpts: { type: "xfs", device: "/dev/xvdf" } } },
                ],
            };
            assert.ok(checks(await pack().analyze(TASK_DEFINITION, "t", task)).includes("hostDevices"));
        });

        it("fails closed on driver options it does not understand: a note by default, a violation under fail-closed", async () => {
            const odd = volume("odd", { type: "fuse.sshfs", device: "root@host:/" });
            const deferred = await pack().analyze(odd.type, odd.name, odd.properties);
            assert.deepStrictEqual(checks(deferred), []);
            assert.ok(notes(deferred).some((d) => d.message.includes("driverOpts.type")));
            await pack().configurePack(FAIL_CLOSED);
            assert.deepStrictEqual(checks(await pack().analyze(odd.type, odd.name, odd.properties)), [
                "sensitiveHostPath",
            ]);
        });

        it("blocks volumes-from an exempted agent that mounts the Docker socket (AnalyzeStack)", async () => {
            const agent = container("agent", {
                volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }],
                labels: exempt("sensitiveHostPath"),
            });
            const thief = container("thief", { volumes: [{ fromContainer: "agent" }] });
            const { resource, stack } = await pack().analyzeAll([agent, thief]);
            assert.deepStrictEqual(checks(resource), []);
            assert.ok(notes(resource).some((d) => d.message.includes("volumes[0].fromContainer")));
            assert.deepStrictEqual(checks(on(thief, stack)), ["sensitiveHostPath"]);
            assert.ok(mandatory(on(thief, stack))[0].message.includes('through Container "agent"'));
        });

        it("fails closed on volumes-from a container not in the stack", async () => {
            const thief = container("thief", { volumes: [{ fromContainer: "somewhere" }] });
            assert.deepStrictEqual(checks((await pack().analyzeAll([thief])).stack), []);
            await pack().configurePack(FAIL_CLOSED);
            const { resource, stack } = await pack().analyzeAll([thief]);
            // Analyze cannot know yet: a note even fail-closed; the stack pass can, and cannot resolve it.
            assert.deepStrictEqual(checks(resource), []);
            assert.deepStrictEqual(checks(stack), ["sensitiveHostPath"]);
        });
    });

    describe("namespace inheritance", () => {
        it("blocks pidMode container:agent when the (exempted) agent shares the host's PID namespace", async () => {
            const agent = container("agent", { pidMode: "host", labels: exempt("hostNamespaces") });
            const joiner = container("joiner", { pidMode: "container:agent" });
            const { resource, stack } = await pack().analyzeAll([agent, joiner]);
            assert.deepStrictEqual(checks(resource), []);
            assert.deepStrictEqual(checks(on(joiner, stack)), ["hostNamespaces"]);
            assert.ok(
                mandatory(on(joiner, stack))[0].message.includes('pidMode=container:agent (through Container "agent")'),
            );
            const own = container("agent", { labels: exempt("hostNamespaces") });
            assert.deepStrictEqual(checks((await pack().analyzeAll([own, joiner])).stack), []);
        });

        it("fails closed on networkMode container:<name> not in the stack, or whose mode is unknown", async () => {
            const joiner = container("joiner", { networkMode: "container:vpn" });
            const vpn = container("vpn", { networkMode: UNKNOWN });
            assert.ok(notes((await pack().analyzeAll([joiner])).stack).length > 0);
            await pack().configurePack(FAIL_CLOSED);
            assert.deepStrictEqual(checks((await pack().analyzeAll([joiner])).stack), ["hostNamespaces"]);
            assert.deepStrictEqual(checks(on(joiner, (await pack().analyzeAll([vpn, joiner])).stack)), [
                "hostNamespaces",
            ]);
        });
    });
    describe("devices, system paths, sysctls and daemons", () => {
        it("blocks Docker gpus=all and an ECS GPU resource requirement (NVIDIA toolkit escapes)", async () => {
            const c = container("trainer", { gpus: "all" });
            const ds = await pack().analyze(c.type, c.name, c.properties);
            assert.deepStrictEqual(checks(ds), ["hostDevices"]);
            assert.ok(mandatory(ds)[0].message.includes("CVE-2024-0132, CVE-2025-23266"), mandatory(ds)[0].message);
            const task = {
                family: "t",
                networkMode: "awsvpc",
                containerDefinitions: JSON.stringify([
                    { name: "app", image: "x", user: "1000", resourceRequirements: [{ type: "GPU", value: "1" }] },
                ]),
            };
            assert.ok(checks(await pack().analyze(TASK_DEFINITION, "t", task)).includes("hostDevices"));
        });

        it("blocks securityOpts systempaths=unconfined as an unmasked /proc", async () => {
            const c = container("web", { securityOpts: ["no-new-privileges:true", "systempaths=unconfined"] });
            const ds = await pack().analyze(c.type, c.name, c.properties);
            assert.deepStrictEqual(checks(ds), ["procMount"]);
            assert.ok(mandatory(ds)[0].message.includes("remove systempaths=unconfined from securityOpts"));
        });

        it("passes namespaced Docker sysctls, and blocks a net.* sysctl under host networking", async () => {
            const ok = container("web", { sysctls: { "net.core.somaxconn": "1024", "kernel.shm_rmid_forced": "1" } });
            assert.deepStrictEqual(await pack().analyze(ok.type, ok.name, ok.properties), []);
            const host = container("web", { sysctls: { "net.ipv4.ip_forward": "1" } });
            const ds = await pack().analyze(host.type, host.name, { ...host.properties, networkMode: "host" });
            assert.deepStrictEqual(checks(ds).sort(), ["hostNamespaces", "sysctls"]);
        });

        it("compares Docker hosts by daemon: unix:///run/docker.sock is the default daemon's socket", async () => {
            const provider = (name: string, host: string) => ({
                type: "pulumi:providers:docker",
                name,
                urn: urnOf("pulumi:providers:docker", name),
                properties: { host },
            });
            const tenant = (t: string, host: string): StackResource => ({
                ...container(`${t}-web`, {
                    labels: [
                        { label: "tenancy", value: "multi-tenant" },
                        { label: "tenant", value: t },
                    ],
                }),
                provider: provider(t, host),
            });
            const { stack } = await pack().analyzeAll([
                tenant("acme", "unix:///var/run/docker.sock"),
                tenant("globex", "unix:///run/docker.sock"),
            ]);
            assert.deepStrictEqual(checks(stack), ["tenantSharedHost", "tenantSharedHost"]);
            const apart = await pack().analyzeAll([tenant("acme", "tcp://a:2376"), tenant("globex", "tcp://b:2376/")]);
            assert.deepStrictEqual(checks(apart.stack), []);
        });
    });
});
