// Hostile inputs for the never-crash properties. Real resources are the starting point (a hardened spec in every
// carrier), then random mutations put hostile values where the adapters look: wrong types, nulls, unknown sentinels,
// secrets, huge lists, deep nesting, prototype-pollution keys and control or non-ASCII characters. Purely random
// objects are generated too, for the shapes nobody thought of.
import fc from "fast-check";
import { CARRIERS, Obj, PATCH_CARRIERS, clone, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { UNKNOWN_SENTINELS } from "../../model/read";
import {
    AWSX_EC2_SERVICE,
    INSTANCE,
    JOB_DEFINITION,
    TASK_DEFINITION,
    eksNodeInstance,
    hardenedContainerDefinition,
    hostRootBatchJob,
    privilegedSocketTask,
} from "../fixtures/aws";

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Sets an own, enumerable property, so `__proto__` becomes a real key (as JSON.parse makes it), never a prototype. */
export function setOwn(obj: object, key: string, value: unknown): void {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Keys the adapters read, plus keys that attack the object model. */
export const FIELD_KEYS: readonly string[] = [
    "privileged",
    "allowPrivilegeEscalation",
    "capabilities",
    "add",
    "drop",
    "adds",
    "drops",
    "capAdds",
    "capDrops",
    "securityContext",
    "hostPath",
    "path",
    "volumes",
    "volumeMounts",
    "mountPath",
    "readOnly",
    "mountPropagation",
    "containers",
    "initContainers",
    "ephemeralContainers",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "hostUsers",
    "ports",
    "hostPort",
    "name",
    "metadata",
    "labels",
    "annotations",
    "spec",
    "template",
    "jobTemplate",
    "items",
    "windowsOptions",
    "hostProcess",
    "seccompProfile",
    "type",
    "sysctls",
    "runtimeClassName",
    "os",
    "mounts",
    "source",
    "target",
    "bindOptions",
    "propagation",
    "devices",
    "pidMode",
    "ipcMode",
    "networkMode",
    "usernsMode",
    "cgroupnsMode",
    "taskSpec",
    "containerSpec",
    "privileges",
    "seLinuxContext",
    "securityOpts",
    "volumeOptions",
    "driverOptions",
    "runtime",
    "networksAdvanceds",
    "user",
    "runAsUser",
    "runAsNonRoot",
    "procMount",
    "domain",
    "hostDevices",
    "gpus",
    "handler",
    "livenessProbe",
    "httpGet",
    "host",
    "lifecycle",
    "postStart",
];
export const POLLUTION_KEYS: readonly string[] = [
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "__defineGetter__",
];

const SENTINELS = [...UNKNOWN_SENTINELS];

export const HOSTILE_STRINGS: readonly string[] = [
    "",
    " ",
    "true",
    "false",
    "True",
    "1",
    "0",
    "null",
    "ALL",
    "all",
    " all ",
    "CAP_ALL",
    "SYS_ADMIN",
    " cap_sys_admin",
    "CAP_SYS_ADMIN\n",
    "/",
    "//",
    "//var/run/docker.sock",
    "/var/../var/run/docker.sock",
    "\\var\\run\\docker.sock",
    "/./etc",
    "../../..",
    "host",
    " HOST ",
    "Bidirectional",
    "rshared",
    "Unconfined",
    "Localhost",
    "spc_t",
    "__proto__",
    "constructor",
    "\u0000",
    "\u001b[31mred\u001b[0m",
    "line\nbreak",
    "\u2028",
    "\u202e",
    "ünïcødé",
    "名前",
    "🚀🚀",
    "\ud800",
    "a".repeat(5000),
    ...SENTINELS,
    SECRET_SIG_KEY,
    SECRET_SIG,
];

const key = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...FIELD_KEYS) },
    { weight: 2, arbitrary: fc.constantFrom(...POLLUTION_KEYS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);

const leaf: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<unknown>(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() }, // NaN, ±Infinity, -0 included
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...SENTINELS) },
);

function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    for (const [k, v] of entries) setOwn(o, k, v);
    return o;
}

function secretOf(v: unknown): Record<string, unknown> {
    return { [SECRET_SIG_KEY]: SECRET_SIG, value: v };
}

export function nest(depth: number, inner: unknown, asArray: boolean): unknown {
    let v = inner;
    for (let i = 0; i < depth; i++) v = asArray ? [v] : objectOf([[FIELD_KEYS[i % FIELD_KEYS.length], v]]);
    return v;
}

/** Any value, hostile ones favoured; now and then a long list or a deep nest. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
        { maxDepth: 4, depthSize: "small" },
        { weight: 40, arbitrary: leaf },
        { weight: 10, arbitrary: fc.array(tie("value"), { maxLength: 5 }) },
        { weight: 10, arbitrary: fc.array(fc.tuple(key, tie("value")), { maxLength: 5 }).map(objectOf) },
        { weight: 5, arbitrary: tie("value").map(secretOf) },
        // Long lists and deep nesting of moderate size here; the huge/deep property aims far bigger ones at each field.
        {
            weight: 1,
            arbitrary: fc.tuple(fc.integer({ min: 20, max: 300 }), leaf).map(([n, v]) => new Array<unknown>(n).fill(v)),
        },
        {
            weight: 1,
            arbitrary: fc
                .tuple(fc.integer({ min: 10, max: 200 }), leaf, fc.boolean())
                .map(([d, v, a]) => nest(d, v, a)),
        },
    ),
})).value;

export interface TypeBase {
    type: string;
    base: () => Obj;
}

const LIST_TYPES = [
    "kubernetes:core/v1:PodList",
    "kubernetes:apps/v1:DeploymentList",
    "kubernetes:batch/v1:CronJobList",
    "kubernetes:apps/v1:DaemonSetList",
];

function vmSpec(): Obj {
    return {
        running: true,
        template: {
            metadata: { labels: { tenancy: "multi-tenant", tenant: "a" } },
            spec: {
                domain: {
                    devices: {
                        disks: [{ name: "root", disk: {} }],
                        hostDevices: [{ name: "gpu", deviceName: "nvidia.com/GA102" }],
                    },
                },
                volumes: [
                    { name: "root", containerDisk: { image: "quay.io/containerdisks/fedora:40" } },
                    { name: "host", hostDisk: { path: "/var/lib/disk.img", type: "DiskOrCreate" } },
                ],
            },
        },
    };
}

/** Every resource type the pack may be handed, each with a realistic starting shape. */
export const TYPES: readonly TypeBase[] = [
    ...[...CARRIERS, ...PATCH_CARRIERS].map((c) => ({
        type: c.type,
        base: () => c.wrap(hardenedPodSpec(), { labels: { tenancy: "multi-tenant", tenant: "a" } }),
    })),
    ...LIST_TYPES.map((type) => {
        const kind = type.split(":")[2].replace(/List$/, "");
        const item = CARRIERS.find((c) => c.type.endsWith(`:${kind}`))!;
        return { type, base: () => ({ items: [item.wrap(hardenedPodSpec()), item.wrap(hardenedPodSpec())] }) };
    }),
    { type: DOCKER_CONTAINER, base: hardenedContainer },
    { type: DOCKER_SERVICE, base: hardenedService },
    // Handled only if an adapter for them exists; either way they must not crash anything.
    {
        type: "kubernetes:kubevirt.io/v1:VirtualMachine",
        base: () => ({
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachine",
            metadata: { name: "vm" },
            spec: vmSpec(),
        }),
    },
    {
        type: "kubernetes:kubevirt.io/v1:VirtualMachineInstance",
        base: () => ({
            apiVersion: "kubevirt.io/v1",
            kind: "VirtualMachineInstance",
            metadata: { name: "vmi" },
            spec: vmSpec().template.spec,
        }),
    },
    {
        type: "kubernetes:kubevirt.io/v1:VirtualMachinePatch",
        base: () => ({ metadata: { name: "vm" }, spec: vmSpec() }),
    },
    {
        type: "kubernetes:node.k8s.io/v1:RuntimeClass",
        base: () => ({ metadata: { name: "gvisor" }, handler: "runsc" }),
    },
    {
        type: "kubernetes:core/v1:Namespace",
        base: () => ({ metadata: { name: "t1", labels: { tenancy: "multi-tenant", tenant: "t1" } } }),
    },
    {
        type: "kubernetes:core/v1:NamespacePatch",
        base: () => ({ metadata: { name: "t1", labels: { tenancy: "multi-tenant" } } }),
    },
    // AWS: JSON-string container definitions (mutated as a whole), and the object shapes mutated field by field.
    { type: TASK_DEFINITION, base: () => ({ ...privilegedSocketTask(), tags: { tenancy: "multi-tenant" } }) },
    { type: JOB_DEFINITION, base: hostRootBatchJob },
    {
        type: JOB_DEFINITION,
        base: () => ({ name: "k", eksProperties: { podProperties: hardenedPodSpec() }, tags: { tenant: "a" } }),
    },
    {
        type: AWSX_EC2_SERVICE,
        base: () => ({
            tags: { tenancy: "multi-tenant" },
            placementConstraints: [{ type: "memberOf", expression: "attribute:tenant == a" }],
            taskDefinitionArgs: {
                containers: {
                    web: hardenedContainerDefinition(),
                    agent: JSON.parse(privilegedSocketTask().containerDefinitions as string)[0],
                },
                volumes: [{ name: "docker-socket", hostPath: "/var/run/docker.sock" }],
                pidMode: "host",
            },
        }),
    },
    { type: INSTANCE, base: () => eksNodeInstance({ httpTokens: "optional", httpPutResponseHopLimit: 3 }) },
];

/** Every container node (object or array) of a JSON tree, depth first. */
function nodes(
    root: unknown,
    out: Array<Record<string, unknown> | unknown[]> = [],
): Array<Record<string, unknown> | unknown[]> {
    if (Array.isArray(root)) {
        out.push(root);
        for (const e of root) nodes(e, out);
    } else if (typeof root === "object" && root !== null) {
        out.push(root as Record<string, unknown>);
        for (const k of Object.keys(root)) nodes((root as Record<string, unknown>)[k], out);
    }
    return out;
}

export interface Mutation {
    at: number;
    existing: boolean;
    key: string;
    value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({ at: fc.nat(), existing: fc.boolean(), key, value: hostileValue });

/** Applies mutations in order: each picks a node and overwrites an existing key (or element) or adds a new one. */
export function mutate(base: Obj, mutations: readonly Mutation[]): Obj {
    const root = clone(base);
    for (const m of mutations) {
        const all = nodes(root);
        const node = all[m.at % all.length];
        if (Array.isArray(node)) {
            if (m.existing && node.length) node[m.at % node.length] = m.value;
            else node.push(m.value);
        } else {
            const keys = Object.keys(node);
            setOwn(node, m.existing && keys.length ? keys[m.at % keys.length] : m.key, m.value);
        }
    }
    return root;
}

export interface Case {
    type: string;
    props: Record<string, unknown>;
}

/** A realistic resource of any supported type with 1-4 hostile mutations. */
export const mutatedResource: fc.Arbitrary<Case> = fc
    .tuple(fc.constantFrom(...TYPES), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([t, ms]) => ({ type: t.type, props: mutate(t.base(), ms) }));

/** A wholly random object handed over as any supported type. */
export const randomResource: fc.Arbitrary<Case> = fc
    .tuple(fc.constantFrom(...TYPES.map((t) => t.type)), fc.array(fc.tuple(key, hostileValue), { maxLength: 8 }))
    .map(([type, entries]) => ({ type, props: objectOf(entries) }));

/** JSON round trip, as the wire delivers it: `__proto__` stays an own key, NaN becomes null, undefined vanishes. */
export function wire<T>(v: T): T {
    return JSON.parse(JSON.stringify(v));
}

export { SECRET_SIG_KEY, SECRET_SIG };
