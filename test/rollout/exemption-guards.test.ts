// Each guard that keeps an exemption from waiving more than it names, pinned by a verdict (issue 15). The engine's
// schema check refuses most of these entries before a policy sees them; the scan CLI reads config files as given, and
// the guards in engine/exemptions.ts are the defence in depth behind the schema, so they are tested directly here:
// evaluate() receives the config without any schema validation.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { evaluate } from "../../engine/evaluate";
import { Diagnostic, PolicyConfig } from "../../engine/types";
import { applyStackExemptions, configuredExemptions, ExemptionUsage, urnParts } from "../../engine/exemptions";
import { NO_SECRETS } from "../../engine/format";
import { resourcePolicies } from "../../policies";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

const NOW = new Date("2026-06-15T12:00:00Z");
const POLICY = "no-privileged-containers";

function judgeAt(type: string, props: Obj, exemptions: unknown[], urn?: string): Diagnostic[] {
    const workloads = toWorkloads(type, "web-res", props);
    const config: Record<string, PolicyConfig> = { [POLICY]: { exemptions } };
    return resourcePolicies.flatMap((p) =>
        evaluate(p, workloads, config[p.name] ?? {}, NO_SECRETS, new Set(), {}, { now: NOW, urn }),
    );
}

/** Check/container of every violation (not the advisory notes a waiver leaves). */
const violations = (ds: Diagnostic[]) =>
    ds
        .filter((d) => !d.advisory)
        .map((d) => `${d.check}/${d.container}`)
        .sort();

function privilegedDeployment(): Obj {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext.privileged = true;
    return DEPLOYMENT.wrap(spec);
}

function privilegedDocker(): Obj {
    return { ...hardenedContainer(), privileged: true };
}

const VALID = { checks: ["privileged"], match: { name: "*" }, reason: "r", expires: "2099-12-31" };

describe("exemption guards (behind the schema check)", () => {
    it("the valid entry these cases vary does waive both a Deployment and a Docker container", () => {
        assert.deepStrictEqual(violations(judgeAt(DEPLOYMENT.type, privilegedDeployment(), [VALID])), []);
        assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [VALID])), []);
    });

    const waiveNothing: Array<[string, unknown]> = [
        ["an entry that is a string", "privileged"],
        ["an entry that is a list", [VALID]],
        ["match as a string", { ...VALID, match: "*" }],
        ["match as a list", { ...VALID, match: [{ name: "*" }] }],
        ["match as null", { ...VALID, match: null }],
        ["match empty", { ...VALID, match: {} }],
        ["match missing", { ...VALID, match: undefined }],
        ["a match field that is not a string", { ...VALID, match: { name: "*", container: 7 } }],
        ["a match field that is a list", { ...VALID, match: { name: ["*"] } }],
        ['expires "2099" (a year, not an ISO date)', { ...VALID, expires: "2099" }],
        ['expires "2099-12" (a month)', { ...VALID, expires: "2099-12" }],
        ["expires as a local date-time without a zone", { ...VALID, expires: "2099-12-31T00:00" }],
        ["expires in another date format", { ...VALID, expires: "12/31/2099" }],
        ["expires with trailing text", { ...VALID, expires: "2099-12-31 or so" }],
        ["expires with leading text", { ...VALID, expires: "by 2099-12-31" }],
        ["expires as a number", { ...VALID, expires: 4102444800000 }],
        ["expires missing", { ...VALID, expires: undefined }],
        ["reason empty", { ...VALID, reason: "" }],
        ["reason missing", { ...VALID, reason: undefined }],
        ["reason not a string", { ...VALID, reason: 1 }],
        ["checks and policies both", { ...VALID, policies: [POLICY] }],
        ["neither checks nor policies", { ...VALID, checks: undefined }],
        ["checks empty", { ...VALID, checks: [] }],
        ["checks as a string", { ...VALID, checks: "privileged" }],
        ["checks with a non-string", { ...VALID, checks: ["privileged", 7] }],
        ["policies empty (with no checks)", { ...VALID, checks: undefined, policies: [] }],
        ["checks empty beside policies", { ...VALID, checks: [], policies: [POLICY] }],
        ["policies empty beside checks", { ...VALID, policies: [] }],
        ["a check the policy does not have", { ...VALID, checks: ["hostNamespaces"] }],
        ["another policy's name", { ...VALID, checks: undefined, policies: ["no-host-namespaces"] }],
    ];
    for (const [what, entry] of waiveNothing) {
        it(`${what} waives nothing`, () => {
            assert.deepStrictEqual(violations(judgeAt(DEPLOYMENT.type, privilegedDeployment(), [entry])), [
                "privileged/app",
            ]);
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [entry])), [
                "privileged/web",
            ]);
        });
    }

    it("a bad entry does not stop a good one after it from applying", () => {
        const ds = judgeAt(DEPLOYMENT.type, privilegedDeployment(), [{ ...VALID, match: "*" }, VALID]);
        assert.deepStrictEqual(violations(ds), []);
    });

    it("an exemption of the whole policy by name waives its findings", () => {
        const entry = { ...VALID, checks: undefined, policies: [POLICY] };
        assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [entry])), []);
    });

    describe("a selector waives only a subject that has the selected attribute", () => {
        it('match {namespace: "*"} does not waive a Docker container (it has no namespace)', () => {
            const entry = { ...VALID, match: { namespace: "*" } };
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [entry])), [
                "privileged/web",
            ]);
            assert.deepStrictEqual(violations(judgeAt(DEPLOYMENT.type, privilegedDeployment(), [entry])), []);
        });
        it('match {urn: "*"} waives nothing when the URN is not known, and waives when it is', () => {
            const entry = { ...VALID, match: { urn: "*" } };
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [entry])), [
                "privileged/web",
            ]);
            const urn = `urn:pulumi:dev::test::${DOCKER_CONTAINER}::web-res`;
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [entry], urn)), []);
        });
        it('match {container: "*"} does not waive a pod-level finding', () => {
            const spec = hardenedPodSpec();
            spec.hostPID = true;
            const workloads = toWorkloads(DEPLOYMENT.type, "web-res", DEPLOYMENT.wrap(spec));
            const hostNs = resourcePolicies.find((p) => p.name === "no-host-namespaces")!;
            const exemptions = [{ ...VALID, checks: ["hostNamespaces"], match: { container: "*" } }];
            const ds = evaluate(hostNs, workloads, { exemptions }, NO_SECRETS, new Set(), {}, { now: NOW });
            assert.deepStrictEqual(violations(ds), ["hostNamespaces/undefined"]);
        });
        it("match {image} does not waive a container without an image", () => {
            const c = privilegedDocker();
            delete c.image;
            const entry = { ...VALID, match: { image: "nginx" } };
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, c, [entry])), ["privileged/web"]);
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [entry])), []);
        });
        it("a glob that spells undefined selects no absent name or type", () => {
            const name = { ...VALID, match: { name: "undefined" } };
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [name])), [
                "privileged/web",
            ]);
            const policy = resourcePolicies.find((p) => (p.stackChecks ?? []).length > 0)!;
            const check = policy.stackChecks![0].id;
            const d = { check, urn: "not-a-urn", message: "m", advisory: false };
            for (const match of [{ type: "undefined" }, { name: "undefined" }]) {
                const [out] = applyStackExemptions(policy, [d], {
                    exemptions: [{ checks: [check], match, reason: "r", expires: "2099-12-31" }],
                });
                assert.strictEqual(out.advisory, false, JSON.stringify(match));
            }
        });
        it("match {type} and {name} are globs over the whole value", () => {
            const type = { ...VALID, match: { type: "docker:index/container:*" } };
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [type])), []);
            assert.deepStrictEqual(violations(judgeAt(DEPLOYMENT.type, privilegedDeployment(), [type])), [
                "privileged/app",
            ]);
            const name = { ...VALID, match: { name: "we" } };
            assert.deepStrictEqual(violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [name])), [
                "privileged/web",
            ]);
        });
    });

    describe("expiry", () => {
        it("a date is valid through that day (UTC), a date-time until that instant", () => {
            const at = (expires: string) =>
                violations(judgeAt(DOCKER_CONTAINER, privilegedDocker(), [{ ...VALID, expires }]));
            assert.deepStrictEqual(at("2026-06-15"), []);
            assert.deepStrictEqual(at("2026-06-14"), ["privileged/web"]);
            assert.deepStrictEqual(at("2026-06-15T12:00:01Z"), []);
            assert.deepStrictEqual(at("2026-06-15T12:00:00Z"), ["privileged/web"]);
            assert.deepStrictEqual(at("2026-06-15T13:00:00+01:00"), ["privileged/web"]);
            assert.deepStrictEqual(at("2026-06-15T12:00:00.5Z"), []);
            assert.deepStrictEqual(at("2026-06-15T12:01Z"), []);
        });
    });

    describe("in-code exemptions and stack findings", () => {
        it("an in-code list of check IDs is comma-separated with spaces allowed", () => {
            const props = privilegedDeployment();
            props.metadata.annotations = {
                "isolation-guard.io/exempt": "hostNamespaces, privileged",
                "isolation-guard.io/exempt-reason": "debug build",
                "isolation-guard.io/exempt-expires": "2099-12-31",
            };
            const workloads = toWorkloads(DEPLOYMENT.type, "web-res", props);
            const policy = resourcePolicies.find((p) => p.name === POLICY)!;
            const config = { allowInCodeExemptions: true };
            const ds = evaluate(policy, workloads, config, NO_SECRETS, new Set(), {}, { now: NOW });
            assert.deepStrictEqual(violations(ds), []);
        });

        it("a URN with too few parts yields no type or name", () => {
            assert.deepStrictEqual(urnParts("urn:pulumi:dev::proj::docker:index/container:Container"), {});
            assert.deepStrictEqual(urnParts(`urn:pulumi:dev::proj::a$${DOCKER_CONTAINER}::web`), {
                type: DOCKER_CONTAINER,
                name: "web",
            });
        });

        it("a namespace selector does not waive a stack finding about a resource without a workload", () => {
            const policy = resourcePolicies.find((p) => (p.stackChecks ?? []).length > 0)!;
            const check = policy.stackChecks![0].id;
            const d = {
                check,
                urn: "urn:pulumi:dev::proj::kubernetes:node.k8s.io/v1:RuntimeClass::gvisor",
                message: "m",
                advisory: false,
            };
            const waive = (match: Record<string, string>) =>
                applyStackExemptions(policy, [d], {
                    exemptions: [{ checks: [check], match, reason: "r", expires: "2099-12-31" }],
                })[0].advisory;
            assert.strictEqual(waive({ namespace: "*" }), false);
            assert.strictEqual(waive({ name: "gvisor" }), true);
        });
    });

    describe("the record of which exemptions were used (unused-exemptions)", () => {
        const policy = () => resourcePolicies.find((p) => p.name === POLICY)!;

        it("seeing the same list again keeps what it matched so far", () => {
            const raw = [VALID];
            const usage = new ExemptionUsage();
            usage.observe(POLICY, raw, configuredExemptions(policy(), { exemptions: raw }));
            usage.matched(POLICY, 0);
            usage.observe(POLICY, raw, configuredExemptions(policy(), { exemptions: raw }));
            assert.deepStrictEqual(usage.unused(NOW), []);
            usage.observe(POLICY, [VALID, VALID], configuredExemptions(policy(), { exemptions: [VALID, VALID] }));
            assert.strictEqual(usage.unused(NOW).length, 2);
        });

        it("an advisory finding is left as it is and does not count as a use", () => {
            const c = { ...hardenedContainer(), privileged: "yes" };
            const usage = new ExemptionUsage();
            const config = { exemptions: [VALID], malformedValues: "advisory" as const };
            const workloads = toWorkloads(DOCKER_CONTAINER, "web-res", c);
            const ds = evaluate(policy(), workloads, config, NO_SECRETS, new Set(), {}, { now: NOW, usage });
            const privileged = ds.filter((d) => d.check === "privileged");
            assert.strictEqual(privileged.length, 1);
            assert.strictEqual(privileged[0].exemption, undefined);
            assert.doesNotMatch(privileged[0].message, /waived/);
            assert.strictEqual(usage.unused(NOW).length, 1);
        });

        describe("stack findings", () => {
            const stackPolicy = () => resourcePolicies.find((p) => (p.stackChecks ?? []).length > 0)!;
            const urn = "urn:pulumi:dev::proj::kubernetes:node.k8s.io/v1:RuntimeClass::gvisor";
            const byName = (check: string) => ({
                checks: [check],
                match: { name: "*" },
                reason: "r",
                expires: "2099-12-31",
            });

            it("an advisory stack note is left as it is and does not count as a use", () => {
                const policy = stackPolicy();
                const check = policy.stackChecks![0].id;
                const note = { check, urn, message: "m", advisory: true };
                const usage = new ExemptionUsage();
                const [out] = applyStackExemptions(
                    policy,
                    [note],
                    { exemptions: [byName(check)] },
                    { now: NOW, usage },
                );
                assert.deepStrictEqual(out, note);
                assert.strictEqual(usage.unused(NOW).length, 1);
            });

            it("a finding that carries a workload, already judged by evaluate(), is not matched a second time", () => {
                const policy = stackPolicy();
                const check = policy.checks[0].id;
                const [workload] = toWorkloads(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(hardenedPodSpec()));
                const judged = { check, urn, workload, message: "m", advisory: false };
                const usage = new ExemptionUsage();
                const config = { exemptions: [byName(check)] };
                const [out] = applyStackExemptions(policy, [judged], config, { now: NOW, usage });
                assert.deepStrictEqual(out, judged);
                assert.strictEqual(usage.unused(NOW).length, 1);
            });
        });
    });
});
