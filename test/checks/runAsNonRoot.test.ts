import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";
import { resourcePolicies } from "../../policies";
import { pssIds } from "./pss";

const rootable = () => {
    const spec = hardenedPodSpec();
    delete spec.securityContext.runAsNonRoot;
    for (const c of [...spec.containers, ...spec.initContainers]) delete c.securityContext.runAsNonRoot;
    return spec;
};

describe("check runAsNonRoot", () => {
    it("belongs to run-as-non-root, advisory by default", () => {
        assert.strictEqual(resourcePolicies.find((p) => p.name === "run-as-non-root")?.enforcementLevel, "advisory");
    });

    for (const carrier of CARRIERS) {
        it(`${carrier.type}: requires runAsNonRoot: true on the pod or every container`, () => {
            const ds = judge(carrier.type, carrier.wrap(rootable())).filter((d) => d.check === "runAsNonRoot");
            assert.deepStrictEqual(
                ds.map((d) => d.container),
                ["app", "init"],
            );
            assert.strictEqual(ds[0].policy, "run-as-non-root");
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.containers[0].securityContext.runAsNonRoot is unset`),
                ds[0].message,
            );
        });
    }

    it("accepts pod-level true, or true on every container", () => {
        const pod = rootable();
        pod.securityContext.runAsNonRoot = true;
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(pod)), []);
        const each = rootable();
        for (const c of [...each.containers, ...each.initContainers]) c.securityContext.runAsNonRoot = true;
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(each)), []);
    });

    it("rejects an explicit false even under a pod-level true", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.runAsNonRoot = false;
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), ["runAsNonRoot"]);
        const pod = hardenedPodSpec();
        pod.securityContext.runAsNonRoot = false;
        delete pod.initContainers[0].securityContext.runAsNonRoot;
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(pod)), ["runAsNonRoot", "runAsNonRoot"]);
    });

    it("leaves an absent setting alone in a patch, but not an explicit false", () => {
        for (const carrier of PATCH_CARRIERS) {
            assert.deepStrictEqual(checkIds(carrier.type, carrier.wrap(rootable())), [], carrier.type);
            const spec = rootable();
            spec.securityContext.runAsNonRoot = false;
            assert.deepStrictEqual(checkIds(carrier.type, carrier.wrap(spec)), ["runAsNonRoot"], carrier.type);
        }
    });

    it("is relaxed for a user namespace (hostUsers: false) from v1.35", () => {
        const spec = rootable();
        spec.hostUsers = false;
        assert.deepStrictEqual(pssIds("restricted", "latest", POD.type, POD.wrap(spec)), []);
        assert.deepStrictEqual(pssIds("restricted", "v1.34", POD.type, POD.wrap(spec)), [
            "runAsNonRoot",
            "runAsNonRoot",
        ]);
    });

    it("is mandatory under the restricted preset and absent under baseline", () => {
        assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, POD.wrap(rootable())), []);
        assert.deepStrictEqual(pssIds("restricted", "v1.0", POD.type, POD.wrap(rootable())), [
            "runAsNonRoot",
            "runAsNonRoot",
        ]);
    });

    it("Docker: a container without user runs as the image's user, maybe root", () => {
        const c = hardenedContainer();
        delete c.user;
        const [d] = judge(DOCKER_CONTAINER, c);
        assert.strictEqual(d.check, "runAsNonRoot");
        assert.ok(d.message.includes("user is unset"), d.message);
        const s = hardenedService();
        delete s.taskSpec.containerSpec.user;
        assert.deepStrictEqual(checkIds(DOCKER_SERVICE, s), ["runAsNonRoot"]);
        assert.deepStrictEqual(checkIds(DOCKER_SERVICE, hardenedService()), []);
    });
});
