import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

const withSel = (sel: Record<string, string>, at: "pod" | "container" = "container") => {
    const spec = hardenedPodSpec();
    if (at === "pod") spec.securityContext.seLinuxOptions = sel;
    else spec.containers[0].securityContext.seLinuxOptions = sel;
    return POD.wrap(spec);
};

describe("check seLinuxOptions", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects spc_t, a user and a role`, () => {
            const spec = hardenedPodSpec();
            spec.securityContext.seLinuxOptions = { type: "spc_t" };
            spec.containers[0].securityContext.seLinuxOptions = { user: "system_u", role: "system_r" };
            const ds = judge(carrier.type, carrier.wrap(spec)).filter((d) => d.check === "seLinuxOptions");
            assert.strictEqual(ds.length, 3);
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.securityContext.seLinuxOptions.type is "spc_t"`),
                ds[0].message,
            );
        });
    }

    it("accepts the container types and a level", () => {
        for (const type of ["container_t", "container_init_t", "container_kvm_t", ""]) {
            assert.deepStrictEqual(checkIds(POD.type, withSel({ type, level: "s0:c123,c456" })), [], type);
        }
        assert.deepStrictEqual(checkIds(POD.type, withSel({ level: "s0:c1" }, "pod")), []);
    });

    it("allows container_engine_t from v1.31", () => {
        assert.deepStrictEqual(pssIds("baseline", "v1.30", POD.type, withSel({ type: "container_engine_t" })), [
            "seLinuxOptions",
        ]);
        assert.deepStrictEqual(pssIds("baseline", "v1.31", POD.type, withSel({ type: "container_engine_t" })), []);
        assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, withSel({ type: "container_engine_t" })), []);
    });

    it("rejects Docker label=disable (spc_t) and a label user, accepts a label level", () => {
        const c = hardenedContainer();
        c.securityOpts.push("label=disable");
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), ["seLinuxOptions"]);
        const user = hardenedContainer();
        user.securityOpts.push("label=user:system_u");
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, user), ["seLinuxOptions"]);
        const level = hardenedContainer();
        level.securityOpts.push("label:level:s0:c100,c200");
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, level), []);
        const s = hardenedService();
        s.taskSpec.containerSpec.privileges = { seLinuxContext: { disable: true } };
        assert.deepStrictEqual(checkIds(DOCKER_SERVICE, s), ["seLinuxOptions"]);
    });
});
