import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, clone, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";

describe("check privileged", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        describe(carrier.type, () => {
            it("passes the hardened spec", () => {
                assert.deepStrictEqual(checkIds(carrier.type, carrier.wrap(hardenedPodSpec())), []);
            });
            for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
                it(`rejects privileged: true in ${list}`, () => {
                    const spec = hardenedPodSpec();
                    spec[list] = spec[list] ?? [clone(spec.containers[0])];
                    spec[list][0].securityContext.privileged = true;
                    const ds = judge(carrier.type, carrier.wrap(spec)).filter((d) => d.check === "privileged");
                    assert.strictEqual(ds.length, 1);
                    assert.ok(
                        ds[0].message.includes(`${carrier.specPath}.${list}[0].securityContext.privileged is true`),
                        ds[0].message,
                    );
                });
            }
        });
    }

    it("names the check, resource, container, field, value and fix", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.privileged = true;
        const [d] = judge(POD.type, POD.wrap(spec)).filter((x) => x.check === "privileged");
        assert.strictEqual(
            d.message,
            '[privileged] Pod "web", container "app" must not run privileged: spec.containers[0].securityContext.privileged is true; remove privileged or set it to false; add only the capabilities it needs',
        );
        assert.strictEqual(d.policy, "no-privileged-containers");
    });

    it("accepts privileged: false and an absent securityContext field", () => {
        const spec = hardenedPodSpec();
        delete spec.containers[0].securityContext.privileged;
        assert.ok(!checkIds(POD.type, POD.wrap(spec)).includes("privileged"));
    });

    it("rejects a privileged Docker container", () => {
        const c = hardenedContainer();
        c.privileged = true;
        const ds = judge(DOCKER_CONTAINER, c).filter((d) => d.check === "privileged");
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes("privileged is true"), ds[0].message);
    });

    it("passes the hardened Docker container", () => {
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, hardenedContainer()), []);
    });

    it("can be switched off by config", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.privileged = true;
        assert.deepStrictEqual(
            checkIds(POD.type, POD.wrap(spec), { "no-privileged-containers": { checks: { privileged: false } } }),
            [],
        );
    });
});
