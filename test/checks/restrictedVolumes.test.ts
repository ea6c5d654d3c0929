import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

const ON = { "no-sensitive-host-mounts": { checks: { restrictedVolumes: true } } };
const withVolume = (v: Record<string, unknown>) => {
    const spec = hardenedPodSpec();
    spec.volumes.push({ name: "extra", ...v });
    return spec;
};

describe("check restrictedVolumes", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects a volume type outside the restricted list`, () => {
            const ds = judge(
                carrier.type,
                carrier.wrap(withVolume({ nfs: { server: "nfs", path: "/export" } })),
                ON,
            ).filter((d) => d.check === "restrictedVolumes");
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes('must not use nfs volume "extra"') &&
                    ds[0].message.includes(`${carrier.specPath}.volumes[2] is "nfs"`),
                ds[0].message,
            );
        });
    }

    it("is off by default", () => {
        assert.deepStrictEqual(
            checkIds(POD.type, POD.wrap(withVolume({ gitRepo: { repository: "https://example.com/r.git" } }))),
            [],
        );
    });

    it("accepts every allowed type and a volume with no source (defaulted to emptyDir)", () => {
        for (const v of [
            { emptyDir: {} },
            { csi: { driver: "x" } },
            { ephemeral: { volumeClaimTemplate: {} } },
            { image: { reference: "r" } },
            { persistentVolumeClaim: { claimName: "c" } },
            { projected: { sources: [] } },
            { downwardAPI: {} },
            { secret: { secretName: "s" } },
            { configMap: { name: "c" } },
            {},
        ]) {
            assert.deepStrictEqual(checkIds(POD.type, POD.wrap(withVolume(v)), ON), [], JSON.stringify(v));
        }
    });

    it("rejects each of PSA's restricted sources", () => {
        for (const t of [
            "gcePersistentDisk",
            "awsElasticBlockStore",
            "gitRepo",
            "nfs",
            "iscsi",
            "glusterfs",
            "rbd",
            "flexVolume",
            "cinder",
            "cephfs",
            "flocker",
            "fc",
            "azureFile",
            "vsphereVolume",
            "quobyte",
            "azureDisk",
            "portworxVolume",
            "photonPersistentDisk",
            "scaleIO",
            "storageos",
        ]) {
            assert.deepStrictEqual(checkIds(POD.type, POD.wrap(withVolume({ [t]: {} })), ON), ["restrictedVolumes"], t);
        }
    });

    it("names a hostPath under both levels in the restricted preset, as PSA's fixtures do", () => {
        assert.deepStrictEqual(
            pssIds("restricted", "latest", POD.type, POD.wrap(withVolume({ hostPath: { path: "/data" } }))),
            ["hostPathVolumes", "restrictedVolumes"],
        );
        assert.deepStrictEqual(
            pssIds("baseline", "latest", POD.type, POD.wrap(withVolume({ hostPath: { path: "/data" } }))),
            ["hostPathVolumes"],
        );
        assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, POD.wrap(withVolume({ nfs: {} }))), []);
    });

    it("keeps judging Docker bind mounts through its hostPathVolumes twin", () => {
        const c = hardenedContainer();
        c.mounts.push({ type: "bind", source: "/srv/data", target: "/data" });
        assert.deepStrictEqual(pssIds("restricted", "latest", DOCKER_CONTAINER, c), ["hostPathVolumes"]);
    });
});
