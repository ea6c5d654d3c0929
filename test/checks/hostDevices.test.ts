import * as assert from "assert";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { judge } from "../helpers";

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
});
