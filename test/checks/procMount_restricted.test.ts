import * as assert from "assert";
import { CARRIERS, POD } from "../fixtures/kubernetes";
import { checkIds, judge } from "../helpers";
import { pssIds, unmasked } from "./pss";

const ON = { "kernel-hardening": { checks: { procMount_restricted: true } } };

describe("check procMount_restricted", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: rejects an unmasked /proc even with hostUsers: false`, () => {
            const ds = judge(carrier.type, carrier.wrap(unmasked(false)), ON).filter(
                (d) => d.check === "procMount_restricted",
            );
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.containers[0].securityContext.procMount is "Unmasked"`),
                ds[0].message,
            );
        });
    }

    it("is off by default", () => {
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(unmasked(false))), []);
        assert.deepStrictEqual(pssIds("restricted", "latest", POD.type, POD.wrap(unmasked(false))), [
            "procMount_restricted",
        ]);
    });

    it("reports a fault baseline also forbids once, under procMount", () => {
        assert.deepStrictEqual(pssIds("restricted", "latest", POD.type, POD.wrap(unmasked(true))), ["procMount"]);
        assert.deepStrictEqual(pssIds("restricted", "latest", POD.type, POD.wrap(unmasked())), ["procMount"]);
        assert.deepStrictEqual(
            checkIds(POD.type, POD.wrap(unmasked()), {
                "kernel-hardening": { checks: { procMount_restricted: true, procMount: false } },
            }),
            ["procMount_restricted"],
        );
    });

    it("exists from v1.35; before, restricted is baseline's unconditional procMount", () => {
        assert.deepStrictEqual(pssIds("restricted", "v1.34", POD.type, POD.wrap(unmasked(false))), ["procMount"]);
    });
});
