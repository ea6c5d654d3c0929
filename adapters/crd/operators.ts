// Operators that supply the image (Strimzi, CloudNativePG, actions-runner-controller): the custom resource names no
// whole pod, only the parts of the operator's pod a user may change: pod-level settings, one container's
// securityContext, a flag that makes the operator add a privileged container. Each is assembled into one PodSpec of
// what the resource says (never of what the operator would default), read by the Kubernetes reader, and every path is
// mapped back to the field the user wrote. Field names: data/customResources.ts, each family's row.
import { JsonObject, Reader, isPlainObject, isUnknown, own, unwrapSecret } from "../../model/read";
import { ResourceContext } from "./context";
import { ASSEMBLED, Assembly, listOf } from "./assembly";
import { PLAIN_KEY } from "./paths";
import { readTemplate } from "./pods";

/** A PodSpec written as it stands, copied into an assembly: its fields keep their own paths under `base`. */
export function assembleWhole(spec: JsonObject, base: string): Assembly {
    const a = new Assembly(base);
    for (const k of Object.keys(spec)) {
        const v = unwrapSecret(spec[k]);
        // Lists are copied: elements appended later (a sidecar, an operator's container) never touch the input.
        a.spec[k] = Array.isArray(v) ? [...v] : spec[k];
    }
    return a;
}

// --- Strimzi ---------------------------------------------------------------------------------------------------------

/** The fields of Strimzi's PodTemplate that are PodSpec fields under the same name. */
const STRIMZI_POD_FIELDS = ["securityContext", "volumes", "hostUsers"];

/** A ContainerTemplate key of a component template: `kafkaContainer`, `initContainer`, Kafka Exporter's `container`. */
const isContainerTemplate = (k: string) => (k === "container" || k.endsWith("Container")) && PLAIN_KEY.test(k);

/**
 * A Strimzi component template (`spec.kafka.template`, KafkaConnect's `spec.template` …): one pod from `pod` and the
 * ContainerTemplates beside it (`initContainer` is the init container), and for KafkaConnect a second pod, the build
 * (`buildPod`, `buildContainer`). Containers are named after their key (`kafkaContainer` → `kafka`).
 */
export function readStrimziTemplate(ctx: ResourceContext, template: JsonObject, path: string): void {
    const keys = Object.keys(template).filter(isContainerTemplate);
    readStrimziPod(
        ctx,
        template,
        path,
        "pod",
        keys.filter((k) => k !== "buildContainer"),
    );
    readStrimziPod(
        ctx,
        template,
        path,
        "buildPod",
        keys.filter((k) => k === "buildContainer"),
    );
}

function readStrimziPod(ctx: ResourceContext, template: JsonObject, path: string, podKey: string, keys: string[]) {
    const podPath = `${path}.${podKey}`;
    const pod = ctx.r.obj(template, podKey, { path: podPath, field: "all" });
    if (!pod && keys.length === 0) return;
    const a = new Assembly(podPath);
    for (const f of STRIMZI_POD_FIELDS) a.set(f, own(pod, f), `${podPath}.${f}`);
    a.podSecurityContextAt(`${podPath}.securityContext`);
    for (const k of keys) {
        const c = unwrapSecret(template[k]);
        const list = k === "initContainer" ? "initContainers" : "containers";
        const name = k === "container" ? "container" : k.slice(0, -"Container".length);
        a.append(list, [isPlainObject(c) ? { ...c, name } : c], () => `${path}.${k}`);
    }
    const meta = ctx.r.obj(pod, "metadata", { path: `${podPath}.metadata`, field: "labels" });
    const { w, r } = ctx.workload(podPath, meta, `${podPath}.metadata`);
    a.read(w, r);
}

// --- CloudNativePG -----------------------------------------------------------------------------------------------------

/**
 * A CloudNativePG Cluster: the instance pods' securityContext (`spec.podSecurityContext`) and the securityContext of
 * every container in them (`spec.securityContext`, judged as the `postgres` container's). Nothing is judged when
 * neither is written: the operator's own defaults are not this pack's to assume.
 */
export function readCnpgCluster(ctx: ResourceContext, spec: JsonObject, path: string): void {
    const podSc = own(spec, "podSecurityContext");
    const sc = own(spec, "securityContext");
    if (podSc === undefined && sc === undefined) return;
    const a = new Assembly(path);
    a.set("securityContext", podSc, `${path}.podSecurityContext`);
    a.podSecurityContextAt(`${path}.podSecurityContext`);
    if (sc !== undefined) a.append("containers", [{ name: "postgres", securityContext: sc }], () => path);
    const meta = ctx.r.obj(spec, "inheritedMetadata", { path: `${path}.inheritedMetadata`, field: "labels" });
    const { w, r } = ctx.workload(path, meta, `${path}.inheritedMetadata`);
    a.read(w, r);
}

// --- Crossplane ControllerConfig ---------------------------------------------------------------------------------------

/** The ControllerConfig fields that are the package runtime pod's own, under their PodSpec names. */
const CONTROLLER_CONFIG_POD_FIELDS = ["volumes", "runtimeClassName", "serviceAccountName", "nodeName"];

/**
 * A Crossplane ControllerConfig (pkg.crossplane.io v1alpha1, deprecated and removed in v2): the package runtime's pod as
 * flat fields. `podSecurityContext` is the pod's securityContext, `volumes` … its own; `securityContext` and
 * `volumeMounts` belong to its one container (`package-runtime`), judged as written at those paths. As for
 * CloudNativePG, what Crossplane defaults where nothing is written is not assumed.
 */
export function readCrossplaneControllerConfig(ctx: ResourceContext, spec: JsonObject, path: string): void {
    const a = new Assembly(path);
    a.set("securityContext", own(spec, "podSecurityContext"), `${path}.podSecurityContext`);
    a.podSecurityContextAt(`${path}.podSecurityContext`);
    for (const f of CONTROLLER_CONFIG_POD_FIELDS) a.set(f, own(spec, f), `${path}.${f}`);
    const container: JsonObject = { name: "package-runtime" };
    for (const f of ["image", "securityContext", "volumeMounts"])
        if (own(spec, f) !== undefined) container[f] = spec[f];
    if (container.securityContext !== undefined || container.volumeMounts !== undefined)
        a.append("containers", [container], () => path);
    const meta = ctx.r.obj(spec, "metadata", { path: `${path}.metadata`, field: "labels" });
    const { w, r } = ctx.workload(path, meta, `${path}.metadata`);
    a.read(w, r);
}

// --- actions-runner-controller (summerwind) ---------------------------------------------------------------------------
// What the controller does to the pod, read from actions/actions-runner-controller v0.27.0
// controllers/actions.summerwind.net/runner_controller.go (newRunnerPod, newRunnerPodWithContainerMode).

/** What the RunnerSpec's docker flags may add: RunnerSet's spec has no `dockerVolumeMounts` (RunnerPodSpec has). */
interface DockerFlags {
    readonly flags: JsonObject;
    readonly flagsPath: string;
    readonly podPath: string;
    /** Whether `dockerVolumeMounts` can reach the docker container: a RunnerSpec's can, a RunnerSet has none. */
    readonly dockerVolumeMounts: boolean;
    /** The containers the user declared (`containers`, without sidecars). */
    readonly declared: readonly unknown[];
}

/**
 * The containers the runner controller adds for docker. With `dockerdWithinRunnerContainer: true` the `runner`
 * container runs privileged, whatever its own securityContext says (the controller overwrites `privileged`). Else,
 * unless `dockerEnabled: false` (unset is true), a `docker` sidecar runs beside it, privileged when it has no
 * securityContext of its own (a written one is kept as it is). Neither with `containerMode: kubernetes`, nor when the
 * pod's securityContext names `seLinuxOptions` (the controller then drops the privilege and passes those options to
 * the sidecar instead). Each added privilege is modelled on the container with the flag that causes it as the field's
 * path, so the finding and its fix name the flag. A flag unknown at preview or malformed is recorded (the privileged
 * check defers) and adds nothing: which container would run privileged is open.
 */
function addDockerContainers(a: Assembly, r: Reader, d: DockerFlags): void {
    const { flags, flagsPath, podPath } = d;
    const mode = r.str(flags, "containerMode", { path: `${flagsPath}.containerMode`, field: "privileged" });
    if (mode === "kubernetes") return;
    const inRunnerPath = `${flagsPath}.dockerdWithinRunnerContainer`;
    const enabledPath = `${flagsPath}.dockerEnabled`;
    const inRunner = r.bool(flags, "dockerdWithinRunnerContainer", { path: inRunnerPath, field: "privileged" });
    const enabled = r.bool(flags, "dockerEnabled", { path: enabledPath, field: "privileged" });
    if (!readable(flags, "dockerdWithinRunnerContainer") || !readable(flags, "dockerEnabled")) return;
    const seLinux = isPlainObject(unwrapSecret(own(unwrapSecret(a.spec.securityContext), "seLinuxOptions")));
    if (inRunner === true) {
        if (!seLinux) forcePrivileged(a, containerNamed(a, "runner", podPath), inRunnerPath);
    } else if (enabled !== false) {
        const declared = d.declared;
        const i = containerNamed(a, "docker", podPath);
        const c = (a.spec.containers as unknown[])[i] as JsonObject;
        if (!seLinux && own(c, "securityContext") === undefined) forcePrivileged(a, i, enabledPath);
        // The RunnerSpec's dockerVolumeMounts go to a docker container with no mounts of its own, when the user
        // declared no containers or declared that one; a sidecar added beside declared containers gets none.
        const namedDocker = declared.some((x) => isPlainObject(x) && unwrapSecret(own(x, "name")) === "docker");
        const mounts = unwrapSecret(own(flags, "dockerVolumeMounts"));
        if (d.dockerVolumeMounts && mounts !== undefined && (declared.length === 0 || namedDocker))
            if (!hasMounts(c)) addMounts(a, r, i, mounts, `${flagsPath}.dockerVolumeMounts`);
    }
}

/** Whether a container lists mounts of its own (an unknown or malformed list counts: it is not known to be empty). */
function hasMounts(c: JsonObject): boolean {
    const v = unwrapSecret(own(c, "volumeMounts"));
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** A flag that is unset or a boolean: anything else was recorded as unknown or malformed instead of read. */
function readable(flags: JsonObject, key: string): boolean {
    const v = unwrapSecret(own(flags, key));
    return v === undefined || v === null || typeof v === "boolean";
}

/**
 * The index of the container `name` (the user's, else a new one the controller adds). A new one lives at the next
 * free slot of the pod's `containers` (where the user would declare it to change it): a path past the list's end,
 * which the remediation editor never writes, so only the flag itself is ever fixed.
 */
function containerNamed(a: Assembly, name: string, podPath: string): number {
    const list = (a.spec.containers ??= []) as unknown[];
    const j = list.findIndex((c) => isPlainObject(c) && unwrapSecret(own(c, "name")) === name);
    if (j >= 0) return j;
    const slot = `${podPath}.containers[${list.length}]`;
    const [i] = a.append("containers", [{ name }], () => slot);
    return i;
}

/** Container `j` runs privileged because of `flagPath`, whatever its own securityContext said. */
function forcePrivileged(a: Assembly, j: number, flagPath: string): void {
    const list = a.spec.containers as unknown[];
    const c = list[j] as JsonObject;
    const sc = unwrapSecret(own(c, "securityContext"));
    list[j] = { ...c, securityContext: { ...(isPlainObject(sc) ? sc : {}), privileged: true } };
    a.alias(`${ASSEMBLED}.containers[${j}].securityContext.privileged`, flagPath);
}

/** Appends mounts the controller adds to container `j` (after its own), each at the path it was written at. */
function addMounts(a: Assembly, r: Reader, j: number, mounts: unknown, mountsPath: string): void {
    const list = a.spec.containers as unknown[];
    const c = list[j] as JsonObject;
    if (!Array.isArray(mounts)) {
        // Unknown or malformed: left for the reader to record, at the list's own path, where the container has no mounts
        // of its own; beside its own, recorded here (the mounts it would add are open).
        if (!hasMounts(c)) {
            list[j] = { ...c, volumeMounts: mounts };
            a.alias(`${ASSEMBLED}.containers[${j}].volumeMounts`, mountsPath);
        } else {
            const name = unwrapSecret(own(c, "name"));
            const at = {
                path: mountsPath,
                field: "volumes" as const,
                ...(typeof name === "string" ? { container: name } : {}),
            };
            if (isUnknown(unwrapSecret(mounts))) r.unknown(at);
            else r.malformed(at, mounts);
        }
        return;
    }
    const own0 = unwrapSecret(own(c, "volumeMounts"));
    const before = Array.isArray(own0) ? own0 : [];
    list[j] = { ...c, volumeMounts: [...before, ...mounts] };
    mounts.forEach((_, k) =>
        a.alias(`${ASSEMBLED}.containers[${j}].volumeMounts[${before.length + k}]`, `${mountsPath}[${k}]`),
    );
}

/**
 * A RunnerSpec (Runner, and the template of a RunnerDeployment or RunnerReplicaSet): RunnerPodSpec fields under their
 * PodSpec names (containers, initContainers, volumes, securityContext, runtimeClassName), `sidecarContainers` beside
 * the containers, and the docker containers its flags add. The runner's own `volumeMounts` belong to the `runner`
 * container (the user's, else one of its own).
 */
export function readActionsRunner(ctx: ResourceContext, spec: JsonObject, path: string): void {
    const a = assembleWhole(spec, path);
    delete a.spec.volumeMounts;
    delete a.spec.sidecarContainers;
    delete a.spec.dockerVolumeMounts;
    const declared = Array.isArray(a.spec.containers) ? [...(a.spec.containers as unknown[])] : [];
    // Sidecars run beside the containers; unknown or malformed, recorded at their own path.
    const sidecars = listOf(ctx.r, spec, "sidecarContainers", `${path}.sidecarContainers`);
    a.append("containers", sidecars, (k) => `${path}.sidecarContainers[${k}]`);
    const r = new Reader();
    addDockerContainers(a, r, { flags: spec, flagsPath: path, podPath: path, dockerVolumeMounts: true, declared });
    // The RunnerSpec's own mounts are the runner container's, after those its `containers` entry names.
    const mounts = unwrapSecret(own(spec, "volumeMounts"));
    if (mounts !== undefined) addMounts(a, r, containerNamed(a, "runner", path), mounts, `${path}.volumeMounts`);
    const { w, r: wr } = ctx.workload(path, undefined, "");
    wr.issues.push(...r.issues);
    a.read(w, wr);
}

/** A RunnerSet: RunnerConfig flags under `spec`, the pod in the StatefulSet-style `spec.template`. */
export function readActionsRunnerSet(ctx: ResourceContext, spec: JsonObject, path: string): void {
    const tp = `${path}.template`;
    const template = ctx.r.obj(spec, "template", { path: tp, field: "all" });
    const podSpec = ctx.r.obj(template, "spec", { path: `${tp}.spec`, field: "all" });
    const a = assembleWhole(podSpec ?? {}, `${tp}.spec`);
    const r = new Reader();
    const declared = Array.isArray(a.spec.containers) ? [...(a.spec.containers as unknown[])] : [];
    const flags = { flags: spec, flagsPath: path, podPath: `${tp}.spec`, dockerVolumeMounts: false, declared };
    addDockerContainers(a, r, flags);
    const meta = ctx.r.obj(template, "metadata", { path: `${tp}.metadata`, field: "labels" });
    const { w, r: wr } = ctx.workload(`${tp}.spec`, meta, `${tp}.metadata`);
    wr.issues.push(...r.issues);
    a.read(w, wr);
}

// --- KubeRay ---------------------------------------------------------------------------------------------------------

/**
 * A RayClusterSpec's head pod (a RayCluster's `spec`, a RayJob's `spec.rayClusterSpec`, a RayService's
 * `spec.rayClusterConfig`): its template, plus, with `enableInTreeAutoscaling: true`, the autoscaler sidecar KubeRay
 * adds to it, whose image, securityContext, volumeMounts … are `autoscalerOptions` (judged at that path; unset, the
 * container is judged as KubeRay adds it, with no securityContext of its own). Worker groups are table paths.
 */
export function readRayCluster(ctx: ResourceContext, spec: JsonObject, path: string): void {
    const tp = `${path}.headGroupSpec.template`;
    const head = ctx.r.obj(
        ctx.r.obj(spec, "headGroupSpec", { path: `${path}.headGroupSpec`, field: "all" }),
        "template",
        {
            path: tp,
            field: "all",
        },
    );
    const autoscaling = ctx.r.bool(spec, "enableInTreeAutoscaling", {
        path: `${path}.enableInTreeAutoscaling`,
        field: "all",
    });
    if (autoscaling !== true) {
        if (head) readTemplate(ctx, head, tp);
        return;
    }
    const meta = ctx.r.obj(head, "metadata", { path: `${tp}.metadata`, field: "labels" });
    const podSpec = ctx.r.obj(head, "spec", { path: `${tp}.spec`, field: "all" });
    const a = assembleWhole(podSpec ?? {}, `${tp}.spec`);
    const ap = `${path}.autoscalerOptions`;
    const options = ctx.r.obj(spec, "autoscalerOptions", { path: ap, field: "all" });
    a.append("containers", [{ ...options, name: "autoscaler" }], () => ap);
    const { w, r } = ctx.workload(`${tp}.spec`, meta, `${tp}.metadata`);
    a.read(w, r);
}
