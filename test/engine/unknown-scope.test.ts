// An unknown value holds back only the checks that read it: a computed image (an image built in the same stack is
// unknown at every first preview) must not hide a privileged container until update.
import * as assert from "assert";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { UNKNOWN } from "../harness/engine";
import { judge } from "../helpers";

const mandatory = (ds: ReturnType<typeof judge>) =>
    ds
        .filter((d) => !d.advisory)
        .map((d) => d.check)
        .sort();

describe("unknown values outside security fields", () => {
    it("an unknown image, container name or containerPort does not defer a Kubernetes verdict", () => {
        const spec = hardenedPodSpec();
        Object.assign(spec.containers[0], { image: UNKNOWN, name: UNKNOWN });
        spec.containers[0].ports = [{ containerPort: UNKNOWN, hostPort: 80 }];
        spec.containers[0].securityContext.privileged = true;
        const ds = judge(DEPLOYMENT.type, DEPLOYMENT.wrap(spec));
        assert.deepStrictEqual(mandatory(ds), ["hostPorts", "privileged"]);
        assert.ok(!ds.some((d) => d.check === "unknownValues"), "no deferral note for fields no check reads");
    });

    it("an unknown Docker image or name does not defer a Docker verdict", () => {
        const c = hardenedContainer();
        Object.assign(c, { image: UNKNOWN, name: UNKNOWN, privileged: true });
        assert.deepStrictEqual(mandatory(judge(DOCKER_CONTAINER, c)), ["privileged"]);
        const s = hardenedService();
        s.taskSpec.containerSpec.image = UNKNOWN;
        s.taskSpec.containerSpec.capDrops = [];
        assert.deepStrictEqual(mandatory(judge(DOCKER_SERVICE, s)), ["capabilities_restricted"]);
    });

    it("an unknown security field still defers its own check, with a note naming it", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.privileged = UNKNOWN;
        const ds = judge(DEPLOYMENT.type, DEPLOYMENT.wrap(spec));
        assert.deepStrictEqual(mandatory(ds), []);
        assert.ok(
            ds.some(
                (d) =>
                    d.check === "unknownValues" &&
                    d.message.includes("spec.template.spec.containers[0].securityContext.privileged"),
            ),
        );
    });
});
