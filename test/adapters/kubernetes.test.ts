// The Kubernetes adapter (adapters/kubernetes.ts), table by table: which type tokens are pod carriers, where each
// carrier keeps its pod template, and, for every field the adapter reads, what a value of the wrong shape becomes — an
// issue with the field key that routes it to the checks reading that field, and the exact path messages name. Rows
// also pin the model values the checks judge (roles, default names, volume types, read-only-ness).
import * as assert from "assert";
import {
    kubernetesNamespace,
    kubernetesRuntimeClass,
    kubernetesWorkloads,
    parseKubernetesType,
} from "../../adapters/kubernetes";
import { FieldIssue, Workload } from "../../model/workload";
import { CARRIERS, DEPLOYMENT, Obj, POD, clone, hardenedPodSpec } from "../fixtures/kubernetes";
import { checkIds, judge } from "../helpers";
import { UNKNOWN } from "../harness/engine";
import { isCustomResourceType } from "../../adapters/crd";

/** `kind field path [container]`, one string per issue: the routing key and the path, compared exactly. */
function issueLines(issues: FieldIssue[]): string[] {
    return issues.map((i) => [i.kind, i.field, i.path, ...(i.container === undefined ? [] : [i.container])].join(" "));
}

function one(type: string, props: Obj): Workload {
    const ws = kubernetesWorkloads(type, "res", props);
    assert.strictEqual(ws.length, 1, `${type}: ${ws.length} workloads`);
    return ws[0];
}

function deployment(edit: (s: Obj) => void): Workload {
    const spec = hardenedPodSpec();
    edit(spec);
    return one(DEPLOYMENT.type, DEPLOYMENT.wrap(spec));
}

describe("Kubernetes adapter: type tokens", () => {
    const PARSED: Array<[string, ReturnType<typeof parseKubernetesType>]> = [
        [
            "kubernetes:apps/v1:Deployment",
            { group: "apps", version: "v1", kind: "Deployment", isPatch: false, isList: false },
        ],
        [
            "kubernetes:apps/v1:DeploymentPatch",
            { group: "apps", version: "v1", kind: "Deployment", isPatch: true, isList: false },
        ],
        [
            "kubernetes:apps/v1:DeploymentList",
            { group: "apps", version: "v1", kind: "Deployment", isPatch: false, isList: true },
        ],
        // A kind that ends in List and is patched stays a List kind name: only one suffix is taken off.
        [
            "kubernetes:core/v1:PodListPatch",
            { group: "core", version: "v1", kind: "PodList", isPatch: true, isList: false },
        ],
        ["kubernetes:core/v1:Pod:extra", undefined],
        ["xkubernetes:core/v1:Pod", undefined],
        ["kubernetes:core:Pod", undefined],
        ["kubernetes:core/v1:Pod-x", undefined],
        ["docker:index/container:Container", undefined],
    ];
    for (const [type, parsed] of PARSED)
        it(`parses ${type}`, () => assert.deepStrictEqual(parseKubernetesType(type), parsed));

    // Every carrier kind of the provider, in a group that really carries pods, maps to one workload of that kind.
    const CARRIER_TOKENS: Array<[string, string]> = [
        ["kubernetes:core/v1:Pod", "spec"],
        ["kubernetes:core/v1:PodTemplate", "template.spec"],
        ["kubernetes:core/v1:ReplicationController", "spec.template.spec"],
        ["kubernetes:apps/v1:Deployment", "spec.template.spec"],
        ["kubernetes:extensions/v1beta1:Deployment", "spec.template.spec"],
        ["kubernetes:apps/v1:ReplicaSet", "spec.template.spec"],
        ["kubernetes:apps/v1:StatefulSet", "spec.template.spec"],
        ["kubernetes:apps/v1:DaemonSet", "spec.template.spec"],
        ["kubernetes:batch/v1:Job", "spec.template.spec"],
        ["kubernetes:batch/v1:CronJob", "spec.jobTemplate.spec.template.spec"],
        ["kubernetes:apps/v1:StatefulSetPatch", "spec.template.spec"],
        ["kubernetes:batch/v1:CronJobPatch", "spec.jobTemplate.spec.template.spec"],
    ];
    for (const [type, specPath] of CARRIER_TOKENS)
        it(`${type} is a pod carrier with its spec at ${specPath}`, () => {
            const w = one(type, {});
            assert.strictEqual(w.platform, "kubernetes");
            assert.strictEqual(w.isolation, "container");
            assert.strictEqual(w.kind, parseKubernetesType(type)?.kind);
            assert.strictEqual(w.isPatch, type.endsWith("Patch"));
            assert.strictEqual(w.specPath, specPath);
            assert.strictEqual(w.storageOnly, undefined);
        });

    // Kinds that share a carrier's name in another group (a CRD), other core kinds, and tokens that do not parse.
    const NOT_WORKLOADS = [
        "kubernetes:example.com/v1:Deployment",
        "kubernetes:example.com/v1:Pod",
        "kubernetes:core/v1:Service",
        "kubernetes:core/v1:ConfigMapList",
        "kubernetes:storage.k8s.io/v1:PersistentVolume",
        "kubernetes:example.com/v1:PersistentVolume",
        "kubernetes:core/v1:PersistentVolumeClaim",
        "kubernetes:bad",
        "kubernetes:core/v1:Pod:extra",
    ];
    for (const type of NOT_WORKLOADS)
        it(`${type} maps to no workload, even with a privileged-looking body`, () => {
            const props = POD.wrap({
                hostNetwork: true,
                containers: [{ name: "c", securityContext: { privileged: true } }],
            });
            props.spec.hostPath = { path: "/var/run" };
            assert.deepStrictEqual(kubernetesWorkloads(type, "res", props), []);
            // Issue 23: a custom resource's pod-spec fragment (hostNetwork, a container patch without an image) is the
            // custom-resource adapter's to judge by its structural fallback; every other token judges nothing.
            if (!isCustomResourceType(type)) assert.deepStrictEqual(checkIds(type, props), []);
        });

    it("a PersistentVolume (core, any version, patch and list) is a storage-only kubernetes workload", () => {
        for (const type of ["kubernetes:core/v1:PersistentVolume", "kubernetes:core/v1:PersistentVolumePatch"]) {
            const w = one(type, { metadata: { name: "pv" }, spec: { hostPath: { path: "/data" } } });
            assert.strictEqual(w.platform, "kubernetes");
            assert.strictEqual(w.isolation, "container");
            assert.strictEqual(w.kind, "PersistentVolume");
            assert.strictEqual(w.storageOnly, true);
            assert.strictEqual(w.isPatch, type.endsWith("Patch"));
        }
    });
});

describe("Kubernetes adapter: pod-template paths", () => {
    // A value of the wrong shape on the way to the pod spec: one issue naming that segment, field "all".
    const WALK: Array<[string, Obj, string]> = [
        ["kubernetes:apps/v1:Deployment", { spec: "x" }, "malformed all spec"],
        ["kubernetes:apps/v1:Deployment", { spec: { template: 7 } }, "malformed all spec.template"],
        ["kubernetes:apps/v1:Deployment", { spec: { template: { spec: [] } } }, "malformed all spec.template.spec"],
        ["kubernetes:core/v1:PodTemplate", { template: "x" }, "malformed all template"],
        ["kubernetes:core/v1:PodTemplate", { template: { spec: 1 } }, "malformed all template.spec"],
        ["kubernetes:core/v1:Pod", { spec: "x" }, "malformed all spec"],
        ["kubernetes:batch/v1:CronJob", { spec: { jobTemplate: "x" } }, "malformed all spec.jobTemplate"],
        [
            "kubernetes:batch/v1:CronJob",
            { spec: { jobTemplate: { spec: { template: { spec: 3 } } } } },
            "malformed all spec.jobTemplate.spec.template.spec",
        ],
        [
            "kubernetes:apps/v1:Deployment",
            { spec: { template: { metadata: "x" } } },
            "malformed labels spec.template.metadata",
        ],
        [
            "kubernetes:apps/v1:Deployment",
            { spec: { template: { metadata: { labels: "x" } } } },
            "malformed labels spec.template.metadata.labels",
        ],
        [
            "kubernetes:apps/v1:Deployment",
            { spec: { template: { metadata: { annotations: 7 } } } },
            "malformed labels spec.template.metadata.annotations",
        ],
        [
            "kubernetes:core/v1:PodTemplate",
            { template: { metadata: { annotations: 7 } } },
            "malformed labels template.metadata.annotations",
        ],
        // A Pod's metadata is read once (it is its pod metadata too): one issue, not two.
        ["kubernetes:core/v1:Pod", { metadata: { labels: "x" } }, "malformed labels metadata.labels"],
        ["kubernetes:core/v1:Pod", { metadata: { annotations: "x" } }, "malformed labels metadata.annotations"],
        // …List items: paths start at the item.
        [
            "kubernetes:apps/v1:DeploymentList",
            { items: [{ spec: { template: { spec: { hostNetwork: 1 } } } }] },
            "malformed hostNamespaces items[0].spec.template.spec.hostNetwork",
        ],
        [
            "kubernetes:core/v1:PodList",
            { items: [{ spec: { hostPID: "yes" } }] },
            "malformed hostNamespaces items[0].spec.hostPID",
        ],
        ["kubernetes:core/v1:PodList", { items: [{ spec: 7 }] }, "malformed all items[0].spec"],
    ];
    for (const [type, props, issue] of WALK)
        it(`${type} ${JSON.stringify(props)} → ${issue}`, () => {
            const [w, ...rest] = kubernetesWorkloads(type, "res", props);
            assert.strictEqual(rest.length, 0);
            assert.deepStrictEqual(issueLines(w.issues), [issue]);
        });

    it("reads the template's labels and annotations as the pod's; a Pod's own metadata is its pod metadata", () => {
        const d = one(DEPLOYMENT.type, DEPLOYMENT.wrap({}, { labels: { tier: "db" }, annotations: { a: "1" } }));
        assert.strictEqual(d.podLabels.tier, "db");
        assert.strictEqual(d.podAnnotations.a, "1");
        assert.strictEqual(d.labels.tier, undefined);
        const p = one(POD.type, POD.wrap({}, { labels: { tier: "db" }, annotations: { a: "1" } }));
        assert.strictEqual(p.podLabels.tier, "db");
        assert.strictEqual(p.podAnnotations.a, "1");
        assert.strictEqual(p.labels.tier, "db");
    });

    it("names a …List item by the resource and index, and its metadata.name wins", () => {
        const ws = kubernetesWorkloads("kubernetes:apps/v1:DeploymentList", "list", {
            items: [{ metadata: { name: "a" } }, {}],
        });
        assert.deepStrictEqual(
            ws.map((w) => [w.name, w.specPath]),
            [
                ["a", "items[0].spec.template.spec"],
                ["list[1]", "items[1].spec.template.spec"],
            ],
        );
    });

    for (const c of CARRIERS)
        it(`${c.type}: a privileged container is reported at ${c.specPath}.containers[0]`, () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.privileged = true;
            const ds = judge(c.type, c.wrap(spec)).filter((d) => d.check === "privileged");
            assert.strictEqual(ds.length, 1);
            assert.ok(ds[0].message.includes(`${c.specPath}.containers[0].securityContext.privileged is true`));
        });
});

describe("Kubernetes adapter: legacy AppArmor annotations are read from the pod's metadata", () => {
    const KEY = "container.apparmor.security.beta.kubernetes.io/app";
    for (const c of CARRIERS) {
        const meta = c.specPath === "spec" ? "metadata" : `${c.specPath.replace(/\.spec$/, "")}.metadata`;
        it(`${c.type}: on ${meta} it is judged there; on the resource's own metadata only for a Pod`, () => {
            const onPod = judge(c.type, c.wrap(hardenedPodSpec(), { annotations: { [KEY]: "unconfined" } }));
            assert.deepStrictEqual(
                onPod.map((d) => d.check),
                ["appArmorProfile"],
            );
            assert.ok(onPod[0].message.includes(`${meta}.annotations["${KEY}"] is "unconfined"`), onPod[0].message);
            const props = c.wrap(hardenedPodSpec());
            props.metadata.annotations = { [KEY]: "unconfined" };
            assert.deepStrictEqual(checkIds(c.type, props), c.specPath === "spec" ? ["appArmorProfile"] : []);
        });
    }
});

const SP = "spec.template.spec";
const CP = `${SP}.containers[0]`;
const SC = `${CP}.securityContext`;

/**
 * One row per field the adapter reads: a value of the wrong shape (or a list element that is no object) on a
 * hardened Deployment → exactly this issue. The field key decides which checks report it (a wrong key hides it from
 * the check that reads the field), the path is what the message names.
 */
const FIELDS: Array<[string, (s: Obj) => void, string]> = [
    // pod level
    ["hostNetwork", (s) => (s.hostNetwork = 1), `malformed hostNamespaces ${SP}.hostNetwork`],
    ["hostPID", (s) => (s.hostPID = "yes"), `malformed hostNamespaces ${SP}.hostPID`],
    ["hostIPC", (s) => (s.hostIPC = "yes"), `malformed hostNamespaces ${SP}.hostIPC`],
    ["hostUsers", (s) => (s.hostUsers = "false"), `malformed hostUsers ${SP}.hostUsers`],
    ["os", (s) => (s.os = "linux"), `malformed os ${SP}.os`],
    ["os.name", (s) => (s.os = { name: 7 }), `malformed os ${SP}.os.name`],
    ["runtimeClassName", (s) => (s.runtimeClassName = 7), `malformed runtime ${SP}.runtimeClassName`],
    ["securityContext", (s) => (s.securityContext = "x"), `malformed all ${SP}.securityContext`],
    ["sysctls", (s) => (s.securityContext.sysctls = "x"), `malformed sysctls ${SP}.securityContext.sysctls`],
    [
        "sysctls[].name",
        (s) => (s.securityContext.sysctls = [{ name: 7, value: "1" }]),
        `malformed sysctls ${SP}.securityContext.sysctls[0].name`,
    ],
    [
        "sysctls[].value",
        (s) => (s.securityContext.sysctls = [{ name: "kernel.shm_rmid_forced", value: 1 }]),
        `malformed sysctls ${SP}.securityContext.sysctls[0].value`,
    ],
    [
        "pod runAsNonRoot",
        (s) => (s.securityContext.runAsNonRoot = "yes"),
        `malformed runAsNonRoot ${SP}.securityContext.runAsNonRoot`,
    ],
    [
        "pod runAsUser",
        (s) => (s.securityContext.runAsUser = "1000"),
        `malformed runAsUser ${SP}.securityContext.runAsUser`,
    ],
    [
        "pod seccompProfile",
        (s) => (s.securityContext.seccompProfile = "x"),
        `malformed seccomp ${SP}.securityContext.seccompProfile`,
    ],
    [
        "pod seccompProfile.type",
        (s) => (s.securityContext.seccompProfile = { type: 7 }),
        `malformed seccomp ${SP}.securityContext.seccompProfile.type`,
    ],
    [
        "pod seccompProfile.localhostProfile",
        (s) => (s.securityContext.seccompProfile = { type: "Localhost", localhostProfile: 7 }),
        `malformed seccomp ${SP}.securityContext.seccompProfile.localhostProfile`,
    ],
    [
        "pod seLinuxOptions",
        (s) => (s.securityContext.seLinuxOptions = "x"),
        `malformed seLinux ${SP}.securityContext.seLinuxOptions`,
    ],
    ...(["type", "user", "role", "level"] as const).map((k): [string, (s: Obj) => void, string] => [
        `pod seLinuxOptions.${k}`,
        (s) => (s.securityContext.seLinuxOptions = { [k]: 7 }),
        `malformed seLinux ${SP}.securityContext.seLinuxOptions.${k}`,
    ]),
    [
        "pod appArmorProfile",
        (s) => (s.securityContext.appArmorProfile = 1),
        `malformed appArmor ${SP}.securityContext.appArmorProfile`,
    ],
    [
        "pod appArmorProfile.type",
        (s) => (s.securityContext.appArmorProfile = { type: 1 }),
        `malformed appArmor ${SP}.securityContext.appArmorProfile.type`,
    ],
    [
        "pod appArmorProfile.localhostProfile",
        (s) => (s.securityContext.appArmorProfile = { type: "Localhost", localhostProfile: 1 }),
        `malformed appArmor ${SP}.securityContext.appArmorProfile.localhostProfile`,
    ],
    [
        "pod windowsOptions",
        (s) => (s.securityContext.windowsOptions = "x"),
        `malformed windowsHostProcess ${SP}.securityContext.windowsOptions`,
    ],
    [
        "pod windowsOptions.hostProcess",
        (s) => (s.securityContext.windowsOptions = { hostProcess: "true" }),
        `malformed windowsHostProcess ${SP}.securityContext.windowsOptions.hostProcess`,
    ],
    // volumes
    ["volumes", (s) => (s.volumes = "x"), `malformed volumes ${SP}.volumes`],
    ["volumes[] not an object", (s) => (s.volumes = [7]), `malformed volumes ${SP}.volumes[0]`],
    ["volumes[].name", (s) => (s.volumes = [{ name: 7, emptyDir: {} }]), `malformed volumes ${SP}.volumes[0].name`],
    [
        "volumes[].hostPath",
        (s) => (s.volumes = [{ name: "h", hostPath: "/" }]),
        `malformed hostPath ${SP}.volumes[0].hostPath`,
    ],
    [
        "volumes[].hostPath.path",
        (s) => (s.volumes = [{ name: "h", hostPath: { path: ["/"] } }]),
        `malformed hostPath ${SP}.volumes[0].hostPath.path`,
    ],
    // container lists
    ["containers", (s) => (s.containers = {}), `malformed all ${SP}.containers`],
    ["containers[] not an object", (s) => (s.containers = [7]), `malformed all ${SP}.containers[0]`],
    ["initContainers[] not an object", (s) => (s.initContainers = ["x"]), `malformed all ${SP}.initContainers[0]`],
    ["ephemeralContainers", (s) => (s.ephemeralContainers = 1), `malformed all ${SP}.ephemeralContainers`],
    // container level
    ["container name", (s) => (s.containers[0].name = 7), `malformed other ${CP}.name`],
    ["container image", (s) => (s.containers[0].image = 7), `malformed other ${CP}.image app`],
    ["securityContext (container)", (s) => (s.containers[0].securityContext = "x"), `malformed all ${SC} app`],
    [
        "privileged",
        (s) => (s.containers[0].securityContext.privileged = "true"),
        `malformed privileged ${SC}.privileged app`,
    ],
    [
        "allowPrivilegeEscalation",
        (s) => (s.containers[0].securityContext.allowPrivilegeEscalation = "no"),
        `malformed allowPrivilegeEscalation ${SC}.allowPrivilegeEscalation app`,
    ],
    ["procMount", (s) => (s.containers[0].securityContext.procMount = 1), `malformed procMount ${SC}.procMount app`],
    [
        "readOnlyRootFilesystem",
        (s) => (s.containers[0].securityContext.readOnlyRootFilesystem = "yes"),
        `malformed other ${SC}.readOnlyRootFilesystem app`,
    ],
    [
        "capabilities",
        (s) => (s.containers[0].securityContext.capabilities = "ALL"),
        `malformed capabilities ${SC}.capabilities app`,
    ],
    [
        "capabilities.add",
        (s) => (s.containers[0].securityContext.capabilities = { drop: ["ALL"], add: "NET_RAW" }),
        `malformed capabilities ${SC}.capabilities.add app`,
    ],
    [
        "capabilities.drop[]",
        (s) => (s.containers[0].securityContext.capabilities = { drop: [7] }),
        `malformed capabilities ${SC}.capabilities.drop[0] app`,
    ],
    [
        "runAsNonRoot (container)",
        (s) => (s.containers[0].securityContext.runAsNonRoot = 1),
        `malformed runAsNonRoot ${SC}.runAsNonRoot app`,
    ],
    [
        "runAsUser (container)",
        (s) => (s.containers[0].securityContext.runAsUser = "0"),
        `malformed runAsUser ${SC}.runAsUser app`,
    ],
    [
        "seccompProfile.type (container)",
        (s) => (s.containers[0].securityContext.seccompProfile = { type: 1 }),
        `malformed seccomp ${SC}.seccompProfile.type app`,
    ],
    [
        "seLinuxOptions (container)",
        (s) => (s.containers[0].securityContext.seLinuxOptions = []),
        `malformed seLinux ${SC}.seLinuxOptions app`,
    ],
    [
        "appArmorProfile.type (container)",
        (s) => (s.containers[0].securityContext.appArmorProfile = { type: false }),
        `malformed appArmor ${SC}.appArmorProfile.type app`,
    ],
    [
        "windowsOptions.hostProcess (container)",
        (s) => (s.containers[0].securityContext.windowsOptions = { hostProcess: 1 }),
        `malformed windowsHostProcess ${SC}.windowsOptions.hostProcess app`,
    ],
    ["ports", (s) => (s.containers[0].ports = "8080"), `malformed hostPorts ${CP}.ports app`],
    [
        "ports[].hostPort",
        (s) => (s.containers[0].ports = [{ hostPort: "80" }]),
        `malformed hostPorts ${CP}.ports[0].hostPort app`,
    ],
    [
        "ports[].containerPort",
        (s) => (s.containers[0].ports = [{ containerPort: "80" }]),
        `malformed other ${CP}.ports[0].containerPort app`,
    ],
    ...["livenessProbe", "readinessProbe", "startupProbe"].flatMap(
        (probe): Array<[string, (s: Obj) => void, string]> => [
            [probe, (s) => (s.containers[0][probe] = "x"), `malformed probes ${CP}.${probe} app`],
            [
                `${probe}.httpGet`,
                (s) => (s.containers[0][probe] = { httpGet: 1 }),
                `malformed probes ${CP}.${probe}.httpGet app`,
            ],
            [
                `${probe}.tcpSocket.host`,
                (s) => (s.containers[0][probe] = { tcpSocket: { host: 1, port: 80 } }),
                `malformed probes ${CP}.${probe}.tcpSocket.host app`,
            ],
        ],
    ),
    ["lifecycle", (s) => (s.containers[0].lifecycle = "x"), `malformed probes ${CP}.lifecycle app`],
    ...["postStart", "preStop"].flatMap((h): Array<[string, (s: Obj) => void, string]> => [
        [
            `lifecycle.${h}`,
            (s) => (s.containers[0].lifecycle = { [h]: 1 }),
            `malformed probes ${CP}.lifecycle.${h} app`,
        ],
        [
            `lifecycle.${h}.httpGet.host`,
            (s) => (s.containers[0].lifecycle = { [h]: { httpGet: { host: [] } } }),
            `malformed probes ${CP}.lifecycle.${h}.httpGet.host app`,
        ],
    ]),
    ["volumeMounts", (s) => (s.containers[0].volumeMounts = {}), `malformed volumes ${CP}.volumeMounts app`],
    [
        "volumeMounts[].name",
        (s) => (s.containers[0].volumeMounts = [{ name: 1 }]),
        `malformed volumes ${CP}.volumeMounts[0].name app`,
    ],
    [
        "volumeMounts[].mountPath",
        (s) => (s.containers[0].volumeMounts = [{ name: "cache", mountPath: 1 }]),
        `malformed volumes ${CP}.volumeMounts[0].mountPath app`,
    ],
    [
        "volumeMounts[].readOnly",
        (s) => (s.containers[0].volumeMounts = [{ name: "cache", readOnly: "true" }]),
        `malformed hostPath ${CP}.volumeMounts[0].readOnly app`,
    ],
    [
        "volumeMounts[].mountPropagation",
        (s) => (s.containers[0].volumeMounts = [{ name: "cache", mountPropagation: 1 }]),
        `malformed mountPropagation ${CP}.volumeMounts[0].mountPropagation app`,
    ],
    [
        "init container capabilities",
        (s) => (s.initContainers[0].securityContext.capabilities = 1),
        `malformed capabilities ${SP}.initContainers[0].securityContext.capabilities init`,
    ],
];

describe("Kubernetes adapter: every field read, a malformed value → its field key and path", () => {
    it("a hardened Deployment has no issues", () => assert.deepStrictEqual(deployment(() => undefined).issues, []));
    for (const [name, edit, issue] of FIELDS)
        it(`${name} → ${issue}`, () => assert.deepStrictEqual(issueLines(deployment(edit).issues), [issue]));

    it("a malformed field is reported by the checks that read it, at its path", () => {
        const ds = judge(DEPLOYMENT.type, DEPLOYMENT.wrap({ ...hardenedPodSpec(), hostUsers: "false" }));
        assert.ok(ds.length > 0);
        for (const d of ds) assert.ok(d.message.includes(`${SP}.hostUsers is "false"`), d.message);
        const expected = ["runAsNonRoot", "runAsUser", "procMount", "procMount_restricted"];
        assert.ok(
            ds.every((d) => expected.includes(d.check)),
            ds.map((d) => d.check).join(),
        );
    });
});

describe("Kubernetes adapter: a value unknown at preview is recorded, not read as unset", () => {
    const UNKNOWN_ROWS: Array<[string, (s: Obj) => void, string]> = [
        ["hostPID", (s) => (s.hostPID = UNKNOWN), `unknown hostNamespaces ${SP}.hostPID`],
        ["runtimeClassName", (s) => (s.runtimeClassName = UNKNOWN), `unknown runtime ${SP}.runtimeClassName`],
        [
            "privileged",
            (s) => (s.containers[0].securityContext.privileged = UNKNOWN),
            `unknown privileged ${SC}.privileged app`,
        ],
        [
            "capabilities.drop[1]",
            (s) => (s.containers[0].securityContext.capabilities.drop = ["ALL", UNKNOWN]),
            `unknown capabilities ${SC}.capabilities.drop[1] app`,
        ],
        [
            "volumes[].hostPath.path",
            (s) => s.volumes.push({ name: "h", hostPath: { path: UNKNOWN } }),
            `unknown hostPath ${SP}.volumes[2].hostPath.path`,
        ],
        ["containers", (s) => (s.containers = UNKNOWN), `unknown all ${SP}.containers`],
    ];
    for (const [name, edit, issue] of UNKNOWN_ROWS)
        it(`${name} → ${issue}`, () => assert.deepStrictEqual(issueLines(deployment(edit).issues), [issue]));

    it("a privileged flag unknown at preview is deferred (noted), not passed and not failed", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.privileged = UNKNOWN;
        const ds = judge(DEPLOYMENT.type, DEPLOYMENT.wrap(spec));
        assert.deepStrictEqual(
            ds.map((d) => [d.check, d.advisory]),
            [["unknownValues", true]],
        );
        assert.ok(ds[0].message.includes(`${SC}.privileged`), ds[0].message);
    });
});

describe("Kubernetes adapter: model values", () => {
    it("maps init and ephemeral containers with their roles, and messages name them so", () => {
        const spec = hardenedPodSpec();
        spec.ephemeralContainers = [{ name: "debug", image: "busybox", securityContext: { privileged: true } }];
        spec.initContainers[0].securityContext.privileged = true;
        const w = one(DEPLOYMENT.type, DEPLOYMENT.wrap(clone(spec)));
        assert.deepStrictEqual(
            w.containers.map((c) => [c.name, c.role, c.path]),
            [
                ["app", "container", `${SP}.containers[0]`],
                ["init", "initContainer", `${SP}.initContainers[0]`],
                ["debug", "ephemeralContainer", `${SP}.ephemeralContainers[0]`],
            ],
        );
        const msgs = judge(DEPLOYMENT.type, DEPLOYMENT.wrap(spec))
            .filter((d) => d.check === "privileged")
            .map((d) => d.message);
        assert.strictEqual(msgs.length, 2);
        assert.ok(
            msgs.some((m) => m.includes('init container "init"')),
            msgs.join("\n"),
        );
        assert.ok(
            msgs.some((m) => m.includes('ephemeral container "debug"')),
            msgs.join("\n"),
        );
    });

    it("names an unnamed container by its index", () => {
        const w = deployment((s) => s.containers.push({ image: "x" }));
        assert.deepStrictEqual(
            w.containers.map((c) => c.name),
            ["app", "#1", "init"],
        );
        // A container without ports, probes or mounts has none.
        const bare = w.containers[1];
        assert.deepStrictEqual([bare.ports, bare.hostReferences, bare.mounts], [[], [], []]);
    });

    it("reads hostNetwork, hostPID and hostIPC into host namespaces; false is not a host namespace", () => {
        const w = deployment((s) => Object.assign(s, { hostNetwork: true, hostPID: false, hostIPC: true }));
        assert.deepStrictEqual(w.hostNamespaces, [
            { namespace: "network", path: `${SP}.hostNetwork`, value: true },
            { namespace: "ipc", path: `${SP}.hostIPC`, value: true },
        ]);
    });

    it("reads hostUsers, os.name and runtimeClassName", () => {
        const w = deployment((s) =>
            Object.assign(s, { hostUsers: false, os: { name: "windows" }, runtimeClassName: "gvisor" }),
        );
        assert.strictEqual(w.hostUsers, false);
        assert.strictEqual(w.osName, "windows");
        assert.deepStrictEqual(w.runtime, { value: "gvisor", path: `${SP}.runtimeClassName` });
    });

    it("keeps a sysctl without a name out of the model, and reads name, value and their paths", () => {
        const w = deployment(
            (s) => (s.securityContext.sysctls = [{ value: "1" }, { name: "net.ipv4.ip_forward", value: "1" }]),
        );
        assert.deepStrictEqual(w.sysctls, [
            {
                name: "net.ipv4.ip_forward",
                path: `${SP}.securityContext.sysctls[1].name`,
                value: "1",
                valuePath: `${SP}.securityContext.sysctls[1].value`,
            },
        ]);
    });

    it("a volume's types are its set source keys: not name, not a null or undefined source", () => {
        const w = deployment((s) => (s.volumes = [{ name: "v", emptyDir: {}, hostPath: null, nfs: undefined }]));
        assert.deepStrictEqual(w.volumes, [
            { name: "v", types: ["emptyDir"], readOnly: true, path: `${SP}.volumes[0]` },
        ]);
    });

    it("a hostPath volume is read-only only when every mount of its name is; an unnamed volume and mount match", () => {
        const w = deployment((s) => {
            s.volumes = [{ hostPath: { path: "/etc/localtime" } }, { name: "ro", hostPath: { path: "/etc/timezone" } }];
            s.containers[0].volumeMounts = [{ mountPath: "/x" }, { name: "ro", mountPath: "/y", readOnly: true }];
        });
        assert.deepStrictEqual(
            w.volumes.map((v) => [v.name, v.hostPath, v.readOnly, v.path]),
            [
                ["", "/etc/localtime", false, `${SP}.volumes[0].hostPath.path`],
                ["ro", "/etc/timezone", true, `${SP}.volumes[1].hostPath.path`],
            ],
        );
        assert.deepStrictEqual(w.containers[0].mounts, [
            {
                volume: "",
                mountPath: "/x",
                readOnly: undefined,
                mountPropagation: undefined,
                path: `${CP}.volumeMounts[0]`,
            },
            {
                volume: "ro",
                mountPath: "/y",
                readOnly: true,
                mountPropagation: undefined,
                path: `${CP}.volumeMounts[1]`,
            },
        ]);
        // The writable mount of /etc/localtime is judged; the read-only /etc/timezone is harmless.
        const ds = judge(
            DEPLOYMENT.type,
            DEPLOYMENT.wrap({
                ...hardenedPodSpec(),
                volumes: [
                    { hostPath: { path: "/etc/localtime" } },
                    { name: "ro", hostPath: { path: "/etc/timezone" } },
                ],
            }),
        );
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            [],
        );
    });

    it("reads ports: host and container port, the path names the hostPort", () => {
        const w = deployment((s) => (s.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }]));
        assert.deepStrictEqual(w.containers[0].ports, [
            { hostPort: 8080, containerPort: 80, path: `${CP}.ports[0].hostPort` },
        ]);
        assert.deepStrictEqual(deployment((s) => delete s.containers[0].ports).containers[0].ports, []);
    });

    it("reads probe and lifecycle hosts from httpGet and tcpSocket", () => {
        const w = deployment((s) => {
            s.containers[0].readinessProbe = { tcpSocket: { host: "10.0.0.1", port: 80 } };
            s.containers[0].lifecycle = { preStop: { httpGet: { host: "example.com", path: "/" } } };
        });
        assert.deepStrictEqual(w.containers[0].hostReferences, [
            { host: "10.0.0.1", path: `${CP}.readinessProbe.tcpSocket.host` },
            { host: "example.com", path: `${CP}.lifecycle.preStop.httpGet.host` },
        ]);
        assert.deepStrictEqual(deployment(() => undefined).containers[0].hostReferences, []);
    });

    it("leaves securityContext settings that are not written undefined (a patch does not change them)", () => {
        const w = deployment(() => undefined);
        assert.strictEqual(w.pod.seLinuxOptions, undefined);
        assert.strictEqual(w.pod.appArmorProfile, undefined);
        assert.strictEqual(w.containers[0].security.seLinuxOptions, undefined);
        assert.strictEqual(w.containers[0].security.capAdd?.join(), "NET_BIND_SERVICE");
        assert.strictEqual(w.containers[1].security.capAdd, undefined);
    });

    it("reads seccomp, SELinux and AppArmor profiles with the paths findings name", () => {
        const w = deployment((s) =>
            Object.assign(s.securityContext, {
                seccompProfile: { type: "Localhost", localhostProfile: "p.json" },
                seLinuxOptions: { type: "spc_t", user: "u", role: "r", level: "s0" },
                appArmorProfile: { type: "Localhost", localhostProfile: "aa" },
                windowsOptions: { hostProcess: true },
            }),
        );
        const ssc = `${SP}.securityContext`;
        assert.deepStrictEqual(w.pod.seccompProfile, {
            type: "Localhost",
            localhostProfile: "p.json",
            path: `${ssc}.seccompProfile.type`,
        });
        assert.deepStrictEqual(w.pod.seLinuxOptions, {
            path: `${ssc}.seLinuxOptions`,
            type: "spc_t",
            user: "u",
            role: "r",
            level: "s0",
        });
        assert.deepStrictEqual(w.pod.appArmorProfile, {
            type: "Localhost",
            localhostProfile: "aa",
            path: `${ssc}.appArmorProfile.type`,
        });
        assert.strictEqual(w.pod.windowsHostProcess, true);
    });
});

describe("Kubernetes adapter: PersistentVolumes", () => {
    const PV = "kubernetes:core/v1:PersistentVolume";
    const PV_ROWS: Array<[Obj, string]> = [
        [{ spec: "x" }, "malformed volumes spec"],
        [{ spec: { hostPath: "/" } }, "malformed hostPath spec.hostPath"],
        [{ spec: { local: { path: 7 } } }, "malformed hostPath spec.local.path"],
        [{ spec: { hostPath: { path: ["/"] } } }, "malformed hostPath spec.hostPath.path"],
    ];
    for (const [props, issue] of PV_ROWS)
        it(`${JSON.stringify(props)} → ${issue}`, () =>
            assert.deepStrictEqual(issueLines(one(PV, props).issues), [issue]));

    it("maps hostPath and local sources to read-write host-path volumes named after the PV", () => {
        const w = one(PV, {
            metadata: { name: "pv" },
            spec: { hostPath: { path: "/a" }, local: { path: "/b" }, nfs: {} },
        });
        assert.deepStrictEqual(w.volumes, [
            { name: "pv", types: ["hostPath"], hostPath: "/a", readOnly: false, path: "spec.hostPath.path" },
            { name: "pv", types: ["local"], hostPath: "/b", readOnly: false, path: "spec.local.path" },
        ]);
    });

    it("a PV on a harmless read-only file is still judged (the claim may mount it read-write)", () => {
        assert.deepStrictEqual(
            checkIds(PV, { metadata: { name: "pv" }, spec: { hostPath: { path: "/etc/localtime" } } }),
            ["sensitiveHostPath"],
        );
    });
});

describe("Kubernetes adapter: Namespaces and RuntimeClasses", () => {
    it("reads a Namespace's (or NamespacePatch's) name and labels; metadata.name wins over the resource name", () => {
        for (const type of ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:NamespacePatch"]) {
            const ns = kubernetesNamespace(type, "res", { metadata: { name: "team-a", labels: { tenant: "a" } } });
            assert.deepStrictEqual([ns?.name, { ...ns?.labels }], ["team-a", { tenant: "a" }]);
        }
        assert.strictEqual(kubernetesNamespace("kubernetes:core/v1:Namespace", "res", {})?.name, "res");
    });

    for (const type of [
        "kubernetes:example.com/v1:Namespace",
        "kubernetes:core/v1:NamespaceList",
        "kubernetes:core/v1:Pod",
        "kubernetes:Namespace",
    ])
        it(`${type} is not a Namespace`, () => assert.strictEqual(kubernetesNamespace(type, "res", {}), undefined));

    it("reads a RuntimeClass's name and handler (v1alpha1: spec.runtimeHandler)", () => {
        assert.deepStrictEqual(
            kubernetesRuntimeClass("kubernetes:node.k8s.io/v1:RuntimeClass", "res", {
                metadata: { name: "gvisor" },
                handler: "runsc",
            }),
            { name: "gvisor", handler: "runsc", issues: [] },
        );
        assert.deepStrictEqual(
            kubernetesRuntimeClass("kubernetes:node.k8s.io/v1alpha1:RuntimeClass", "res", {
                spec: { runtimeHandler: "kata" },
                handler: "runc",
            }),
            { name: "res", handler: "kata", issues: [] },
        );
    });

    for (const type of [
        "kubernetes:example.com/v1:RuntimeClass",
        "kubernetes:node.k8s.io/v1:RuntimeClassList",
        "kubernetes:node.k8s.io/v1:Other",
        "kubernetes:RuntimeClass",
    ])
        it(`${type} is not a RuntimeClass`, () =>
            assert.strictEqual(kubernetesRuntimeClass(type, "res", { handler: "runc" }), undefined));

    const RC_ROWS: Array<[string, Obj, string]> = [
        ["v1", { metadata: "x", handler: "runc" }, "malformed runtime metadata"],
        ["v1", { metadata: { name: 1 }, handler: "runc" }, "malformed runtime metadata.name"],
        ["v1", { handler: 1 }, "malformed runtime handler"],
        ["v1alpha1", { spec: "x" }, "malformed runtime spec"],
        ["v1alpha1", { spec: { runtimeHandler: 1 } }, "malformed runtime spec.runtimeHandler"],
    ];
    for (const [version, props, issue] of RC_ROWS)
        it(`RuntimeClass ${version} ${JSON.stringify(props)} → ${issue}`, () =>
            assert.deepStrictEqual(
                issueLines(
                    kubernetesRuntimeClass(`kubernetes:node.k8s.io/${version}:RuntimeClass`, "res", props)?.issues ??
                        [],
                ),
                [issue],
            ));

    it("a RuntimeClassPatch that leaves the handler alone says nothing; one with a bad handler says so", () => {
        assert.strictEqual(kubernetesRuntimeClass("kubernetes:node.k8s.io/v1:RuntimeClassPatch", "res", {}), undefined);
        assert.deepStrictEqual(
            issueLines(
                kubernetesRuntimeClass("kubernetes:node.k8s.io/v1:RuntimeClassPatch", "res", { handler: 1 })?.issues ??
                    [],
            ),
            ["malformed runtime handler"],
        );
    });
});
