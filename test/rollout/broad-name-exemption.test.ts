// An exemption that selects by `match.name` alone (no type, namespace or urn) matches any kind, namespace or cluster
// with that name; once it waives more than one resource the unused-exemptions policy says so, as a note naming the
// resources (issue 22, part 8). In-process (the usage record, the policy) and over the analyzer protocol.
import * as assert from "assert";
import type {
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { toWorkloads } from "../../adapters";
import { evaluate } from "../../engine/evaluate";
import {
    applyStackExemptions,
    configuredExemptions,
    ExemptionUsage,
    renderBroadExemption,
} from "../../engine/exemptions";
import { selectsByNameAlone } from "../../engine/exemptionUsage";
import { NO_SECRETS } from "../../engine/format";
import type { PolicyConfig } from "../../engine/types";
import { resourcePolicies } from "../../policies";
import { packPolicies } from "../../policies/pack";
import { suitePack, urnOf } from "../harness/engine";
import { POD, DEPLOYMENT, privilegedDeployment } from "../fixtures/kubernetes";

const NOW = new Date("2026-06-15T12:00:00Z");
const POLICY = resourcePolicies.find((p) => p.name === "no-privileged-containers")!;
const entry = (match: Record<string, string>, id = "AGENT") => ({
    id,
    checks: ["privileged"],
    match,
    reason: "node agent",
    expires: "2099-12-31",
});

/** A privileged Pod named "agent" in `namespace`. */
function privilegedPod(namespace?: string): Record<string, unknown> {
    const d = privilegedDeployment();
    return {
        metadata: { name: "agent", ...(namespace ? { namespace } : {}) },
        spec: d.spec.template.spec,
    };
}

interface Res {
    type: string;
    name: string;
    props: Record<string, unknown>;
}
const AGENTS: Res[] = [
    { type: DEPLOYMENT.type, name: "agent", props: privilegedDeployment() },
    { type: POD.type, name: "agent-pod", props: privilegedPod("tenant-b") },
];

/** Applies the config's exemptions to each resource's findings, recording usage as the pack does. */
function use(resources: Res[], config: PolicyConfig, usage = new ExemptionUsage()): ExemptionUsage {
    for (const r of resources)
        evaluate(
            POLICY,
            toWorkloads(r.type, r.name, r.props),
            config,
            NO_SECRETS,
            new Set(),
            {},
            {
                now: NOW,
                usage,
                urn: urnOf(r.type, r.name),
                resourceName: r.name,
            },
        );
    return usage;
}

describe("an exemption that selects by name alone", () => {
    it("is name-alone without type, namespace and urn, whatever container or image it also gives", () => {
        const alone = (match: Record<string, string>) =>
            selectsByNameAlone(configuredExemptions(POLICY, { exemptions: [entry(match)] })[0]);
        assert.ok(alone({ name: "agent" }));
        assert.ok(alone({ name: "agent", container: "c" }));
        assert.ok(alone({ name: "agent", image: "x" }));
        assert.ok(!alone({ name: "agent", type: "kubernetes:apps/v1:Deployment" }));
        assert.ok(!alone({ name: "agent", namespace: "monitoring" }));
        assert.ok(!alone({ name: "agent", urn: "urn:pulumi:prod::*" }));
        assert.ok(!alone({ container: "c" }));
    });

    it("waiving two resources of different kinds and namespaces is reported, naming both", () => {
        const usage = use(AGENTS, { exemptions: [entry({ name: "agent" })] });
        const broad = usage.broad();
        assert.deepStrictEqual(broad, [
            {
                policy: "no-privileged-containers",
                label: '"AGENT"',
                name: "agent",
                resources: [urnOf(POD.type, "agent-pod"), urnOf(DEPLOYMENT.type, "agent")].sort(),
            },
        ]);
        assert.strictEqual(
            renderBroadExemption(broad[0]),
            '[broadExemption] exemption "AGENT" of policy no-privileged-containers selects by name alone ("agent": any kind, ' +
                `namespace or cluster) and waived 2 resources: ${broad[0].resources.join(", ")}; ` +
                "add type, namespace or urn to its match so it waives only what it was granted for",
        );
    });

    it("names the resources sorted, whatever order they were analyzed in", () => {
        const usage = use([...AGENTS].reverse(), { exemptions: [entry({ name: "agent" })] });
        assert.deepStrictEqual(usage.broad()[0].resources, [
            urnOf(DEPLOYMENT.type, "agent"),
            urnOf(POD.type, "agent-pod"),
        ]);
    });

    it("a waiver for a policy the record never observed is ignored", () => {
        const usage = new ExemptionUsage();
        usage.waived("no-privileged-containers", 0, "urn:a");
        assert.deepStrictEqual(usage.broad(), []);
        assert.deepStrictEqual(usage.unused(NOW), []);
    });

    it("one resource, or the same resource twice, is not reported", () => {
        assert.deepStrictEqual(use(AGENTS.slice(0, 1), { exemptions: [entry({ name: "agent" })] }).broad(), []);
        const usage = use(AGENTS.slice(0, 1), { exemptions: [entry({ name: "agent" })] });
        assert.deepStrictEqual(use(AGENTS.slice(0, 1), { exemptions: [entry({ name: "agent" })] }, usage).broad(), []);
    });

    it("a name with a type, namespace or urn waiving two resources is not reported", () => {
        const narrowings: Array<Record<string, string>> = [
            { type: "kubernetes:*" },
            { namespace: "*" },
            { urn: "urn:pulumi:dev::*" },
        ];
        for (const narrow of narrowings) {
            const resources = [AGENTS[0], { type: DEPLOYMENT.type, name: "agent-2", props: privilegedDeployment() }];
            const usage = use(resources, { exemptions: [entry({ name: "agent", ...narrow })] });
            assert.deepStrictEqual(usage.unused(NOW), [], JSON.stringify(narrow));
            assert.deepStrictEqual(usage.broad(), [], JSON.stringify(narrow));
        }
    });

    it("only waivers count: an expired name-alone exemption that matched two resources is not reported", () => {
        const expired = { ...entry({ name: "agent" }), expires: "2026-01-01" };
        const usage = use(AGENTS, { exemptions: [expired] });
        assert.deepStrictEqual(usage.broad(), []);
        assert.deepStrictEqual(usage.unused(NOW), []);
    });

    it("the waiver is credited to the first unexpired exemption only", () => {
        const usage = use(AGENTS, {
            exemptions: [
                { ...entry({ name: "agent" }, "OLD"), expires: "2026-01-01" },
                entry({ name: "agent" }, "NEW"),
            ],
        });
        assert.deepStrictEqual(
            usage.broad().map((b) => b.label),
            ['"NEW"'],
        );
        const first = use(AGENTS, { exemptions: [entry({ name: "agent" }, "A"), entry({ name: "agent" }, "B")] });
        assert.deepStrictEqual(
            first.broad().map((b) => b.label),
            ['"A"'],
        );
    });

    it("a resource without a URN is known by its workload's name", () => {
        const usage = new ExemptionUsage();
        for (const r of AGENTS)
            evaluate(
                POLICY,
                toWorkloads(r.type, r.name, r.props),
                { exemptions: [entry({ name: "agent" })] },
                NO_SECRETS,
                new Set(),
                {},
                {
                    now: NOW,
                    usage,
                },
            );
        // Both workloads are named "agent" (metadata.name): one resource as far as the record can tell.
        assert.deepStrictEqual(usage.broad(), []);
    });

    it("stack findings count by their URN", () => {
        const mt = resourcePolicies.find((p) => p.name === "multi-tenant-isolation")!;
        const check = mt.stackChecks![0].id;
        const config = { exemptions: [{ ...entry({ name: "gvisor" }), checks: [check] }] };
        const usage = new ExemptionUsage();
        const d = (urn: string) => ({ check, urn, message: "m", advisory: false });
        const out = applyStackExemptions(
            mt,
            [
                d("urn:pulumi:dev::p::kubernetes:node.k8s.io/v1:RuntimeClass::gvisor"),
                d("urn:pulumi:prod::p::kubernetes:node.k8s.io/v1:RuntimeClass::gvisor"),
            ],
            config,
            { now: NOW, usage },
        );
        assert.ok(out.every((x) => x.advisory));
        assert.deepStrictEqual(usage.broad()[0].resources, [
            "urn:pulumi:dev::p::kubernetes:node.k8s.io/v1:RuntimeClass::gvisor",
            "urn:pulumi:prod::p::kubernetes:node.k8s.io/v1:RuntimeClass::gvisor",
        ]);
    });
});

/** The engine's preview in-process: Analyze every resource with every policy, then AnalyzeStack. */
function unusedExemptionsNotes(resources: Res[], config: Record<string, PolicyConfig>): string[] {
    const pack = packPolicies();
    const notes: string[] = [];
    for (const r of resources)
        for (const { policy } of pack) {
            const validate = (policy as Partial<ResourceValidationPolicy>).validateResource;
            if (typeof validate !== "function") continue;
            const args = {
                type: r.type,
                name: r.name,
                urn: urnOf(r.type, r.name),
                props: r.props,
                getConfig: () => config[policy.name] ?? {},
                stackTags: new Map<string, string>(),
            } as unknown as ResourceValidationArgs;
            void validate(args, (() => undefined) as ReportViolation);
        }
    const unused = pack.find(({ policy }) => policy.name === "unused-exemptions")!.policy as StackValidationPolicy;
    const args = {
        resources: resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: urnOf(r.type, r.name),
            props: r.props,
            dependencies: [],
            propertyDependencies: {},
        })),
        getConfig: () => config["unused-exemptions"] ?? {},
        stackTags: new Map<string, string>(),
    } as unknown as StackValidationArgs;
    void unused.validateStack(args, ((m: string | { message: string }) =>
        notes.push(typeof m === "string" ? m : m.message)) as ReportViolation);
    return notes;
}

describe("the unused-exemptions policy reports a broad name exemption", () => {
    const config = (checks?: Record<string, boolean>) => ({
        "no-privileged-containers": { exemptions: [entry({ name: "agent" }), entry({ name: "nothing" }, "STALE")] },
        ...(checks ? { "unused-exemptions": { checks } } : {}),
    });

    it("beside the unused one, each switchable by its check ID", () => {
        const all = unusedExemptionsNotes(AGENTS, config());
        assert.strictEqual(all.length, 2, JSON.stringify(all));
        assert.match(all[0], /\[unusedExemption\] exemption "STALE"/);
        assert.match(all[1], /\[broadExemption\] exemption "AGENT" .* waived 2 resources/);
        const noBroad = unusedExemptionsNotes(AGENTS, config({ broadExemption: false }));
        assert.deepStrictEqual(noBroad.length, 1);
        assert.match(noBroad[0], /\[unusedExemption\]/);
        const noUnused = unusedExemptionsNotes(AGENTS, config({ unusedExemption: false }));
        assert.deepStrictEqual(noUnused.length, 1);
        assert.match(noUnused[0], /\[broadExemption\]/);
        assert.deepStrictEqual(
            unusedExemptionsNotes(AGENTS, config({ unusedExemption: false, broadExemption: false })),
            [],
        );
    });
});

describe("a broad name exemption over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("is reported once, as an advisory note naming both resources, even under all: mandatory", async () => {
        await pack().configurePack({
            all: "mandatory",
            "no-privileged-containers": { exemptions: [entry({ name: "agent" })] },
        });
        const { resource, stack } = await pack().analyzeAll(
            AGENTS.map((r) => ({ type: r.type, name: r.name, urn: urnOf(r.type, r.name), properties: r.props })),
        );
        assert.ok(
            resource
                .filter((d) => d.policyName === "no-privileged-containers")
                .every((d) => d.enforcementLevel === "advisory"),
        );
        const broad = stack.filter((d) => d.policyName === "unused-exemptions");
        assert.strictEqual(broad.length, 1, JSON.stringify(stack));
        assert.strictEqual(broad[0].enforcementLevel, "advisory");
        assert.match(
            broad[0].message,
            /\[broadExemption\] exemption "AGENT" of policy no-privileged-containers selects by name alone/,
        );
        assert.ok(broad[0].message.includes(urnOf(DEPLOYMENT.type, "agent")));
        assert.ok(broad[0].message.includes(urnOf(POD.type, "agent-pod")));
    });
});
