// The stack model (adapters/stack.ts): which resources become Namespaces, RuntimeClasses and workloads; the Docker
// daemon each container runs on; a workload linked to the Namespace its unknown namespace depends on; EKS Fargate
// selectors (wildcards, labels) that put pods in microVMs; the machines node groups and capacity providers run
// containers on; Namespace labels merged across patches; Docker volumes that bind a host path.
import * as assert from "assert";
import { namespaceLabelsOf, stackModelOf } from "../../adapters/stack";
import { namespaceKey, StackResource } from "../../model/stack";
import { DEPLOYMENT, Obj, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import {
    AUTOSCALING_GROUP,
    CAPACITY_PROVIDER,
    FARGATE_PROFILE,
    LAUNCH_TEMPLATE,
    NODE_GROUP,
    plainLaunchTemplate,
} from "../fixtures/aws";
import { MULTI_TENANT } from "../fixtures/multitenancy";
import { judgeStack, stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const NS = "kubernetes:core/v1:Namespace";

function res(type: string, name: string, props: Obj, extra: Partial<StackResource> = {}): StackResource {
    return { urn: stackUrn(type, name), type, name, props, ...extra };
}

function ns(name: string, labels: Record<string, string> = {}, type = NS): StackResource {
    return res(type, name, { metadata: { name, labels } });
}

function deployment(name: string, namespace: unknown, podLabels: Record<string, string> = {}): Obj {
    const props = DEPLOYMENT.wrap(hardenedPodSpec(), { labels: podLabels });
    props.metadata = { name, namespace };
    return props;
}

function dockerProvider(host: unknown): StackResource["provider"] {
    return { urn: stackUrn("pulumi:providers:docker", "p"), type: "pulumi:providers:docker", props: { host } };
}

describe("stack model: resources", () => {
    it("an empty stack has no workloads, RuntimeClasses or Namespaces", () =>
        assert.deepStrictEqual(stackModelOf([]), {
            workloads: [],
            runtimeClasses: [],
            namespaces: [],
            resources: [],
        }));

    it("reads Namespaces and RuntimeClasses (with the RuntimeClass's provider), and workloads of the rest", () => {
        const provider = { urn: "urn:prov", type: "pulumi:providers:kubernetes", props: {} };
        const m = stackModelOf([
            ns("team-a", { tenancy: "multi-tenant" }),
            res(
                "kubernetes:node.k8s.io/v1:RuntimeClass",
                "gvisor",
                { metadata: { name: "gvisor" }, handler: "runsc" },
                { provider },
            ),
            res(DEPLOYMENT.type, "web", deployment("web", "team-a")),
        ]);
        assert.deepStrictEqual(
            m.namespaces.map((n) => [n.urn, n.name, { ...n.labels }]),
            [[stackUrn(NS, "team-a"), "team-a", { tenancy: "multi-tenant" }]],
        );
        assert.deepStrictEqual(m.runtimeClasses, [
            {
                urn: stackUrn("kubernetes:node.k8s.io/v1:RuntimeClass", "gvisor"),
                providerUrn: "urn:prov",
                name: "gvisor",
                handler: "runsc",
                issues: [],
            },
        ]);
        assert.deepStrictEqual(
            m.workloads.map((w) => [w.urn, w.workload.kind, w.workload.namespace, w.dockerHost]),
            [[stackUrn(DEPLOYMENT.type, "web"), "Deployment", "team-a", undefined]],
        );
    });

    const HOSTS: Array<[string, unknown, string]> = [
        ["no host", undefined, "unix:///var/run/docker.sock"],
        ["an empty host", "  ", "unix:///var/run/docker.sock"],
        ["a host with blanks and trailing slashes", " ssh://ops@h// ", "ssh://ops@h"],
        ["a host with one trailing slash", "tcp://h:2376/", "tcp://h:2376"],
        ["a host unknown at preview", UNKNOWN, stackUrn("pulumi:providers:docker", "p")],
        ["a malformed host", 7, stackUrn("pulumi:providers:docker", "p")],
    ];
    for (const [name, host, expected] of HOSTS)
        it(`a Docker container on a provider with ${name} runs on ${expected}`, () => {
            const m = stackModelOf([
                res(DOCKER_CONTAINER, "c", hardenedContainer(), { provider: dockerProvider(host) }),
            ]);
            assert.deepStrictEqual(
                m.workloads.map((w) => w.dockerHost),
                [expected],
            );
        });

    it("a Docker container without a provider runs on the default socket", () =>
        assert.strictEqual(
            stackModelOf([res(DOCKER_CONTAINER, "c", hardenedContainer())]).workloads[0].dockerHost,
            "unix:///var/run/docker.sock",
        ));
});

describe("stack model: a workload's Namespace through its dependencies", () => {
    const nsA = ns("a");
    const nsB = ns("b");
    const namespaceOf = (r: StackResource, ...others: StackResource[]) =>
        stackModelOf([nsA, nsB, ...others, r]).workloads.map((w) => w.workload.namespace);

    it("an unknown namespace takes the one Namespace the workload depends on", () =>
        assert.deepStrictEqual(
            namespaceOf(
                res(DEPLOYMENT.type, "web", deployment("web", UNKNOWN), { dependencies: [nsA.urn, "urn:other"] }),
            ),
            ["a"],
        ));

    it("…of each item of a …List", () =>
        assert.deepStrictEqual(
            namespaceOf(
                res(
                    "kubernetes:apps/v1:DeploymentList",
                    "web",
                    { items: [deployment("web", UNKNOWN)] },
                    { dependencies: [nsB.urn] },
                ),
            ),
            ["b"],
        ));

    it("two Namespaces among the dependencies, or none: stays unknown", () => {
        assert.deepStrictEqual(
            namespaceOf(res(DEPLOYMENT.type, "web", deployment("web", UNKNOWN), { dependencies: [nsA.urn, nsB.urn] })),
            [undefined],
        );
        assert.deepStrictEqual(namespaceOf(res(DEPLOYMENT.type, "web", deployment("web", UNKNOWN))), [undefined]);
    });

    it("a known namespace, or a malformed one, is never replaced by a dependency", () => {
        const known = deployment("web", "a");
        known.spec.template.spec.containers[0].image = UNKNOWN;
        assert.deepStrictEqual(namespaceOf(res(DEPLOYMENT.type, "web", known, { dependencies: [nsB.urn] })), ["a"]);
        assert.deepStrictEqual(
            namespaceOf(res(DEPLOYMENT.type, "web", deployment("web", "a"), { dependencies: [nsB.urn] })),
            ["a"],
        );
        assert.deepStrictEqual(
            namespaceOf(res(DEPLOYMENT.type, "web", deployment("web", 7), { dependencies: [nsB.urn] })),
            [undefined],
        );
    });

    it("merges a Namespace's labels with its patches' (patches add labels)", () => {
        const m = stackModelOf([
            ns("t", { tenancy: "multi-tenant" }),
            ns("t", { team: "x" }, `${NS}Patch`),
            ns("u", { a: "1" }),
        ]);
        const labels = namespaceLabelsOf(m);
        // Keyed by (cluster, name) since issue 23; these have no provider.
        assert.deepStrictEqual({ ...labels.get(namespaceKey(undefined, "t")) }, { tenancy: "multi-tenant", team: "x" });
        assert.deepStrictEqual({ ...labels.get(namespaceKey(undefined, "u")) }, { a: "1" });
    });
});

describe("stack model: EKS Fargate profiles", () => {
    const profile = (selectors: Obj[]) => res(FARGATE_PROFILE, "fp", { clusterName: "prod", selectors });
    const isolationOf = (selectors: Obj[], namespace: unknown, labels: Record<string, string> = {}) =>
        stackModelOf([
            profile(selectors),
            res(DEPLOYMENT.type, "web", deployment("web", namespace, labels)),
        ]).workloads.map((w) => w.workload.isolation);
    const ROWS: Array<[string, Obj[], unknown, Record<string, string>, string]> = [
        ["an exact namespace", [{ namespace: "t1" }], "t1", {}, "vm"],
        ["`?` matches one character", [{ namespace: "t?" }], "t1", {}, "vm"],
        ["`?` matches exactly one", [{ namespace: "t?" }], "t12", {}, "container"],
        ["`*` matches any run", [{ namespace: "t*" }], "t12", {}, "vm"],
        ["`.` is no wildcard", [{ namespace: "t.1" }], "tx1", {}, "container"],
        ["a namespace with regex characters matches itself", [{ namespace: "t.1" }], "t.1", {}, "vm"],
        ["no namespace is `default`", [{ namespace: "default" }], undefined, {}, "vm"],
        ["another namespace", [{ namespace: "t1" }], "t2", {}, "container"],
        ["matching labels", [{ namespace: "t1", labels: { v: "1.2" } }], "t1", { v: "1.2", x: "y" }, "vm"],
        ["a label with another value", [{ namespace: "t1", labels: { v: "1.2" } }], "t1", { v: "2" }, "container"],
        ["a missing label", [{ namespace: "t1", labels: { v: "*" } }], "t1", {}, "container"],
        ["one selector of several matches", [{ namespace: "x" }, { namespace: "t1" }], "t1", {}, "vm"],
    ];
    for (const [name, selectors, namespace, labels, isolation] of ROWS)
        it(`${name}: ${isolation}`, () =>
            assert.deepStrictEqual(isolationOf(selectors, namespace, labels), [isolation]));

    it("selects neither patches nor non-Kubernetes workloads", () => {
        const m = stackModelOf([
            profile([{ namespace: "*" }]),
            res(`${DEPLOYMENT.type}Patch`, "web", deployment("web", "t1")),
            res(DOCKER_CONTAINER, "c", hardenedContainer()),
        ]);
        assert.deepStrictEqual(
            m.workloads.map((w) => [w.workload.kind, w.workload.isolation]),
            [
                ["Deployment", "container"],
                ["Container", "container"],
            ],
        );
    });

    it("a selected multi-tenant Deployment needs no sandboxed runtime", () => {
        const stack = (selectors: Obj[]) =>
            judgeStack([
                { type: NS, name: "t1", props: { metadata: { name: "t1", labels: MULTI_TENANT } } },
                { type: DEPLOYMENT.type, name: "web", props: deployment("web", "t1", { v: "1.2" }) },
                { type: FARGATE_PROFILE, name: "fp", props: { selectors } },
            ]).stack.map((d) => d.check);
        assert.deepStrictEqual(stack([{ namespace: "t?", labels: { v: "1.2" } }]), []);
        assert.deepStrictEqual(stack([{ namespace: "t1", labels: { v: "1.3" } }]), ["sandboxedRuntime"]);
    });
});

describe("stack model: container hosts", () => {
    const lt = res(LAUNCH_TEMPLATE, "lt", { ...plainLaunchTemplate(), name: "lt" });
    const other = res(LAUNCH_TEMPLATE, "other", { ...plainLaunchTemplate(), name: "other" });
    const web = res(DEPLOYMENT.type, "web", deployment("web", "a"));
    const hosts = (...rs: StackResource[]) => [...(stackModelOf(rs).containerHosts ?? [])].map((w) => w.name).sort();

    it("a node group's dependencies that are machines are container hosts, and nothing else is", () => {
        assert.deepStrictEqual(hosts(lt, other, web, res(NODE_GROUP, "ng", {}, { dependencies: [lt.urn, web.urn] })), [
            "lt",
        ]);
    });

    it("a capacity provider's auto scaling group's machines are container hosts; an unused group's are not", () => {
        const asg = res(AUTOSCALING_GROUP, "asg", {}, { dependencies: [lt.urn] });
        const unused = res(AUTOSCALING_GROUP, "unused", {}, { dependencies: [other.urn] });
        assert.deepStrictEqual(
            hosts(lt, other, asg, unused, res(CAPACITY_PROVIDER, "cp", {}, { dependencies: [asg.urn] })),
            ["lt"],
        );
    });

    it("without node groups or capacity providers there are none; linking resources are no workloads", () => {
        const m = stackModelOf([
            lt,
            res(AUTOSCALING_GROUP, "asg", {}),
            res(NODE_GROUP, "ng", {}),
            res(CAPACITY_PROVIDER, "cp", {}),
        ]);
        assert.strictEqual(m.containerHosts, undefined);
        assert.deepStrictEqual(
            m.workloads.map((w) => w.workload.name),
            ["lt"],
        );
    });
});

describe("stack model: Docker volumes that bind a host path", () => {
    const volume = res("docker:index/volume:Volume", "sock", {
        name: "sock",
        driver: "local",
        driverOpts: { type: "none", o: "bind", device: "/var/run" },
    });
    const container = (extra: Obj) => res(DOCKER_CONTAINER, "c", { ...hardenedContainer(), ...extra });

    it("a container mounting the volume by name gets its host path, read-write unless mounted read-only", () => {
        // Its only mount: no volume of its own at all.
        const m = stackModelOf([
            volume,
            container({ mounts: [], volumes: [{ volumeName: "sock", containerPath: "/s" }] }),
        ]);
        assert.deepStrictEqual(m.workloads[1].stackVolumes, [
            {
                name: "sock",
                types: ["bind"],
                hostPath: "/var/run",
                readOnly: false,
                container: m.workloads[1].workload.containers[0].name,
                path: "volumes[0].volumeName",
                via: 'Volume "sock"',
                how: "local-driver-bind",
            },
        ]);
        assert.strictEqual(m.workloads[0].stackVolumes, undefined);
    });

    it("a bind mount whose source happens to be the volume's name is a host path already: nothing added", () => {
        const m = stackModelOf([volume, container({ mounts: [{ type: "bind", source: "sock", target: "/s" }] })]);
        assert.strictEqual(m.workloads[1].stackVolumes, undefined);
    });

    it("a bind mount of another host path next to the by-name mount does not hide it", () => {
        const m = stackModelOf([
            volume,
            container({
                volumes: [
                    { hostPath: "/srv/data", containerPath: "/d" },
                    { volumeName: "sock", containerPath: "/s", readOnly: true },
                ],
            }),
        ]);
        assert.deepStrictEqual(
            m.workloads[1].stackVolumes?.map((v) => [v.name, v.hostPath, v.readOnly, v.path]),
            [["sock", "/var/run", true, "volumes[1].volumeName"]],
        );
    });

    it("a container mounting another name gets nothing", () => {
        const m = stackModelOf([volume, container({ volumes: [{ volumeName: "data", containerPath: "/d" }] })]);
        assert.strictEqual(m.workloads[1].stackVolumes, undefined);
    });
});
