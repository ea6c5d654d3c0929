// Pins for the stack pass (engine/stack.ts) found by mutation testing: what the resource pass did not defer is not
// judged again, a RuntimeClass handler unknown at preview matters only where the class's name proves no sandbox,
// candidate Namespaces are judged by their own labels only, and a stack check's unknown finding is worded exactly.
import * as assert from "assert";
import { evaluateStack } from "../../engine/stack";
import { NO_SECRETS } from "../../engine/format";
import { resourcePolicies } from "../../policies";
import { stackModelOf } from "../../adapters/stack";
import { StackResource } from "../../model/stack";
import { DEPLOYMENT, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { MULTI_TENANT, namespace, runtimeClass } from "../fixtures/multitenancy";
import { judgeStack, PackConfig, StackInput, stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const POLICY = "multi-tenant-isolation";
const def = resourcePolicies.find((p) => p.name === POLICY)!;

function tenantPod(runtimeClassName?: string, ns = "apps"): StackInput {
    const spec = hardenedPodSpec();
    if (runtimeClassName) spec.runtimeClassName = runtimeClassName;
    const props = POD.wrap(spec, { labels: MULTI_TENANT });
    props.metadata.namespace = ns;
    return { type: POD.type, name: "p", props };
}

const resourcesOf = (inputs: StackInput[]): StackResource[] =>
    inputs.map((i) => ({ urn: i.urn ?? stackUrn(i.type, i.name), ...i }));

const stackOf = (inputs: StackInput[], config: PackConfig = {}) =>
    judgeStack(inputs, config)
        .stack.filter((d) => d.policy === POLICY)
        .map((d) => ({ check: d.check, advisory: d.advisory, urn: d.urn, message: d.message }));

describe("stack pass (pinned): what the resource pass kept", () => {
    it("without deferredToStack, a pod's own multi-tenant sandbox is Analyze's: not judged again", () => {
        const model = stackModelOf(resourcesOf([tenantPod()]));
        assert.deepStrictEqual(evaluateStack(def, model, {}, NO_SECRETS, {}), []);
        // The control: deferred, the stack pass judges it.
        assert.deepStrictEqual(
            evaluateStack(def, model, {}, NO_SECRETS, {}, {}, true).map((d) => [d.check, d.urn]),
            [["sandboxedRuntime", stackUrn(POD.type, "p")]],
        );
    });
});

describe("stack pass (pinned): a RuntimeClass handler unknown at preview", () => {
    it("a class whose name proves a sandbox (gvisor) passes the pod; only the class is noted", () => {
        const ds = stackOf([runtimeClass("gvisor", UNKNOWN), tenantPod("gvisor")]);
        assert.deepStrictEqual(
            ds.filter((d) => d.urn === stackUrn(POD.type, "p")),
            [],
        );
    });

    it("a class whose name proves nothing: the pod is noted with the class's handler", () => {
        const ds = stackOf([runtimeClass("secure", UNKNOWN), tenantPod("secure")]);
        assert.deepStrictEqual(
            ds.filter((d) => d.urn === stackUrn(POD.type, "p")),
            [
                {
                    check: "unknownValues",
                    advisory: true,
                    urn: stackUrn(POD.type, "p"),
                    message:
                        '[unknownValues] Pod "web" has values unknown at preview; they will be judged at update: RuntimeClass "secure" handler',
                },
            ],
        );
    });
});

describe("stack pass (pinned): a stack check's finding unknown at preview", () => {
    const rcUrn = stackUrn(runtimeClass("secure", UNKNOWN).type, "secure");

    // A class that serves a multi-tenant pod is judged.
    it("is a note worded with the subject and the field", () => {
        const ds = stackOf([runtimeClass("secure", UNKNOWN), tenantPod("secure")]).filter((d) => d.urn === rcUrn);
        assert.deepStrictEqual(ds, [
            {
                check: "unknownValues",
                advisory: true,
                urn: rcUrn,
                message:
                    '[unknownValues] RuntimeClass "secure" has values unknown at preview; they will be judged at update: handler',
            },
        ]);
    });

    it("under fail-closed, a violation saying it cannot be judged at preview", () => {
        const ds = stackOf([runtimeClass("secure", UNKNOWN), tenantPod("secure")], {
            [POLICY]: { unknownValues: "fail-closed" },
        }).filter((d) => d.urn === rcUrn);
        assert.deepStrictEqual(
            ds.map((d) => [d.check, d.advisory, d.urn]),
            [["sandboxRuntimeClass", false, rcUrn]],
        );
        assert.ok(
            ds[0].message.includes(", which cannot be judged at preview (unknownValues: fail-closed)"),
            ds[0].message,
        );
    });
});

describe("stack pass (pinned): candidate Namespaces of a workload whose namespace is unknown", () => {
    const a = namespace("a");
    const b = namespace("b");
    const undecided: StackInput = { ...namespace("c"), props: { metadata: { name: "c", labels: UNKNOWN } } };
    const app = (...dependencies: StackInput[]): StackInput => {
        const props = DEPLOYMENT.wrap(hardenedPodSpec());
        props.metadata.namespace = UNKNOWN;
        return {
            type: DEPLOYMENT.type,
            name: "web",
            props,
            dependencies: dependencies.map((d) => stackUrn(d.type, d.name)),
        };
    };

    it("an undecided Namespace that is not a candidate changes nothing", () => {
        assert.deepStrictEqual(stackOf([a, b, undecided, app(a, b)]), []);
    });

    it("an undecided candidate: noted, naming every candidate", () => {
        assert.deepStrictEqual(stackOf([a, b, undecided, app(a, undecided)]), [
            {
                check: "unknownValues",
                advisory: true,
                urn: stackUrn(DEPLOYMENT.type, "web"),
                message:
                    '[unknownValues] Deployment "web" has values unknown at preview; they will be judged at update: metadata.namespace (Namespace "a" or "c") metadata.labels',
            },
        ]);
    });

    it("a multi-tenant candidate: noted the same", () => {
        const mt = namespace("mt", MULTI_TENANT);
        assert.deepStrictEqual(
            stackOf([a, mt, app(a, mt)]).map((d) => d.message.split(": ").pop()),
            ['metadata.namespace (Namespace "a" or "mt") metadata.labels'],
        );
    });
});
