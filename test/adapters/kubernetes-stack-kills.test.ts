// Pins for the Kubernetes stack links (adapters/kubernetes/stack.ts) found by mutation testing: which RuntimeClass
// serves a pod (name, cluster), when its handler is recorded, left out or unknown; the cluster context's classes; sandbox
// node pools; RuntimeClass patches.
import * as assert from "assert";
import { stackModelOf } from "../../adapters/stack";
import { applySandboxNodePools, kubernetesRuntimeClass, resolveRuntimeHandlers } from "../../adapters/kubernetes/stack";
import { StackModel, StackResource } from "../../model/stack";
import { DEPLOYMENT, Obj, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const RC = "kubernetes:node.k8s.io/v1:RuntimeClass";
const K8S = "pulumi:providers:kubernetes";
const provider = (name: string): StackResource["provider"] => ({ urn: stackUrn(K8S, name), type: K8S, props: {} });

/** A RuntimeClass resource: `metadata` as given (default: named as the resource), `handler` left out when undefined. */
function rc(name: string, handler: unknown, extra: Partial<StackResource> = {}, metadata: unknown = { name }) {
    const props: Obj = { metadata };
    if (handler !== undefined) props.handler = handler;
    return {
        urn: stackUrn(RC, `${name}-${extra.provider?.urn ?? "none"}-${JSON.stringify(metadata)}`),
        type: RC,
        name,
        props,
        ...extra,
    };
}

function pod(runtimeClassName: string | undefined, extra: Partial<StackResource> = {}): StackResource {
    const spec = hardenedPodSpec();
    if (runtimeClassName !== undefined) spec.runtimeClassName = runtimeClassName;
    const props = DEPLOYMENT.wrap(spec);
    return { urn: stackUrn(DEPLOYMENT.type, "web"), type: DEPLOYMENT.type, name: "web", props, ...extra };
}

/** The Deployment's handler and handler issue as the model records them ("absent" when not set at all). */
function resolved(resources: StackResource[]) {
    const ws = stackModelOf(resources).workloads.filter((sw) => sw.workload.kind === "Deployment");
    assert.strictEqual(ws.length, 1);
    const w = ws[0].workload;
    return {
        handler: "runtimeHandler" in w ? w.runtimeHandler : "absent",
        issue: "runtimeHandlerIssue" in w ? w.runtimeHandlerIssue : "absent",
    };
}

const none = { handler: "absent", issue: "absent" };
const handler = (h: string) => ({ handler: h, issue: "absent" });

describe("RuntimeClass handlers (pinned)", () => {
    it("only the class of the pod's name serves it", () => {
        assert.deepStrictEqual(
            resolved([rc("gvisor", "runsc"), rc("kata", "kata-qemu"), pod("gvisor")]),
            handler("runsc"),
        );
        assert.deepStrictEqual(resolved([rc("kata", "kata-qemu"), pod("gvisor")]), none);
    });

    it("a pod without a provider takes a class of any provider; a class without one serves a pod of any", () => {
        assert.deepStrictEqual(
            resolved([rc("gvisor", "runsc", { provider: provider("east") }), pod("gvisor")]),
            handler("runsc"),
        );
        assert.deepStrictEqual(
            resolved([rc("gvisor", "runsc"), pod("gvisor", { provider: provider("east") })]),
            handler("runsc"),
        );
        assert.deepStrictEqual(
            resolved([
                rc("gvisor", "runsc", { provider: provider("east") }),
                pod("gvisor", { provider: provider("east") }),
            ]),
            handler("runsc"),
        );
    });

    it("a class of another provider does not serve the pod", () => {
        assert.deepStrictEqual(
            resolved([
                rc("gvisor", "runsc", { provider: provider("west") }),
                pod("gvisor", { provider: provider("east") }),
            ]),
            none,
        );
    });

    it("a handler unknown at preview: the pod carries an unknown handler issue naming the class", () => {
        assert.deepStrictEqual(resolved([rc("gvisor", UNKNOWN), pod("gvisor")]), {
            handler: "absent",
            issue: { kind: "unknown", field: "runtime", path: 'RuntimeClass "gvisor" handler' },
        });
        // Another pod's class is not concerned.
        assert.deepStrictEqual(resolved([rc("gvisor", UNKNOWN), pod("kata")]), none);
    });

    it("unknown among other issues of the class, or in one of two candidates, still makes it unknown", () => {
        const both = rc("gvisor", UNKNOWN, {}, { name: 1 });
        assert.deepStrictEqual(resolved([both, pod("gvisor")]).issue, {
            kind: "unknown",
            field: "runtime",
            path: 'RuntimeClass "gvisor" handler',
        });
        const east = rc("gvisor", UNKNOWN, { provider: provider("east") });
        assert.deepStrictEqual(
            resolved([east, rc("gvisor", "runsc"), pod("gvisor", { provider: provider("east") })]).issue,
            { kind: "unknown", field: "runtime", path: 'RuntimeClass "gvisor" handler' },
        );
    });

    it("a malformed handler is no unknown one, and gives no handler", () => {
        assert.deepStrictEqual(resolved([rc("gvisor", 1), pod("gvisor")]), none);
    });

    it("a class without a handler, or with a malformed name, gives none", () => {
        assert.deepStrictEqual(resolved([rc("gvisor", undefined), pod("gvisor")]), none);
        assert.deepStrictEqual(resolved([rc("gvisor", "runsc", {}, { name: 1 }), pod("gvisor")]), none);
    });

    it("two candidates agreeing on the handler, one with a malformed name: none", () => {
        const east = rc("gvisor", "runsc", { provider: provider("east") }, { name: 1 });
        assert.deepStrictEqual(
            resolved([east, rc("gvisor", "runsc"), pod("gvisor", { provider: provider("east") })]),
            none,
        );
    });

    it("two candidates that disagree: none", () => {
        const east = rc("gvisor", "runsc", { provider: provider("east") });
        assert.deepStrictEqual(
            resolved([east, rc("gvisor", "runc"), pod("gvisor", { provider: provider("east") })]),
            none,
        );
    });

    it("a class name that is an inherited property (constructor) is no declared class", () => {
        assert.deepStrictEqual(resolved([rc("gvisor", "runsc"), pod("constructor")]), none);
    });

    it("a Docker container's runtime is no RuntimeClass, even of the same name", () => {
        const c = { ...hardenedContainer(), runtime: "gvisor" };
        const m = stackModelOf([
            rc("gvisor", "runsc"),
            { urn: stackUrn(DOCKER_CONTAINER, "c"), type: DOCKER_CONTAINER, name: "c", props: c },
        ]);
        assert.deepStrictEqual(
            m.workloads.map((sw) => [sw.workload.runtime?.value, "runtimeHandler" in sw.workload]),
            [["gvisor", false]],
        );
    });

    describe("the cluster context's classes", () => {
        const model = (...resources: StackResource[]): StackModel => stackModelOf(resources);

        it("a declared class with no class in the stack gives its handler; an undeclared name nothing", () => {
            const m = model(pod("secure"));
            resolveRuntimeHandlers(m, { secure: "runsc" });
            assert.deepStrictEqual(
                m.workloads.map((sw) => sw.workload.runtimeHandler),
                ["runsc"],
            );
            const other = model(pod("secure"));
            const before = other.workloads[0].workload;
            resolveRuntimeHandlers(other, { other: "runsc" });
            assert.deepStrictEqual(other.workloads[0].workload, before);
            assert.ok(!("runtimeHandler" in other.workloads[0].workload));
        });

        it("a handler the workload already has is kept", () => {
            const m = model(pod("secure"));
            m.workloads[0] = { ...m.workloads[0], workload: { ...m.workloads[0].workload, runtimeHandler: "kata" } };
            resolveRuntimeHandlers(m, { secure: "runsc" });
            assert.strictEqual(m.workloads[0].workload.runtimeHandler, "kata");
        });

        it("a class of the stack wins over the declared one", () => {
            const m = model(rc("secure", "runc"), pod("secure"));
            resolveRuntimeHandlers(m, { secure: "runsc" });
            assert.deepStrictEqual(
                m.workloads.map((sw) => sw.workload.runtimeHandler),
                ["runc"],
            );
        });
    });
});

describe("sandbox node pools (pinned)", () => {
    function tenant(nodeSelector?: Record<string, string>): StackModel {
        const spec: Obj = hardenedPodSpec();
        if (nodeSelector) spec.nodeSelector = nodeSelector;
        return stackModelOf([pod(undefined, { props: DEPLOYMENT.wrap(spec) })]);
    }
    const isolationAfter = (m: StackModel, pools: Array<{ labels: Record<string, string> }>) => {
        applySandboxNodePools(m, pools);
        return m.workloads.map((sw) => sw.workload.isolation);
    };

    it("a pool that names no label selects nothing", () => {
        assert.deepStrictEqual(isolationAfter(tenant({ pool: "gvisor" }), [{ labels: {} }]), ["container"]);
    });

    it("one pool of several is enough", () => {
        const pools = [{ labels: { pool: "kata" } }, { labels: { pool: "gvisor" } }];
        assert.deepStrictEqual(isolationAfter(tenant({ pool: "gvisor" }), pools), ["vm"]);
    });

    it("a selector with the pool's key and another value, or without a nodeSelector: not on the pool", () => {
        assert.deepStrictEqual(isolationAfter(tenant({ pool: "runc" }), [{ labels: { pool: "gvisor" } }]), [
            "container",
        ]);
        assert.deepStrictEqual(isolationAfter(tenant(), [{ labels: { pool: "gvisor" } }]), ["container"]);
    });

    it("a workload on the pool becomes a copy in a VM; the original is untouched", () => {
        const m = tenant({ pool: "gvisor" });
        const before = m.workloads[0];
        applySandboxNodePools(m, [{ labels: { pool: "gvisor" } }]);
        assert.deepStrictEqual(m.workloads[0], { ...before, workload: { ...before.workload, isolation: "vm" } });
        assert.strictEqual(before.workload.isolation, "container");
    });

    it("only Kubernetes workloads are placed on node pools", () => {
        const m = tenant({ pool: "gvisor" });
        m.workloads[0] = { ...m.workloads[0], workload: { ...m.workloads[0].workload, platform: "docker" } };
        assert.deepStrictEqual(isolationAfter(m, [{ labels: { pool: "gvisor" } }]), ["container"]);
    });
});

describe("RuntimeClass resources (pinned)", () => {
    it("a RuntimeClass without a handler is still a class, with none", () => {
        assert.deepStrictEqual(kubernetesRuntimeClass(RC, "res", {}), { name: "res", handler: undefined, issues: [] });
    });

    it("a RuntimeClassPatch that sets the handler is a class with it", () => {
        assert.deepStrictEqual(
            kubernetesRuntimeClass(`${RC}Patch`, "res", { metadata: { name: "g" }, handler: "runsc" }),
            {
                name: "g",
                handler: "runsc",
                issues: [],
            },
        );
    });
});
