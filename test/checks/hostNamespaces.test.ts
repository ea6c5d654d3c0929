import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { judge } from "../helpers";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "hostNamespaces");

describe("check hostNamespaces", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects hostPID, hostIPC, hostNetwork in one violation`, () => {
            for (const field of ["hostPID", "hostIPC", "hostNetwork"]) {
                const spec = hardenedPodSpec();
                spec[field] = true;
                const ds = only(judge(carrier.type, carrier.wrap(spec)));
                assert.strictEqual(ds.length, 1, field);
                assert.ok(ds[0].message.includes(`${carrier.specPath}.${field}=true`), ds[0].message);
            }
            const spec = hardenedPodSpec();
            Object.assign(spec, { hostPID: true, hostIPC: true, hostNetwork: true });
            assert.strictEqual(only(judge(carrier.type, carrier.wrap(spec))).length, 1);
        });
    }

    it("accepts explicit false", () => {
        const spec = hardenedPodSpec();
        Object.assign(spec, { hostPID: false, hostIPC: false, hostNetwork: false });
        assert.deepStrictEqual(only(judge(POD.type, POD.wrap(spec))), []);
    });

    it("rejects every Docker host mode, in any case", () => {
        for (const key of ["pidMode", "ipcMode", "networkMode", "usernsMode", "cgroupnsMode"]) {
            const c = hardenedContainer();
            c[key] = key === "networkMode" ? "HOST" : "host";
            const ds = only(judge(DOCKER_CONTAINER, c));
            assert.strictEqual(ds.length, 1, key);
            assert.ok(ds[0].message.includes(key), ds[0].message);
        }
        const c = hardenedContainer();
        Object.assign(c, { networkMode: "bridge", pidMode: "container:other", ipcMode: "private" });
        assert.deepStrictEqual(only(judge(DOCKER_CONTAINER, c)), []);
    });

    it("rejects a swarm service attached to the host network", () => {
        const s = hardenedService();
        s.taskSpec.networksAdvanceds = [{ name: "backend" }, { name: "host" }];
        assert.strictEqual(only(judge(DOCKER_SERVICE, s)).length, 1);
    });
});
