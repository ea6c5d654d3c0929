// The generated corpus for the oracle: Kubernetes pods and Docker containers that put each observable check on its
// passing and its failing side, alone and in combination (a seeded generator, so a failure reproduces).
import { StackResource } from "../../model/stack";

type Json = Record<string, unknown>;

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const CAPABILITY_VARIANTS: Array<Json | undefined> = [
    undefined,
    { drop: ["ALL"] },
    { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
    { add: ["SYS_ADMIN"] },
    { add: ["NET_RAW"] },
    { add: ["ALL"] },
    { drop: ["NET_RAW"] },
    { drop: ["ALL"], add: ["SYS_PTRACE"] },
    { add: ["CHOWN"] },
    { drop: ["ALL"], add: ["NET_ADMIN", "NET_BIND_SERVICE"] },
];
const SECCOMP_VARIANTS = [undefined, "RuntimeDefault", "Unconfined", "Localhost"];
const HOST_NAMESPACE_VARIANTS: Json[] = [
    {},
    { hostPID: true },
    { hostIPC: true },
    { hostNetwork: true },
    { hostPID: true, hostIPC: true, hostNetwork: true },
];
const HOST_PATHS = ["/var/run/docker.sock", "/etc", "/", "/proc", "/var/lib/app-data", "/opt/cache"];

const RUNTIME_CLASSES: StackResource[] = [
    { name: "gvisor", handler: "runsc" },
    { name: "gvisor-misnamed", handler: "runc" },
].map(({ name, handler }) => ({
    urn: `urn:pulumi:oracle::corpus::kubernetes:node.k8s.io/v1:RuntimeClass::${name}`,
    type: "kubernetes:node.k8s.io/v1:RuntimeClass",
    name,
    props: { apiVersion: "node.k8s.io/v1", kind: "RuntimeClass", metadata: { name }, handler },
}));

function podResource(name: string, spec: Json, labels: Record<string, string> = {}): StackResource {
    return {
        urn: `urn:pulumi:oracle::corpus::kubernetes:core/v1:Pod::${name}`,
        type: "kubernetes:core/v1:Pod",
        name,
        props: { apiVersion: "v1", kind: "Pod", metadata: { name, labels }, spec },
    };
}

interface PodChoice {
    privileged?: boolean;
    capabilities?: Json;
    allowPrivilegeEscalation?: boolean;
    hostNamespaces: Json;
    seccomp?: string;
    seccompAtPod: boolean;
    runAsUser?: number;
    runAsNonRoot?: boolean;
    hostPath?: { path: string; readOnly: boolean };
    emptyDir: boolean;
    procUnmasked: boolean;
    readOnlyRoot?: boolean;
    tenancy?: "sandboxed" | "misnamed" | "none";
}

function pod(i: number, c: PodChoice): StackResource {
    const sc: Json = {};
    if (c.privileged !== undefined) sc.privileged = c.privileged;
    if (c.capabilities) sc.capabilities = c.capabilities;
    if (c.allowPrivilegeEscalation !== undefined) sc.allowPrivilegeEscalation = c.allowPrivilegeEscalation;
    if (c.runAsUser !== undefined) sc.runAsUser = c.runAsUser;
    if (c.runAsNonRoot !== undefined) sc.runAsNonRoot = c.runAsNonRoot;
    if (c.readOnlyRoot !== undefined) sc.readOnlyRootFilesystem = c.readOnlyRoot;
    if (c.procUnmasked) sc.procMount = "Unmasked";
    const profile = c.seccomp
        ? { type: c.seccomp, ...(c.seccomp === "Localhost" ? { localhostProfile: "profiles/app.json" } : {}) }
        : undefined;
    if (profile && !c.seccompAtPod) sc.seccompProfile = profile;
    const volumes: Json[] = [];
    const mounts: Json[] = [];
    if (c.hostPath) {
        volumes.push({ name: "host", hostPath: { path: c.hostPath.path } });
        mounts.push({ name: "host", mountPath: "/host", readOnly: c.hostPath.readOnly });
    }
    if (c.emptyDir) {
        volumes.push({ name: "scratch", emptyDir: {} });
        mounts.push({ name: "scratch", mountPath: "/scratch" });
    }
    const spec: Json = {
        ...c.hostNamespaces,
        ...(profile && c.seccompAtPod ? { securityContext: { seccompProfile: profile } } : {}),
        ...(c.tenancy === "sandboxed" ? { runtimeClassName: "gvisor" } : {}),
        ...(c.tenancy === "misnamed" ? { runtimeClassName: "gvisor-misnamed" } : {}),
        ...(volumes.length ? { volumes } : {}),
        containers: [
            {
                name: "app",
                image: "registry.example/app:1",
                ...(Object.keys(sc).length ? { securityContext: sc } : {}),
                ...(mounts.length ? { volumeMounts: mounts } : {}),
            },
        ],
    };
    return podResource(`pod-${i}`, spec, c.tenancy ? { tenancy: "multi-tenant" } : {});
}

function docker(i: number, props: Json): StackResource {
    const name = `docker-${i}`;
    return {
        urn: `urn:pulumi:oracle::corpus::docker:index/container:Container::${name}`,
        type: "docker:index/container:Container",
        name,
        props: { name, image: "registry.example/app:1", ...props },
    };
}

/**
 * Pods: first every variant of each dimension alone (each check's pass and fail side), then `combinations` random
 * combinations. Docker containers: each setting alone, then random combinations. RuntimeClasses come first.
 */
export function oracleCorpus(combinations = 220, seed = 14): StackResource[] {
    const out: StackResource[] = [...RUNTIME_CLASSES];
    const base: PodChoice = { hostNamespaces: {}, seccompAtPod: false, emptyDir: false, procUnmasked: false };
    const singles: PodChoice[] = [
        base,
        { ...base, privileged: true },
        { ...base, privileged: false },
        ...CAPABILITY_VARIANTS.map((capabilities) => ({ ...base, capabilities })),
        { ...base, allowPrivilegeEscalation: true },
        { ...base, allowPrivilegeEscalation: false },
        ...HOST_NAMESPACE_VARIANTS.map((hostNamespaces) => ({ ...base, hostNamespaces })),
        ...SECCOMP_VARIANTS.flatMap((seccomp) => [
            { ...base, seccomp },
            { ...base, seccomp, seccompAtPod: true },
        ]),
        { ...base, runAsUser: 0 },
        { ...base, runAsUser: 1000 },
        { ...base, runAsUser: 1000, runAsNonRoot: true },
        { ...base, runAsNonRoot: true },
        { ...base, runAsNonRoot: false },
        ...HOST_PATHS.flatMap((path) => [
            { ...base, hostPath: { path, readOnly: true } },
            { ...base, hostPath: { path, readOnly: false } },
        ]),
        { ...base, emptyDir: true },
        { ...base, procUnmasked: true },
        { ...base, readOnlyRoot: true },
        { ...base, tenancy: "sandboxed" },
        { ...base, tenancy: "misnamed" },
        { ...base, tenancy: "none" },
    ];
    const random = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const maybe = <T>(x: T, p = 0.5): T | undefined => (random() < p ? x : undefined);
    const combos: PodChoice[] = Array.from({ length: combinations }, () => ({
        privileged: maybe(true, 0.15),
        capabilities: pick(CAPABILITY_VARIANTS),
        allowPrivilegeEscalation: pick([undefined, true, false]),
        hostNamespaces: random() < 0.3 ? pick(HOST_NAMESPACE_VARIANTS) : {},
        seccomp: pick(SECCOMP_VARIANTS),
        seccompAtPod: random() < 0.5,
        runAsUser: pick([undefined, 0, 1000]),
        runAsNonRoot: pick([undefined, true, false]),
        hostPath: random() < 0.3 ? { path: pick(HOST_PATHS), readOnly: random() < 0.5 } : undefined,
        emptyDir: random() < 0.2,
        procUnmasked: random() < 0.1,
        readOnlyRoot: maybe(true, 0.3),
        tenancy: random() < 0.25 ? pick(["sandboxed", "misnamed", "none"] as const) : undefined,
    }));
    [...singles, ...combos].forEach((c, i) => out.push(pod(i, c)));

    const dockerSingles: Json[] = [
        {},
        { privileged: true },
        { capabilities: { adds: ["SYS_ADMIN"] } },
        { capabilities: { drops: ["ALL"], adds: ["NET_BIND_SERVICE"] } },
        { capabilities: { adds: ["ALL"], drops: ["SYS_ADMIN"] } },
        { capabilities: { drops: ["NET_RAW"] } },
        { securityOpts: ["no-new-privileges"] },
        { securityOpts: ["no-new-privileges:true"], capabilities: { adds: ["SYS_ADMIN"] } },
        { securityOpts: ["seccomp=unconfined"] },
        { pidMode: "host" },
        { ipcMode: "host" },
        { networkMode: "host" },
        { user: "1000:1000" },
        { user: "root" },
        { volumes: [{ hostPath: "/var/run/docker.sock", containerPath: "/var/run/docker.sock" }] },
        { volumes: [{ hostPath: "/srv/data", containerPath: "/data", readOnly: true }] },
        { mounts: [{ type: "bind", source: "/etc", target: "/host-etc", readOnly: true }] },
        { readOnly: true },
        { runtime: "runsc", labels: [{ label: "tenancy", value: "multi-tenant" }] },
        { labels: [{ label: "tenancy", value: "multi-tenant" }] },
    ];
    const dockerCombos: Json[] = Array.from({ length: Math.round(combinations / 5) }, () => ({
        ...(random() < 0.15 ? { privileged: true } : {}),
        ...(random() < 0.5 ? { capabilities: pick(dockerSingles.filter((d) => d.capabilities)).capabilities } : {}),
        ...(random() < 0.4 ? { securityOpts: pick([["no-new-privileges"], ["seccomp=unconfined"], []]) } : {}),
        ...(random() < 0.25 ? pick([{ pidMode: "host" }, { ipcMode: "host" }, { networkMode: "host" }]) : {}),
        ...(random() < 0.3 ? { user: pick(["1000", "0", "root"]) } : {}),
        ...(random() < 0.25 ? pick(dockerSingles.filter((d) => d.volumes || d.mounts)) : {}),
    }));
    [...dockerSingles, ...dockerCombos].forEach((p, i) => out.push(docker(i, p)));
    return out;
}
