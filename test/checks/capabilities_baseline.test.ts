import * as assert from "assert";
import { CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { judge } from "../helpers";

const BASELINE = { "drop-capabilities": { checks: { capabilities_restricted: false, capabilities_baseline: true } } };
const ids = (type: string, props: Record<string, unknown>, config: Record<string, Record<string, unknown>> = BASELINE) =>
    judge(type, props, config).filter((d) => d.policy === "drop-capabilities").map((d) => d.check);

describe("check capabilities_baseline", () => {
    it("is off by default and replaced by capabilities_restricted when both are on", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { add: ["SYS_ADMIN"] };
        assert.deepStrictEqual(ids(POD.type, POD.wrap(spec), {}), ["capabilities_restricted"]);
        assert.deepStrictEqual(ids(POD.type, POD.wrap(spec), { "drop-capabilities": { checks: { capabilities_baseline: true } } }), ["capabilities_restricted"]);
    });

    for (const carrier of CARRIERS) {
        it(`${carrier.type}: allows the 13 defaults without a drop, rejects others`, () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.capabilities = { add: ["CHOWN", "cap_kill", "NET_BIND_SERVICE"] };
            assert.deepStrictEqual(ids(carrier.type, carrier.wrap(spec)), []);
            spec.containers[0].securityContext.capabilities.add.push("NET_RAW");
            assert.deepStrictEqual(ids(carrier.type, carrier.wrap(spec)), ["capabilities_baseline"]);
        });
    }

    it("applies to Docker", () => {
        const c = hardenedContainer();
        c.capabilities = { adds: ["SYS_PTRACE"] };
        assert.deepStrictEqual(ids(DOCKER_CONTAINER, c), ["capabilities_baseline"]);
    });
});
