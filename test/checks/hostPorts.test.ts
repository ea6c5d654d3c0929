import * as assert from "assert";
import { CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { judge } from "../helpers";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "hostPorts");

describe("check hostPorts", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: rejects a non-zero hostPort in any container list`, () => {
            for (const list of ["containers", "initContainers"]) {
                const spec = hardenedPodSpec();
                spec[list][0].ports = [{ containerPort: 80, hostPort: 80 }];
                const ds = only(judge(carrier.type, carrier.wrap(spec)));
                assert.strictEqual(ds.length, 1);
                assert.ok(
                    ds[0].message.includes(`${carrier.specPath}.${list}[0].ports[0].hostPort is 80`),
                    ds[0].message,
                );
            }
        });
    }

    it("accepts hostPort 0 and absent hostPort", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].ports = [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }];
        assert.deepStrictEqual(only(judge(POD.type, POD.wrap(spec))), []);
    });

    it("reports one violation per container listing every host port", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].ports = [
            { containerPort: 80, hostPort: 80 },
            { containerPort: 443, hostPort: 443 },
        ];
        const ds = only(judge(POD.type, POD.wrap(spec)));
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /must not use host ports \(80, 443\)/);
    });
});
