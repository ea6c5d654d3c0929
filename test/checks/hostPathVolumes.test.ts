import * as assert from "assert";
import { CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { judge, PackConfig } from "../helpers";

const ON: PackConfig = { "no-sensitive-host-mounts": { checks: { hostPathVolumes: true } } };
const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "hostPathVolumes");

describe("check hostPathVolumes", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: off by default; when on, rejects any hostPath`, () => {
            const spec = hardenedPodSpec();
            spec.volumes.push({ name: "data", hostPath: { path: "/srv/data" } });
            assert.deepStrictEqual(only(judge(carrier.type, carrier.wrap(spec))), []);
            const ds = only(judge(carrier.type, carrier.wrap(spec), ON));
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.volumes[2].hostPath.path is "/srv/data"`),
                ds[0].message,
            );
        });
    }

    it("treats Docker bind mounts as host path volumes, named volumes not", () => {
        const c = hardenedContainer();
        assert.deepStrictEqual(only(judge(DOCKER_CONTAINER, c, ON)), []);
        c.mounts.push({ type: "bind", source: "/srv", target: "/srv" });
        assert.strictEqual(only(judge(DOCKER_CONTAINER, c, ON)).length, 1);
    });

    it("attributes a Docker bind mount to its container", () => {
        const c = hardenedContainer();
        c.mounts.push({ type: "bind", source: "/srv", target: "/srv" });
        const ds = only(judge(DOCKER_CONTAINER, c, ON));
        assert.strictEqual(ds.length, 1);
        // The finding's subject (exemptions and per-container suppression key on it), not shown in a Docker message.
        assert.strictEqual(ds[0].container, "web");
    });

    it("malformed pod volumes fail closed as a hostPathVolumes finding", () => {
        const spec = hardenedPodSpec();
        (spec as Record<string, unknown>).volumes = "oops";
        const ds = only(judge(POD.type, POD.wrap(spec), ON));
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
    });
});
