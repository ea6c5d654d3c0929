import * as assert from "assert";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { judge } from "../helpers";
import { TASK_DEFINITION, hardenedContainerDefinition } from "../fixtures/aws";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "hostDevices");

describe("check hostDevices", () => {
    it("rejects each Docker device passed through", () => {
        const c = hardenedContainer();
        c.devices = [{ hostPath: "/dev/kvm" }, { hostPath: "/dev/fuse", containerPath: "/dev/fuse" }];
        const ds = only(judge(DOCKER_CONTAINER, c));
        assert.strictEqual(ds.length, 2);
        assert.match(
            ds[0].message,
            /\[hostDevices\] Container "web" must not pass through a host device: devices\[0\].hostPath is "\/dev\/kvm"/,
        );
    });

    it("is judged by hostDevices, not sensitiveHostPath", () => {
        const c = hardenedContainer();
        c.devices = [{ hostPath: "/dev/sda" }];
        assert.deepStrictEqual(
            judge(DOCKER_CONTAINER, c).map((d) => d.check),
            ["hostDevices"],
        );
    });

    it("passes a container without devices", () => {
        assert.deepStrictEqual(only(judge(DOCKER_CONTAINER, hardenedContainer())), []);
    });

    it("names the container that has the device, not the first one", () => {
        const props = {
            family: "two",
            requiresCompatibilities: ["EC2"],
            containerDefinitions: JSON.stringify([
                hardenedContainerDefinition("web"),
                {
                    ...hardenedContainerDefinition("gpu"),
                    linuxParameters: { capabilities: { drop: ["ALL"] }, devices: [{ hostPath: "/dev/nvidia0" }] },
                },
            ]),
        };
        const ds = only(judge(TASK_DEFINITION, props));
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /, container "gpu" must not pass through a host device/);
    });

    it("malformed Docker devices fail closed as a hostDevices finding", () => {
        const c = hardenedContainer();
        c.devices = "oops";
        const ds = only(judge(DOCKER_CONTAINER, c));
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
    });
});
