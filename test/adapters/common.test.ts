// adapters/common.ts, the pieces every adapter shares: a blank workload, Kubernetes object metadata (where each
// unreadable value is recorded), and the expansion of a `…List` into one workload per item.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { join, newWorkload, perItem, readObjectMeta, WorkloadHeader } from "../../adapters/shared/common";
import { JsonObject, Reader } from "../../model/read";
import { Workload } from "../../model/workload";
import { judge } from "../helpers";
import { hardenedPodSpec, privilegedDeployment } from "../fixtures/kubernetes";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function header(extra: Partial<WorkloadHeader> = {}): WorkloadHeader {
    return {
        platform: "kubernetes",
        isolation: "container",
        type: "kubernetes:apps/v1:Deployment",
        kind: "Deployment",
        name: "web",
        isPatch: false,
        specPath: "spec.template.spec",
        ...extra,
    };
}

describe("newWorkload", () => {
    it("the pod-level securityContext lives under the spec path; without one there is no pod path", () => {
        assert.strictEqual(newWorkload(header(), new Reader()).pod.path, "spec.template.spec.securityContext");
        assert.strictEqual(newWorkload(header({ specPath: "spec" }), new Reader()).pod.path, "spec.securityContext");
        assert.deepStrictEqual(newWorkload(header({ specPath: "" }), new Reader()).pod, { path: "" });
    });

    it("starts empty, with the reader's issue list, and template labels defaulting to the resource's", () => {
        const r = new Reader();
        const w = newWorkload(header({ namespace: "apps" }), r);
        assert.strictEqual(w.issues, r.issues);
        assert.strictEqual(w.namespace, "apps");
        assert.deepStrictEqual({ ...w.labels }, {});
        assert.strictEqual(Object.getPrototypeOf(w.labels), null);
        assert.strictEqual(w.podLabels, w.labels);
        assert.strictEqual(w.podAnnotations, w.annotations);
        for (const list of [w.hostNamespaces, w.sysctls, w.containers, w.volumes]) assert.deepStrictEqual(list, []);
        const labels = { a: "1" };
        const podLabels = { b: "2" };
        const given = newWorkload(header({ labels, podLabels }), r);
        assert.strictEqual(given.labels, labels);
        assert.strictEqual(given.podLabels, podLabels);
    });
});

describe("join", () => {
    it("joins a field onto a path, and onto the root without a dot", () => {
        assert.strictEqual(join("", "spec"), "spec");
        assert.strictEqual(join("items[0].spec", "template"), "items[0].spec.template");
    });
});

describe("readObjectMeta", () => {
    it("reads name, namespace, labels and annotations under the prefix", () => {
        const r = new Reader();
        const meta = readObjectMeta(
            r,
            { metadata: { name: "web", namespace: "apps", labels: { a: "1" }, annotations: { b: "2" } } },
            "items[3].",
        );
        assert.deepStrictEqual(
            { ...meta, labels: { ...meta.labels }, annotations: { ...meta.annotations } },
            {
                name: "web",
                namespace: "apps",
                labels: { a: "1" },
                annotations: { b: "2" },
            },
        );
        assert.deepStrictEqual(r.issues, []);
    });

    // Each value unreadable in turn: where it is recorded (field "labels": judged by no check; the namespace path is
    // what the stack analysis resolves a namespace unknown at preview by).
    const ROWS: Array<[string, JsonObject, string]> = [
        ["metadata", { metadata: 7 }, "items[3].metadata"],
        ["metadata.name", { metadata: { name: 7 } }, "items[3].metadata.name"],
        ["metadata.namespace", { metadata: { namespace: 7 } }, "items[3].metadata.namespace"],
        ["metadata.labels", { metadata: { labels: 7 } }, "items[3].metadata.labels"],
        ["metadata.annotations", { metadata: { annotations: 7 } }, "items[3].metadata.annotations"],
    ];
    for (const [what, props, path] of ROWS) {
        it(`${what}: malformed and unknown are recorded at ${path}`, () => {
            const r = new Reader();
            readObjectMeta(r, props, "items[3].");
            assert.deepStrictEqual(r.issues, [
                { kind: "malformed", field: "labels", path, container: undefined, value: 7 },
            ]);
            const u = new Reader();
            readObjectMeta(u, JSON.parse(JSON.stringify(props).replace("7", JSON.stringify(UNKNOWN))), "items[3].");
            assert.deepStrictEqual(u.issues, [{ kind: "unknown", field: "labels", path, container: undefined }]);
        });
    }
});

describe("perItem", () => {
    type Call = [string, JsonObject, string];
    function expand(isList: boolean, props: JsonObject): { calls: Call[]; out: Workload[] } {
        const calls: Call[] = [];
        const out = perItem(isList, "res", props, (name, item, prefix) => {
            calls.push([name, item, prefix]);
            return newWorkload(header({ name, specPath: `${prefix}spec` }), new Reader());
        });
        return { calls, out };
    }

    it("a resource that is no list is one workload, named by the resource, at the root", () => {
        const props = { items: [{ a: 1 }] };
        const { calls, out } = expand(false, props);
        assert.deepStrictEqual(calls, [["res", props, ""]]);
        assert.strictEqual(out.length, 1);
    });

    it("a list is one workload per item, named res[i], with paths under items[i].; a non-object item is malformed", () => {
        const { calls, out } = expand(true, { items: [{ a: 1 }, 7, null, { b: 2 }] });
        assert.deepStrictEqual(calls, [
            ["res[0]", { a: 1 }, "items[0]."],
            ["res[1]", {}, "items[1]."],
            ["res[2]", {}, "items[2]."],
            ["res[3]", { b: 2 }, "items[3]."],
        ]);
        // null is an absent item, as null is an absent value everywhere else.
        assert.deepStrictEqual(
            out.map((w) => w.issues),
            [[], [{ kind: "malformed", field: "all", path: "items[1]", value: 7 }], [], []],
        );
    });

    it("a list without items, or with none, is no workload", () => {
        for (const props of [{}, { items: [] }, { items: null }]) {
            const { calls, out } = expand(true, props);
            assert.deepStrictEqual(calls, [], JSON.stringify(props));
            assert.deepStrictEqual(out, [], JSON.stringify(props));
        }
    });

    it("unreadable items still yield one workload that carries the issue, so it is reported", () => {
        for (const [items, issue] of [
            [7, { kind: "malformed", field: "all", path: "items", container: undefined, value: 7 }],
            [UNKNOWN, { kind: "unknown", field: "all", path: "items", container: undefined }],
        ] as const) {
            const { calls, out } = expand(true, { items });
            assert.deepStrictEqual(calls, [["res", {}, ""]], JSON.stringify(items));
            assert.deepStrictEqual(
                out.map((w) => w.issues),
                [[issue]],
            );
        }
    });

    it("an item unknown at preview is a blank workload in its place carrying the issue; the others keep their index", () => {
        const { calls, out } = expand(true, { items: [UNKNOWN, { a: 1 }, UNKNOWN, { b: 2 }] });
        assert.deepStrictEqual(calls, [
            ["res[1]", { a: 1 }, "items[1]."],
            ["res[3]", { b: 2 }, "items[3]."],
            ["res[0]", {}, "items[0]."],
            ["res[2]", {}, "items[2]."],
        ]);
        assert.deepStrictEqual(
            out.map((w) => [w.name, w.issues]),
            [
                ["res[0]", [{ kind: "unknown", field: "all", path: "items[0]", container: undefined }]],
                ["res[1]", []],
                ["res[2]", [{ kind: "unknown", field: "all", path: "items[2]", container: undefined }]],
                ["res[3]", []],
            ],
        );
    });

    it("an unknown item past the ninth is named and placed by its full index", () => {
        const items: unknown[] = Array.from({ length: 12 }, (_, i) => ({ i }));
        items[11] = UNKNOWN;
        const { out } = expand(true, { items });
        assert.deepStrictEqual(out.length, 12);
        assert.deepStrictEqual(
            [out[11].name, out[11].issues],
            ["res[11]", [{ kind: "unknown", field: "all", path: "items[11]", container: undefined }]],
        );
    });

    it("through a Kubernetes …List: an unknown item is deferred, and a known privileged one is still reported", () => {
        const LIST = "kubernetes:apps/v1:DeploymentList";
        const privileged = privilegedDeployment();
        const ds = judge(LIST, { items: [UNKNOWN, privileged] });
        const mandatory = ds.filter((d) => !d.advisory);
        assert.deepStrictEqual(
            mandatory.filter((d) => d.check === "privileged").map((d) => d.workload.name),
            ["agent"],
        );
        // Every finding is about the known item; the unknown one is only noted.
        for (const d of mandatory) assert.ok(d.message.includes("items[1]."), d.message);
        const notes = ds.filter((d) => d.check === "unknownValues");
        assert.strictEqual(notes.length, 1, notes.map((d) => d.message).join("\n"));
        assert.ok(notes[0].message.endsWith("will be judged at update: items[0]"), notes[0].message);
        // fail-closed: the unknown item is a violation at preview.
        const closed = judge(
            LIST,
            { items: [UNKNOWN] },
            { "no-privileged-containers": { unknownValues: "fail-closed" } },
        );
        assert.ok(
            closed.some((d) => d.check === "privileged" && !d.advisory && d.message.includes("items[0]")),
            closed.map((d) => d.message).join("\n"),
        );
    });

    it("through a Kubernetes …List: unreadable items fail every check, naming items", () => {
        const LIST = "kubernetes:apps/v1:DeploymentList";
        const ws = toWorkloads(LIST, "deps", { items: 7 });
        assert.deepStrictEqual(
            ws.map((w) => [w.name, w.specPath]),
            [["deps", "spec.template.spec"]],
        );
        const ds = judge(LIST, { items: 7 }).filter((d) => !d.advisory);
        assert.ok(ds.length > 3, ds.map((d) => d.message).join("\n"));
        for (const d of ds)
            assert.ok(d.message.includes("cannot interpret, which is treated as a violation: items is 7;"), d.message);
        assert.deepStrictEqual(judge(LIST, { items: [] }), []);
        assert.deepStrictEqual(
            toWorkloads(LIST, "deps", { items: [{ spec: { template: { spec: hardenedPodSpec() } } }] }).map((w) => [
                w.name,
                w.specPath,
            ]),
            [["deps[0]", "items[0].spec.template.spec"]],
        );
    });
});
