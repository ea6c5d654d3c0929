// Manifest directories for the scan CLI tests: every input shape the CLI reads.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hardenedPodSpec } from "../fixtures/kubernetes";

/** Writes files (relative path → content) into a fresh temporary directory. */
export function manifestDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-scan-"));
    for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), content);
    }
    return dir;
}

export const json = (v: unknown) => JSON.stringify(v, null, 2);
export const pod = (name: string, mutate: (spec: ReturnType<typeof hardenedPodSpec>) => void = () => undefined) => {
    const spec = hardenedPodSpec();
    mutate(spec);
    return { apiVersion: "v1", kind: "Pod", metadata: { name }, spec };
};
export const deployment = (
    name: string,
    mutate: (spec: ReturnType<typeof hardenedPodSpec>) => void = () => undefined,
) => {
    const p = pod(name, mutate);
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name },
        spec: {
            selector: { matchLabels: { app: name } },
            template: { metadata: { labels: { app: name } }, spec: p.spec },
        },
    };
};

/** A directory exercising every input shape: multi-document YAML, JSON, nesting, List and typed lists, non-workloads. */
export function mixedManifests(): string {
    const list = {
        apiVersion: "v1",
        kind: "List",
        items: [
            {
                apiVersion: "apps/v1",
                kind: "DaemonSet",
                metadata: { name: "agent" },
                spec: { template: { spec: { ...hardenedPodSpec(), hostPID: true } } },
            },
        ],
    };
    const podList = {
        apiVersion: "v1",
        kind: "PodList",
        items: [{ metadata: { name: "listed" }, spec: { ...hardenedPodSpec(), hostIPC: true } }],
    };
    return manifestDir({
        "app.yaml": [
            json(deployment("priv", (s) => (s.containers[0].securityContext.privileged = true))),
            json({ apiVersion: "v1", kind: "Service", metadata: { name: "svc" }, spec: {} }),
            json(deployment("clean")),
        ].join("\n---\n"),
        "nested/deeper/pod.json": json(pod("netpod", (s) => (s.hostNetwork = true))),
        "nested/list.yml": json(list),
        "nested/podlist.yaml": json(podList),
        "nested/probe.yaml": json(
            pod("probe", (s) => (s.containers[0].livenessProbe = { httpGet: { host: "10.0.0.1", port: 80 } })),
        ),
        "nested/rootful.yaml": json(pod("rootful", (s) => (s.securityContext.runAsUser = 0))),
        "notes.txt": "not a manifest",
    });
}
