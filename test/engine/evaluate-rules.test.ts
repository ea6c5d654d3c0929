// Pins for engine/evaluate.ts and engine/pssTables.ts found by mutation testing: which container an unknown or
// malformed value holds back, what each malformedValues/unknownValues mode does to the check's own findings, that
// platform-bound checks stay off other platforms, the config schema's check switches and custom pod-spec paths, PSS
// version parsing, and the versioned allow-lists.
import * as assert from "assert";
import { configSchemaOf, evaluate, parsePssVersion, runsOnStack } from "../../engine/evaluate";
import { allowedAt, VersionedList } from "../../engine/pssTables";
import { NO_SECRETS } from "../../engine/format";
import { Diagnostic } from "../../engine/types";
import { toWorkloads } from "../../adapters";
import { resourcePolicies } from "../../policies";
import { judge, PackConfig } from "../helpers";
import { DEPLOYMENT, Obj, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { UNKNOWN } from "../harness/engine";

function deployment(edit: (s: Obj) => void): Obj {
    const spec = hardenedPodSpec();
    edit(spec);
    return DEPLOYMENT.wrap(spec);
}

/** A second container, "side", as hardened as the first. */
function withSide(s: Obj): Obj {
    s.containers.push({ ...JSON.parse(JSON.stringify(s.containers[0])), name: "side" });
    return s.containers[1];
}

const brief = (ds: Diagnostic[]) => ds.map((d) => [d.check, d.container ?? null, d.advisory]);

function policy(name: string) {
    const p = resourcePolicies.find((x) => x.name === name);
    if (!p) throw new Error(`no policy ${name}`);
    return p;
}

describe("evaluate: unknown and malformed values (pinned)", () => {
    it("a malformed value holds back only its own container's finding, and is reported on that container", () => {
        const ds = judge(
            DEPLOYMENT.type,
            deployment((s) => {
                withSide(s).securityContext.privileged = true;
                s.containers[0].securityContext.privileged = "yes";
            }),
        );
        assert.deepStrictEqual(brief(ds), [
            ["privileged", "app", false],
            ["privileged", "side", false],
        ]);
        assert.ok(ds[0].message.includes("cannot interpret"), ds[0].message);
        assert.ok(ds[1].message.includes("must not run privileged"), ds[1].message);
    });

    it("a malformed value on a later container is reported on that container", () => {
        const ds = judge(
            DEPLOYMENT.type,
            deployment((s) => (withSide(s).securityContext.privileged = "yes")),
        );
        assert.deepStrictEqual(brief(ds), [["privileged", "side", false]]);
    });

    it("says whether a malformed value is treated as a violation (fail-closed) or only noted (advisory)", () => {
        const props = deployment((s) => (s.containers[0].securityContext.privileged = "yes"));
        const [closed] = judge(DEPLOYMENT.type, props);
        assert.ok(closed.message.includes("has a value the policy cannot interpret, which is treated as a violation:"));
        const advisory: PackConfig = { "no-privileged-containers": { malformedValues: "advisory" } };
        const [noted] = judge(DEPLOYMENT.type, props, advisory);
        assert.deepStrictEqual(brief([noted]), [["privileged", "app", true]]);
        assert.ok(noted.message.includes("has a value the policy cannot interpret:"), noted.message);
    });

    it("reports one finding per check, container and field (Docker's SELinux type and user share one option)", () => {
        const props = {
            ...hardenedContainer(),
            securityOpts: ["no-new-privileges:true", "label=disable", "label=user:x"],
        };
        const ds = judge(DOCKER_CONTAINER, props).filter((d) => d.check === "seLinuxOptions");
        assert.strictEqual(ds.length, 1, ds.map((d) => d.message).join("\n"));
    });

    it("fail-closed (the default): the cannot-interpret report replaces the check's finding on that container", () => {
        const ds = judge(
            DEPLOYMENT.type,
            deployment((s) => (s.containers[0].securityContext.capabilities = { add: ["SYS_ADMIN"], drop: [null] })),
        );
        assert.deepStrictEqual(brief(ds), [["capabilities_restricted", "app", false]]);
        assert.ok(ds[0].message.includes("cannot interpret"), ds[0].message);
    });

    it("an unknown value holds back only its own container's finding", () => {
        const ds = judge(
            DEPLOYMENT.type,
            deployment((s) => {
                withSide(s).securityContext.privileged = true;
                s.containers[0].securityContext.privileged = UNKNOWN;
            }),
        );
        assert.deepStrictEqual(brief(ds), [
            ["privileged", "side", false],
            ["unknownValues", null, true],
        ]);
    });

    it("an unknown value on the container holds back that container's other findings of the check", () => {
        const ds = judge(
            DEPLOYMENT.type,
            deployment((s) => {
                s.containers[0].securityContext.runAsUser = UNKNOWN;
                s.containers[0].securityContext.runAsNonRoot = false;
            }),
        );
        assert.deepStrictEqual(brief(ds), [["unknownValues", null, true]]);
    });

    it("an unknown pod-level value holds back the check's findings on every container", () => {
        const ds = judge(
            DEPLOYMENT.type,
            deployment((s) => {
                s.hostUsers = UNKNOWN;
                s.containers[0].securityContext.runAsNonRoot = false;
            }),
        );
        assert.deepStrictEqual(brief(ds), [["unknownValues", null, true]]);
        assert.ok(ds[0].message.endsWith(": spec.template.spec.hostUsers"), ds[0].message);
    });

    it("malformedValues: ignore still defers unknown values", () => {
        const config: PackConfig = { "no-privileged-containers": { malformedValues: "ignore" } };
        const props = deployment((s) => (s.containers[0].securityContext.privileged = UNKNOWN));
        assert.deepStrictEqual(brief(judge(DEPLOYMENT.type, props, config)), [["unknownValues", null, true]]);
    });

    it("unknownValues: fail-closed reports the unknown value on its container", () => {
        const config: PackConfig = { "no-privileged-containers": { unknownValues: "fail-closed" } };
        const props = deployment((s) => (withSide(s).securityContext.privileged = UNKNOWN));
        const ds = judge(DEPLOYMENT.type, props, config);
        assert.deepStrictEqual(brief(ds), [["privileged", "side", false]]);
        assert.ok(
            ds[0].message.includes("containers[1].securityContext.privileged is unknown at preview"),
            ds[0].message,
        );
    });

    it("one note per resource lists every unknown path of the policy, comma-separated", () => {
        const ds = judge(
            DEPLOYMENT.type,
            deployment((s) => {
                s.containers[0].securityContext.privileged = UNKNOWN;
                s.containers[0].securityContext.allowPrivilegeEscalation = UNKNOWN;
            }),
        );
        assert.deepStrictEqual(brief(ds), [["unknownValues", null, true]]);
        assert.ok(
            ds[0].message.endsWith(
                ": spec.template.spec.containers[0].securityContext.privileged, spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
            ),
            ds[0].message,
        );
    });

    it("works without a set of already-noted paths (remediation passes none)", () => {
        const props = deployment((s) => (s.containers[0].securityContext.privileged = UNKNOWN));
        const ds = evaluate(
            policy("no-privileged-containers"),
            toWorkloads(DEPLOYMENT.type, "web", props),
            {},
            NO_SECRETS,
        );
        assert.deepStrictEqual(brief(ds), [["unknownValues", null, true]]);
    });

    it("checks bound to Kubernetes platforms stay off Docker, even for a value no check can read", () => {
        const ds = judge(DOCKER_CONTAINER, { ...hardenedContainer(), securityOpts: "no-new-privileges" });
        const ids = [...new Set(ds.map((d) => d.check))];
        // procMount is no longer among them (issue 22): Docker's securityOpts can unmask /proc (systempaths=unconfined),
        // so an unreadable securityOpts concerns it too.
        for (const id of ["windowsHostProcess", "hostProbesAndHostLifecycle"]) assert.ok(!ids.includes(id), id);
        assert.ok(ids.includes("procMount"), ids.join(","));
        assert.ok(ids.includes("privileged") && ids.includes("seccompProfile_baseline"), ids.join(","));
    });
});

describe("evaluate: config schema and PSS versions (pinned)", () => {
    it("offers one boolean switch per check, defaulting to the policy's default checks", () => {
        const p = policy("no-sensitive-host-mounts");
        const checks = (configSchemaOf(p).properties.checks as Obj).properties as Obj;
        assert.deepStrictEqual(Object.keys(checks).sort(), [...p.checks.map((c) => c.id)].sort());
        for (const c of p.checks) {
            assert.deepStrictEqual(
                checks[c.id],
                { type: "boolean", default: p.defaultChecks.includes(c.id), description: c.description },
                c.id,
            );
        }
    });

    it("describes customResourcePodSpecs entries strictly: known keys only, dotted paths of names and *", () => {
        const items = (configSchemaOf(resourcePolicies[0]).properties.customResourcePodSpecs as Obj).items as Obj;
        assert.strictEqual(items.additionalProperties, false);
        assert.strictEqual(items.properties.paths.items.pattern, "^[A-Za-z0-9_*-]+(\\.[A-Za-z0-9_*-]+)*$");
    });

    it("parses pssVersion strictly", () => {
        assert.strictEqual(parsePssVersion("v1.25"), 25);
        assert.strictEqual(parsePssVersion("v1.0"), 0);
        for (const bad of ["xv1.25", "v1.25x", "1.25", "v1."]) {
            assert.throws(() => parsePssVersion(bad), /pssVersion must be "latest" or "v1.N"/, bad);
        }
    });
});

describe("runsOnStack (pinned)", () => {
    const base = policy("no-privileged-containers");
    const tenantSharedHost = policy("multi-tenant-isolation").stackChecks ?? [];
    const instanceMetadata = policy("no-host-credentials").checks;

    it("a policy with stack checks runs on the stack, whatever its resource checks", () => {
        assert.strictEqual(runsOnStack({ ...base, stackChecks: tenantSharedHost }), true);
    });

    it("one resource check whose applicability the stack can change is enough", () => {
        assert.strictEqual(runsOnStack({ ...base, checks: [...base.checks, ...instanceMetadata] }), true);
        assert.strictEqual(runsOnStack(base), false);
    });
});

describe("versioned allow-lists (pinned)", () => {
    // A fresh table each time: allowedAt memoizes per table, and a cached answer would hide how it is built.
    const table = (): VersionedList => [
        { since: 0, values: ["a"] },
        { since: 5, values: ["b", "c"] },
    ];

    it("holds every row whose version is at most the one asked for", () => {
        assert.deepStrictEqual([...allowedAt(table(), 4)], ["a"]);
        assert.deepStrictEqual([...allowedAt(table(), 5)], ["a", "b", "c"]);
        assert.deepStrictEqual([...allowedAt(table(), 6)], ["a", "b", "c"]);
    });

    it("answers the same when asked again", () => {
        const t = table();
        assert.deepStrictEqual([...allowedAt(t, 4)], ["a"]);
        assert.deepStrictEqual([...allowedAt(t, 4)], ["a"]);
        assert.deepStrictEqual([...allowedAt(t, 5)], ["a", "b", "c"]);
    });
});
