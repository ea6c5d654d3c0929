// AWS adapter: ECS task definitions and services, Batch job definitions, the @pulumi/awsx ECS components, and the EC2
// instances and launch templates that host containers, onto the workload model. Field names are the Pulumi AWS
// provider's (v6/v7) and, inside the JSON documents it takes as strings (`containerDefinitions`, Batch
// `containerProperties`/`ecsProperties`/`nodeProperties`), the ECS and Batch API's. Paths reach into those documents
// (`containerDefinitions[0].linuxParameters.capabilities.add`) so messages and remediation name the exact field.
//
// Isolation: Fargate runs every ECS task and Batch job in its own microVM, so a Fargate-only task definition, a Fargate
// service and a Fargate job are `vm`; EC2 (the default) shares the instance's kernel between tasks: `container`. On
// EC2, a `memberOf` placement constraint such as `attribute:tenant == acme` confines a task to one tenant's
// instances (model `hostAttributes`; engine/tenancy.ts decides which attribute names a tenant). Tags are the tenancy
// markers, read as labels.
import { Container, ContainerSecurity, HostAttribute, Volume, VolumeMount, Workload } from "../../model/workload";
import { At, JsonObject, Reader, isPlainObject, own, unwrapSecret } from "../../model/read";
import { newWorkload } from "../shared/common";
import { applySecurityOpts, readHostDevices } from "../docker";
import { readPodSpec } from "../kubernetes";
import {
    AWSX_EC2_SERVICE,
    AWSX_EC2_TASK_DEFINITION,
    AWSX_FARGATE_SERVICE,
    AWSX_FARGATE_TASK_DEFINITION,
    BATCH_JOB_DEFINITION,
    EC2_INSTANCE,
    EC2_LAUNCH_TEMPLATE,
    ECS_SERVICE,
    AWS_LINK_TYPES,
    AWS_WORKLOAD_TYPES,
    ECS_TASK_DEFINITION,
} from "./types";
import { PlatformAdapter } from "../adapter";
import { awsStackLinks } from "./stack";
import { awsDialect, ecsDialect, speak } from "./dialect";

export * from "./types";
export { FargateSelector, fargateProfileSelectors } from "./stack";

const FARGATE_PROVIDERS = new Set(["FARGATE", "FARGATE_SPOT"]);

/** Maps one AWS (or awsx) resource's inputs to workloads; none for types this adapter does not read. */
export function awsWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    switch (type) {
        case ECS_TASK_DEFINITION:
            return [taskDefinitionWorkload(type, resourceName, props)];
        case ECS_SERVICE:
            return [serviceWorkload(type, resourceName, props)];
        case BATCH_JOB_DEFINITION:
            return jobDefinitionWorkloads(type, resourceName, props);
        case EC2_INSTANCE:
        case EC2_LAUNCH_TEMPLATE:
            return [machineWorkload(type, resourceName, props)];
        case AWSX_FARGATE_SERVICE:
        case AWSX_EC2_SERVICE:
        case AWSX_FARGATE_TASK_DEFINITION:
        case AWSX_EC2_TASK_DEFINITION:
            return [awsxWorkload(type, resourceName, props)];
        default:
            return [];
    }
}

function awsWorkload(
    type: string,
    kind: string,
    name: string,
    isolation: Workload["isolation"],
    tags: Record<string, string>,
    r: Reader,
): Workload {
    const w = newWorkload(
        { platform: "aws", isolation, type, kind, name, isPatch: false, specPath: "", labels: tags },
        r,
    );
    w.pod = { path: "" };
    return w;
}

/**
 * A JSON document the provider takes as a string. Unknown at preview: recorded (deferred per `unknownValues`);
 * unparseable or of the wrong shape: recorded as malformed, so it is reported and never passed. Secrets are seen
 * through (model/read.ts); engine/hooks.ts treats every value inside a secret document as secret.
 */
function jsonDocument(r: Reader, props: unknown, key: string, path: string): unknown {
    const at: At = { path, field: "all" };
    // Already a document (a program that skipped JSON.stringify and a provider that let it through): read it as is.
    const doc = unwrapSecret(own(props, key));
    if (typeof doc === "object" && doc !== null) return doc;
    const raw = r.str(props, key, at);
    if (raw === undefined) return undefined;
    try {
        return JSON.parse(raw) as unknown;
    } catch {
        r.malformed(at, raw);
        return undefined;
    }
}

/** ECS cluster-query clauses `attribute:<name> == <value>` joined by `and`: each pins the task to such hosts. */
export function memberOfAttributes(expression: string, path: string): HostAttribute[] {
    if (/\s(or|\|\|)\s|!=|\bnot\b/i.test(expression)) return [];
    const out: HostAttribute[] = [];
    for (const clause of expression.split(/\s+(?:and|&&)\s+/i)) {
        const m = /^\s*\(?\s*attribute:([A-Za-z0-9_.:/-]+)\s*==?\s*["']?([^"'\s()]+)["']?\s*\)?\s*$/.exec(clause);
        if (m) out.push({ name: m[1], value: m[2], path });
    }
    return out;
}

function readPlacementConstraints(r: Reader, props: unknown, key: string, path: string, w: Workload): void {
    (r.list(props, key, { path, field: "runtime" }) ?? []).forEach((c, i) => {
        const cp = `${path}[${i}]`;
        const kind = r.str(c, "type", { path: `${cp}.type`, field: "runtime" });
        const expression = r.str(c, "expression", { path: `${cp}.expression`, field: "runtime" });
        if (kind?.trim().toLowerCase() !== "memberof" || expression === undefined) return;
        const attrs = memberOfAttributes(expression, `${cp}.expression`);
        if (attrs.length) w.hostAttributes = [...(w.hostAttributes ?? []), ...attrs];
    });
}

function hostMode(r: Reader, props: unknown, key: string, path: string, ns: "pid" | "ipc" | "network", w: Workload) {
    const v = r.str(props, key, { path, field: "hostNamespaces" });
    if (v !== undefined && v.trim().toLowerCase() === "host") w.hostNamespaces.push({ namespace: ns, path, value: v });
}

/**
 * Task-level volumes: the provider's `hostPath` string, the API's `host.sourcePath`, and a local-driver Docker volume
 * that is a bind mount in disguise (`driverOpts {o: bind, device: /path}`).
 */
function readTaskVolumes(r: Reader, props: unknown, key: string, path: string, w: Workload): void {
    (r.list(props, key, { path, field: "volumes" }) ?? []).forEach((v, i) => {
        const vp = `${path}[${i}]`;
        if (!isPlainObject(v)) return r.malformed({ path: vp, field: "volumes" }, v);
        const name = r.str(v, "name", { path: `${vp}.name`, field: "volumes" }) ?? "";
        const vol: Volume = { name, types: ["volume"], readOnly: true, path: vp };
        const hostPath = r.str(v, "hostPath", { path: `${vp}.hostPath`, field: "hostPath" });
        const host = r.obj(v, "host", { path: `${vp}.host`, field: "hostPath" });
        const sourcePath = r.str(host, "sourcePath", { path: `${vp}.host.sourcePath`, field: "hostPath" });
        const docker = r.obj(v, "dockerVolumeConfiguration", {
            path: `${vp}.dockerVolumeConfiguration`,
            field: "hostPath",
        });
        const driverOpts = r.strMap(docker, "driverOpts", {
            path: `${vp}.dockerVolumeConfiguration.driverOpts`,
            field: "hostPath",
        });
        const o = (driverOpts["o"] ?? "").split(",").map((x) => x.trim().toLowerCase());
        if (hostPath !== undefined) {
            Object.assign(vol, { types: ["hostPath"], hostPath, path: `${vp}.hostPath` });
        } else if (sourcePath !== undefined) {
            Object.assign(vol, { types: ["hostPath"], hostPath: sourcePath, path: `${vp}.host.sourcePath` });
        } else if ((o.includes("bind") || o.includes("rbind")) && driverOpts["device"] !== undefined) {
            Object.assign(vol, {
                types: ["bind"],
                hostPath: driverOpts["device"],
                path: `${vp}.dockerVolumeConfiguration.driverOpts.device`,
            });
        }
        w.volumes.push(vol);
    });
}

/** One ECS/Batch container definition (a parsed JSON element, or an awsx container object) at `cp`. */
function readContainerDefinition(
    r: Reader,
    c: unknown,
    cp: string,
    fallbackName: string,
    w: Workload,
    settable: { capabilities: boolean } = { capabilities: true },
): void {
    if (!isPlainObject(c)) return r.malformed({ path: cp, field: "all" }, c);
    const name = r.str(c, "name", { path: `${cp}.name`, field: "other" }) ?? fallbackName;
    const lp = `${cp}.linuxParameters`;
    const security: ContainerSecurity = {
        path: cp,
        paths: {
            privileged: `${cp}.privileged`,
            allowPrivilegeEscalation: `${cp}.dockerSecurityOptions`,
            // Batch containers have no capabilities setting: they keep Docker's defaults and no check can ask more.
            capAdd: settable.capabilities ? `${lp}.capabilities.add` : "",
            capDrop: settable.capabilities ? `${lp}.capabilities.drop` : "",
        },
    };
    security.privileged = r.bool(c, "privileged", { path: `${cp}.privileged`, field: "privileged", container: name });
    security.readOnlyRootFilesystem = r.bool(c, "readonlyRootFilesystem", {
        path: `${cp}.readonlyRootFilesystem`,
        field: "other",
        container: name,
    });
    const linux = r.obj(c, "linuxParameters", { path: lp, field: "all", container: name });
    const caps = r.obj(linux, "capabilities", { path: `${lp}.capabilities`, field: "capabilities", container: name });
    security.capAdd = r.strList(caps, "add", {
        path: `${lp}.capabilities.add`,
        field: "capabilities",
        container: name,
    });
    security.capDrop = r.strList(caps, "drop", {
        path: `${lp}.capabilities.drop`,
        field: "capabilities",
        container: name,
    });
    readHostDevices(r, linux, `${lp}.devices`, name, w);
    applySecurityOpts(
        r,
        r.strList(c, "dockerSecurityOptions", {
            path: `${cp}.dockerSecurityOptions`,
            field: "allowPrivilegeEscalation",
            container: name,
        }),
        `${cp}.dockerSecurityOptions`,
        name,
        security,
    );
    (r.list(c, "systemControls", { path: `${cp}.systemControls`, field: "sysctls", container: name }) ?? []).forEach(
        (s, i) => {
            const at: At = { path: `${cp}.systemControls[${i}].namespace`, field: "sysctls", container: name };
            const sysctl = r.str(s, "namespace", at);
            if (sysctl !== undefined) w.sysctls.push({ name: sysctl, path: at.path });
        },
    );
    const mounts: VolumeMount[] = [];
    (r.list(c, "mountPoints", { path: `${cp}.mountPoints`, field: "volumes", container: name }) ?? []).forEach(
        (m, i) => {
            const mp = `${cp}.mountPoints[${i}]`;
            mounts.push({
                volume:
                    r.str(m, "sourceVolume", { path: `${mp}.sourceVolume`, field: "volumes", container: name }) ?? "",
                mountPath: r.str(m, "containerPath", {
                    path: `${mp}.containerPath`,
                    field: "volumes",
                    container: name,
                }),
                readOnly: r.bool(m, "readOnly", { path: `${mp}.readOnly`, field: "hostPath", container: name }),
                path: mp,
            });
        },
    );
    const container: Container = {
        name,
        role: "container",
        image: r.str(c, "image", { path: `${cp}.image`, field: "other", container: name }),
        path: cp,
        security,
        ports: [],
        hostReferences: [],
        mounts,
        user: r.str(c, "user", { path: `${cp}.user`, field: "runAsUser", container: name }),
    };
    w.containers.push(container);
}

/** A task volume is as read-only as its least restrictive mount (ECS mounts are writable unless readOnly). */
function settleVolumeReadOnly(w: Workload): void {
    const writable = new Set<string>();
    for (const c of w.containers) for (const m of c.mounts) if (m.readOnly !== true) writable.add(m.volume);
    for (const v of w.volumes) if (!v.device && v.container === undefined && writable.has(v.name)) v.readOnly = false;
}

function readContainerList(
    r: Reader,
    doc: unknown,
    path: string,
    w: Workload,
    settable?: { capabilities: boolean },
): void {
    if (doc === undefined) return;
    if (!Array.isArray(doc)) return r.malformed({ path, field: "all" }, doc);
    doc.forEach((c, i) => readContainerDefinition(r, c, `${path}[${i}]`, `#${i}`, w, settable));
}

/** Batch's container properties (all three shapes) have no Linux capabilities setting. */
const BATCH = { capabilities: false };

/** Task-definition settings shared by aws:ecs TaskDefinition and the awsx task definition args. */
function readTaskSettings(r: Reader, props: unknown, prefix: string, w: Workload): void {
    const p = (k: string) => (prefix ? `${prefix}.${k}` : k);
    hostMode(r, props, "pidMode", p("pidMode"), "pid", w);
    hostMode(r, props, "ipcMode", p("ipcMode"), "ipc", w);
    hostMode(r, props, "networkMode", p("networkMode"), "network", w);
    readTaskVolumes(r, props, "volumes", p("volumes"), w);
    readPlacementConstraints(r, props, "placementConstraints", p("placementConstraints"), w);
}

function taskDefinitionWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "family", { path: "family", field: "other" }) ?? resourceName;
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const read = r.issues.length;
    const compat = r.strList(props, "requiresCompatibilities", { path: "requiresCompatibilities", field: "runtime" });
    // An entry unknown at preview or of the wrong shape may be EC2: only a list read whole proves Fargate.
    const fargateOnly =
        compat !== undefined &&
        r.issues.length === read &&
        compat.length > 0 &&
        compat.every((c) => c.trim() === "FARGATE");
    const w = awsWorkload(type, "TaskDefinition", name, fargateOnly ? "vm" : "container", tags, r);
    speak(w, "ecs");
    if (compat !== undefined) w.runtime = { value: compat.join(","), path: "requiresCompatibilities" };
    readTaskSettings(r, props, "", w);
    readContainerList(
        r,
        jsonDocument(r, props, "containerDefinitions", "containerDefinitions"),
        "containerDefinitions",
        w,
    );
    settleVolumeReadOnly(w);
    return w;
}

function serviceWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const read = r.issues.length;
    const launchType = r.str(props, "launchType", { path: "launchType", field: "runtime" });
    const providers: string[] = [];
    (
        r.list(props, "capacityProviderStrategies", { path: "capacityProviderStrategies", field: "runtime" }) ?? []
    ).forEach((s, i) => {
        const cp = r.str(s, "capacityProvider", {
            path: `capacityProviderStrategies[${i}].capacityProvider`,
            field: "runtime",
        });
        if (cp !== undefined) providers.push(cp);
    });
    // A launch type or capacity provider unknown at preview or of the wrong shape may be EC2: it proves no Fargate.
    const fargate =
        r.issues.length === read &&
        (launchType !== undefined
            ? FARGATE_PROVIDERS.has(launchType.trim())
            : providers.length > 0 && providers.every((p) => FARGATE_PROVIDERS.has(p.trim())));
    const w = awsWorkload(type, "Service", name, fargate ? "vm" : "container", tags, r);
    speak(w, "ecs");
    if (launchType !== undefined) w.runtime = { value: launchType, path: "launchType" };
    else if (providers.length)
        w.runtime = { value: providers.join(","), path: "capacityProviderStrategies[0].capacityProvider" };
    readPlacementConstraints(r, props, "placementConstraints", "placementConstraints", w);
    return w;
}

/** awsx ECS components: container settings as objects (`container`, or `containers` keyed by name), not JSON. */
function awsxWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const isService = type === AWSX_FARGATE_SERVICE || type === AWSX_EC2_SERVICE;
    const fargate = type === AWSX_FARGATE_SERVICE || type === AWSX_FARGATE_TASK_DEFINITION;
    const prefix = isService ? "taskDefinitionArgs" : "";
    const args = isService ? r.obj(props, "taskDefinitionArgs", { path: prefix, field: "all" }) : props;
    const tags = { ...r.strMap(props, "tags", { path: "tags", field: "labels" }) };
    const kind = type.slice("awsx:ecs:".length);
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const w = awsWorkload(type, kind, name, fargate ? "vm" : "container", tags, r);
    speak(w, "ecs");
    if (isService) {
        w.podLabels = r.strMap(args, "tags", { path: `${prefix}.tags`, field: "labels" });
        readPlacementConstraints(r, props, "placementConstraints", "placementConstraints", w);
    }
    const p = (k: string) => (prefix ? `${prefix}.${k}` : k);
    if (args) {
        readTaskSettings(r, args, prefix, w);
        const single = r.obj(args, "container", { path: p("container"), field: "all" });
        if (single) readContainerDefinition(r, single, p("container"), "container", w);
        const many = r.obj(args, "containers", { path: p("containers"), field: "all" });
        for (const key of Object.keys(many ?? {})) {
            const c = r.obj(many, key, { path: p(`containers.${key}`), field: "all" });
            // awsx names each container by its key, whatever `name` the object carries.
            if (c) readContainerDefinition(r, { ...c, name: key }, p(`containers.${key}`), key, w);
        }
    }
    settleVolumeReadOnly(w);
    return w;
}

/**
 * A Batch job definition: a container job (`containerProperties`), a multi-node job (`nodeProperties`), an ECS
 * job (`ecsProperties`) — all Docker-shaped JSON — or an EKS job (`eksProperties`, a pod spec read as Kubernetes).
 */
function jobDefinitionWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const read = r.issues.length;
    const caps = r.strList(props, "platformCapabilities", { path: "platformCapabilities", field: "runtime" });
    // As for a task definition: an unknown or malformed entry may be EC2.
    const fargate =
        caps !== undefined && r.issues.length === read && caps.length > 0 && caps.every((c) => c.trim() === "FARGATE");
    const out: Workload[] = [];

    const present = (k: string) => own(props, k) !== undefined && own(props, k) !== null;
    if (present("eksProperties")) {
        const pr = new Reader();
        const w = awsWorkload(type, "JobDefinition", name, "container", tags, pr);
        // The provider takes an object; the API (and older providers) a JSON string: read either.
        const doc = jsonDocument(pr, props, "eksProperties", "eksProperties");
        const podPath = "eksProperties.podProperties";
        const pod = pr.obj(doc, "podProperties", { path: podPath, field: "all" });
        if (pod) {
            const meta = pr.obj(pod, "metadata", { path: `${podPath}.metadata`, field: "labels" });
            w.podLabels = pr.strMap(meta, "labels", { path: `${podPath}.metadata.labels`, field: "labels" });
            w.specPath = podPath;
            readPodSpec(pr, pod, podPath, w);
        }
        speak(w, "aws");
        out.push(w);
    }

    const docKeys = ["containerProperties", "nodeProperties", "ecsProperties"];
    if (!out.length || docKeys.some(present)) {
        const w = awsWorkload(type, "JobDefinition", name, fargate ? "vm" : "container", tags, r);
        speak(w, "ecs");
        if (caps !== undefined) w.runtime = { value: caps.join(","), path: "platformCapabilities" };
        const container = jsonDocument(r, props, "containerProperties", "containerProperties");
        if (container !== undefined) {
            readContainerDefinition(r, container, "containerProperties", "job", w, BATCH);
            readTaskSettings(r, container, "containerProperties", w);
        }
        const nodes = jsonDocument(r, props, "nodeProperties", "nodeProperties");
        (
            r.list(nodes, "nodeRangeProperties", { path: "nodeProperties.nodeRangeProperties", field: "all" }) ?? []
        ).forEach((n, i) => {
            const np = `nodeProperties.nodeRangeProperties[${i}]`;
            const c = r.obj(n, "container", { path: `${np}.container`, field: "all" });
            if (!c) return;
            readContainerDefinition(r, c, `${np}.container`, `node${i}`, w, BATCH);
            readTaskSettings(r, c, `${np}.container`, w);
        });
        const ecs = jsonDocument(r, props, "ecsProperties", "ecsProperties");
        (r.list(ecs, "taskProperties", { path: "ecsProperties.taskProperties", field: "all" }) ?? []).forEach(
            (t, i) => {
                const tp = `ecsProperties.taskProperties[${i}]`;
                readTaskSettings(r, t, tp, w);
                readContainerList(
                    r,
                    r.list(t, "containers", { path: `${tp}.containers`, field: "all" }),
                    `${tp}.containers`,
                    w,
                    BATCH,
                );
            },
        );
        settleVolumeReadOnly(w);
        out.push(w);
    }
    return out;
}

/** Tag keys EKS and ECS put on (or require of) the instances they run containers on. */
const CONTAINER_HOST_TAG = /^(kubernetes\.io\/cluster\/.+|eks:cluster-name|eks:nodegroup-name|AmazonECSManaged)$/;
/** User-data markers of the ECS agent and the EKS node bootstraps. */
const CONTAINER_HOST_USER_DATA = /ECS_CLUSTER=|\/etc\/ecs\/ecs\.config|\/etc\/eks\/bootstrap\.sh|node\.eks\.aws/;

function userDataMarksContainerHost(text: string | undefined): boolean {
    if (!text) return false;
    if (CONTAINER_HOST_USER_DATA.test(text)) return true;
    // Launch templates take user data base64-encoded.
    return (
        /^[A-Za-z0-9+/=\s]+$/.test(text) && CONTAINER_HOST_USER_DATA.test(Buffer.from(text, "base64").toString("utf8"))
    );
}

/** An EC2 instance or launch template: a VM; a container host when its tags or user data say so. */
function machineWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const template = type === EC2_LAUNCH_TEMPLATE;
    const name =
        (template ? r.str(props, "name", { path: "name", field: "other" }) : undefined) ?? tags["Name"] ?? resourceName;
    const w = awsWorkload(type, template ? "LaunchTemplate" : "Instance", name, "vm", tags, r);
    if (template) {
        // The tags a launch template gives its instances are the instances' tenancy.
        const instanceTags: Record<string, string> = Object.create(null);
        (r.list(props, "tagSpecifications", { path: "tagSpecifications", field: "labels" }) ?? []).forEach((s, i) => {
            const sp = `tagSpecifications[${i}]`;
            const kind = r.str(s, "resourceType", { path: `${sp}.resourceType`, field: "labels" });
            if (kind !== undefined && kind !== "instance") return;
            Object.assign(instanceTags, r.strMap(s, "tags", { path: `${sp}.tags`, field: "labels" }));
        });
        if (Object.keys(instanceTags).length) w.podLabels = instanceTags;
    }
    const mp = "metadataOptions";
    const md = r.obj(props, "metadataOptions", { path: mp, field: "instanceMetadata" });
    w.hostMetadata = {
        path: mp,
        httpTokens: r.str(md, "httpTokens", { path: `${mp}.httpTokens`, field: "instanceMetadata" }),
        httpPutResponseHopLimit: r.num(md, "httpPutResponseHopLimit", {
            path: `${mp}.httpPutResponseHopLimit`,
            field: "instanceMetadata",
        }),
        httpEndpoint: r.str(md, "httpEndpoint", { path: `${mp}.httpEndpoint`, field: "instanceMetadata" }),
    };
    const tagged = [...Object.keys(tags), ...Object.keys(w.podLabels)].some((k) => CONTAINER_HOST_TAG.test(k));
    const userData = r.str(props, "userData", { path: "userData", field: "other" });
    const userDataBase64 = r.str(props, "userDataBase64", { path: "userDataBase64", field: "other" });
    w.containerHost = tagged || userDataMarksContainerHost(userData) || userDataMarksContainerHost(userDataBase64);
    return w;
}

export const awsAdapter: PlatformAdapter = {
    name: "aws",
    packages: ["aws", "awsx"],
    reads: (type) => AWS_WORKLOAD_TYPES.has(type) || AWS_LINK_TYPES.has(type),
    workloads: awsWorkloads,
    stackLinks: awsStackLinks,
    dialects: [ecsDialect, awsDialect],
    docs: [
        {
            platform: "AWS",
            types: "`aws:ecs/taskDefinition:TaskDefinition` (the `containerDefinitions` JSON string: `privileged`, `user`, `linuxParameters.capabilities`/`devices`, `dockerSecurityOptions`, `systemControls`, `mountPoints`; task `volumes` host paths, `pidMode`/`ipcMode`/`networkMode` host, `requiresCompatibilities`, `placementConstraints`); `aws:ecs/service:Service` (`launchType`, `capacityProviderStrategies`, `placementConstraints`); `aws:batch/jobDefinition:JobDefinition` (`containerProperties`, `nodeProperties`, `ecsProperties` JSON; `eksProperties` pods read as Kubernetes pods; `platformCapabilities`); `aws:ec2/instance:Instance`, `aws:ec2/launchTemplate:LaunchTemplate` (tags as tenancy, `metadataOptions`; VM workloads); `awsx:ecs:FargateService`, `EC2Service`, `FargateTaskDefinition`, `EC2TaskDefinition` (their `container`/`containers` objects). Tags are the tenancy markers. Fargate tasks and jobs are VM workloads (a microVM each)",
        },
        {
            platform: "AWS stack context",
            types: "`aws:eks/fargateProfile:FargateProfile` selectors (the pods they select run in microVMs); `aws:eks/nodeGroup:NodeGroup` and `aws:ecs/capacityProvider:CapacityProvider` → `aws:autoscaling/group:Group`, which make the launch templates and instances they depend on container hosts",
        },
    ],
};
