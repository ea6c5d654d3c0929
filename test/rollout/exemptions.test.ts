// Exemptions in the pure evaluate path (what the pack and the scan CLI share): matching, expiry, notes, in-code
// exemptions, and the usage record behind the unused-exemptions stack policy.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { configSchemaOf, evaluate } from "../../engine/evaluate";
import { Diagnostic, PolicyConfig } from "../../engine/types";
import {
    applyStackExemptions,
    ExemptionContext,
    ExemptionUsage,
    expiryOf,
    renderUnusedExemption,
    urnParts,
} from "../../engine/exemptions";
import { NO_SECRETS } from "../../engine/format";
import { imageHasPrefix, normalizeImage } from "../../engine/images";
import { resourcePolicies } from "../../policies";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

const NOW = new Date("2026-06-15T12:00:00Z");

function judgeWith(
    props: Obj,
    config: Record<string, PolicyConfig>,
    at: ExemptionContext = {},
    type = DEPLOYMENT.type,
): Diagnostic[] {
    const workloads = toWorkloads(type, "web-res", props);
    return resourcePolicies.flatMap((p) =>
        evaluate(p, workloads, config[p.name] ?? {}, NO_SECRETS, new Set(), {}, { now: NOW, ...at }),
    );
}

/** A Deployment whose "app" container (nginx) runs privileged and whose "sidecar" (ghcr.io/acme/agent) does too. */
function privilegedDeployment(): Obj {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext.privileged = true;
    spec.containers.push({ ...structuredClone(spec.containers[0]), name: "sidecar", image: "ghcr.io/acme/agent:2.1" });
    return DEPLOYMENT.wrap(spec);
}

const violations = (ds: Diagnostic[]) =>
    ds
        .filter((d) => !d.advisory)
        .map((d) => `${d.check}/${d.container}`)
        .sort();
const notes = (ds: Diagnostic[]) => ds.filter((d) => d.exemption !== undefined);

function exempt(entry: Obj): Record<string, PolicyConfig> {
    return {
        "no-privileged-containers": {
            exemptions: [{ reason: "vendor agent needs it", expires: "2026-12-31", ...entry }],
        },
    };
}

describe("image prefixes with registry normalization", () => {
    it("normalizes Docker Hub names", () => {
        assert.strictEqual(normalizeImage("nginx"), "docker.io/library/nginx");
        assert.strictEqual(normalizeImage("nginx:1.27"), "docker.io/library/nginx:1.27");
        assert.strictEqual(normalizeImage("index.docker.io/library/nginx"), "docker.io/library/nginx");
        assert.strictEqual(normalizeImage("acme/app"), "docker.io/acme/app");
        assert.strictEqual(normalizeImage("GHCR.io/acme/app"), "ghcr.io/acme/app");
        assert.strictEqual(normalizeImage("localhost:5000/app"), "localhost:5000/app");
    });

    it("matches at component, tag and digest boundaries only", () => {
        assert.ok(imageHasPrefix("nginx:1.27", "docker.io/library/nginx"));
        assert.ok(imageHasPrefix("docker.io/library/nginx@sha256:abc", "nginx"));
        assert.ok(imageHasPrefix("registry-1.docker.io/library/nginx", "nginx"));
        assert.ok(imageHasPrefix("ghcr.io/acme/agent:2.1", "ghcr.io/acme/"));
        assert.ok(imageHasPrefix("ghcr.io/acme/agent:2.1", "ghcr.io/"));
        assert.ok(imageHasPrefix("nginx:1.27", "nginx:1.27"));
        assert.ok(!imageHasPrefix("nginx-evil:1", "nginx"));
        assert.ok(!imageHasPrefix("evil.io/library/nginx", "nginx"));
        assert.ok(!imageHasPrefix("ghcr.io/acme-evil/agent", "ghcr.io/acme"));
        assert.ok(!imageHasPrefix("nginx:1.26", "nginx:1.27"));
    });
});

describe("exemptions", () => {
    it("without exemptions both privileged containers are violations", () => {
        assert.deepStrictEqual(violations(judgeWith(privilegedDeployment(), {})), [
            "privileged/app",
            "privileged/sidecar",
        ]);
    });

    it("an unexpired exemption turns the named violation into an advisory note that names it", () => {
        const ds = judgeWith(
            privilegedDeployment(),
            exempt({ id: "SEC-42", checks: ["privileged"], match: { image: "ghcr.io/acme/agent" }, owner: "team-obs" }),
        );
        assert.deepStrictEqual(violations(ds), ["privileged/app"]);
        const [note] = notes(ds);
        assert.strictEqual(note.advisory, true);
        assert.strictEqual(note.check, "privileged");
        assert.strictEqual(note.container, "sidecar");
        assert.strictEqual(note.exemption, '"SEC-42"');
        assert.match(
            note.message,
            /^\[privileged\] .*sidecar.* waived by exemption "SEC-42" \(reason: vendor agent needs it; owner: team-obs; expires 2026-12-31\)$/,
        );
    });

    it("an expired exemption does not apply and the violation says it expired", () => {
        const ds = judgeWith(
            privilegedDeployment(),
            exempt({ id: "SEC-42", checks: ["privileged"], match: { container: "sidecar" }, expires: "2026-06-14" }),
        );
        assert.deepStrictEqual(violations(ds), ["privileged/app", "privileged/sidecar"]);
        const sidecar = ds.find((d) => d.container === "sidecar")!;
        assert.match(sidecar.message, /exemption "SEC-42" expired on 2026-06-14 and no longer applies/);
        assert.doesNotMatch(ds.find((d) => d.container === "app")!.message, /expired/);
    });

    it("a date expires at the end of that day (UTC); a date-time at that instant", () => {
        assert.strictEqual(expiryOf("2026-06-15"), Date.parse("2026-06-16T00:00:00Z"));
        assert.strictEqual(expiryOf("2026-06-15T12:00:00Z"), NOW.getTime());
        assert.ok(Number.isNaN(expiryOf("next tuesday")));
        const sameDay = judgeWith(
            privilegedDeployment(),
            exempt({ checks: ["privileged"], match: { container: "sidecar" }, expires: "2026-06-15" }),
        );
        assert.deepStrictEqual(violations(sameDay), ["privileged/app"]);
        const atNoon = judgeWith(
            privilegedDeployment(),
            exempt({ checks: ["privileged"], match: { container: "sidecar" }, expires: "2026-06-15T12:00:00Z" }),
        );
        assert.deepStrictEqual(violations(atNoon), ["privileged/app", "privileged/sidecar"]);
        const unreadable = judgeWith(
            privilegedDeployment(),
            exempt({ checks: ["privileged"], match: { container: "sidecar" }, expires: "soon" }),
        );
        assert.deepStrictEqual(violations(unreadable), ["privileged/app", "privileged/sidecar"]);
    });

    it("every match field given must match", () => {
        const cases: Array<[Obj, string[]]> = [
            [{ container: "side*" }, ["privileged/app"]],
            [{ image: "nginx" }, ["privileged/sidecar"]],
            [{ image: "docker.io/library/nginx:1.27" }, ["privileged/sidecar"]],
            [{ image: "nginx-evil" }, ["privileged/app", "privileged/sidecar"]],
            [{ namespace: "apps" }, []],
            [{ namespace: "other" }, ["privileged/app", "privileged/sidecar"]],
            [{ type: "kubernetes:apps/v1:*" }, []],
            [{ type: "kubernetes:core/v1:Pod" }, ["privileged/app", "privileged/sidecar"]],
            [{ name: "web-res" }, []],
            [{ name: "web" }, []],
            [{ name: "api*" }, ["privileged/app", "privileged/sidecar"]],
            [{ urn: "urn:pulumi:prod::*::web-res" }, []],
            [{ urn: "urn:pulumi:dev::*" }, ["privileged/app", "privileged/sidecar"]],
            [{ namespace: "apps", container: "app" }, ["privileged/sidecar"]],
            [{ namespace: "other", container: "app" }, ["privileged/app", "privileged/sidecar"]],
        ];
        for (const [match, expected] of cases) {
            const ds = judgeWith(privilegedDeployment(), exempt({ checks: ["privileged"], match }), {
                urn: "urn:pulumi:prod::shop::kubernetes:apps/v1:Deployment::web-res",
                resourceName: "web-res",
            });
            assert.deepStrictEqual(violations(ds), expected, JSON.stringify(match));
        }
    });

    it("waives only the checks or policies it names", () => {
        const props = privilegedDeployment();
        props.spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation = true;
        const byCheck = judgeWith(props, exempt({ checks: ["privileged"], match: { container: "sidecar" } }));
        assert.deepStrictEqual(violations(byCheck), ["allowPrivilegeEscalation/sidecar", "privileged/app"]);
        const byPolicy = judgeWith(
            props,
            exempt({ policies: ["no-privileged-containers"], match: { container: "sidecar" } }),
        );
        assert.deepStrictEqual(violations(byPolicy), ["privileged/app"]);
        // An exemption in one policy's config never waives another policy's findings.
        props.spec.template.spec.containers[1].securityContext.capabilities.add = ["SYS_ADMIN"];
        assert.ok(
            violations(
                judgeWith(props, exempt({ policies: ["no-privileged-containers"], match: { container: "sidecar" } })),
            ).includes("capabilities_restricted/sidecar"),
        );
    });

    it("a pod-level finding is waived by image only when every container matches", () => {
        const spec = hardenedPodSpec();
        spec.hostPID = true;
        spec.initContainers[0].image = "nginx:1.27";
        const config = (image: string) => ({
            "no-host-namespaces": {
                exemptions: [{ checks: ["hostNamespaces"], match: { image }, reason: "r", expires: "2026-12-31" }],
            },
        });
        assert.deepStrictEqual(violations(judgeWith(DEPLOYMENT.wrap(spec), config("nginx"))), []);
        spec.initContainers[0].image = "busybox:1.36";
        assert.deepStrictEqual(violations(judgeWith(DEPLOYMENT.wrap(spec), config("nginx"))), [
            "hostNamespaces/undefined",
        ]);
        // A container selector never matches a pod-level finding.
        const byContainer = {
            "no-host-namespaces": {
                exemptions: [
                    { checks: ["hostNamespaces"], match: { container: "*" }, reason: "r", expires: "2026-12-31" },
                ],
            },
        };
        assert.deepStrictEqual(violations(judgeWith(DEPLOYMENT.wrap(spec), byContainer)), ["hostNamespaces/undefined"]);
    });

    it("entries the engine's schema would refuse waive nothing (the scan CLI reads config files as given)", () => {
        const bad: Obj[] = [
            { checks: ["privileged"], match: { container: "sidecar" }, reason: "", expires: "2026-12-31" },
            { checks: ["privileged"], match: { container: "sidecar" }, expires: "2026-12-31" },
            { checks: ["privileged"], match: {}, reason: "r", expires: "2026-12-31" },
            { match: { container: "sidecar" }, reason: "r", expires: "2026-12-31" },
            {
                checks: ["privileged"],
                policies: ["no-privileged-containers"],
                match: { container: "sidecar" },
                reason: "r",
                expires: "2026-12-31",
            },
            { checks: ["privileged"], match: { container: 7 }, reason: "r", expires: "2026-12-31" },
        ];
        for (const entry of bad) {
            const ds = judgeWith(privilegedDeployment(), { "no-privileged-containers": { exemptions: [entry] } });
            assert.deepStrictEqual(violations(ds), ["privileged/app", "privileged/sidecar"], JSON.stringify(entry));
        }
    });

    it("the config schema requires reason, expires and match, and knows the policy's check IDs", () => {
        const policy = resourcePolicies.find((p) => p.name === "no-privileged-containers")!;
        const props = configSchemaOf(policy).properties as Obj;
        assert.deepStrictEqual(props.exemptions.default, []);
        assert.deepStrictEqual(props.exemptions.items.required, ["match", "reason", "expires"]);
        assert.deepStrictEqual(props.exemptions.items.properties.checks.items.enum, [
            "privileged",
            "windowsHostProcess",
            "allowPrivilegeEscalation",
        ]);
        assert.deepStrictEqual(props.exemptions.items.properties.policies.items.enum, ["no-privileged-containers"]);
        assert.strictEqual(props.allowInCodeExemptions.default, false);
    });

    it("ignores an in-code exemption unless the pack config allows it, and says so", () => {
        const props = privilegedDeployment();
        props.metadata.annotations = {
            "isolation-guard.io/exempt": "privileged",
            "isolation-guard.io/exempt-reason": "debug build",
            "isolation-guard.io/exempt-expires": "2026-12-31",
        };
        const off = judgeWith(props, {});
        assert.deepStrictEqual(violations(off), ["privileged/app", "privileged/sidecar"]);
        assert.match(off[0].message, /annotation isolation-guard.io\/exempt is ignored: allowInCodeExemptions is off/);
        const on = judgeWith(props, { "no-privileged-containers": { allowInCodeExemptions: true } });
        assert.deepStrictEqual(violations(on), []);
        assert.match(
            notes(on)[0].message,
            /waived by exemption annotation isolation-guard.io\/exempt \(reason: debug build; expires 2026-12-31\)/,
        );
        delete props.metadata.annotations["isolation-guard.io/exempt-reason"];
        const noReason = judgeWith(props, { "no-privileged-containers": { allowInCodeExemptions: true } });
        assert.deepStrictEqual(violations(noReason), ["privileged/app", "privileged/sidecar"]);
        assert.match(noReason[0].message, /needs isolation-guard.io\/exempt-reason/);
    });

    it("Docker containers carry in-code exemptions as labels", () => {
        const c = hardenedContainer();
        c.privileged = true;
        c.labels = [
            { label: "isolation-guard.io/exempt", value: "no-privileged-containers" },
            { label: "isolation-guard.io/exempt-reason", value: "dind runner" },
            { label: "isolation-guard.io/exempt-expires", value: "2026-12-31" },
        ];
        const privilegedOnes = (config: Record<string, PolicyConfig>) =>
            violations(judgeWith(c, config, {}, DOCKER_CONTAINER)).filter((v) => v.startsWith("privileged/"));
        assert.strictEqual(privilegedOnes({}).length, 1);
        assert.strictEqual(privilegedOnes({ "no-privileged-containers": { allowInCodeExemptions: true } }).length, 0);
    });

    it("records which configured exemptions matched, across resources, for the unused-exemption report", () => {
        const usage = new ExemptionUsage();
        const config = {
            "no-privileged-containers": {
                exemptions: [
                    {
                        id: "used",
                        checks: ["privileged"],
                        match: { container: "sidecar" },
                        reason: "r",
                        expires: "2026-12-31",
                    },
                    {
                        id: "stale",
                        checks: ["privileged"],
                        match: { name: "gone-*" },
                        reason: "service retired",
                        expires: "2026-01-01",
                    },
                ],
            },
        };
        judgeWith(DEPLOYMENT.wrap(hardenedPodSpec()), config, { usage });
        assert.deepStrictEqual(
            usage.unused(NOW).map((u) => u.label),
            ['"used"', '"stale"'],
        );
        judgeWith(privilegedDeployment(), config, { usage });
        const unused = usage.unused(NOW);
        assert.deepStrictEqual(
            unused.map((u) => u.label),
            ['"stale"'],
        );
        assert.strictEqual(
            renderUnusedExemption(unused[0]),
            '[unusedExemption] exemption "stale" of policy no-privileged-containers matches nothing in this stack and expired on 2026-01-01; remove it from the pack config (reason given: service retired)',
        );
        // A changed list starts over.
        judgeWith(privilegedDeployment(), { "no-privileged-containers": { exemptions: [] } }, { usage });
        assert.deepStrictEqual(usage.unused(NOW), []);
    });

    it("applies to stack-check findings by URN, name, type and check, and records their use", () => {
        assert.deepStrictEqual(urnParts("urn:pulumi:prod::shop::kubernetes:node.k8s.io/v1:RuntimeClass::gvisor"), {
            type: "kubernetes:node.k8s.io/v1:RuntimeClass",
            name: "gvisor",
        });
        assert.deepStrictEqual(urnParts("urn:pulumi:prod::shop::my:comp:Web$docker:index/container:Container::a::b"), {
            type: "docker:index/container:Container",
            name: "a::b",
        });
        const policy = resourcePolicies.find((p) => p.name === "multi-tenant-isolation")!;
        const finding = (urn: string) => ({
            policy: policy.name,
            check: "tenantSharedHost",
            message: "[tenantSharedHost] two tenants share a host",
            advisory: false,
            urn,
        });
        const usage = new ExemptionUsage();
        const config = {
            exemptions: [
                {
                    id: "MT-9",
                    checks: ["tenantSharedHost"],
                    match: { type: "docker:*", name: "build-*" },
                    reason: "migration window",
                    expires: "2026-07-01",
                },
            ],
        };
        const [waived, kept] = applyStackExemptions(
            policy,
            [
                finding("urn:pulumi:prod::ci::docker:index/container:Container::build-1"),
                finding("urn:pulumi:prod::ci::docker:index/container:Container::web"),
            ],
            config,
            { now: NOW, usage },
        );
        assert.strictEqual(waived.advisory, true);
        assert.match(waived.message, /waived by exemption "MT-9"/);
        assert.strictEqual(kept.advisory, false);
        assert.deepStrictEqual(usage.unused(NOW), []);
        const later = applyStackExemptions(
            policy,
            [finding("urn:pulumi:prod::ci::docker:index/container:Container::build-1")],
            config,
            { now: new Date("2026-07-02T00:00:00Z") },
        );
        assert.strictEqual(later[0].advisory, false);
        assert.match(later[0].message, /exemption "MT-9" expired on 2026-07-01/);
    });
});
