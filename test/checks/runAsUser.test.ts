import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

describe("check runAsUser", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects runAsUser 0 on the pod and on containers`, () => {
            const spec = hardenedPodSpec();
            spec.securityContext.runAsUser = 0;
            spec.initContainers[0].securityContext.runAsUser = 0;
            const ds = judge(carrier.type, carrier.wrap(spec)).filter((d) => d.check === "runAsUser");
            assert.deepStrictEqual(
                ds.map((d) => d.container),
                [undefined, "init"],
            );
            assert.ok(ds[0].message.includes(`${carrier.specPath}.securityContext.runAsUser is 0`), ds[0].message);
        });
    }

    it("accepts non-zero and unset", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.runAsUser = 65534;
        delete spec.securityContext.runAsUser;
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), []);
    });

    it("exists from v1.23 and is relaxed for a user namespace from v1.35", () => {
        const spec = hardenedPodSpec();
        spec.securityContext.runAsUser = 0;
        assert.deepStrictEqual(pssIds("restricted", "v1.22", POD.type, POD.wrap(spec)), []);
        assert.deepStrictEqual(pssIds("restricted", "v1.23", POD.type, POD.wrap(spec)), ["runAsUser"]);
        spec.hostUsers = false;
        assert.deepStrictEqual(pssIds("restricted", "v1.34", POD.type, POD.wrap(spec)), ["runAsUser"]);
        assert.deepStrictEqual(pssIds("restricted", "v1.35", POD.type, POD.wrap(spec)), []);
    });

    it("Docker: rejects user root or UID 0 with or without a group", () => {
        for (const user of ["root", "0", "0:0", "root:root", "00"]) {
            const c = hardenedContainer();
            c.user = user;
            assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), ["runAsUser"], user);
        }
        for (const user of ["1000", "1000:0", "nginx", "rootless"]) {
            const c = hardenedContainer();
            c.user = user;
            assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), [], user);
        }
        const s = hardenedService();
        s.taskSpec.containerSpec.user = "root";
        assert.deepStrictEqual(checkIds(DOCKER_SERVICE, s), ["runAsUser"]);
    });
});
