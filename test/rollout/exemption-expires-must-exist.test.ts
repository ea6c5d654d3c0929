// An exemption's `expires` must be a date that exists (issue 22, part 8): `2099-02-30` and `2025-13-01` are malformed
// — refused by the config schema (the engine, the scan CLI) and, behind it, waiving nothing with a message saying so
// — never rolled over to March 2 by JavaScript's Date. In-process and over the analyzer protocol.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { configSchemaOf, evaluate } from "../../engine/evaluate";
import { expiryOf, ExemptionUsage, renderUnusedExemption } from "../../engine/exemptions";
import { NO_SECRETS } from "../../engine/format";
import { Diagnostic, PolicyConfig } from "../../engine/types";
import { validateSchema } from "../../cli/packConfig";
import { resourcePolicies } from "../../policies";
import { PackConfigError, suitePack } from "../harness/engine";
import { DEPLOYMENT, privilegedDeployment } from "../fixtures/kubernetes";

const NOW = new Date("2026-06-15T12:00:00Z");
const POLICY = resourcePolicies.find((p) => p.name === "no-privileged-containers")!;
const entry = (expires: string) => ({
    id: "SEC-9",
    checks: ["privileged"],
    match: { name: "agent" },
    reason: "r",
    expires,
});

/** Dates that do not exist, and date-times whose clock does not: each one Date.parse would roll over or refuse. */
const NOT_REAL = [
    "2099-02-30",
    "2025-13-01",
    "2025-00-10",
    "2025-01-00",
    "2025-01-32",
    "2025-04-31",
    "2025-06-31",
    "2025-09-31",
    "2025-11-31",
    "2100-02-29", // a century not divisible by 400
    "2099-02-29",
    "2026-06-15T24:00:00Z",
    "2026-06-15T23:60:00Z",
    "2026-06-15T23:59:60Z",
    "2026-06-15T12:00:00+24:00",
    "2026-06-15T12:00:00+01:60",
];
/** Real ones at every edge of the calendar the pattern spells out. */
const REAL: Array<[string, string]> = [
    ["2099-01-31", "2099-02-01T00:00:00Z"],
    ["2099-03-31", "2099-04-01T00:00:00Z"],
    ["2099-04-30", "2099-05-01T00:00:00Z"],
    ["2099-10-31", "2099-11-01T00:00:00Z"],
    ["2099-11-30", "2099-12-01T00:00:00Z"],
    ["2099-12-31", "2100-01-01T00:00:00Z"],
    ["2099-02-28", "2099-03-01T00:00:00Z"],
    ["2099-02-19", "2099-02-20T00:00:00Z"],
    ["2099-02-09", "2099-02-10T00:00:00Z"],
    ["2096-02-29", "2096-03-01T00:00:00Z"],
    ["2000-02-29", "2000-03-01T00:00:00Z"],
    ["2400-02-29", "2400-03-01T00:00:00Z"],
    ["2028-02-29", "2028-03-01T00:00:00Z"],
    ["2032-02-29", "2032-03-01T00:00:00Z"],
    ["2026-06-15T23:59:59Z", "2026-06-15T23:59:59Z"],
    ["2026-06-15T09:05Z", "2026-06-15T09:05:00Z"],
    ["2026-06-15T19:30:00.250+02:00", "2026-06-15T17:30:00.250Z"],
    ["2026-06-15T00:00:00-23:59", "2026-06-15T23:59:00Z"],
];

function judge(config: PolicyConfig): Diagnostic[] {
    const workloads = toWorkloads(DEPLOYMENT.type, "agent", privilegedDeployment());
    return evaluate(POLICY, workloads, config, NO_SECRETS, new Set(), {}, { now: NOW });
}

describe("exemption expires: only dates that exist", () => {
    const schema = configSchemaOf(POLICY).properties.exemptions;

    for (const expires of NOT_REAL)
        it(`${expires}: refused by the config schema, waives nothing, and says it is not a real date`, () => {
            assert.ok(Number.isNaN(expiryOf(expires)), expires);
            const errors = validateSchema(schema, [entry(expires)], "exemptions");
            assert.ok(
                errors.some((e) => e.startsWith("exemptions.0.expires: Does not match pattern")),
                errors.join("; "),
            );
            const ds = judge({ exemptions: [entry(expires)] });
            const kept = ds.filter((d) => d.check === "privileged" && !d.advisory);
            assert.strictEqual(kept.length, 1, JSON.stringify(ds));
            assert.match(
                kept[0].message,
                new RegExp(
                    `exemption "SEC-9" has expires "${expires.replace(/[+.]/g, "\\$&")}", which is not a real ISO date or date-time, so it waives nothing; correct it$`,
                ),
            );
            assert.doesNotMatch(kept[0].message, /expired on/);
        });

    for (const [expires, end] of REAL)
        it(`${expires}: accepted, and applies until ${end}`, () => {
            const at = expiryOf(expires);
            assert.strictEqual(at, Date.parse(end));
            assert.deepStrictEqual(validateSchema(schema, [entry(expires)], "exemptions"), []);
        });

    it("a real date in the future waives; the same entry with a date that does not exist does not", () => {
        assert.ok(judge({ exemptions: [entry("2099-02-28")] }).every((d) => d.advisory));
        assert.ok(judge({ exemptions: [entry("2099-02-30")] }).some((d) => !d.advisory));
    });

    it("an in-code exemption with a date that does not exist waives nothing either", () => {
        const props = privilegedDeployment();
        props.metadata.annotations = {
            "isolation-guard.io/exempt": "privileged",
            "isolation-guard.io/exempt-reason": "debug",
            "isolation-guard.io/exempt-expires": "2099-02-30",
        };
        const ds = evaluate(
            POLICY,
            toWorkloads(DEPLOYMENT.type, "agent", props),
            { allowInCodeExemptions: true },
            NO_SECRETS,
            new Set(),
            {},
            { now: NOW },
        );
        const kept = ds.filter((d) => !d.advisory);
        assert.strictEqual(kept.length, 1);
        assert.match(kept[0].message, /has expires "2099-02-30", which is not a real ISO date/);
    });

    it("an unused exemption whose expires does not exist is reported as such, not as expired", () => {
        const usage = new ExemptionUsage();
        const unusedEntry = { ...entry("2099-02-30"), match: { name: "nothing-has-this-name" } };
        evaluate(
            POLICY,
            toWorkloads(DEPLOYMENT.type, "agent", privilegedDeployment()),
            { exemptions: [unusedEntry] },
            NO_SECRETS,
            new Set(),
            {},
            { now: NOW, usage },
        );
        const [u] = usage.unused(NOW);
        assert.strictEqual(
            renderUnusedExemption(u),
            '[unusedExemption] exemption "SEC-9" of policy no-privileged-containers matches nothing in this stack, and its expires "2099-02-30" is not a real date; remove it from the pack config (reason given: r)',
        );
        assert.match(
            renderUnusedExemption({ ...u, expires: "2000-01-01" }),
            /matches nothing in this stack and expired on 2000-01-01;/,
        );
        assert.match(
            renderUnusedExemption({ ...u, expires: "2099-01-01", expired: false }),
            /matches nothing in this stack; remove/,
        );
    });
});

describe("exemption expires over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("the engine refuses 2099-02-30 and 2025-13-01 in the pack config", async () => {
        for (const expires of ["2099-02-30", "2025-13-01"]) {
            await assert.rejects(
                pack().configurePack({ "no-privileged-containers": { exemptions: [entry(expires)] } }),
                (e: unknown) =>
                    e instanceof PackConfigError &&
                    /no-privileged-containers: exemptions\.0\.expires: Does not match pattern/.test(e.message),
            );
        }
        await pack().configurePack({ "no-privileged-containers": { exemptions: [entry("2099-02-28")] } });
    });

    it("sent without the engine's check, 2099-02-30 waives nothing and the violation says why", async () => {
        await pack().configure({
            "no-privileged-containers": {
                enforcementLevel: "mandatory",
                properties: { exemptions: [entry("2099-02-30")] },
            },
        });
        const ds = (await pack().analyze(DEPLOYMENT.type, "agent", privilegedDeployment())).filter(
            (d) => d.policyName === "no-privileged-containers",
        );
        assert.strictEqual(ds.length, 1, JSON.stringify(ds));
        assert.strictEqual(ds[0].enforcementLevel, "mandatory");
        assert.match(ds[0].message, /exemption "SEC-9" has expires "2099-02-30", which is not a real ISO date/);
    });
});
