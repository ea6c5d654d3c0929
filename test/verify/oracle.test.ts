// The oracle: every example stack and a generated corpus of hundreds of workloads, measured on real OCI runtimes
// (runc, and gVisor's runsc) and compared with the pack's verdicts under its default config and both PSS presets.
// For every check with an effect the kernel reports, a failing verdict must show the surface open and a passing one
// (where the check claims it) closed; any disagreement fails the test. Under runsc a failing verdict whose surface
// gVisor does not pass through counts as "contained". Needs root, runc/runsc and busybox-static; skips otherwise.
//
// Wall time on two shared cores: every container runs under runc (~0.1 s each); runsc starts a sandbox per
// container (~0.3 s), so it measures every example and every ORACLE_RUNSC_EVERY-th corpus workload (default 3;
// 1 = all).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PRESETS_DIR } from "../../cli/scan";
import { resolvePackConfig, ResolvedPolicy } from "../../cli/packConfig";
import { JsonObject } from "../../model/read";
import { StackResource } from "../../model/stack";
import { resourcePolicies } from "../../policies";
import { judge } from "../../verify/judge";
import { Agreement, agreements } from "../../verify/oracle";
import { RuntimeName } from "../../verify/probe";
import { readiness, Verifier, ContainerResult } from "../../verify/verify";
import { captureExample, exampleNames } from "../harness/program";
import { policyConfigPath } from "../harness/judge";
import { oracleCorpus } from "./corpus";

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The engine's wire form → the values a policy sees (@pulumi/policy unwraps secrets; unknowns stay sentinels). */
function unwrapSecrets(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    if (o["4dabf18193072939515e22adb298388d"] === SECRET_SIG) return unwrapSecrets(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, e]) => [k, unwrapSecrets(e)]));
}

const CONFIGS: Array<{ name: string; raw: unknown }> = [
    { name: "default", raw: {} },
    ...["pss-baseline", "pss-restricted"].map((name) => ({
        name,
        raw: JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, `${name}.json`), "utf8")),
    })),
];

interface Tally {
    agree: number;
    disagree: number;
    contained: number;
    unobservable: number;
    failSide: number;
    passSide: number;
}

function tally(into: Map<string, Tally>, as: Agreement[]): void {
    for (const a of as) {
        const t = into.get(a.check) ?? {
            agree: 0,
            disagree: 0,
            contained: 0,
            unobservable: 0,
            failSide: 0,
            passSide: 0,
        };
        t[a.outcome]++;
        if (a.outcome === "agree") t[a.failed ? "failSide" : "passSide"]++;
        into.set(a.check, t);
    }
}

interface Suite {
    name: string;
    resources: StackResource[];
    /** Policy configs to judge under: the example's own, or the three standard ones. */
    configs: Array<{ name: string; policies: ResolvedPolicy[] }>;
}

describe("oracle: measured boundary agrees with the verdicts", function () {
    this.timeout(30 * 60 * 1000);
    const ready = readiness();
    const suites: Suite[] = [];
    const standard = CONFIGS.map((c) => ({ name: c.name, policies: resolvePackConfig(resourcePolicies, c.raw) }));

    before(async function () {
        if (ready.problem) {
            console.log(`    skipped: verify ${ready.problem}`);
            this.skip();
        }
        for (const example of exampleNames()) {
            const captured = await captureExample(example);
            const cfg = policyConfigPath(example);
            suites.push({
                name: `examples/${example}`,
                resources: captured.resources
                    .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
                    .map((r) => ({
                        urn: r.urn,
                        type: r.type,
                        name: r.name,
                        props: unwrapSecrets(r.properties) as JsonObject,
                        dependencies: r.dependencies,
                        provider: r.provider && {
                            urn: r.provider.urn,
                            type: r.provider.type,
                            props: unwrapSecrets(r.provider.properties) as JsonObject,
                        },
                    })),
                configs: cfg
                    ? [
                          {
                              name: "policy-config.json",
                              policies: resolvePackConfig(resourcePolicies, JSON.parse(fs.readFileSync(cfg, "utf8"))),
                          },
                      ]
                    : standard,
            });
        }
        suites.push({ name: "corpus", resources: oracleCorpus(), configs: standard });
    });

    for (const runtime of ["runc", "runsc"] as RuntimeName[]) {
        it(`under ${runtime}`, async function () {
            if (!ready.runtimes.has(runtime)) {
                console.log(`    skipped: ${runtime} is not installed (apt-get install -y ${runtime})`);
                this.skip();
            }
            const every = runtime === "runsc" ? Math.max(1, Number(process.env.ORACLE_RUNSC_EVERY ?? 3)) : 1;
            const verifier = new Verifier(ready, { forceRuntime: runtime === "runsc" ? "runsc" : undefined });
            const totals = new Map<string, Tally>();
            const problems: string[] = [];
            let containers = 0;
            let unmeasured = 0;
            let vms = 0;
            let refused = 0;
            const started = Date.now();
            try {
                for (const suite of suites) {
                    // Examples in full; the corpus sampled under runsc (RuntimeClasses always kept).
                    let n = 0;
                    const resources = suite.resources.filter(
                        (r) => suite.name !== "corpus" || r.type.endsWith(":RuntimeClass") || n++ % every === 0,
                    );
                    // Measure once (under the first config's judgement), then compare under every config.
                    const measured: ContainerResult[] = await verifier.verify(resources, suite.configs[0].policies);
                    const calibration = await verifier.calibration(runtime);
                    const byKey = new Map(measured.map((r) => [`${r.urn}\0${r.container}`, r] as const));
                    for (const config of suite.configs) {
                        for (const j of judge(resources, config.policies).containers) {
                            const r = byKey.get(`${j.urn}\0${j.container.name}`);
                            if (!r) throw new Error(`${j.urn} was not measured`);
                            if (config === suite.configs[0]) {
                                containers++;
                                if (r.refused) refused++;
                                // A VM-isolated workload (ACI, Fargate) has no container boundary to measure here;
                                // every container workload must be measured.
                                if (r.unmeasured && j.workload.isolation === "vm") vms++;
                                else if (r.unmeasured) {
                                    unmeasured++;
                                    problems.push(
                                        `${suite.name} ${j.urn}/${r.container}: not measured: ${r.unmeasured}`,
                                    );
                                }
                            }
                            if (!r.boundary) continue;
                            const as = agreements(j, r.boundary, calibration);
                            tally(totals, as);
                            for (const a of as.filter((x) => x.outcome === "disagree"))
                                problems.push(
                                    `${suite.name} [${config.name}] ${j.urn}/${r.container}: ${a.check} ${a.failed ? "failed" : "passed"} but measured ${a.detail}`,
                                );
                        }
                    }
                }
            } finally {
                verifier.close();
            }
            const seconds = (Date.now() - started) / 1000;
            const sum = (k: keyof Tally) => [...totals.values()].reduce((s, t) => s + t[k], 0);
            console.log(
                `    ${runtime}: ${containers} containers (${refused} refused by their platform) in ${seconds.toFixed(1)} s; ${sum("agree")} agreements ` +
                    `(${sum("failSide")} on failing verdicts, ${sum("passSide")} on passing), ${sum("disagree")} disagreements, ` +
                    `${sum("contained")} contained by the sandbox, ${sum("unobservable")} unobservable, ${unmeasured} not measured, ${vms} VM-isolated (not measured)`,
            );
            for (const [check, t] of [...totals].sort())
                console.log(
                    `      ${check}: ${t.agree} agree (${t.failSide} fail / ${t.passSide} pass), ${t.disagree} disagree, ${t.contained} contained, ${t.unobservable} unobservable`,
                );
            assert.deepStrictEqual(problems, []);
            assert.ok(containers >= (runtime === "runc" ? 300 : 100), `only ${containers} containers measured`);
            if (runtime === "runc") {
                // Every observable check was seen on both sides, so neither direction is untested.
                for (const check of [
                    "privileged",
                    "capabilities_baseline",
                    "capabilities_restricted",
                    "allowPrivilegeEscalation",
                    "hostNamespaces",
                    "seccompProfile_restricted",
                    "seccompProfile_baseline",
                    "runAsNonRoot",
                    "runAsUser",
                    "hostPathVolumes",
                    "sensitiveHostPath",
                    "sandboxedRuntime",
                ]) {
                    const t = totals.get(check);
                    assert.ok(t && t.failSide > 0 && t.passSide > 0, `${check}: ${JSON.stringify(t)}`);
                }
            }
        });
    }
});
