// A GKE Cluster whose node pools cannot be read (unknown at preview, malformed) may still host containers on them:
// no-host-credentials judges it like the other policies do, deferred while unknown and failed closed on request,
// instead of saying nothing about the pools' instance metadata. An Autopilot cluster has no pools to judge.
import * as assert from "assert";
import { judge } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const CLUSTER = "gcp:container/cluster:Cluster";
const hostCredentials = (props: Record<string, unknown>, config = {}) =>
    judge(CLUSTER, props, config, "res")
        .filter((d) => d.policy === "no-host-credentials")
        .map((d) => `${d.check}${d.advisory ? " (advisory)" : ""}`);
const FAIL_CLOSED = { "no-host-credentials": { unknownValues: "fail-closed" } };

describe("GKE Cluster with node pools it cannot read: instance metadata", () => {
    it("unknown at preview: failed under fail-closed (the default notes it once for the resource)", () => {
        const props = { removeDefaultNodePool: true, nodePools: UNKNOWN };
        assert.deepStrictEqual(hostCredentials(props, FAIL_CLOSED), ["instanceMetadata"]);
        assert.ok(judge(CLUSTER, props, {}, "res").some((d) => d.check === "unknownValues" && d.advisory));
    });

    it("malformed: failed, as by every other policy", () => {
        assert.deepStrictEqual(hostCredentials({ removeDefaultNodePool: true, nodePools: "pool-a" }), [
            "instanceMetadata",
        ]);
    });

    it("an Autopilot cluster has no pools of the user's: nothing for no-host-credentials to judge", () => {
        assert.deepStrictEqual(hostCredentials({ enableAutopilot: true, nodePools: UNKNOWN }, FAIL_CLOSED), []);
    });
});
