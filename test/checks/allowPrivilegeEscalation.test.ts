import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { judge, PackConfig } from "../helpers";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "allowPrivilegeEscalation");
const REQUIRE_FALSE: PackConfig = { "no-privileged-containers": { allowPrivilegeEscalation: "require-false" } };

describe("check allowPrivilegeEscalation", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: rejects explicit true`, () => {
            const spec = hardenedPodSpec();
            spec.initContainers[0].securityContext.allowPrivilegeEscalation = true;
            const ds = only(judge(carrier.type, carrier.wrap(spec)));
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes(
                    `${carrier.specPath}.initContainers[0].securityContext.allowPrivilegeEscalation is true`,
                ),
                ds[0].message,
            );
        });
    }

    it("by default accepts an unset value; require-false rejects it", () => {
        const spec = hardenedPodSpec();
        delete spec.containers[0].securityContext.allowPrivilegeEscalation;
        assert.deepStrictEqual(only(judge(POD.type, POD.wrap(spec))), []);
        const [d] = only(judge(POD.type, POD.wrap(spec), REQUIRE_FALSE));
        assert.match(
            d.message,
            /must disallow privilege escalation explicitly: spec.containers\[0\].securityContext.allowPrivilegeEscalation is unset/,
        );
    });

    it("require-false does not fault a patch that omits the field", () => {
        const spec = { containers: [{ name: "app", image: "nginx:1.28" }] };
        for (const carrier of PATCH_CARRIERS)
            assert.deepStrictEqual(only(judge(carrier.type, carrier.wrap(spec), REQUIRE_FALSE)), [], carrier.type);
    });

    it("require-false exempts Windows pods from v1.25 only", () => {
        const spec = hardenedPodSpec();
        spec.os = { name: "windows" };
        delete spec.containers[0].securityContext.allowPrivilegeEscalation;
        assert.deepStrictEqual(only(judge(POD.type, POD.wrap(spec), REQUIRE_FALSE)), []);
        const v124: PackConfig = {
            "no-privileged-containers": { allowPrivilegeEscalation: "require-false", pssVersion: "v1.24" },
        };
        assert.strictEqual(only(judge(POD.type, POD.wrap(spec), v124)).length, 1);
    });

    it("Docker: no-new-privileges is the explicit false", () => {
        const c = hardenedContainer();
        assert.deepStrictEqual(only(judge(DOCKER_CONTAINER, c, REQUIRE_FALSE)), []);
        for (const opt of ["no-new-privileges", "no-new-privileges=true", "NO-NEW-PRIVILEGES:TRUE"]) {
            c.securityOpts = [opt];
            assert.deepStrictEqual(only(judge(DOCKER_CONTAINER, c, REQUIRE_FALSE)), [], opt);
        }
        c.securityOpts = [];
        assert.match(
            only(judge(DOCKER_CONTAINER, c, REQUIRE_FALSE))[0].message,
            /add "no-new-privileges:true" to securityOpts/,
        );
        c.securityOpts = ["no-new-privileges:false"];
        assert.strictEqual(only(judge(DOCKER_CONTAINER, c)).length, 1);
    });

    it("require-false skips a swarm service, which has no such setting", () => {
        assert.deepStrictEqual(only(judge(DOCKER_SERVICE, hardenedService(), REQUIRE_FALSE)), []);
    });

    it("a malformed os fails closed as an allowPrivilegeEscalation finding", () => {
        for (const os of ["oops", { name: 7 }]) {
            const spec = hardenedPodSpec();
            (spec as Record<string, unknown>).os = os;
            const ds = only(judge(POD.type, POD.wrap(spec)));
            assert.strictEqual(ds.length, 1, JSON.stringify(os));
            assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
        }
    });
});
