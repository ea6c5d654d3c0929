// Every entry of the default sensitive-path and runtime-socket lists, every normalization rule, and every
// malformed/unknown path pinned by its verdict (issue 15). The lists are written out here on purpose: they are the
// spec, so removing an entry from engine/hostpaths.ts must fail a test, not just change the docs.
import * as assert from "assert";
import { POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { judge, PackConfig } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const DEFAULT_SENSITIVE = [
    "/",
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib64",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/sys",
    "/usr",
    "/var/run",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/var/lib/containers",
    "/var/lib/kubelet",
    "/etc/kubernetes",
];

const RUNTIME_SOCKETS = [
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
    "podman.sock",
    "dockershim.sock",
    "cri-containerd.sock",
    "frakti.sock",
    "rktlet.sock",
    "kata.sock",
    "buildkitd.sock",
];

function podWith(volumes: unknown): Record<string, unknown> {
    const spec = hardenedPodSpec();
    spec.volumes = volumes;
    return POD.wrap(spec);
}

/** The sensitiveHostPath messages for a pod mounting `path` from the host. */
function messages(path: string, config: PackConfig = {}): string[] {
    const spec = hardenedPodSpec();
    spec.volumes.push({ name: "host", hostPath: { path } });
    spec.containers[0].volumeMounts.push({ name: "host", mountPath: "/host" });
    return judge(POD.type, POD.wrap(spec), config)
        .filter((d) => d.check === "sensitiveHostPath")
        .map((d) => d.message);
}

const one = (path: string, config: PackConfig = {}): string => {
    const ms = messages(path, config);
    assert.strictEqual(ms.length, 1, `${path}: ${ms.join(" | ")}`);
    return ms[0];
};

describe("sensitiveHostPath: every default entry and rule pinned", () => {
    describe("default sensitive host paths", () => {
        // /etc/kubernetes lies inside /etc, which comes first and so is the entry named (the list's first "under"
        // match wins); its own entry documents intent and changes no verdict.
        const named = (p: string) => (p === "/etc/kubernetes" ? "/etc" : p);
        for (const p of DEFAULT_SENSITIVE) {
            it(`${p} itself is a sensitive host path`, () => {
                const expected = named(p) === p ? "a sensitive host path" : `inside sensitive host path ${named(p)}`;
                assert.match(one(p), new RegExp(`must not mount ${expected}:`));
            });
            if (p !== "/") {
                it(`a path inside ${p} names ${named(p)}`, () => {
                    assert.match(one(`${p}/x`), new RegExp(`must not mount inside sensitive host path ${named(p)}:`));
                });
            }
        }

        it("an ancestor of a listed path names the first listed path under it", () => {
            assert.match(one("/var"), /must not mount an ancestor of sensitive host path \/var\/run:/);
            assert.match(one("/var/lib"), /an ancestor of sensitive host path \/var\/lib\/docker:/);
        });

        it("paths beside the listed ones are not sensitive (segment-wise, and `/` is not an ancestor of all)", () => {
            for (const p of ["/opt/app", "/srv/home", "/var/log/app", "/var/lib/app", "/usrx", "/srv/run", "/mnt/etc"])
                assert.deepStrictEqual(messages(p), [], p);
        });

        it("a configured entry is normalized like a mounted path", () => {
            const config = { "no-sensitive-host-mounts": { sensitiveHostPaths: ["//srv//secrets/"] } };
            assert.match(one("/srv/secrets", config), /a sensitive host path/);
            assert.match(one("/srv/secrets/k", config), /inside sensitive host path \/srv\/secrets:/);
        });
    });

    describe("runtime sockets, wherever they live and however cased", () => {
        for (const s of RUNTIME_SOCKETS) {
            it(s, () => {
                assert.match(one(`/opt/x/${s}`), /must not mount a container runtime socket:/);
                assert.match(one(`/opt/x/${s.toUpperCase()}`), /a container runtime socket/);
            });
        }
        it("a socket is never waived by allowedHostPaths; a plain path is", () => {
            const config = { "no-sensitive-host-mounts": { allowedHostPaths: [{ pathPrefix: "/opt" }] } };
            assert.match(one("/opt/docker.sock", config), /container runtime socket/);
            assert.deepStrictEqual(messages("/opt/x", config), []);
            assert.deepStrictEqual(messages("/opt/x/docker.sockx", config), []);
        });
    });

    describe("normalization rules", () => {
        const cases: Array<[string, string]> = [
            ["/var//run", "an interior empty segment collapses"],
            ["//var/run", "a leading double slash collapses"],
            ["/var/run/", "a trailing slash is dropped"],
            ["/var/./run", "`.` is dropped"],
            ["/var/x/../run", "`..` goes up one segment"],
            ["/../../var/run", "`..` never climbs above /"],
            ["\\var\\run", "Windows separators fold to /"],
            ["var/run", "a relative path is anchored at /"],
        ];
        for (const [p, rule] of cases) {
            it(`${rule}: ${JSON.stringify(p)} is /var/run`, () => {
                assert.match(one(p), /must not mount a sensitive host path:/);
            });
        }
        it("`..` pops exactly one segment", () => {
            assert.match(one("/var/lib/docker/x/.."), /must not mount a sensitive host path:/);
            assert.match(one("/var/lib/docker/x/y/.."), /inside sensitive host path \/var\/lib\/docker:/);
        });
        it("an allowedHostPaths prefix is normalized too", () => {
            const config = { "no-sensitive-host-mounts": { allowedHostPaths: [{ pathPrefix: "//etc//ssl/" }] } };
            assert.deepStrictEqual(messages("/etc/ssl/certs", config), []);
        });
    });

    describe("volumes that cannot be read are not passed silently", () => {
        const failClosed: PackConfig = { "no-sensitive-host-mounts": { unknownValues: "fail-closed" } };
        const ours = (props: Record<string, unknown>, config: PackConfig = {}) =>
            judge(POD.type, props, config).filter((d) => d.check === "sensitiveHostPath");

        for (const [what, volumes] of [
            ["a string", "oops"],
            ["an object", { name: "x" }],
            ["a list with a non-object entry", [7]],
        ] as const) {
            it(`malformed volumes (${what}) fail closed`, () => {
                const ds = ours(podWith(volumes));
                assert.strictEqual(ds.length, 1);
                assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
            });
        }
        it("a malformed hostPath.path fails closed", () => {
            const ds = ours(podWith([{ name: "h", hostPath: { path: 7 } }]));
            assert.strictEqual(ds.length, 1);
            assert.match(ds[0].message, /cannot interpret/);
        });
        it("unknown volumes are judged under unknownValues: fail-closed", () => {
            const ds = ours(podWith(UNKNOWN), failClosed);
            assert.strictEqual(ds.length, 1);
            assert.match(ds[0].message, /cannot be judged at preview/);
        });
        it("an unknown hostPath.path is judged under unknownValues: fail-closed", () => {
            const ds = ours(podWith([{ name: "h", hostPath: { path: UNKNOWN } }]), failClosed);
            assert.strictEqual(ds.length, 1);
            assert.match(ds[0].message, /cannot be judged at preview/);
        });
        it("a Docker container's malformed mounts or volumes fail closed", () => {
            for (const key of ["mounts", "volumes"]) {
                const c = hardenedContainer();
                c[key] = "oops";
                const ds = judge(DOCKER_CONTAINER, c).filter((d) => d.check === "sensitiveHostPath");
                assert.strictEqual(ds.length, 1, key);
                assert.match(ds[0].message, /cannot interpret/, key);
            }
        });
    });
});

describe("sensitiveHostPath: allowedHostPaths boundaries and the container a finding names", () => {
    it('an allowed prefix covers the path itself, and "/" covers every path but sockets', () => {
        const exact = { "no-sensitive-host-mounts": { allowedHostPaths: [{ pathPrefix: "/etc/ssl" }] } };
        assert.deepStrictEqual(messages("/etc/ssl", exact), []);
        const root = { "no-sensitive-host-mounts": { allowedHostPaths: [{ pathPrefix: "/" }] } };
        assert.deepStrictEqual(messages("/etc", root), []);
        assert.deepStrictEqual(messages("/var/lib/kubelet/pods", root), []);
        assert.strictEqual(messages("/opt/docker.sock", root).length, 1);
    });

    it("a Docker mount's finding names its container, so a container exemption waives it", () => {
        const c = hardenedContainer();
        c.mounts.push({ type: "bind", source: "/etc", target: "/host" });
        const exempt = (container: string): PackConfig => ({
            "no-sensitive-host-mounts": {
                exemptions: [
                    { checks: ["sensitiveHostPath"], match: { container }, reason: "r", expires: "2099-12-31" },
                ],
            },
        });
        const violations = (config: PackConfig) =>
            judge(DOCKER_CONTAINER, c, config).filter((d) => d.check === "sensitiveHostPath" && !d.advisory);
        assert.strictEqual(violations({}).length, 1);
        assert.strictEqual(violations(exempt("web")).length, 0);
        assert.strictEqual(violations(exempt("other")).length, 1);
    });
});
