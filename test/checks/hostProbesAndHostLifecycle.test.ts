import * as assert from "assert";
import { CARRIERS, Obj, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

const HANDLERS: Array<[string, (c: Obj) => void]> = [
    ["livenessProbe.httpGet", (c) => (c.livenessProbe = { httpGet: { host: "169.254.169.254", port: 80, path: "/" } })],
    ["readinessProbe.tcpSocket", (c) => (c.readinessProbe = { tcpSocket: { host: "10.0.0.1", port: 22 } })],
    ["startupProbe.httpGet", (c) => (c.startupProbe = { httpGet: { host: "kubernetes.default", port: 443 } })],
    ["lifecycle.postStart.httpGet", (c) => (c.lifecycle = { postStart: { httpGet: { host: "10.0.0.1", port: 80 } } })],
    ["lifecycle.preStop.tcpSocket", (c) => (c.lifecycle = { preStop: { tcpSocket: { host: "10.0.0.1", port: 80 } } })],
];

describe("check hostProbesAndHostLifecycle", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects host in every probe and lifecycle handler, in every container list`, () => {
            for (const [where, set] of HANDLERS) {
                for (const list of ["containers", "initContainers"]) {
                    const spec = hardenedPodSpec();
                    set(spec[list][0]);
                    const ds = judge(carrier.type, carrier.wrap(spec)).filter(
                        (d) => d.check === "hostProbesAndHostLifecycle",
                    );
                    assert.strictEqual(ds.length, 1, `${where} in ${list}`);
                    assert.ok(
                        ds[0].message.includes(`${carrier.specPath}.${list}[0].${where}.host is "`),
                        ds[0].message,
                    );
                    assert.strictEqual(ds[0].policy, "no-host-namespaces");
                }
            }
        });
    }

    it("accepts probes without host and an empty host", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].livenessProbe = { httpGet: { port: 8080, path: "/healthz" } };
        spec.containers[0].readinessProbe = { tcpSocket: { host: "", port: 8080 } };
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), []);
    });

    it("exists from PSS v1.34", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].livenessProbe = { httpGet: { host: "10.0.0.1", port: 80 } };
        assert.deepStrictEqual(pssIds("baseline", "v1.33", POD.type, POD.wrap(spec)), []);
        assert.deepStrictEqual(pssIds("baseline", "v1.34", POD.type, POD.wrap(spec)), ["hostProbesAndHostLifecycle"]);
        assert.deepStrictEqual(
            checkIds(POD.type, POD.wrap(spec), { "no-host-namespaces": { pssVersion: "v1.33" } }),
            [],
        );
    });

    it("names the check, container, field, host and fix", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].livenessProbe = { httpGet: { host: "169.254.169.254", port: 80 } };
        const [d] = judge(POD.type, POD.wrap(spec));
        assert.strictEqual(
            d.message,
            '[hostProbesAndHostLifecycle] Pod "web", container "app" must not set host in probes or lifecycle handlers ("169.254.169.254"): spec.containers[0].livenessProbe.httpGet.host is "169.254.169.254"; remove host so the kubelet probes the pod\'s own IP',
        );
    });
});
