import * as assert from "assert";
import { CARRIERS, hardenedPodSpec } from "../fixtures/kubernetes";
import { judge } from "../helpers";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "windowsHostProcess");

describe("check windowsHostProcess", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: rejects hostProcess at pod and container level`, () => {
            const spec = hardenedPodSpec();
            spec.securityContext.windowsOptions = { hostProcess: true };
            const ds = only(judge(carrier.type, carrier.wrap(spec)));
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.securityContext.windowsOptions.hostProcess is true`),
                ds[0].message,
            );
            const spec2 = hardenedPodSpec();
            spec2.containers[0].securityContext.windowsOptions = { hostProcess: true };
            assert.strictEqual(only(judge(carrier.type, carrier.wrap(spec2))).length, 1);
            spec2.containers[0].securityContext.windowsOptions = { hostProcess: false };
            assert.deepStrictEqual(only(judge(carrier.type, carrier.wrap(spec2))), []);
        });
    }
});
