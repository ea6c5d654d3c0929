// Container hosts on AWS and the tenancy they are judged with, the details aws-platform-defaults.test.ts and the
// tenancy tests leave open: which literals link a launch template to the node group or auto scaling group that names
// it (adapters/aws/stack.ts), Bottlerocket's TOML markers line by line (adapters/aws/ec2.ts), and how marker values,
// pins, handlers and Namespace labels are compared (engine/tenancy.ts).
import * as assert from "assert";
import { judgeStack, stackUrn } from "../helpers";
import { toWorkloads } from "../../adapters";
import {
    AUTOSCALING_GROUP,
    CAPACITY_PROVIDER,
    INSTANCE,
    LAUNCH_TEMPLATE,
    NODE_GROUP,
    Props,
    TASK_DEFINITION,
    hardenedFargateTask,
    plainLaunchTemplate,
} from "../fixtures/aws";
import { UNKNOWN, secret } from "../harness/engine";
import { DEFAULT_OPTIONS } from "../../engine/evaluate";
import { isSandboxHandler, isSandboxed, marksMultiTenant, tenancyOf } from "../../engine/tenancy";

type Input = Parameters<typeof judgeStack>[0][number];

/** `instanceMetadata <resource name>` for each stack finding: which machines the stack made container hosts. */
const hosts = (inputs: Input[]) =>
    judgeStack(inputs)
        .stack.filter((d) => d.check === "instanceMetadata")
        .map((d) => d.urn.split("::").pop());
const template = (props: Props = {}, name = "nodes"): Input => ({
    type: LAUNCH_TEMPLATE,
    name,
    props: { ...plainLaunchTemplate(), ...props },
});
const nodeGroup = (launchTemplate: unknown): Input => ({ type: NODE_GROUP, name: "ng", props: { launchTemplate } });

describe("AWS container hosts linked by literal names", () => {
    it("names are compared trimmed", () => {
        assert.deepStrictEqual(hosts([template({ name: " nodes " }), nodeGroup({ name: "nodes\n" })]), ["nodes"]);
    });

    it("a name unknown at preview links nothing, even to another unknown name", () => {
        assert.deepStrictEqual(hosts([template({ name: UNKNOWN }), nodeGroup({ name: UNKNOWN })]), []);
        assert.deepStrictEqual(hosts([template({ id: UNKNOWN }), nodeGroup({ id: UNKNOWN })]), []);
    });

    it("a blank name links nothing, even to another blank name", () => {
        assert.deepStrictEqual(hosts([template({ name: "  " }), nodeGroup({ name: " " })]), []);
        assert.deepStrictEqual(hosts([template({ name: "" }), nodeGroup({ name: "" })]), []);
    });

    it("a secret name is seen through; a value that is no string is no name, and the other still links", () => {
        assert.deepStrictEqual(hosts([template({ name: secret("nodes") }), nodeGroup({ name: "nodes" })]), ["nodes"]);
        assert.deepStrictEqual(hosts([template({ id: 7 }), nodeGroup({ name: "nodes", id: 7 })]), ["nodes"]);
    });

    it("either of the template's name and ID may match; a template with neither is never matched", () => {
        assert.deepStrictEqual(hosts([template({ id: "lt-1" }), nodeGroup({ id: "lt-1" })]), ["nodes"]);
        const unnamed = { type: LAUNCH_TEMPLATE, name: "anon", props: { imageId: "ami-1" } };
        assert.deepStrictEqual(hosts([unnamed, nodeGroup({ name: "nodes" })]), []);
        assert.deepStrictEqual(hosts([unnamed, template(), nodeGroup({ name: "nodes" })]), ["nodes"]);
    });

    it("only launch templates and configurations are matched by literal: an instance never is", () => {
        const instance = { type: INSTANCE, name: "i", props: { ami: "ami-1", id: "nodes", name: "nodes" } };
        assert.deepStrictEqual(hosts([instance, nodeGroup({ name: "nodes" })]), []);
    });

    it("a group a capacity provider depends on passes on the templates it names, without a name of its own", () => {
        const group = { type: AUTOSCALING_GROUP, name: "asg", props: { launchTemplate: { id: "lt-9" } } };
        const cp = {
            type: CAPACITY_PROVIDER,
            name: "cp",
            props: {},
            dependencies: [stackUrn(AUTOSCALING_GROUP, "asg")],
        };
        assert.deepStrictEqual(hosts([template({ id: "lt-9" }), group, cp]), ["nodes"]);
        assert.deepStrictEqual(hosts([template({ id: "lt-9" }), group, { ...cp, dependencies: [] }]), []);
        // The mixed-instances policy names its template by ID as well as by name.
        const mixed = {
            ...group,
            props: {
                mixedInstancesPolicy: { launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-9" } } },
            },
        };
        assert.deepStrictEqual(hosts([template({ id: "lt-9" }), mixed, cp]), ["nodes"]);
        assert.deepStrictEqual(hosts([template({ id: "lt-8" }), mixed, cp]), []);
    });

    it("the group named in a capacity provider's ARN is the whole rest of the ARN, on one line", () => {
        const arn = (tail: string) => `arn:aws:autoscaling:r:1:autoScalingGroup:u:autoScalingGroupName/${tail}`;
        const group = {
            type: AUTOSCALING_GROUP,
            name: "asg",
            props: { name: "asg", launchTemplate: { name: "nodes" } },
        };
        const cp = (a: string) => ({
            type: CAPACITY_PROVIDER,
            name: "cp",
            props: { autoScalingGroupProvider: { autoScalingGroupArn: a } },
        });
        assert.deepStrictEqual(hosts([template(), group, cp(arn("asg"))]), ["nodes"]);
        assert.deepStrictEqual(hosts([template(), group, cp(arn("asg\nother"))]), []);
        assert.deepStrictEqual(hosts([template(), group, cp(arn("xasg"))]), []);
    });
});

describe("Bottlerocket TOML, line by line", () => {
    const host = (text: string) =>
        toWorkloads(LAUNCH_TEMPLATE, "lt", {
            ...plainLaunchTemplate(),
            userData: Buffer.from(text).toString("base64"),
        })[0].containerHost;
    const rows: Array<[string, string, boolean]> = [
        ["a dotted key indented by spaces", '  settings.kubernetes.cluster-name = "prod"\n', true],
        ["a dotted key indented by a tab", '\tsettings.ecs.cluster = "prod"\n', true],
        ["a dotted key on a later line", 'a = 1\nsettings.ecs.cluster = "prod"\n', true],
        ["a table with tabs inside its brackets", "[\tsettings.kubernetes\t]\n", true],
        ["a table on a later line", "# hosts\n[settings.ecs]\n", true],
        ["a dotted key in a comment", '# settings.kubernetes.cluster-name = "prod"\n', false],
        ["a dotted key with a prefix", 'xsettings.kubernetes.cluster-name = "prod"\n', false],
        ["a table with text before it", "x[settings.ecs]\n", false],
        ["a table of another prefix", "[settings.ecsx]\n", false],
        ["settings.ecs without a dot or bracket after it", "settings.ecs = 1\n", false],
    ];
    for (const [what, text, expected] of rows)
        it(`${what}: ${expected ? "a container host" : "no container host"}`, () => {
            assert.strictEqual(host(text), expected);
        });

    it("plain user data is read too, and empty user data marks nothing", () => {
        const plain = (userData: string) =>
            toWorkloads(LAUNCH_TEMPLATE, "lt", { ...plainLaunchTemplate(), userData })[0].containerHost;
        assert.strictEqual(plain("  settings.ecs.cluster = 'prod'\n"), true);
        assert.strictEqual(plain(""), false);
    });
});

describe("EC2 machines and node groups: what each field is read as", () => {
    const issues = (type: string, props: Props) =>
        toWorkloads(type, "r", props)[0].issues.map((i) => [i.kind, i.path, i.field]);

    it("an instance's unknown tags, metadata options and user data are recorded at their paths, for their checks", () => {
        const props = {
            tags: UNKNOWN,
            metadataOptions: { httpTokens: UNKNOWN, httpPutResponseHopLimit: UNKNOWN, httpEndpoint: UNKNOWN },
            userData: UNKNOWN,
            userDataBase64: UNKNOWN,
        };
        assert.deepStrictEqual(issues(INSTANCE, props), [
            ["unknown", "tags", "labels"],
            ["unknown", "metadataOptions.httpTokens", "instanceMetadata"],
            ["unknown", "metadataOptions.httpPutResponseHopLimit", "instanceMetadata"],
            ["unknown", "metadataOptions.httpEndpoint", "instanceMetadata"],
            ["unknown", "userData", "other"],
            ["unknown", "userDataBase64", "other"],
        ]);
    });

    it("a launch template's unknown name and metadata options; a node group's unknown name and tags", () => {
        assert.deepStrictEqual(issues(LAUNCH_TEMPLATE, { name: UNKNOWN, metadataOptions: UNKNOWN }), [
            ["unknown", "name", "other"],
            ["unknown", "metadataOptions", "instanceMetadata"],
        ]);
        assert.deepStrictEqual(issues(NODE_GROUP, { nodeGroupName: UNKNOWN, tags: UNKNOWN }), [
            ["unknown", "tags", "labels"],
            ["unknown", "nodeGroupName", "other"],
        ]);
        const [ng] = toWorkloads(NODE_GROUP, "r", { nodeGroupName: "ng-1" });
        assert.strictEqual(ng.name, "ng-1");
    });

    it("an instance's base64 user data marks a host as its plain user data does", () => {
        const userDataBase64 = Buffer.from("#!/bin/bash\n/etc/eks/bootstrap.sh prod\n").toString("base64");
        assert.strictEqual(toWorkloads(INSTANCE, "i", { ami: "ami-1", userDataBase64 })[0].containerHost, true);
        assert.strictEqual(
            toWorkloads(INSTANCE, "i", { ami: "ami-1", userDataBase64: "aGVsbG8=" })[0].containerHost,
            false,
        );
    });

    it("host tags are matched whole: a prefix or suffix is another tag", () => {
        const tagged = (key: string) =>
            toWorkloads(INSTANCE, "i", { ami: "ami-1", tags: { [key]: "owned" } })[0].containerHost;
        assert.strictEqual(tagged("eks:cluster-name"), true);
        assert.strictEqual(tagged("AmazonECSManaged"), true);
        assert.strictEqual(tagged("kubernetes.io/cluster/prod"), true);
        assert.strictEqual(tagged("xeks:cluster-name"), false);
        assert.strictEqual(tagged("eks:cluster-namex"), false);
        assert.strictEqual(tagged("AmazonECSManagedx"), false);
    });
});

describe("tenancy as the AWS hosts and tasks are judged", () => {
    const ecsTask = (tags: Record<string, string>, expression?: string) =>
        toWorkloads(TASK_DEFINITION, "t", {
            ...hardenedFargateTask(),
            requiresCompatibilities: ["EC2"],
            tags,
            ...(expression ? { placementConstraints: [{ type: "memberOf", expression }] } : {}),
        })[0];

    it("a marker value that lists several marks multi-tenant when any entry does, entries trimmed", () => {
        const t = tenancyOf(ecsTask({ tenancy: "single, Multi-Tenant " }), DEFAULT_OPTIONS);
        assert.deepStrictEqual(t, { multiTenant: true, via: "label tenancy=single, Multi-Tenant ", tenants: [] });
        assert.strictEqual(tenancyOf(ecsTask({ tenancy: "single, other" }), DEFAULT_OPTIONS).multiTenant, false);
    });

    it("a pin proves isolation only for a workload with exactly its one tenant", () => {
        const pinned = (tenant: string) => ecsTask({ tenancy: "multi-tenant", tenant }, "attribute:tenant == acme");
        assert.strictEqual(isSandboxed(pinned("acme"), DEFAULT_OPTIONS), true);
        assert.strictEqual(isSandboxed(pinned(" acme "), DEFAULT_OPTIONS), true);
        assert.strictEqual(isSandboxed(pinned("acme,globex"), DEFAULT_OPTIONS), false);
        // A quoted pin value is compared trimmed too: no host carries " acme ", so the task lands on no other tenant's.
        const quoted = ecsTask({ tenancy: "multi-tenant", tenant: "acme" }, "attribute:tenant == ' acme '");
        assert.deepStrictEqual(
            quoted.hostAttributes?.map((a) => a.value),
            [" acme "],
        );
        assert.strictEqual(isSandboxed(quoted, DEFAULT_OPTIONS), true);
        assert.strictEqual(isSandboxed(pinned("globex"), DEFAULT_OPTIONS), false);
        assert.strictEqual(
            isSandboxed(ecsTask({ tenancy: "multi-tenant" }, "attribute:tenant == acme"), DEFAULT_OPTIONS),
            false,
        );
        assert.strictEqual(isSandboxed(ecsTask({ tenant: "acme" }, "attribute:zone == a"), DEFAULT_OPTIONS), false);
    });

    it("handlers are compared trimmed, and one on the host kernel never counts", () => {
        assert.strictEqual(isSandboxHandler(" kata-qemu ", { sandboxHandlers: ["kata*"] }), true);
        assert.strictEqual(isSandboxHandler("kata-qemu", { sandboxHandlers: ["runsc"] }), false);
        assert.strictEqual(isSandboxHandler(" runc ", { sandboxHandlers: ["*"] }), false);
    });

    it("Namespace labels mark multi-tenant by an exact key and a trimmed value in any case", () => {
        const o = { multiTenantSelector: { keys: ["tenancy", "mode"], values: ["multi-tenant"] } };
        assert.strictEqual(marksMultiTenant({ tenancy: " Multi-Tenant " }, o), true);
        assert.strictEqual(marksMultiTenant({ mode: "multi-tenant" }, o), true);
        assert.strictEqual(marksMultiTenant({ Tenancy: "multi-tenant" }, o), false);
        assert.strictEqual(marksMultiTenant({ tenancy: "single" }, o), false);
        assert.strictEqual(marksMultiTenant({}, o), false);
        assert.strictEqual(
            marksMultiTenant(Object.create({ tenancy: "multi-tenant" }) as Record<string, string>, o),
            false,
        );
    });
});
