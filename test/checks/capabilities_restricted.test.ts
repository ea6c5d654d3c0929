import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { judge } from "../helpers";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "capabilities_restricted");

describe("check capabilities_restricted", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: requires drop ALL in every container list`, () => {
            for (const list of ["containers", "initContainers"]) {
                const spec = hardenedPodSpec();
                spec[list][0].securityContext.capabilities.drop = ["NET_RAW"];
                const ds = only(judge(carrier.type, carrier.wrap(spec)));
                assert.strictEqual(ds.length, 1, list);
                assert.ok(
                    ds[0].message.includes(
                        `${carrier.specPath}.${list}[0].securityContext.capabilities.drop is ["NET_RAW"]; add "ALL" to drop`,
                    ),
                    ds[0].message,
                );
            }
        });
        it(`${carrier.type}: rejects an added SYS_ADMIN`, () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.capabilities.add = ["SYS_ADMIN"];
            const ds = only(judge(carrier.type, carrier.wrap(spec)));
            assert.strictEqual(ds.length, 1);
            assert.match(ds[0].message, /must not add SYS_ADMIN/);
        });
    }

    it("matches the documented message", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { drop: ["NET_RAW"] };
        const [d] = only(judge(POD.type, POD.wrap(spec)));
        assert.strictEqual(
            d.message,
            '[capabilities_restricted] Pod "web", container "app" must drop ALL: spec.containers[0].securityContext.capabilities.drop is ["NET_RAW"]; add "ALL" to drop',
        );
    });

    it("treats CAP_ prefixes and case as the same capability", () => {
        for (const spelling of ["cap_sys_admin", "CAP_SYS_ADMIN", "Sys_Admin", " SYS_ADMIN "]) {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.capabilities.add = [spelling];
            assert.strictEqual(only(judge(POD.type, POD.wrap(spec))).length, 1, spelling);
        }
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { drop: ["all"], add: ["cap_net_bind_service"] };
        assert.deepStrictEqual(only(judge(POD.type, POD.wrap(spec))), []);
    });

    it("always rejects adding ALL, even when allowed", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities.add = ["ALL"];
        assert.strictEqual(
            only(judge(POD.type, POD.wrap(spec), { "drop-capabilities": { allowedCapabilities: ["ALL"] } })).length,
            1,
        );
    });

    it("reports one violation per container however often a capability repeats", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = {
            drop: [],
            add: ["SYS_ADMIN", "sys_admin", "SYS_ADMIN", "NET_ADMIN"],
        };
        const ds = only(judge(POD.type, POD.wrap(spec)));
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /must not add SYS_ADMIN, sys_admin, NET_ADMIN and must drop ALL/);
    });

    it("honours allowedCapabilities from config", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities.add = ["NET_ADMIN"];
        assert.deepStrictEqual(
            only(judge(POD.type, POD.wrap(spec), { "drop-capabilities": { allowedCapabilities: ["NET_ADMIN"] } })),
            [],
        );
        assert.strictEqual(only(judge(POD.type, POD.wrap(spec))).length, 1);
    });

    it("requires drop ALL when securityContext is absent, but not on a patch that omits it", () => {
        const spec = hardenedPodSpec();
        delete spec.containers[0].securityContext;
        assert.strictEqual(only(judge(POD.type, POD.wrap(spec))).length, 1);
        for (const carrier of PATCH_CARRIERS)
            assert.deepStrictEqual(only(judge(carrier.type, carrier.wrap(spec))), [], carrier.type);
    });

    it("still rejects a patch that sets a bad add", () => {
        const spec = { containers: [{ name: "app", securityContext: { capabilities: { add: ["SYS_ADMIN"] } } }] };
        for (const carrier of PATCH_CARRIERS)
            assert.strictEqual(only(judge(carrier.type, carrier.wrap(spec))).length, 1, carrier.type);
    });

    it("exempts Windows pods from v1.25 (PSS)", () => {
        const spec = hardenedPodSpec();
        spec.os = { name: "windows" };
        spec.containers[0].securityContext.capabilities = {};
        assert.deepStrictEqual(only(judge(POD.type, POD.wrap(spec))), []);
        assert.strictEqual(
            only(judge(POD.type, POD.wrap(spec), { "drop-capabilities": { pssVersion: "v1.24" } })).length,
            1,
        );
    });

    it("applies to Docker containers, which keep 14 capabilities unless dropped", () => {
        const c = hardenedContainer();
        delete c.capabilities;
        const [d] = only(judge(DOCKER_CONTAINER, c));
        assert.match(d.message, /must drop ALL: capabilities.drops is unset; add "ALL" to drops/);
        c.capabilities = { drops: ["ALL"], adds: ["CAP_SYS_ADMIN"] };
        assert.match(
            only(judge(DOCKER_CONTAINER, c))[0].message,
            /must not add CAP_SYS_ADMIN: capabilities.adds is \["CAP_SYS_ADMIN"\]/,
        );
    });

    it("applies to Docker swarm services", () => {
        const s = hardenedService();
        s.taskSpec.containerSpec.capDrops = [];
        const [d] = only(judge(DOCKER_SERVICE, s));
        assert.match(d.message, /taskSpec.containerSpec.capDrops is \[\]/);
    });
});
