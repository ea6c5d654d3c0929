// Workload model → OCI spec, without running anything: the capability arithmetic of each platform, no_new_privs
// defaults, users, namespaces, seccomp, and the guard that keeps every real host path out of a container.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { toWorkloads } from "../../adapters";
import { JsonObject } from "../../model/read";
import { decodeCapabilityMask } from "../../verify/capabilities";
import { OciSpec } from "../../verify/oci";
import { resolveRuntime } from "../../verify/runtime";
import { assertOnlyStandIns, buildSpec, ContainerPlan } from "../../verify/spec";
import { HostPathRefused, MARKER_FILE, StandInRoot } from "../../verify/standins";
import { oracleCorpus } from "./corpus";
import { stackModelOf } from "../../adapters/stack";

function pod(container: JsonObject, spec: JsonObject = {}): JsonObject {
    return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p" },
        spec: { ...spec, containers: [{ name: "c", image: "x", ...container }] },
    };
}

describe("verify: workload → OCI runtime spec", () => {
    let standIns: StandInRoot;
    beforeEach(() => (standIns = new StandInRoot()));
    afterEach(() => standIns.remove());
    const ctx = () => ({ standIns, hostDevices: () => [] });
    const plan = (type: string, props: JsonObject): ContainerPlan => {
        const [w] = toWorkloads(type, "r", props);
        return buildSpec(w, w.containers[0], ctx());
    };
    const k8s = (container: JsonObject, spec?: JsonObject) => plan("kubernetes:core/v1:Pod", pod(container, spec));
    const docker = (props: JsonObject) => plan("docker:index/container:Container", { name: "d", image: "x", ...props });
    const caps = (p: ContainerPlan) => (p.spec as OciSpec).process.capabilities.bounding.map((c) => c.slice(4)).sort();

    it("computes capabilities as containerd does for Kubernetes (adds, then drops) and as Docker does (adds win)", () => {
        assert.deepStrictEqual(
            caps(k8s({ securityContext: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } })),
            ["NET_BIND_SERVICE"],
        );
        assert.ok(
            !caps(k8s({ securityContext: { capabilities: { add: ["SYS_ADMIN"], drop: ["SYS_ADMIN"] } } })).includes(
                "SYS_ADMIN",
            ),
        );
        assert.ok(caps(docker({ capabilities: { adds: ["SYS_ADMIN"], drops: ["SYS_ADMIN"] } })).includes("SYS_ADMIN"));
        assert.strictEqual(caps(k8s({})).length, 14);
        assert.ok(!caps(k8s({ securityContext: { capabilities: { drop: ["NET_RAW"] } } })).includes("NET_RAW"));
        const all = caps(k8s({ securityContext: { privileged: true } }));
        assert.ok(all.length > 30 && all.includes("SYS_ADMIN"), all.join());
        assert.deepStrictEqual(caps(k8s({ securityContext: { capabilities: { add: ["ALL"], drop: ["ALL"] } } })), []);
        assert.ok(!caps(docker({ capabilities: { adds: ["ALL"], drops: ["SYS_ADMIN"] } })).includes("SYS_ADMIN"));
    });

    it("sets no_new_privs only for allowPrivilegeEscalation: false, as Kubernetes and Docker do by default", () => {
        const nnp = (p: ContainerPlan) => (p.spec as OciSpec).process.noNewPrivileges;
        assert.strictEqual(nnp(k8s({})), false);
        assert.strictEqual(nnp(k8s({ securityContext: { allowPrivilegeEscalation: false } })), true);
        assert.strictEqual(nnp(docker({})), false);
        assert.strictEqual(nnp(docker({ securityOpts: ["no-new-privileges"] })), true);
        // The API server rejects false with privileged or CAP_SYS_ADMIN: no container to measure.
        assert.match(
            k8s({ securityContext: { allowPrivilegeEscalation: false, privileged: true } }).refused ?? "",
            /API server/,
        );
    });

    it("runs as the user the platform would, and refuses runAsNonRoot with a root user as the kubelet does", () => {
        assert.deepStrictEqual(k8s({ securityContext: { runAsUser: 1000 } }).spec?.process.user, { uid: 1000, gid: 0 });
        assert.deepStrictEqual(k8s({}, { securityContext: { runAsUser: 7 } }).spec?.process.user, { uid: 7, gid: 0 });
        assert.match(k8s({ securityContext: { runAsNonRoot: true } }).refused ?? "", /kubelet/);
        assert.deepStrictEqual(docker({ user: "101:102" }).spec?.process.user, { uid: 101, gid: 102 });
        const nonRoot = k8s({ securityContext: { runAsUser: 1000 } }).spec as OciSpec;
        assert.deepStrictEqual(nonRoot.process.capabilities.effective, []);
    });

    it("leaves host namespaces out of linux.namespaces; hostNetwork takes the host's UTS too", () => {
        const ns = (p: ContainerPlan) => (p.spec as OciSpec).linux.namespaces.map((n) => n.type).sort();
        assert.deepStrictEqual(ns(k8s({})), ["cgroup", "ipc", "mount", "network", "pid", "uts"]);
        assert.deepStrictEqual(ns(k8s({}, { hostPID: true, hostNetwork: true })), ["cgroup", "ipc", "mount"]);
        assert.deepStrictEqual(ns(k8s({}, { hostUsers: false })), [
            "cgroup",
            "ipc",
            "mount",
            "network",
            "pid",
            "user",
            "uts",
        ]);
        assert.deepStrictEqual(ns(docker({ ipcMode: "host", cgroupnsMode: "host" })), [
            "mount",
            "network",
            "pid",
            "uts",
        ]);
    });

    it("applies the default seccomp profile for RuntimeDefault (and Docker's unset), none for Unconfined or privileged", () => {
        const has = (p: ContainerPlan) => (p.spec as OciSpec).linux.seccomp !== undefined;
        assert.strictEqual(has(k8s({})), false);
        assert.strictEqual(has(k8s({}, { securityContext: { seccompProfile: { type: "RuntimeDefault" } } })), true);
        assert.strictEqual(has(k8s({ securityContext: { seccompProfile: { type: "Unconfined" } } })), false);
        assert.strictEqual(
            has(k8s({ securityContext: { privileged: true, seccompProfile: { type: "RuntimeDefault" } } })),
            false,
        );
        assert.strictEqual(has(docker({})), true);
        assert.strictEqual(has(docker({ securityOpts: ["seccomp=unconfined"] })), false);
    });

    it("masks /proc paths unless procMount: Unmasked or privileged; read-only root from readOnlyRootFilesystem", () => {
        const spec = (p: ContainerPlan) => p.spec as OciSpec;
        assert.ok(spec(k8s({})).linux.maskedPaths?.includes("/proc/kcore"));
        assert.deepStrictEqual(spec(k8s({ securityContext: { procMount: "Unmasked" } })).linux.maskedPaths, []);
        assert.strictEqual(spec(k8s({ securityContext: { readOnlyRootFilesystem: true } })).root.readonly, true);
    });

    it("binds a stand-in with a marker for every host path, never the host path itself", () => {
        const p = k8s(
            { volumeMounts: [{ name: "sock", mountPath: "/var/run/docker.sock", readOnly: true }] },
            { volumes: [{ name: "sock", hostPath: { path: "/var/run/docker.sock" } }] },
        );
        const binds = (p.spec as OciSpec).mounts.filter((m) => m.type === "bind");
        assert.strictEqual(binds.length, 1);
        assert.notStrictEqual(binds[0].source, "/var/run/docker.sock");
        assert.ok(binds[0].source.startsWith(standIns.root + path.sep));
        assert.ok(binds[0].options?.includes("ro"));
        assert.strictEqual(fs.readFileSync(path.join(binds[0].source, MARKER_FILE), "utf8"), "/var/run/docker.sock\n");
        assert.deepStrictEqual(p.standIns, [
            { hostPath: "/var/run/docker.sock", destination: "/var/run/docker.sock", readOnly: true },
        ]);
    });

    it("the guard refuses any bind source outside the stand-in root, symlinks included", () => {
        const spec = k8s({}).spec as OciSpec;
        for (const source of ["/", "/etc", "/var/run/docker.sock", `${standIns.root}/../..`, "/nonexistent"]) {
            const bad = {
                ...spec,
                mounts: [...spec.mounts, { destination: "/x", type: "bind", source, options: ["rbind"] }],
            };
            assert.throws(() => assertOnlyStandIns(bad, standIns), HostPathRefused, source);
        }
        const link = path.join(standIns.root, "escape");
        fs.symlinkSync("/etc", link);
        const viaLink = { ...spec, mounts: [{ destination: "/x", type: "none", source: link, options: ["bind"] }] };
        assert.throws(() => assertOnlyStandIns(viaLink, standIns), HostPathRefused);
    });

    it("no spec built for the oracle corpus binds anything but a stand-in", () => {
        const corpus = oracleCorpus();
        let binds = 0;
        for (const r of corpus) {
            for (const w of toWorkloads(r.type, r.name, r.props)) {
                for (const c of w.containers) {
                    const s = buildSpec(w, c, ctx()).spec;
                    for (const m of s?.mounts ?? []) {
                        if (m.type !== "bind" && !m.options?.includes("rbind")) continue;
                        binds++;
                        assert.ok(fs.realpathSync(m.source).startsWith(standIns.root + path.sep), m.source);
                    }
                }
            }
        }
        assert.ok(binds > 50, `only ${binds} binds`);
    });

    it("decodes /proc/self/status capability masks", () => {
        assert.deepStrictEqual(decodeCapabilityMask("0000000000000400"), ["NET_BIND_SERVICE"]);
        assert.deepStrictEqual(decodeCapabilityMask("00000000a80425fb").length, 14);
        assert.deepStrictEqual(decodeCapabilityMask("0"), []);
    });

    it("takes the runtime from the RuntimeClass handler, --runtime-map, or Docker runtime; runc by default", () => {
        const resources = [
            {
                urn: "rc",
                type: "kubernetes:node.k8s.io/v1:RuntimeClass",
                name: "gvisor",
                props: { metadata: { name: "gvisor" }, handler: "runsc" },
            },
            { urn: "a", type: "kubernetes:core/v1:Pod", name: "a", props: pod({}, { runtimeClassName: "gvisor" }) },
            { urn: "b", type: "kubernetes:core/v1:Pod", name: "b", props: pod({}, { runtimeClassName: "kata" }) },
            { urn: "c", type: "kubernetes:core/v1:Pod", name: "c", props: pod({}) },
            {
                urn: "d",
                type: "docker:index/container:Container",
                name: "d",
                props: { name: "d", image: "x", runtime: "io.containerd.runsc.v1" },
            },
        ];
        const stack = stackModelOf(resources);
        const w = (urn: string) => stack.workloads.find((x) => x.urn === urn)!.workload;
        assert.strictEqual(resolveRuntime(w("a"), stack, new Map()).runtime, "runsc");
        assert.match(resolveRuntime(w("b"), stack, new Map()).unavailable ?? "", /--runtime-map kata=RUNTIME/);
        assert.strictEqual(resolveRuntime(w("b"), stack, new Map([["kata", "runc"]])).runtime, "runc");
        assert.strictEqual(resolveRuntime(w("a"), stack, new Map([["gvisor", "runc"]])).runtime, "runc");
        assert.strictEqual(resolveRuntime(w("c"), stack, new Map()).runtime, "runc");
        assert.strictEqual(resolveRuntime(w("d"), stack, new Map()).runtime, "runsc");
    });

    it("an ECS task on EC2 runs under Docker's runc (its launch type is no RuntimeClass); one on Fargate is a VM", () => {
        const task = (urn: string, requiresCompatibilities: string[]) => ({
            urn,
            type: "aws:ecs/taskDefinition:TaskDefinition",
            name: urn,
            props: { family: urn, requiresCompatibilities, containerDefinitions: '[{"name":"app","image":"x"}]' },
        });
        const stack = stackModelOf([task("ec2", ["EC2"]), task("fargate", ["FARGATE"])]);
        const w = (urn: string) => stack.workloads.find((x) => x.urn === urn)!.workload;
        assert.deepStrictEqual(resolveRuntime(w("ec2"), stack, new Map()), { name: "runc", runtime: "runc" });
        assert.strictEqual(resolveRuntime(w("ec2"), stack, new Map([["EC2", "runsc"]])).runtime, "runsc");
        assert.deepStrictEqual(resolveRuntime(w("fargate"), stack, new Map()), {
            name: "vm",
            unavailable: "a virtual machine, not a container",
        });
    });
});
