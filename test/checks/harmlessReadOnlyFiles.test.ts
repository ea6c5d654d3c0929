// Harmless read-only host files (issue 10 part 5): a read-only mount of exactly /etc/localtime, /etc/timezone, a tz
// database file or the public CA certificates is not an escape path; a writable one, a mount of the directory, or a
// path that only starts like one is still a finding. hostPathVolumes (PSS baseline) still bans every host path.
import * as assert from "assert";
import { POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { judge, PackConfig } from "../helpers";
import { pssIds } from "./pss";
import { DEFAULT_HARMLESS_READ_ONLY_FILES, isListedFile, normalizeHostPath } from "../../engine/hostpaths";

function podWith(path: string, readOnly: boolean) {
    const spec = hardenedPodSpec();
    spec.volumes.push({ name: "host", hostPath: { path } });
    spec.containers[0].volumeMounts.push({ name: "host", mountPath: "/host", readOnly });
    return POD.wrap(spec);
}

const sensitive = (props: Record<string, unknown>, config: PackConfig = {}, type = POD.type) =>
    judge(type, props, config).filter((d) => d.check === "sensitiveHostPath");

function dockerWith(hostPath: string, readOnly: boolean) {
    const c = hardenedContainer();
    c.volumes = [{ hostPath, containerPath: hostPath, readOnly }];
    return c;
}

describe("harmless read-only host files", () => {
    for (const p of [
        "/etc/localtime",
        "/etc/timezone",
        "/usr/share/zoneinfo",
        "/usr/share/zoneinfo/Europe/Berlin",
        "/etc/ssl/certs",
        "/etc/ssl/certs/ca-certificates.crt",
        "//etc//localtime/",
        "/etc/./localtime",
    ]) {
        it(`accepts ${p} mounted read-only (Kubernetes hostPath, Docker volumes and mounts, swarm)`, () => {
            assert.deepStrictEqual(sensitive(podWith(p, true)), []);
            assert.deepStrictEqual(sensitive(dockerWith(p, true), {}, DOCKER_CONTAINER), []);
            const c = hardenedContainer();
            c.mounts = [{ type: "bind", source: p, target: "/etc/localtime", readOnly: true }];
            assert.deepStrictEqual(sensitive(c, {}, DOCKER_CONTAINER), []);
            const s = hardenedService();
            s.taskSpec.containerSpec.mounts = [{ type: "bind", source: p, target: "/etc/localtime", readOnly: true }];
            assert.deepStrictEqual(sensitive(s, {}, DOCKER_SERVICE), []);
        });
    }

    it("still rejects the same file mounted read-write", () => {
        const ds = sensitive(podWith("/etc/localtime", false));
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes("inside sensitive host path /etc"), ds[0].message);
        assert.strictEqual(sensitive(dockerWith("/etc/localtime", false), {}, DOCKER_CONTAINER).length, 1);
    });

    it("still rejects a read-write mount by a second container of a file another mounts read-only", () => {
        const spec = hardenedPodSpec();
        spec.volumes.push({ name: "tz", hostPath: { path: "/etc/localtime" } });
        spec.containers[0].volumeMounts.push({ name: "tz", mountPath: "/etc/localtime", readOnly: true });
        spec.initContainers[0].volumeMounts = [{ name: "tz", mountPath: "/etc/localtime" }];
        assert.strictEqual(sensitive(POD.wrap(spec)).length, 1);
    });

    for (const p of [
        "/etc",
        "/etc/",
        "/usr/share",
        "/etc/localtime/../shadow",
        "/etc/localtimex",
        "/etc/localtime.d",
        "/usr/share/zoneinfo/../../../etc/shadow",
        "/usr/share/zoneinfox",
        "/etc/ssl",
        "/etc/ssl/private",
        "/etc/ssl/certs/../private/key.pem",
    ]) {
        it(`still rejects ${JSON.stringify(p)} mounted read-only (the directory, or a prefix trick)`, () => {
            assert.strictEqual(sensitive(podWith(p, true)).length, 1, p);
            assert.strictEqual(sensitive(dockerWith(p, true), {}, DOCKER_CONTAINER).length, 1, p);
        });
    }

    it("a runtime socket never passes, even when listed", () => {
        const config = { "no-sensitive-host-mounts": { harmlessReadOnlyFiles: ["/run/docker.sock"] } };
        assert.strictEqual(sensitive(podWith("/run/docker.sock", true), config).length, 1);
    });

    it("defaultHarmlessReadOnlyFiles: false turns the list off; harmlessReadOnlyFiles extends it", () => {
        const off = { "no-sensitive-host-mounts": { defaultHarmlessReadOnlyFiles: false } };
        assert.strictEqual(sensitive(podWith("/etc/localtime", true), off).length, 1);
        const extended = { "no-sensitive-host-mounts": { harmlessReadOnlyFiles: ["/etc/hostname"] } };
        assert.strictEqual(sensitive(podWith("/etc/hostname", true)).length, 1);
        assert.deepStrictEqual(sensitive(podWith("/etc/hostname", true), extended), []);
        assert.deepStrictEqual(sensitive(podWith("/etc/localtime", true), extended), []);
        assert.strictEqual(sensitive(podWith("/etc/hostname", false), extended).length, 1);
    });

    it("a tree entry of / lets nothing through", () => {
        assert.ok(!isListedFile(normalizeHostPath("/etc/shadow"), ["/**"]));
        assert.ok(!isListedFile("/", ["/**", "/"]));
        assert.ok(isListedFile("/usr/share/zoneinfo/UTC", DEFAULT_HARMLESS_READ_ONLY_FILES));
    });

    it("PSS baseline hostPathVolumes still rejects a read-only /etc/localtime", () => {
        assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, podWith("/etc/localtime", true)), [
            "hostPathVolumes",
        ]);
    });
});
