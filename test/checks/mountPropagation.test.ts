import * as assert from "assert";
import { CARRIERS, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { judge } from "../helpers";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "mountPropagation");

describe("check mountPropagation", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: rejects Bidirectional, accepts HostToContainer`, () => {
            const spec = hardenedPodSpec();
            spec.containers[0].volumeMounts[0].mountPropagation = "Bidirectional";
            const ds = only(judge(carrier.type, carrier.wrap(spec)));
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes(
                    `${carrier.specPath}.containers[0].volumeMounts[0].mountPropagation is "Bidirectional"`,
                ),
                ds[0].message,
            );
            spec.containers[0].volumeMounts[0].mountPropagation = "HostToContainer";
            assert.deepStrictEqual(only(judge(carrier.type, carrier.wrap(spec))), []);
        });
    }

    it("rejects Docker shared and rshared bind propagation", () => {
        for (const p of ["shared", "rshared"]) {
            const c = hardenedContainer();
            c.mounts.push({ type: "bind", source: "/data", target: "/data", bindOptions: { propagation: p } });
            const ds = only(judge(DOCKER_CONTAINER, c));
            assert.strictEqual(ds.length, 1, p);
            assert.ok(ds[0].message.includes(`mounts[1].bindOptions.propagation is "${p}"`), ds[0].message);
        }
        const c = hardenedContainer();
        c.mounts.push({ type: "bind", source: "/data", target: "/data", bindOptions: { propagation: "rprivate" } });
        assert.deepStrictEqual(only(judge(DOCKER_CONTAINER, c)), []);
    });
});
