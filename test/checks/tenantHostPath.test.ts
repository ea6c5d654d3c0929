// tenantHostPath (issue 22 part 2): a workload marked multi-tenant mounts no host path at all, however harmless the
// directory looks (/srv/data is shared with every other tenant on the node), except a read-only mount of one of the
// harmless files. On every platform that mounts host paths, marked by its own label or tag or by a stack tag, and
// whatever sandbox it runs in.
import * as assert from "assert";
import { HOST_MOUNT_CARRIERS } from "../fixtures/hostMounts";
import { MULTI_TENANT, namespace } from "../fixtures/multitenancy";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { DEPLOYMENT, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { judge, judgeStack, PackConfig } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const ours = (type: string, props: Record<string, unknown>, config: PackConfig = {}, tags = {}) =>
    judge(type, props, config, "res", tags).filter((d) => d.check === "tenantHostPath");

describe("check tenantHostPath", () => {
    for (const carrier of HOST_MOUNT_CARRIERS) {
        describe(carrier.name, () => {
            it("rejects a multi-tenant workload's host path that no sensitive list names (the node's disk, shared)", () => {
                const ds = ours(carrier.type, carrier.props("/srv/data", true, MULTI_TENANT));
                assert.strictEqual(ds.length, 1);
                assert.strictEqual(ds[0].policy, "multi-tenant-isolation");
                assert.strictEqual(ds[0].advisory, false);
                assert.match(
                    ds[0].message,
                    /^\[tenantHostPath\] .* is multi-tenant \(\w+ tenancy=multi-tenant\) and must not mount a host path: .* is "\/srv\/data"; use a persistent volume claim/,
                );
            });
            it("leaves a single-tenant workload's host path to the sensitive list", () => {
                assert.deepStrictEqual(ours(carrier.type, carrier.props("/srv/data", true)), []);
            });
            it("marks by a stack tag too", () => {
                assert.strictEqual(ours(carrier.type, carrier.props("/srv/data", true), {}, MULTI_TENANT).length, 1);
            });
            it("accepts the harmless files read-only, and only read-only and only the files", () => {
                for (const path of ["/etc/localtime", "/etc/pki/ca-trust/extracted/pem", "/usr/lib/os-release"])
                    assert.deepStrictEqual(ours(carrier.type, carrier.props(path, true, MULTI_TENANT)), [], path);
                for (const path of ["/etc/localtime", "/etc/ssl/certs"])
                    assert.strictEqual(ours(carrier.type, carrier.props(path, false, MULTI_TENANT)).length, 1, path);
                for (const path of ["/etc/ssl", "/etc/pki", "/usr/share"])
                    assert.strictEqual(ours(carrier.type, carrier.props(path, true, MULTI_TENANT)).length, 1, path);
            });
            it("is switched off by config like any check", () => {
                const off = { "multi-tenant-isolation": { checks: { tenantHostPath: false } } };
                assert.deepStrictEqual(ours(carrier.type, carrier.props("/srv/data", true, MULTI_TENANT), off), []);
            });
        });
    }

    it("a Deployment in a Namespace labelled multi-tenant is judged once the stack is known (AnalyzeStack)", () => {
        const spec = hardenedPodSpec();
        spec.runtimeClassName = "gvisor";
        spec.volumes.push({ name: "host", hostPath: { path: "/srv/data" } });
        const app = DEPLOYMENT.wrap(spec);
        (app.metadata as Record<string, unknown>).namespace = "shared";
        const { resource, stack } = judgeStack([
            namespace("shared", MULTI_TENANT),
            { type: DEPLOYMENT.type, name: "app", props: app },
        ]);
        assert.deepStrictEqual(resource, []);
        assert.deepStrictEqual(
            stack.map((d) => d.check),
            ["tenantHostPath"],
        );
        assert.match(stack[0].message, /is multi-tenant \(Namespace "shared" label tenancy=multi-tenant\)/);
    });

    it("a sandbox runtime does not help: the host path is passed into the sandbox", () => {
        const spec = hardenedPodSpec();
        spec.runtimeClassName = "gvisor";
        spec.volumes.push({ name: "host", hostPath: { path: "/srv/data" } });
        spec.containers[0].volumeMounts.push({ name: "host", mountPath: "/data", readOnly: true });
        const pod = POD.wrap(spec);
        (pod.metadata as Record<string, unknown>).labels = MULTI_TENANT;
        const all = judge(POD.type, pod).map((d) => d.check);
        assert.deepStrictEqual(all, ["tenantHostPath"]);
    });

    it("names the Docker container at fault, so a container exemption waives it", () => {
        const c = hardenedContainer();
        c.labels = [{ label: "tenancy", value: "multi-tenant" }];
        c.mounts = [{ type: "bind", source: "/srv/data", target: "/data" }];
        const exempt: PackConfig = {
            "multi-tenant-isolation": {
                exemptions: [
                    { checks: ["tenantHostPath"], match: { container: "web" }, reason: "r", expires: "2099-12-31" },
                ],
            },
        };
        assert.strictEqual(ours(DOCKER_CONTAINER, c).length, 1);
        assert.ok(ours(DOCKER_CONTAINER, c, exempt).every((d) => d.advisory));
    });

    it("a host device is hostDevices' to judge, not a host path", () => {
        const c = hardenedContainer();
        c.labels = [{ label: "tenancy", value: "multi-tenant" }];
        c.devices = [{ hostPath: "/dev/fuse", containerPath: "/dev/fuse" }];
        assert.deepStrictEqual(ours(DOCKER_CONTAINER, c), []);
    });

    it("a host path unknown at preview is deferred (noted), and reported under unknownValues: fail-closed", () => {
        const spec = hardenedPodSpec();
        spec.volumes.push({ name: "host", hostPath: { path: UNKNOWN } });
        spec.containers[0].volumeMounts.push({ name: "host", mountPath: "/etc/localtime", readOnly: true });
        const pod = POD.wrap(spec);
        (pod.metadata as Record<string, unknown>).labels = MULTI_TENANT;
        // The note is made once per resource, by the first policy that reads the value.
        const all = judge(POD.type, pod);
        assert.deepStrictEqual(ours(POD.type, pod), []);
        assert.ok(
            all.some((d) => d.check === "unknownValues" && d.message.includes("spec.volumes[2].hostPath.path")),
            all.map((d) => d.message).join(" | "),
        );
        const closed = ours(POD.type, pod, { "multi-tenant-isolation": { unknownValues: "fail-closed" } });
        assert.strictEqual(closed.length, 1);
        assert.match(closed[0].message, /cannot be judged at preview/);
    });

    it("a malformed host path fails closed", () => {
        const spec = hardenedPodSpec();
        spec.volumes.push({ name: "host", hostPath: { path: 7 } });
        const pod = POD.wrap(spec);
        (pod.metadata as Record<string, unknown>).labels = MULTI_TENANT;
        const ds = ours(POD.type, pod);
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
    });

    it("a volume that sets a host path beside another source is a host path", () => {
        const spec = hardenedPodSpec();
        spec.volumes.push({ name: "both", emptyDir: {}, hostPath: { path: "/srv/data" } });
        const pod = POD.wrap(spec);
        (pod.metadata as Record<string, unknown>).labels = MULTI_TENANT;
        assert.strictEqual(ours(POD.type, pod).length, 1);
    });

    it("malformed volumes fail closed under tenantHostPath too", () => {
        const spec = hardenedPodSpec();
        spec.volumes = "oops";
        const pod = POD.wrap(spec);
        (pod.metadata as Record<string, unknown>).labels = MULTI_TENANT;
        const ds = ours(POD.type, pod);
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
    });

    it("an emptyDir, a ConfigMap or a named volume is no host path", () => {
        const spec = hardenedPodSpec();
        spec.volumes.push({ name: "cfg", configMap: { name: "x" } }, { name: "tmp", emptyDir: {} });
        const pod = POD.wrap(spec);
        (pod.metadata as Record<string, unknown>).labels = MULTI_TENANT;
        assert.deepStrictEqual(ours(POD.type, pod), []);
        const c = hardenedContainer();
        c.labels = [{ label: "tenancy", value: "multi-tenant" }];
        assert.deepStrictEqual(ours(DOCKER_CONTAINER, c), []);
    });
});
