import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

const ON = { "kernel-hardening": { checks: { seccompProfile_restricted: true } } };
const withoutSeccomp = () => {
    const spec = hardenedPodSpec();
    delete spec.securityContext.seccompProfile;
    for (const c of [...spec.containers, ...spec.initContainers]) delete c.securityContext.seccompProfile;
    return spec;
};

describe("check seccompProfile_restricted", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: requires a profile on the pod or on every container`, () => {
            const ds = judge(carrier.type, carrier.wrap(withoutSeccomp()), ON).filter(
                (d) => d.check === "seccompProfile_restricted",
            );
            assert.deepStrictEqual(
                ds.map((d) => d.container),
                ["app", "init"],
            );
            assert.ok(
                ds[0].message.includes(
                    `${carrier.specPath}.containers[0].securityContext.seccompProfile.type is unset`,
                ),
                ds[0].message,
            );
        });
    }

    it("is off by default", () => {
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(withoutSeccomp())), []);
    });

    it("accepts a pod-level profile for all containers, or a profile on each container", () => {
        const spec = withoutSeccomp();
        spec.securityContext.seccompProfile = { type: "RuntimeDefault" };
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec), ON), []);
        const each = withoutSeccomp();
        for (const c of [...each.containers, ...each.initContainers])
            c.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "p.json" };
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(each), ON), []);
    });

    it("does not count an Unconfined pod profile as set; reports an explicit Unconfined under both levels", () => {
        const spec = withoutSeccomp();
        spec.securityContext.seccompProfile = { type: "Unconfined" };
        assert.deepStrictEqual(pssIds("restricted", "latest", POD.type, POD.wrap(spec)), [
            "seccompProfile_baseline",
            "seccompProfile_restricted",
            "seccompProfile_restricted",
            "seccompProfile_restricted",
        ]);
    });

    it("leaves missing profiles alone in a patch", () => {
        for (const carrier of PATCH_CARRIERS)
            assert.deepStrictEqual(checkIds(carrier.type, carrier.wrap(withoutSeccomp()), ON), [], carrier.type);
    });

    it("exempts Windows pods from v1.25", () => {
        const spec = withoutSeccomp();
        spec.os = { name: "windows" };
        assert.deepStrictEqual(
            pssIds("restricted", "latest", POD.type, POD.wrap(spec)).filter((id) => id.startsWith("seccomp")),
            [],
        );
        assert.deepStrictEqual(
            pssIds("restricted", "v1.24", POD.type, POD.wrap(spec)).filter((id) => id.startsWith("seccomp")),
            ["seccompProfile_restricted", "seccompProfile_restricted"],
        );
    });

    it("exists from v1.19; before, restricted judges only baseline's annotations", () => {
        assert.deepStrictEqual(
            pssIds("restricted", "v1.18", POD.type, POD.wrap(withoutSeccomp())).filter((id) =>
                id.startsWith("seccomp"),
            ),
            [],
        );
        assert.deepStrictEqual(
            pssIds("restricted", "v1.19", POD.type, POD.wrap(withoutSeccomp())).filter((id) =>
                id.startsWith("seccomp"),
            ),
            ["seccompProfile_restricted", "seccompProfile_restricted"],
        );
    });

    it("Docker: the default profile applies when none is named; seccomp=unconfined fails", () => {
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, hardenedContainer(), ON), []);
        const c = hardenedContainer();
        c.securityOpts.push("seccomp=unconfined");
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c, ON), [
            "seccompProfile_baseline",
            "seccompProfile_restricted",
        ]);
    });
});
