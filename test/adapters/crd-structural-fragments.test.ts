// The structural fallback (adapters/crd/structural.ts) for custom resources the table does not name: a pod-spec
// fragment without an `image` (operators supply it) is still a pod when it carries containers with security settings,
// a host namespace, a hostPath volume, or PodSpec fields where operators keep a pod (`podSpec`, `podTemplate.spec`,
// `template.pod`). Nothing else is (a Certificate, a `hostNetwork: false`, an emptyDir alone).
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { UNKNOWN } from "../harness/engine";
import { judge } from "../helpers";
import { Obj } from "../fixtures/kubernetes";

// Groups the table does not name, so only the fallback reads them.
const SEARCH = "kubernetes:search.example.com/v1:SearchCluster";
const METRICS = "kubernetes:metrics.example.com/v1:Scraper";

const found = (type: string, props: Obj) =>
    judge(type, props)
        .filter((d) => !d.advisory)
        .map((d) => `${d.check} ${/: (\S+) is /.exec(d.message)?.[1]}`);
const specPaths = (props: Obj) => toWorkloads(METRICS, "m", props).map((w) => w.specPath);

describe("structural fallback: pod-spec fragments without an image", () => {
    it("ECK's privileged sysctl init container (no image) in a node set's podTemplate fails at its path", () => {
        const props = {
            metadata: { name: "es" },
            spec: {
                nodeSets: [
                    {
                        name: "default",
                        podTemplate: {
                            metadata: { labels: { tier: "data" } },
                            spec: {
                                initContainers: [
                                    {
                                        name: "sysctl",
                                        securityContext: { privileged: true, runAsUser: 0 },
                                        command: ["sh", "-c", "sysctl -w vm.max_map_count=262144"],
                                    },
                                ],
                            },
                        },
                    },
                ],
            },
        };
        assert.ok(
            found(SEARCH, props).includes(
                "privileged spec.nodeSets[0].podTemplate.spec.initContainers[0].securityContext.privileged",
            ),
        );
        const [w] = toWorkloads(SEARCH, "es", props);
        assert.deepStrictEqual(
            [w.specPath, { ...w.podLabels }],
            ["spec.nodeSets[0].podTemplate.spec", { tier: "data" }],
        );
    });

    it("a Prometheus-like spec with hostNetwork and a `/` hostPath, and no container at all, fails on both", () => {
        const props = { spec: { hostNetwork: true, volumes: [{ name: "root", hostPath: { path: "/" } }] } };
        const f = found(METRICS, props);
        assert.ok(f.includes("hostNamespaces spec.hostNetwork"), f.join("\n"));
        assert.ok(f.includes("sensitiveHostPath spec.volumes[0].hostPath.path"), f.join("\n"));
    });

    it("each shape alone is a pod: a host namespace, a hostPath volume, a container patch", () => {
        for (const f of ["hostNetwork", "hostPID", "hostIPC"])
            assert.deepStrictEqual(specPaths({ spec: { agent: { [f]: true } } }), ["spec.agent"], f);
        assert.deepStrictEqual(specPaths({ spec: { agent: { volumes: [{ name: "h", hostPath: { path: "/x" } }] } } }), [
            "spec.agent",
        ]);
        for (const list of ["containers", "initContainers", "ephemeralContainers"])
            assert.deepStrictEqual(
                specPaths({ spec: { agent: { [list]: [{ name: "a", securityContext: {} }] } } }),
                ["spec.agent"],
                list,
            );
    });

    it("PodSpec fields where operators keep a pod: podSpec, podTemplate.spec, template.pod", () => {
        for (const [spec, path] of [
            [{ podSpec: { securityContext: { runAsUser: 0 } } }, "spec.podSpec"],
            [{ podTemplate: { spec: { runtimeClassName: "runc" } } }, "spec.podTemplate.spec"],
            [{ template: { pod: { hostUsers: true } } }, "spec.template.pod"],
            [{ template: { pod: { volumes: [] } } }, "spec.template.pod"],
        ] as const)
            assert.deepStrictEqual(specPaths({ spec }), [path], JSON.stringify(spec));
        assert.ok(found(METRICS, { spec: { podSpec: { securityContext: { runAsUser: 0 } } } }).length > 0);
    });

    it("a hostNetwork unknown at preview makes a pod whose hostNetwork is unknown", () => {
        const [w] = toWorkloads(METRICS, "m", { spec: { hostNetwork: UNKNOWN } });
        assert.deepStrictEqual(
            w.issues.map((i) => [i.kind, i.path, i.field]),
            [["unknown", "spec.hostNetwork", "hostNamespaces"]],
        );
    });

    it("nothing pod-like is no pod: names without security settings, false host namespaces, non-host volumes, other keys", () => {
        for (const spec of [
            { containers: [{ name: "a" }, "b", { name: 1, securityContext: {} }, { name: "c", securityContext: "x" }] },
            { hostNetwork: false, hostPID: "true" },
            { volumes: [{ name: "e", emptyDir: {} }, "x"] },
            { pod: { securityContext: {} }, other: { pod: { securityContext: {} } } },
            { podTemplate: { metadata: {} }, spec: { podSpec: {} }, template: { pod: { labels: {} } } },
            { podSpec: { replicas: 1 }, issuerRef: { name: "ca" } },
        ])
            assert.deepStrictEqual(specPaths({ spec }), [], JSON.stringify(spec));
    });
});
