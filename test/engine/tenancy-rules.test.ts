// Pins for engine/tenancy.ts found by mutation testing: where multi-tenancy and tenants are read from (pod template
// annotations, the default Namespace, a VM's Namespace), how values are trimmed, and what counts as a sandbox.
import * as assert from "assert";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import {
    MULTI_TENANT,
    cleanVmiSpec,
    dockerProvider,
    namespace,
    tenantContainer,
    VIRTUAL_MACHINE,
} from "../fixtures/multitenancy";
import { multiTenantEc2Task, TASK_DEFINITION } from "../fixtures/aws";
import { PackConfig, judge, judgeStack } from "../helpers";
import { isSandboxed } from "../../engine/tenancy";
import { DEFAULT_OPTIONS } from "../../engine/evaluate";
import { toWorkloads } from "../../adapters";

const POLICY = "multi-tenant-isolation";

function sandboxedRuntime(type: string, props: Record<string, unknown>, config: PackConfig = {}): string[] {
    return judge(type, props, config)
        .filter((d) => d.check === "sandboxedRuntime")
        .map((d) => d.message);
}

describe("tenancy (pinned)", () => {
    it("reads multi-tenancy from the pod template's annotations, and says so", () => {
        const msgs = sandboxedRuntime(
            DEPLOYMENT.type,
            DEPLOYMENT.wrap(hardenedPodSpec(), { annotations: MULTI_TENANT }),
        );
        assert.strictEqual(msgs.length, 1);
        assert.ok(msgs[0].includes("(pod template annotation tenancy=multi-tenant)"), msgs[0]);
    });

    it("reads multi-tenancy from the resource's own annotations, and says so", () => {
        const props = DEPLOYMENT.wrap(hardenedPodSpec());
        props.metadata.annotations = MULTI_TENANT;
        const msgs = sandboxedRuntime(DEPLOYMENT.type, props);
        assert.strictEqual(msgs.length, 1);
        assert.ok(msgs[0].includes("(annotation tenancy=multi-tenant)"), msgs[0]);
    });

    it("a workload without a namespace takes the labels of Namespace default", () => {
        const props = DEPLOYMENT.wrap(hardenedPodSpec());
        delete props.metadata.namespace;
        const { stack } = judgeStack([
            namespace("default", MULTI_TENANT),
            { type: DEPLOYMENT.type, name: "web", props },
        ]);
        assert.deepStrictEqual(
            stack.map((d) => d.check),
            ["sandboxedRuntime"],
        );
        assert.ok(stack[0].message.includes('Namespace "default" label tenancy=multi-tenant'), stack[0].message);
    });

    it("a KubeVirt VM takes its tenants from its Namespace's labels", () => {
        const config: PackConfig = { [POLICY]: { tenantKeys: ["tenant", "team"] } };
        const vm = VIRTUAL_MACHINE.wrap(cleanVmiSpec());
        const { stack } = judgeStack(
            [
                namespace("tenants", { tenant: "acme", team: "globex" }),
                { type: VIRTUAL_MACHINE.type, name: "vm", props: vm },
            ],
            config,
        );
        assert.deepStrictEqual(
            stack.map((d) => d.check),
            ["tenantSharedHost"],
        );
        assert.ok(stack[0].message.includes("more than one tenant"), stack[0].message);
    });

    it("compares the configured multi-tenant values trimmed", () => {
        const config: PackConfig = { [POLICY]: { multiTenantSelector: { values: [" Multi-Tenant "] } } };
        const props = DEPLOYMENT.wrap(hardenedPodSpec(), { labels: MULTI_TENANT });
        assert.strictEqual(sandboxedRuntime(DEPLOYMENT.type, props, config).length, 1);
    });

    it("reads a tenant list trimmed, without empty entries: ' acme, ' is tenant acme alone", () => {
        const host = dockerProvider("h", "ssh://ops@h.example.com");
        const other = tenantContainer("globex", undefined, host);
        (other.props.labels as Array<{ label: string; value: string }>)[1].value = " acme, ";
        const { stack } = judgeStack([tenantContainer("acme", undefined, host), other]);
        assert.deepStrictEqual(
            stack.filter((d) => d.check === "tenantSharedHost"),
            [],
        );
    });

    it("a memberOf constraint that pins the tenant confines the task, whatever other attributes it names", () => {
        const pinned = {
            ...multiTenantEc2Task(),
            tags: { tenancy: "multi-tenant", tenant: "acme" },
            placementConstraints: [
                { type: "memberOf", expression: "attribute:tenant == acme and attribute:ecs.os-type == linux" },
            ],
        };
        assert.deepStrictEqual(sandboxedRuntime(TASK_DEFINITION, pinned), []);
    });

    it("reads a Docker runtime trimmed: ' runsc ' is a sandbox", () => {
        const c = hardenedContainer();
        c.labels = [{ label: "tenancy", value: "multi-tenant" }];
        assert.strictEqual(sandboxedRuntime(DOCKER_CONTAINER, c).length, 1);
        assert.deepStrictEqual(sandboxedRuntime(DOCKER_CONTAINER, { ...c, runtime: " runsc " }), []);
    });

    it("a VM counts as sandboxed by itself", () => {
        const [vm] = toWorkloads(VIRTUAL_MACHINE.type, "vm", VIRTUAL_MACHINE.wrap(cleanVmiSpec()));
        assert.strictEqual(isSandboxed(vm, DEFAULT_OPTIONS), true);
        const [container] = toWorkloads(DOCKER_CONTAINER, "web", hardenedContainer());
        assert.strictEqual(isSandboxed(container, DEFAULT_OPTIONS), false);
    });
});
