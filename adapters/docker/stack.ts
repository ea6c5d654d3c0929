// What Docker resources of a stack say about others: which daemon each container runs on (its provider's `host`), and
// the host directory a `docker.Volume` binds, which every container of the same daemon that mounts it by name reaches.
import { Reader } from "../../model/read";
import { StackModel, StackResource, StackWorkload } from "../../model/stack";
import { FieldIssue, HostNamespace, HostNamespaceSetting, Volume } from "../../model/workload";
import { StackLinks } from "../adapter";
import { DOCKER_CONTAINER, DOCKER_VOLUME } from "./types";

/** What the Docker provider talks to when `host` is unset (and DOCKER_HOST, which it reads, is per process). */
export const DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

/** The daemon a Docker resource runs on: its provider's `host`, or the provider URN when that is unknown at preview. */
function dockerHostOf(provider: StackResource["provider"]): string {
    if (!provider) return DEFAULT_DOCKER_HOST;
    const r = new Reader();
    const host = r.str(provider.props, "host", { path: "host", field: "runtime" });
    if (r.issues.length) return provider.urn;
    const h = (host ?? "").trim();
    return h === "" ? DEFAULT_DOCKER_HOST : daemonIdentity(h);
}

/**
 * One daemon, one identity: the Docker client parses `host` as a URL (docker/go-connections sockets, client
 * `ParseHostURL`), so the scheme and host name are case-insensitive and a trailing `/` names the same endpoint; a
 * `unix://` socket path is a file path (`//`, `.` and `..` resolve), and `/run` is where `/var/run` points on every
 * current distribution (FHS 3.0 §3.15 `/run`, systemd `tmpfiles.d` `L /var/run - - - - ../run`), so
 * `unix:///run/docker.sock` is the default daemon's socket under its other name.
 */
export function daemonIdentity(host: string): string {
    const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(host);
    if (!m) return host.replace(/\/+$/, "");
    const scheme = m[1].toLowerCase();
    if (scheme === "unix") {
        const parts: string[] = [];
        for (const seg of m[2].split("/")) {
            if (seg === "" || seg === ".") continue;
            if (seg === "..") parts.pop();
            else parts.push(seg);
        }
        const path = `/${parts.join("/")}`;
        return `unix://${path === "/run" || path.startsWith("/run/") ? `/var${path}` : path}`;
    }
    // tcp://, ssh://, npipe://: the authority is case-insensitive (the user name of ssh:// excepted), a trailing `/` is the
    // same endpoint.
    const rest = m[2].replace(/\/+$/, "");
    const at = rest.lastIndexOf("@");
    const slash = rest.indexOf("/", at + 1);
    const authority = slash < 0 ? rest.slice(at + 1) : rest.slice(at + 1, slash);
    const tail = slash < 0 ? "" : rest.slice(slash);
    return `${scheme}://${rest.slice(0, at + 1)}${authority.toLowerCase()}${tail}`;
}

/** Where a Docker resource lives in the stack: the daemon and its name there (containers and volumes are per daemon). */
function onDaemon(sw: StackWorkload, name: string): string {
    return `${sw.dockerHost}\u0000${name}`;
}

/** An unknown the stack pass records for a container: what it reaches cannot be resolved. */
function unresolved(field: FieldIssue["field"], path: string, container: string): FieldIssue {
    return { kind: "unknown", field, path, container };
}

/**
 * What a container reaches of its host through other resources of the stack, as the Docker engine resolves it:
 * - a `docker.Volume` of the same daemon it mounts by name: every host path or device the volume's local driver
 *   options mount (adapters/shared/dockerShaped.ts localDriverAccess), read-only only if it mounts it read-only;
 * - volumes-from (`volumes[].fromContainer`): every mount of that container, its volumes' host paths included, with
 *   their modes, whether or not that container is exempted (moby `daemon/volumes.go` registerMountPoints copies the
 *   source's mount points); its `devices` are not mounts and are not copied;
 * - a `container:<name>` namespace mode: that container's namespace, so the host's when it has the host's (moby
 *   `daemon/container_operations_unix.go` and runc join the process's namespace).
 * A source that is not in the stack, or whose own settings are unknown, is recorded as unknown (sw.stackIssues).
 */
class DockerStack {
    private readonly volumes = new Map<string, StackWorkload>();
    private readonly containers = new Map<string, StackWorkload>();
    private readonly mountsOf = new Map<StackWorkload, { volumes: Volume[]; issues: FieldIssue[] }>();

    constructor(private readonly model: StackModel) {
        for (const sw of model.workloads) {
            if (sw.workload.type === DOCKER_VOLUME) this.volumes.set(onDaemon(sw, sw.workload.name), sw);
            if (sw.workload.type === DOCKER_CONTAINER) this.containers.set(onDaemon(sw, sw.workload.name), sw);
        }
    }

    resolve(): void {
        for (const sw of this.model.workloads) {
            const w = sw.workload;
            if (w.platform !== "docker" || w.storageOnly) continue;
            const mounts = this.hostMounts(sw, new Set());
            const volumes = mounts.volumes;
            const namespaces = this.joinedNamespaces(sw);
            const issues = [...mounts.issues, ...namespaces.issues];
            if (volumes.length) sw.stackVolumes = volumes;
            if (namespaces.settings.length) sw.stackHostNamespaces = namespaces.settings;
            if (issues.length) sw.stackIssues = issues;
        }
    }

    /**
     * The host paths a container's mounts reach through the stack (named volumes, volumes-from), memoized; `visiting`
     * breaks volumes-from cycles (the daemon refuses them; the pack only must not loop).
     */
    private hostMounts(sw: StackWorkload, visiting: Set<StackWorkload>): { volumes: Volume[]; issues: FieldIssue[] } {
        const known = this.mountsOf.get(sw);
        if (known) return known;
        const out = { volumes: [] as Volume[], issues: [] as FieldIssue[] };
        if (visiting.has(sw)) return out;
        visiting.add(sw);
        const w = sw.workload;
        for (const c of w.containers) {
            for (const m of c.mounts) {
                // A bind mount's source is already a host path (judged in Analyze), not a volume name.
                if (m.sourcePath === undefined) continue;
                const volume = this.volumes.get(onDaemon(sw, m.volume));
                if (!volume) continue;
                if (w.volumes.some((v) => v.name === m.volume && v.hostPath !== undefined)) continue;
                for (const v of volume.workload.volumes) {
                    out.volumes.push({
                        ...v,
                        readOnly: m.readOnly === true,
                        container: c.name,
                        path: m.sourcePath,
                        via: `Volume "${m.volume}"`,
                    });
                }
                for (const i of volume.workload.issues)
                    if (i.kind === "unknown" && i.field === "hostPath")
                        out.issues.push(
                            unresolved("hostPath", `${m.sourcePath} (Volume "${m.volume}" ${i.path})`, c.name),
                        );
            }
            for (const from of c.volumesFrom ?? []) {
                const source = this.containers.get(onDaemon(sw, from.container));
                if (!source) {
                    out.issues.push(unresolved("hostPath", from.path, c.name));
                    continue;
                }
                const via = `Container "${from.container}"`;
                const inherited = this.hostMounts(source, visiting);
                // Mounts only: a volume on a host block device is one, the `devices` it was given are not.
                const own = source.workload.volumes.filter(
                    (v) => v.hostPath !== undefined && (!v.device || v.how === "local-driver-device"),
                );
                for (const v of [...own, ...inherited.volumes])
                    out.volumes.push({
                        ...v,
                        // Named, like a volume mounted by name, by what the field says: the container copied.
                        name: from.container,
                        container: c.name,
                        path: from.path,
                        via: v.via ? `${via}, ${v.via}` : via,
                        how: "volumes-from",
                    });
                // What the source cannot prove about its own mounts, this container cannot either.
                const sourceUnknowns = source.workload.issues.filter(
                    (i) => i.kind === "unknown" && i.field === "hostPath" && i.deferredTo === undefined,
                );
                for (const i of [...sourceUnknowns, ...inherited.issues])
                    out.issues.push(unresolved("hostPath", `${from.path} (${via} ${i.path})`, c.name));
            }
        }
        this.mountsOf.set(sw, out);
        return out;
    }

    /** The host namespaces a container joins through `container:<name>` modes, followed along chains of them. */
    private joinedNamespaces(sw: StackWorkload): { settings: HostNamespaceSetting[]; issues: FieldIssue[] } {
        const settings: HostNamespaceSetting[] = [];
        const issues: FieldIssue[] = [];
        const container = sw.workload.containers[0]?.name ?? sw.workload.name;
        for (const join of sw.workload.namespaceJoins ?? []) {
            const found = this.hostNamespaceOf(sw, join.namespace, join.container, new Set());
            if (found === "unknown") issues.push(unresolved("hostNamespaces", join.path, container));
            else if (found)
                settings.push({
                    namespace: join.namespace,
                    path: join.path,
                    value: join.value,
                    how: "container-namespace",
                    via: `Container "${join.container}"`,
                });
        }
        return { settings, issues };
    }

    /** Whether the named container of sw's daemon has the host's namespace: true, false, or unknown (not in the stack). */
    private hostNamespaceOf(
        sw: StackWorkload,
        namespace: HostNamespace,
        name: string,
        visiting: Set<StackWorkload>,
    ): boolean | "unknown" {
        const target = this.containers.get(onDaemon(sw, name));
        if (!target) return "unknown";
        if (visiting.has(target)) return false;
        visiting.add(target);
        const w = target.workload;
        if (w.hostNamespaces.some((h) => h.namespace === namespace)) return true;
        const join = w.namespaceJoins?.find((j) => j.namespace === namespace);
        if (join) return this.hostNamespaceOf(target, namespace, join.container, visiting);
        // Its own mode unknown at preview: it may yet be `host`.
        const key = NAMESPACE_MODE_KEYS[namespace];
        return w.issues.some((i) => i.kind === "unknown" && i.field === "hostNamespaces" && i.path === key)
            ? "unknown"
            : false;
    }
}

/** The container settings that name each joinable namespace (adapters/docker/index.ts reads them). */
const NAMESPACE_MODE_KEYS: Partial<Record<HostNamespace, string>> = {
    pid: "pidMode",
    ipc: "ipcMode",
    network: "networkMode",
};

export function dockerStackLinks(): StackLinks {
    return {
        place: (res: StackResource, sw: StackWorkload) => {
            sw.dockerHost = dockerHostOf(res.provider);
        },
        finish: (model: StackModel) => new DockerStack(model).resolve(),
    };
}
