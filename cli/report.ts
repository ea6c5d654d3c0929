// The `scan` output formats: text and JSON for people and scripts, SARIF 2.1.0 for code-scanning views (GitHub,
// GitLab, Azure DevOps), JUnit XML for CI test reports. Every format names the file and the start line of the
// offending resource; SARIF rules carry each check's description and its policy's remediation text.
import { pathToFileURL } from "url";
import type { EnforcementLevel } from "@pulumi/policy";
import type { ResolvedPolicy } from "./packConfig";

export type ReportedLevel = Exclude<EnforcementLevel, "disabled">;

export interface ScanFinding {
    file: string;
    /** 1-based line where the resource starts in `file` (its document, or its item of a List). */
    line: number;
    kind: string;
    name: string;
    policy: string;
    check: string;
    enforcementLevel: ReportedLevel;
    message: string;
}

/** A resource judged, for formats that list passes too (JUnit). */
export interface JudgedResource {
    file: string;
    line: number;
    kind: string;
    name: string;
}

export interface ScanReport {
    findings: readonly ScanFinding[];
    /** Every resource read, in file order, whether or not a policy reads its type. */
    resources: readonly JudgedResource[];
    files: number;
    /** The policies in force (not disabled) with their levels, for SARIF rule metadata. */
    policies: readonly ResolvedPolicy[];
    toolVersion: string;
    /** Input that could not be read or held no Kubernetes object: the verdict is incomplete (exit 2). */
    inputErrors: readonly InputError[];
    /** What was read differently from plain YAML 1.2 (a duplicated key's last value), to fix at the source. */
    warnings: readonly { file: string; line: number; message: string }[];
}

/** A PATH, file or `<stdin>` that gave no verdict, and why. */
export interface InputError {
    file: string;
    reason: string;
}

export type ScanFormat = "text" | "json" | "sarif" | "junit";
export const SCAN_FORMATS: readonly ScanFormat[] = ["text", "json", "sarif", "junit"];

/**
 * Whether a finding blocks (exit 1, SARIF error, JUnit failure). Mandatory fails `pulumi preview`. Remediate blocks
 * too: under it Pulumi rewrites the resource's inputs with the policy's safe fix, or fails the preview as mandatory
 * where there is none (docs/rollout.md, stage 4). A manifest is applied as written (kubectl, Helm, Argo CD), so
 * nothing rewrites it: the fault would ship. Advisory findings are reported and pass.
 */
export function isBlocking(level: ReportedLevel): boolean {
    return level !== "advisory";
}

function renderText(r: ScanReport): string {
    const lines = r.findings.map(
        (f) => `${f.file}:${f.line}: ${f.kind} "${f.name}": ${f.enforcementLevel} ${f.policy}: ${f.message}`,
    );
    const count = (level: ReportedLevel) => r.findings.filter((f) => f.enforcementLevel === level).length;
    const blocking = r.findings.filter((f) => isBlocking(f.enforcementLevel)).length;
    lines.push(
        `${r.files} file(s), ${r.resources.length} resource(s) judged: ${blocking} blocking (${count("mandatory")} mandatory, ${count("remediate")} remediate), ${count("advisory")} advisory finding(s)` +
            (r.inputErrors.length ? `; ${r.inputErrors.length} input error(s), listed on stderr` : ""),
    );
    return lines.join("\n") + "\n";
}

/**
 * SARIF levels from the enforcement level, as the exit code reads them (isBlocking): mandatory and remediate block
 * (error: the manifest as written has the fault, and nothing applies the fix to it); advisory passes (warning).
 */
const SARIF_LEVELS: Record<ReportedLevel, "error" | "warning" | "note"> = {
    mandatory: "error",
    advisory: "warning",
    remediate: "error",
};

/** Rule text for IDs that are not checks: notes the engine adds under every policy. */
const ENGINE_NOTES: Record<string, string> = {
    unknownValues: "A security field is unknown at preview; it is judged at update.",
};

/** A file as a SARIF artifact URI: relative paths stay relative to %SRCROOT% (the working directory). */
function artifactUri(file: string): { uri: string; uriBaseId?: string } {
    if (file.startsWith("/")) return { uri: pathToFileURL(file).href };
    return { uri: encodeURI(file.split("\\").join("/")), uriBaseId: "%SRCROOT%" };
}

interface SarifRule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription: { text: string };
    help: { text: string };
    defaultConfiguration: { level: "error" | "warning" | "note" };
    properties: { policy: string };
}

function sarifRules(r: ScanReport): SarifRule[] {
    const rules = new Map<string, SarifRule>();
    for (const { def, enforcementLevel } of r.policies) {
        for (const c of [...def.checks, ...(def.stackChecks ?? [])]) {
            if (rules.has(c.id)) continue;
            rules.set(c.id, {
                id: c.id,
                name: c.id,
                shortDescription: { text: c.description },
                fullDescription: { text: `${c.description} (policy ${def.name}: ${def.description})` },
                help: { text: def.remediationSteps },
                defaultConfiguration: { level: SARIF_LEVELS[enforcementLevel as ReportedLevel] },
                properties: { policy: def.name },
            });
        }
    }
    for (const f of r.findings) {
        if (rules.has(f.check)) continue;
        const text = ENGINE_NOTES[f.check] ?? `Reported by policy ${f.policy}.`;
        rules.set(f.check, {
            id: f.check,
            name: f.check,
            shortDescription: { text },
            fullDescription: { text },
            help: { text },
            defaultConfiguration: { level: "note" },
            properties: { policy: f.policy },
        });
    }
    return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function renderSarif(r: ScanReport): string {
    const rules = sarifRules(r);
    const index = new Map(rules.map((rule, i) => [rule.id, i] as const));
    const results = r.findings.map((f) => ({
        ruleId: f.check,
        ruleIndex: index.get(f.check)!,
        level: SARIF_LEVELS[f.enforcementLevel],
        message: { text: f.message },
        locations: [
            {
                physicalLocation: { artifactLocation: artifactUri(f.file), region: { startLine: f.line } },
                logicalLocations: [{ name: f.name, kind: "resource", fullyQualifiedName: `${f.kind}/${f.name}` }],
            },
        ],
        properties: { policy: f.policy, enforcementLevel: f.enforcementLevel },
    }));
    const log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "isolation-guard",
                        version: r.toolVersion,
                        rules,
                    },
                },
                // Unreadable or empty input is a failed execution, not a clean one: code-scanning views show these
                // notifications, and executionSuccessful false keeps an empty results list from reading as "no issues".
                invocations: [
                    {
                        executionSuccessful: r.inputErrors.length === 0,
                        toolExecutionNotifications: [
                            ...r.inputErrors.map((e) => ({
                                level: "error",
                                message: { text: `cannot read ${e.file}: ${e.reason}` },
                                locations: [{ physicalLocation: { artifactLocation: artifactUri(e.file) } }],
                            })),
                            ...r.warnings.map((w) => ({
                                level: "warning",
                                message: { text: w.message },
                                locations: [
                                    {
                                        physicalLocation: {
                                            artifactLocation: artifactUri(w.file),
                                            region: { startLine: w.line },
                                        },
                                    },
                                ],
                            })),
                        ],
                    },
                ],
                originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(process.cwd()).href}/` } },
                results,
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}

/** Text for XML 1.0: characters it cannot hold dropped, markup escaped. */
function xml(s: string): string {
    return (
        s
            // eslint-disable-next-line no-control-regex
            .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")
            .replace(/"/g, "&quot;")
            .replace(/'/g, "&apos;")
    );
}

/**
 * JUnit XML: one testsuite per file, one testcase per resource (named by kind and name, its line in the classname's
 * file), a failure per resource with blocking findings (mandatory, remediate: the failure's type is the first of
 * those levels present); advisory findings go to the testcase's system-out so they show without failing the build.
 */
function renderJunit(r: ScanReport): string {
    const byFile = new Map<string, JudgedResource[]>();
    for (const res of r.resources) {
        if (!byFile.has(res.file)) byFile.set(res.file, []);
        byFile.get(res.file)!.push(res);
    }
    const findingsOf = (res: JudgedResource) =>
        r.findings.filter((f) => f.file === res.file && f.line === res.line && f.name === res.name);
    let failures = 0;
    const suites: string[] = [];
    for (const [file, resources] of byFile) {
        let suiteFailures = 0;
        const cases = resources.map((res) => {
            const found = findingsOf(res);
            const blocking = found.filter((f) => isBlocking(f.enforcementLevel));
            const other = found.filter((f) => !isBlocking(f.enforcementLevel));
            const body: string[] = [];
            if (blocking.length) {
                suiteFailures++;
                const type = blocking.some((f) => f.enforcementLevel === "mandatory") ? "mandatory" : "remediate";
                body.push(
                    `      <failure message="${xml(`${blocking.length} blocking finding(s)`)}" type="${type}">${xml(
                        blocking
                            .map((f) => `${f.file}:${f.line}: ${f.enforcementLevel} ${f.policy}: ${f.message}`)
                            .join("\n"),
                    )}</failure>`,
                );
            }
            if (other.length) {
                body.push(
                    `      <system-out>${xml(
                        other.map((f) => `${f.enforcementLevel} ${f.policy}: ${f.message}`).join("\n"),
                    )}</system-out>`,
                );
            }
            const open = `    <testcase name="${xml(`${res.kind} "${res.name}"`)}" classname="${xml(file)}" file="${xml(file)}" line="${res.line}"`;
            return body.length ? `${open}>\n${body.join("\n")}\n    </testcase>` : `${open}/>`;
        });
        failures += suiteFailures;
        const warned = r.warnings.filter((w) => w.file === file);
        if (warned.length)
            cases.push(
                `    <system-err>${xml(warned.map((w) => `${w.file}:${w.line}: warning: ${w.message}`).join("\n"))}</system-err>`,
            );
        suites.push(
            `  <testsuite name="${xml(file)}" tests="${resources.length}" failures="${suiteFailures}" errors="0" skipped="0">\n${cases.join("\n")}\n  </testsuite>`,
        );
    }
    // Each unreadable input is a testsuite of its own with one errored testcase, so CI test views show it as an error
    // (not a pass, not a policy failure) and the totals count it.
    for (const e of r.inputErrors) {
        suites.push(
            `  <testsuite name="${xml(e.file)}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase name="read ${xml(e.file)}" classname="${xml(e.file)}" file="${xml(e.file)}">\n      <error message="${xml(`cannot read ${e.file}`)}" type="unreadable">${xml(e.reason)}</error>\n    </testcase>\n  </testsuite>`,
        );
    }
    const errors = r.inputErrors.length;
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="isolation-guard scan" tests="${r.resources.length + errors}" failures="${failures}" errors="${errors}">`,
        ...suites,
        "</testsuites>",
        "",
    ].join("\n");
}

export function renderReport(format: ScanFormat, r: ScanReport): string {
    switch (format) {
        case "json":
            return JSON.stringify(r.findings, null, 2) + "\n";
        case "sarif":
            return renderSarif(r);
        case "junit":
            return renderJunit(r);
        default:
            return renderText(r);
    }
}
