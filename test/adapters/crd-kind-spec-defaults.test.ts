// How the well-known CRD table reads a kind that names only an assembling reader: no template or pod-spec paths of
// its own (only its reader reads it), and a kind with templates has no pod-spec paths unless it names some.
import * as assert from "assert";
import { wellKnown } from "../../adapters/crd/table";

describe("CRD table: a reader-only kind has no template or pod-spec paths", () => {
    it("Tekton Task and Argo Workflow: empty templates and podSpecs, a reader from spec", () => {
        for (const [group, kind] of [
            ["tekton.dev", "Task"],
            ["argoproj.io", "Workflow"],
        ]) {
            const k = wellKnown(group, kind);
            assert.ok(k, `${group} ${kind}`);
            assert.deepStrictEqual([k.templates, k.podSpecs, k.at], [[], [], "spec"], `${group} ${kind}`);
            assert.strictEqual(typeof k.read, "function");
        }
    });

    // Issue 23: Ray kinds read their head pod with a reader (the autoscaler sidecar), so a Kubeflow kind stands in.
    it("a Kubeflow kind (templates only) has no pod-spec paths, and no reader", () => {
        const k = wellKnown("kubeflow.org", "PyTorchJob");
        assert.ok(k);
        assert.deepStrictEqual(k.podSpecs, []);
        assert.strictEqual(k.read, undefined);
        assert.ok(k.templates.length > 0);
    });
});
