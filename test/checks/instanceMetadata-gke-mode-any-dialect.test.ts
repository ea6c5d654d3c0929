// `instanceMetadata`: a node pool whose GKE metadata mode is set is judged as a GKE pool whatever dialect it was read
// in (e.g. a pool described by a Kubernetes-dialect resource): GKE_METADATA passes, another mode is reported at `.mode`.
import * as assert from "assert";
import { instanceMetadata } from "../../checks/instanceMetadata";
import { DEFAULT_CHECK_OPTIONS } from "../../engine/defaults";
import { newWorkload } from "../../adapters/shared/common";
import { Workload } from "../../model/workload";
import { Reader } from "../../model/read";

function pool(gkeMode: string): Workload {
    const w = newWorkload(
        {
            platform: "kubernetes",
            isolation: "container",
            type: "t",
            kind: "NodePool",
            name: "p",
            isPatch: false,
            specPath: "spec",
        },
        new Reader(),
    );
    w.dialect = "kubernetes";
    w.hostMetadata = { path: "spec.nodeConfig.workloadMetadataConfig", gkeMode };
    return w;
}

describe("check instanceMetadata: a GKE mode set outside the GCP dialect", () => {
    const o = { ...DEFAULT_CHECK_OPTIONS };
    const ctx = { stackContainerHosts: new Set<Workload>() } as unknown as Parameters<
        NonNullable<typeof instanceMetadata.appliesTo>
    >[2];

    it("applies, and reports GCE_METADATA at the mode field", () => {
        const w = pool("GCE_METADATA");
        assert.strictEqual(instanceMetadata.appliesTo?.(w, o, ctx), true);
        assert.deepStrictEqual(
            instanceMetadata.run(w, o, ctx).map((f) => [f.field, f.value]),
            [["spec.nodeConfig.workloadMetadataConfig.mode", "GCE_METADATA"]],
        );
    });

    it("passes GKE_METADATA", () => {
        assert.deepStrictEqual(instanceMetadata.run(pool("GKE_METADATA"), o, ctx), []);
    });
});
