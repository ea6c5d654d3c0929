import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { checkIds, judge } from "../helpers";
import { pssIds, unmasked } from "./pss";

describe("check procMount", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects an unmasked /proc by default (kernel-hardening)`, () => {
            const ds = judge(carrier.type, carrier.wrap(unmasked())).filter((d) => d.check === "procMount");
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(ds[0].policy, "kernel-hardening");
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.containers[0].securityContext.procMount is "Unmasked"`),
                ds[0].message,
            );
        });
    }

    it("accepts Default and unset", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.procMount = "Default";
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), []);
    });

    it("rejects it in init and ephemeral containers", () => {
        const spec = hardenedPodSpec();
        spec.initContainers[0].securityContext.procMount = "Unmasked";
        spec.ephemeralContainers = [
            {
                name: "debug",
                image: "busybox",
                securityContext: { ...spec.containers[0].securityContext, procMount: "Unmasked" },
            },
        ];
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), ["procMount", "procMount"]);
    });

    it("is relaxed in a user namespace (hostUsers: false) from v1.35 only", () => {
        assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, POD.wrap(unmasked(false))), []);
        assert.deepStrictEqual(pssIds("baseline", "v1.35", POD.type, POD.wrap(unmasked(false))), []);
        assert.deepStrictEqual(pssIds("baseline", "v1.34", POD.type, POD.wrap(unmasked(false))), ["procMount"]);
        assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, POD.wrap(unmasked(true))), ["procMount"]);
    });
});
