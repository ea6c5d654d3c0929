// What the custom-resource adapter costs resources it does not read, and what it costs the ones it does: routing by
// type token over the analyze bench's mixed types, then mapping a pod-less custom resource, a Deployment and a Rollout
// with the same pod template. Per call, in process. Usage: node dist/bench/routing.js [calls=2000000]
import { toWorkloads } from "../adapters";
import { isCustomResourceType } from "../adapters/crd";
import { template } from "../test/fixtures/customResources";
import { mixedResources, record } from "./common";

function perCall(n: number, f: (i: number) => unknown): number {
    for (let i = 0; i < n / 10; i++) f(i); // warm-up
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f(i);
    return +(Number(process.hrtime.bigint() - t) / n).toFixed(1);
}

function main(): void {
    const n = Number(process.argv[2] ?? 2000000);
    const types = mixedResources(10000).map((r) => r.type);
    const certificate = {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: { name: "tls", namespace: "web" },
        spec: { secretName: "tls", dnsNames: ["web.example.com"], issuerRef: { name: "le", kind: "ClusterIssuer" } },
    };
    const carrier = { metadata: { name: "web" }, spec: { template: template() } };
    const m = Math.max(1, Math.round(n / 20));
    record("routing", {
        calls: n,
        nsPerCall: {
            startsWithOnlyForScale: perCall(n, (i) => types[i % types.length].startsWith("kubernetes:")),
            isCustomResourceType: perCall(n, (i) => isCustomResourceType(types[i % types.length])),
            certificateNoPod: perCall(m, () =>
                toWorkloads("kubernetes:cert-manager.io/v1:Certificate", "t", certificate),
            ),
            deployment: perCall(m, () => toWorkloads("kubernetes:apps/v1:Deployment", "web", carrier)),
            rollout: perCall(m, () => toWorkloads("kubernetes:argoproj.io/v1alpha1:Rollout", "web", carrier)),
        },
    });
}

main();
