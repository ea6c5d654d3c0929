// The Kubernetes PodSpec reader: pod-level security settings, host namespaces, sysctls, volumes and every container
// list. Pod carriers, custom resources (after assembling their pods), KubeVirt templates and AWS Batch on EKS all read
// their pod specs through it, so a PodSpec field is read one way everywhere.
import {
    Container,
    ContainerRole,
    ContainerSecurity,
    HostNamespaceSetting,
    HostReference,
    Port,
    SeccompProfile,
    SecuritySettings,
    Volume,
    VolumeMount,
    Workload,
} from "../../model/workload";
import { At, JsonObject, Reader, isPlainObject } from "../../model/read";
import { KUBERNETES_CAPABILITIES, capabilityPath, readCapabilities } from "./capabilities";
import { volumeSources } from "./common";

const CONTAINER_LISTS: ReadonlyArray<[string, ContainerRole]> = [
    ["containers", "container"],
    ["initContainers", "initContainer"],
    ["ephemeralContainers", "ephemeralContainer"],
];

const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"];
const LIFECYCLE_HANDLERS = ["postStart", "preStop"];

/** Reads a Kubernetes PodSpec (also used for KubeVirt's pod-level fields). */
export function readPodSpec(r: Reader, spec: JsonObject, specPath: string, w: Workload): void {
    const hostNamespaceFields: ReadonlyArray<[string, HostNamespaceSetting["namespace"]]> = [
        ["hostNetwork", "network"],
        ["hostPID", "pid"],
        ["hostIPC", "ipc"],
    ];
    for (const [field, namespace] of hostNamespaceFields) {
        const p = `${specPath}.${field}`;
        if (r.bool(spec, field, { path: p, field: "hostNamespaces" }) === true)
            w.hostNamespaces.push({ namespace, path: p, value: true });
    }
    w.hostUsers = r.bool(spec, "hostUsers", { path: `${specPath}.hostUsers`, field: "hostUsers" });
    w.osName = r.str(r.obj(spec, "os", { path: `${specPath}.os`, field: "os" }), "name", {
        path: `${specPath}.os.name`,
        field: "os",
    });
    const runtime = r.str(spec, "runtimeClassName", { path: `${specPath}.runtimeClassName`, field: "runtime" });
    if (runtime !== undefined) w.runtime = { value: runtime, path: `${specPath}.runtimeClassName` };
    // Where it may run: a nodeSelector confined to a sandbox node pool's labels (policy config clusterContext).
    const nodeSelector = r.strMap(spec, "nodeSelector", { path: `${specPath}.nodeSelector`, field: "other" });
    if (Object.keys(nodeSelector).length) w.nodeSelector = nodeSelector;

    const scPath = `${specPath}.securityContext`;
    const sc = r.obj(spec, "securityContext", { path: scPath, field: "all" });
    w.pod = readSecuritySettings(r, sc, scPath, undefined);
    const sysctls = r.list(sc, "sysctls", { path: `${scPath}.sysctls`, field: "sysctls" }) ?? [];
    sysctls.forEach((s, i) => {
        const at: At = { path: `${scPath}.sysctls[${i}].name`, field: "sysctls" };
        const name = r.str(s, "name", at);
        const valuePath = `${scPath}.sysctls[${i}].value`;
        const value = r.str(s, "value", { path: valuePath, field: "sysctls" });
        if (name !== undefined) w.sysctls.push({ name, path: at.path, value, valuePath });
    });

    // Volumes: pod-level; read-only-ness is decided by the containers' mounts below.
    const volumes = r.list(spec, "volumes", { path: `${specPath}.volumes`, field: "volumes" }) ?? [];
    volumes.forEach((v, i) => {
        const vp = `${specPath}.volumes[${i}]`;
        if (!isPlainObject(v)) {
            r.malformed({ path: vp, field: "volumes" }, v);
            return;
        }
        const types = volumeSources(v);
        const vol: Volume = {
            name: r.str(v, "name", { path: `${vp}.name`, field: "volumes" }) ?? "",
            types,
            readOnly: true,
            path: vp,
        };
        if (types.includes("hostPath")) {
            const hp = r.obj(v, "hostPath", { path: `${vp}.hostPath`, field: "hostPath" });
            vol.hostPath = r.str(hp, "path", { path: `${vp}.hostPath.path`, field: "hostPath" });
            vol.path = `${vp}.hostPath.path`;
        }
        w.volumes.push(vol);
    });

    for (const [listName, role] of CONTAINER_LISTS) {
        const lp = `${specPath}.${listName}`;
        const list = r.list(spec, listName, { path: lp, field: "all" }) ?? [];
        list.forEach((c, i) => {
            const cp = `${lp}[${i}]`;
            if (!isPlainObject(c)) {
                r.malformed({ path: cp, field: "all" }, c);
                return;
            }
            w.containers.push(readContainer(r, c, cp, role, i));
        });
    }

    // A hostPath volume is only as read-only as its least restrictive mount. A name may be declared twice (the API
    // rejects it, a preview does not): a writable mount of the name makes every volume of that name writable.
    const writable = new Set<string>();
    for (const c of w.containers) for (const m of c.mounts) if (m.readOnly !== true) writable.add(m.volume);
    for (const v of w.volumes) if (writable.has(v.name)) v.readOnly = false;
}

function readContainer(r: Reader, c: JsonObject, cp: string, role: ContainerRole, index: number): Container {
    const name = r.str(c, "name", { path: `${cp}.name`, field: "other" }) ?? `#${index}`;
    const scPath = `${cp}.securityContext`;
    const sc = r.obj(c, "securityContext", { path: scPath, field: "all", container: name });
    const security: ContainerSecurity = {
        ...readSecuritySettings(r, sc, scPath, name),
        paths: {
            privileged: `${scPath}.privileged`,
            allowPrivilegeEscalation: `${scPath}.allowPrivilegeEscalation`,
            capAdd: capabilityPath(scPath, KUBERNETES_CAPABILITIES, "add"),
            capDrop: capabilityPath(scPath, KUBERNETES_CAPABILITIES, "drop"),
        },
    };
    security.privileged = r.bool(sc, "privileged", {
        path: `${scPath}.privileged`,
        field: "privileged",
        container: name,
    });
    security.allowPrivilegeEscalation = r.bool(sc, "allowPrivilegeEscalation", {
        path: `${scPath}.allowPrivilegeEscalation`,
        field: "allowPrivilegeEscalation",
        container: name,
    });
    security.procMount = r.str(sc, "procMount", { path: `${scPath}.procMount`, field: "procMount", container: name });
    security.readOnlyRootFilesystem = r.bool(sc, "readOnlyRootFilesystem", {
        path: `${scPath}.readOnlyRootFilesystem`,
        field: "other",
        container: name,
    });
    readCapabilities(r, sc, scPath, KUBERNETES_CAPABILITIES, name, security);

    const ports: Port[] = [];
    (r.list(c, "ports", { path: `${cp}.ports`, field: "hostPorts", container: name }) ?? []).forEach((p, i) => {
        const pp = `${cp}.ports[${i}]`;
        ports.push({
            hostPort: r.num(p, "hostPort", { path: `${pp}.hostPort`, field: "hostPorts", container: name }),
            containerPort: r.num(p, "containerPort", { path: `${pp}.containerPort`, field: "other", container: name }),
            path: `${pp}.hostPort`,
        });
    });

    const hostReferences: HostReference[] = [];
    const readHandler = (handler: JsonObject | undefined, hp: string) => {
        if (!handler) return; // most containers have few probes and no lifecycle hooks
        for (const action of ["httpGet", "tcpSocket"]) {
            const a = r.obj(handler, action, { path: `${hp}.${action}`, field: "probes", container: name });
            const at: At = { path: `${hp}.${action}.host`, field: "probes", container: name };
            const host = r.str(a, "host", at);
            if (host !== undefined) hostReferences.push({ host, path: at.path });
        }
    };
    for (const probe of PROBES)
        readHandler(r.obj(c, probe, { path: `${cp}.${probe}`, field: "probes", container: name }), `${cp}.${probe}`);
    const lifecycle = r.obj(c, "lifecycle", { path: `${cp}.lifecycle`, field: "probes", container: name });
    if (lifecycle)
        for (const h of LIFECYCLE_HANDLERS)
            readHandler(
                r.obj(lifecycle, h, { path: `${cp}.lifecycle.${h}`, field: "probes", container: name }),
                `${cp}.lifecycle.${h}`,
            );

    const mounts: VolumeMount[] = [];
    (r.list(c, "volumeMounts", { path: `${cp}.volumeMounts`, field: "volumes", container: name }) ?? []).forEach(
        (m, i) => {
            const mp = `${cp}.volumeMounts[${i}]`;
            mounts.push({
                volume: r.str(m, "name", { path: `${mp}.name`, field: "volumes", container: name }) ?? "",
                mountPath: r.str(m, "mountPath", { path: `${mp}.mountPath`, field: "volumes", container: name }),
                readOnly: r.bool(m, "readOnly", { path: `${mp}.readOnly`, field: "hostPath", container: name }),
                mountPropagation: r.str(m, "mountPropagation", {
                    path: `${mp}.mountPropagation`,
                    field: "mountPropagation",
                    container: name,
                }),
                path: mp,
            });
        },
    );

    return {
        name,
        role,
        image: r.str(c, "image", { path: `${cp}.image`, field: "other", container: name }),
        path: cp,
        security,
        ports,
        hostReferences,
        mounts,
    };
}

/** The securityContext fields shared by PodSecurityContext and SecurityContext. */
function readSecuritySettings(
    r: Reader,
    sc: JsonObject | undefined,
    scPath: string,
    container: string | undefined,
): SecuritySettings {
    const s: SecuritySettings = { path: scPath };
    if (!sc) return s;
    s.runAsNonRoot = r.bool(sc, "runAsNonRoot", { path: `${scPath}.runAsNonRoot`, field: "runAsNonRoot", container });
    s.runAsUser = r.num(sc, "runAsUser", { path: `${scPath}.runAsUser`, field: "runAsUser", container });
    const seccomp = readProfile(r, sc, "seccompProfile", "seccomp", scPath, container);
    if (seccomp) s.seccompProfile = seccomp;
    const selPath = `${scPath}.seLinuxOptions`;
    const sel = r.obj(sc, "seLinuxOptions", { path: selPath, field: "seLinux", container });
    if (sel) {
        s.seLinuxOptions = { path: selPath };
        for (const k of ["type", "user", "role", "level"] as const)
            s.seLinuxOptions[k] = r.str(sel, k, { path: `${selPath}.${k}`, field: "seLinux", container });
    }
    const appArmor = readProfile(r, sc, "appArmorProfile", "appArmor", scPath, container);
    if (appArmor) s.appArmorProfile = appArmor;
    const winPath = `${scPath}.windowsOptions`;
    const win = r.obj(sc, "windowsOptions", { path: winPath, field: "windowsHostProcess", container });
    s.windowsHostProcess = r.bool(win, "hostProcess", {
        path: `${winPath}.hostProcess`,
        field: "windowsHostProcess",
        container,
    });
    return s;
}

/**
 * A `seccompProfile` or `appArmorProfile`: both are `{type, localhostProfile}`, judged at `type`. Undefined when the
 * securityContext sets none, so the setting stays absent rather than an empty profile.
 */
function readProfile(
    r: Reader,
    sc: JsonObject,
    key: "seccompProfile" | "appArmorProfile",
    field: "seccomp" | "appArmor",
    scPath: string,
    container: string | undefined,
): SeccompProfile | undefined {
    const path = `${scPath}.${key}`;
    const profile = r.obj(sc, key, { path, field, container });
    if (!profile) return undefined;
    return {
        type: r.str(profile, "type", { path: `${path}.type`, field, container }),
        localhostProfile: r.str(profile, "localhostProfile", { path: `${path}.localhostProfile`, field, container }),
        path: `${path}.type`,
    };
}
