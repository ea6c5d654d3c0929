// Pins for the choices a check makes between two fix hints or problem texts, found by mutation testing: the platform
// or twin that picks them is the same expression elsewhere decides a verdict, so these are killed rather than listed.
import * as assert from "assert";
import { judge, judgeStack } from "../helpers";
import { judgePss, unmasked } from "./pss";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { VIRTUAL_MACHINE, cleanVmiSpec, runtimeClass, tenantDeployment } from "../fixtures/multitenancy";
import { UNKNOWN } from "../harness/engine";

const messages = (check: string, ds: Array<{ check: string; message: string }>) =>
    ds.filter((d) => d.check === check).map((d) => d.message);

describe("fix hints and problem texts chosen per platform or twin (pinned)", () => {
    it("hostDevices: a VM is told to dedicate the node, a container to use a device plugin", () => {
        const spec = cleanVmiSpec();
        spec.domain.devices.gpus = [{ name: "gpu1", deviceName: "nvidia.com/GA102GL_A10" }];
        const [vm] = messages("hostDevices", judge(VIRTUAL_MACHINE.type, VIRTUAL_MACHINE.wrap(spec)));
        assert.ok(
            vm.endsWith("; remove the passthrough, or give the device to a VM on a node dedicated to one tenant"),
            vm,
        );
        const [container] = messages(
            "hostDevices",
            judge(DOCKER_CONTAINER, { ...hardenedContainer(), devices: [{ hostPath: "/dev/kvm" }] }),
        );
        assert.ok(
            container.endsWith("; remove the device; use a device plugin or a dedicated VM for hardware access"),
            container,
        );
    });

    it("mountPropagation: Docker and Kubernetes are told their own propagation names", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].volumeMounts[0].mountPropagation = "Bidirectional";
        const [k8s] = messages("mountPropagation", judge(DEPLOYMENT.type, DEPLOYMENT.wrap(spec)));
        assert.ok(k8s.endsWith("; use HostToContainer or None"), k8s);
        const props = {
            ...hardenedContainer(),
            mounts: [{ type: "bind", source: "/srv/data", target: "/data", bindOptions: { propagation: "shared" } }],
        };
        const [docker] = messages("mountPropagation", judge(DOCKER_CONTAINER, props));
        assert.ok(docker.endsWith("; use private or rprivate propagation"), docker);
    });

    it("procMount offers a user namespace; procMount_restricted, which holds in one too, does not", () => {
        const props = DEPLOYMENT.wrap(unmasked());
        const [baseline] = messages("procMount", judgePss("baseline", "latest", DEPLOYMENT.type, props));
        assert.ok(
            baseline.endsWith('; remove procMount or set it to "Default" (or run the pod with hostUsers: false)'),
            baseline,
        );
        const [restricted] = messages(
            "procMount_restricted",
            judgePss("restricted", "latest", DEPLOYMENT.type, DEPLOYMENT.wrap(unmasked(false))),
        );
        assert.ok(restricted.endsWith('; remove procMount or set it to "Default"'), restricted);
    });

    it("sandboxRuntimeClass says whether a handler is not known yet or cannot be interpreted", () => {
        const config = { "multi-tenant-isolation": { unknownValues: "fail-closed" as const } };
        const problem = (handler: unknown) => {
            const rc = runtimeClass("gvisor", "runsc");
            rc.props.handler = handler;
            const { stack } = judgeStack([rc, tenantDeployment("acme", "gvisor")], config);
            return messages("sandboxRuntimeClass", stack);
        };
        const [unknown] = problem(UNKNOWN);
        assert.match(unknown, /its handler is not known yet, which cannot be judged at preview/);
        const [malformed] = problem(7);
        assert.match(malformed, /its handler cannot be interpreted/);
    });
});
