// `isolation-guard audit`: what enforcement would break, before it is turned on. It reads exported stack state
// (`pulumi stack export --show-secrets` files, many at once, one at a time so memory stays bounded), judges every
// stack with the pack's own pipeline as `pulumi preview` would judge its resources (engine/pipeline.ts: each
// resource's inputs per policy, then each policy's stack pass over the resources' outputs, as `pulumi policy analyze`
// does), once under the target config (what the organization will enforce; default: presets/default.json) and once
// under the current one (what it runs today; default: presets/advisory.json). It prints, per stack and policy, what
// would block and what is advisory today, and can write the pack config that turns enforcement on without breaking
// those stacks: the target config plus one exemption per blocking resource, with a reason and owner to fill in.
import * as fs from "fs";
import * as path from "path";
import { BadValueError, parseCommonArgs, UsageError, wantsHelp } from "./args";
import { judgeAsPreview } from "./previewPasses";
import { collectSecrets } from "../engine/hooks";
import { NO_SECRETS, SecretValues } from "../engine/format";
import { isPlainObject, JsonObject, SECRET_SIG, SPECIAL_SIG_KEY, UNKNOWN_SENTINELS } from "../model/read";
import { StackResource } from "../model/stack";
import { resourcePolicies } from "../policies";
import { PackConfigError, resolvePackConfig, ResolvedPolicy } from "./packConfig";
import { isBlocking, renderReport, ReportedLevel, ScanFinding } from "./report";
import { filesUnder, Io, loadConfigFile, presetNames, presetPath, toolVersion, UnreadableInput } from "./scan";

export type AuditFormat = "text" | "markdown" | "json" | "sarif";
export const AUDIT_FORMATS: readonly AuditFormat[] = ["text", "markdown", "json", "sarif"];

/** How long a generated exemption lasts unless --expires says otherwise: one quarter to fix or re-justify. */
export const DEFAULT_EXEMPTION_DAYS = 90;
/** What a generated exemption says until someone writes why the risk is accepted. */
export const REASON_TO_FILL_IN = "TO FILL IN: why this risk is accepted until the expiry date";
export const OWNER_TO_FILL_IN = "TO FILL IN";

export function auditUsage(): string {
    return `usage: isolation-guard audit [--preset NAME | --config FILE] [--current-preset NAME | --current-config FILE]
                            [--format text|markdown|json|sarif] [--exemptions-out FILE] [--owner WHO]
                            [--expires YYYY-MM-DD] [--pss-version V] [--quiet] PATH...

Judges exported stack state (pulumi stack export --show-secrets > FILE; files, directories of .json files
recursively, - for standard input) as pulumi preview would judge the same resources, and reports per stack and
policy what would block under the target config and what is advisory under the current one.
  --preset NAME          the target config, a preset: ${presetNames().join(", ")} (default: default)
  --config FILE          the target config, a Pulumi --policy-pack-config file (JSON)
  --current-preset NAME  the config in force today (default: advisory)
  --current-config FILE  the config in force today, a --policy-pack-config file
  --format F             text (default), markdown, json, or sarif (SARIF 2.1.0, findings under the target config)
  --exemptions-out FILE  write the target config plus an exemption for every resource that would block, which the
                         pack accepts as is; fill in each reason (and owner) before enabling it
  --owner WHO            the owner written into each generated exemption (default: "${OWNER_TO_FILL_IN}")
  --expires DATE         the expiry of each generated exemption (default: ${DEFAULT_EXEMPTION_DAYS} days from today, UTC)
  --pss-version V        latest (default) or v1.N, for both configs
  --quiet                no progress lines on standard error
Exit code: 0 nothing would block under the target config; 1 something would; 2 bad usage or unreadable input.`;
}

interface Options {
    target: { preset?: string; config?: string };
    current: { preset?: string; config?: string };
    pssVersion?: string;
    format: AuditFormat;
    paths: string[];
    exemptionsOut?: string;
    owner: string;
    expires?: string;
    quiet: boolean;
}

function parseArgs(argv: readonly string[], today: Date): Options {
    const current: Options["current"] = {};
    let exemptionsOut: string | undefined;
    let owner = OWNER_TO_FILL_IN;
    let expires: string | undefined;
    let quiet = false;
    const o = parseCommonArgs(argv, AUDIT_FORMATS, (flag, take) => {
        switch (flag) {
            case "--current-preset":
                current.preset = take();
                return true;
            case "--current-config":
                current.config = take();
                return true;
            case "--exemptions-out":
                exemptionsOut = take();
                return true;
            case "--owner":
                owner = take();
                return true;
            case "--expires":
                expires = checkExpiry(take(), today);
                return true;
            case "--quiet":
                quiet = true;
                return true;
            default:
                return false;
        }
    });
    if (current.preset && current.config) throw new UsageError("use either --current-preset or --current-config");
    if (o.paths.filter((p) => p === "-").length > 1) throw new UsageError("- (standard input) given more than once");
    return {
        target: { preset: o.preset, config: o.config },
        current,
        pssVersion: o.pssVersion,
        format: o.format,
        paths: o.paths,
        exemptionsOut,
        owner,
        expires,
        quiet,
    };
}

/** A calendar date (the form the exemption schema accepts) that exists and is not already past. */
export function checkExpiry(v: string, today: Date): string {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
    if (!m || !d || d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3])
        throw new BadValueError(`--expires must be a calendar date YYYY-MM-DD, got ${JSON.stringify(v)}`);
    if (v < isoDate(today)) throw new BadValueError(`--expires ${v} is already past (today is ${isoDate(today)})`);
    return v;
}

function isoDate(d: Date): string {
    return d.toISOString().slice(0, 10);
}

function addDays(d: Date, days: number): Date {
    return new Date(d.getTime() + days * 86_400_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading exported state

/** The engine's placeholder for a value it cannot know; an encrypted secret is read as one (fail closed). */
const UNKNOWN = [...UNKNOWN_SENTINELS][0];

/** One resource of an exported stack, as Analyze and AnalyzeStack would be handed it. */
export interface ExportedResource extends StackResource {
    /** 1-based line of its `"urn"` in the export file, for SARIF and text. */
    line: number;
    /** What AnalyzeStack reads: the resource's outputs (its inputs when it has none recorded). */
    outputs: JsonObject;
    secrets: SecretValues;
}

export interface ExportedStack {
    file: string;
    /** `project/stack`, from the URNs. */
    stack: string;
    resources: ExportedResource[];
    /** Secrets exported encrypted (without --show-secrets): read as unknown, so judged as the config says. */
    encryptedSecrets: number;
}

/**
 * State form → the engine's wire form: a secret `{sig, plaintext: JSON}` becomes `{sig, value}` (which the adapters
 * see through and the formatter redacts); an encrypted one (`ciphertext`) becomes the unknown placeholder.
 */
function toWire(v: unknown, counts: { encrypted: number }): unknown {
    if (Array.isArray(v)) return v.map((e) => toWire(e, counts));
    if (!isPlainObject(v)) return v;
    if (v[SPECIAL_SIG_KEY] === SECRET_SIG) {
        if (typeof v.plaintext === "string") {
            let value: unknown;
            try {
                value = JSON.parse(v.plaintext);
            } catch {
                value = v.plaintext;
            }
            return { [SPECIAL_SIG_KEY]: SECRET_SIG, value: toWire(value, counts) };
        }
        counts.encrypted++;
        return UNKNOWN;
    }
    const out: JsonObject = {};
    for (const k of Object.keys(v)) out[k] = toWire(v[k], counts) as JsonObject[string];
    return out;
}

/** The secret leaf values of a value in the engine's wire form (`{sig: secret, value}`), as the pack records them. */
function secretValuesIn(wire: unknown): SecretValues {
    const out = new Set<string>();
    collectSecrets(wire, false, out);
    return out.size ? out : NO_SECRETS;
}

/** `urn:pulumi:STACK::PROJECT::…` → `PROJECT/STACK`. */
export function stackOfUrn(urn: string): string | undefined {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    return m ? `${m[2]}/${m[1]}` : undefined;
}

/** The resource name: the URN's last `::` segment. */
function nameOfUrn(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

/** Parses the text of a `pulumi stack export` (deployment version 3). */
export function parseStackExport(file: string, text: string): ExportedStack {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new UnreadableInput(file, `not valid JSON: ${(e as Error).message}`);
    }
    const deployment = isPlainObject(doc) ? doc.deployment : undefined;
    if (!isPlainObject(deployment))
        throw new UnreadableInput(file, "not a `pulumi stack export` file (no deployment object)");
    const states = deployment.resources ?? [];
    if (!Array.isArray(states))
        throw new UnreadableInput(file, "not a `pulumi stack export` file (deployment.resources is not a list)");
    const counts = { encrypted: 0 };
    const byUrn = new Map<string, JsonObject>();
    for (const s of states) if (isPlainObject(s) && typeof s.urn === "string") byUrn.set(s.urn, s);
    const resources: ExportedResource[] = [];
    const lineOf = lineCounter(text);
    // Every resource of a provider names it: its inputs are converted once.
    const providers = new Map<string, StackResource["provider"]>();
    const providerOf = (urn: string): StackResource["provider"] => {
        if (!providers.has(urn)) {
            const state = byUrn.get(urn);
            providers.set(
                urn,
                state && typeof state.type === "string"
                    ? {
                          urn,
                          type: state.type,
                          props: (isPlainObject(state.inputs)
                              ? toWire(state.inputs, { encrypted: 0 })
                              : {}) as JsonObject,
                      }
                    : undefined,
            );
        }
        return providers.get(urn);
    };
    let stack: string | undefined;
    for (const s of states) {
        if (!isPlainObject(s) || typeof s.urn !== "string" || typeof s.type !== "string") continue;
        stack ??= stackOfUrn(s.urn);
        // A resource pending deletion is no longer part of the program: a preview would not judge it.
        if (s.delete === true) continue;
        const props = (isPlainObject(s.inputs) ? toWire(s.inputs, counts) : {}) as JsonObject;
        // Without recorded outputs the stack pass reads the inputs, already converted. Secrets are counted once, from
        // the inputs: the outputs repeat most of them.
        const wireOutputs =
            isPlainObject(s.outputs) && Object.keys(s.outputs).length
                ? (toWire(s.outputs, { encrypted: 0 }) as JsonObject)
                : props;
        const providerRef = typeof s.provider === "string" ? s.provider : undefined;
        const provider = providerRef ? providerOf(providerRef.slice(0, providerRef.lastIndexOf("::"))) : undefined;
        const metadataDeps = isPlainObject(s.propertyDependencies) ? s.propertyDependencies.metadata : undefined;
        const deps = Array.isArray(metadataDeps) ? metadataDeps : Array.isArray(s.dependencies) ? s.dependencies : [];
        const at = text.indexOf(`"urn": ${JSON.stringify(s.urn)}`);
        resources.push({
            urn: s.urn,
            type: s.type,
            name: nameOfUrn(s.urn),
            props,
            outputs: wireOutputs,
            provider,
            dependencies: deps.filter((d): d is string => typeof d === "string"),
            line: at < 0 ? 1 : lineOf(at),
            secrets: secretValuesIn(props),
        });
    }
    return { file, stack: stack ?? path.basename(file, ".json"), resources, encryptedSecrets: counts.encrypted };
}

/**
 * The 1-based line of an offset in `text`. Resources come in file order, so each call counts only the line breaks
 * since the previous offset (from the start again for an earlier one): one pass over the file, not one per resource.
 */
function lineCounter(text: string): (offset: number) => number {
    let at = 0;
    let line = 1;
    return (offset) => {
        if (offset < at) [at, line] = [0, 1];
        for (let i = text.indexOf("\n", at); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
        at = offset;
        return line;
    };
}

// ---------------------------------------------------------------------------------------------------------------
// Judging

export interface AuditFinding {
    stack: string;
    file: string;
    line: number;
    urn: string;
    type: string;
    name: string;
    policy: string;
    check: string;
    enforcementLevel: ReportedLevel;
    message: string;
}

/**
 * One stack's findings under one config, as `pulumi preview` reports them: per resource what Analyze gives (its
 * inputs), then per policy what AnalyzeStack gives over every resource (their outputs). The stack tags a preview
 * hands the pack are not part of an export: tenancy read from stack tags is not seen.
 */
export function judgeExportedStack(s: ExportedStack, policies: readonly ResolvedPolicy[]): AuditFinding[] {
    // Every secret value of the stack, inputs and outputs, for the stack pass's messages.
    const secrets = new Set<string>();
    for (const r of s.resources) for (const v of [...r.secrets, ...secretValuesIn(r.outputs)]) secrets.add(v);
    const resources = s.resources.map((r) => ({ ...r, stackProps: r.outputs }));
    const out: AuditFinding[] = judgeAsPreview(resources, policies, secrets).map(
        ({ resource: r, policy: p, diagnostic: d }) => ({
            stack: s.stack,
            file: s.file,
            line: r.line,
            urn: r.urn,
            type: r.type,
            name: r.name,
            policy: p.def.name,
            check: d.check,
            enforcementLevel: d.advisory ? "advisory" : (p.enforcementLevel as ReportedLevel),
            message: d.message,
        }),
    );
    return out;
}

/** Per stack and policy: what would block under the target config, and what is advisory under today's. */
export interface PolicyTally {
    policy: string;
    wouldBlock: number;
    advisoryToday: number;
    blockingToday: number;
}

/** The pack's policy order, in which each stack's tallies are listed. */
const POLICY_ORDER: ReadonlyMap<string, number> = new Map(resourcePolicies.map((d, i) => [d.name, i] as const));

export interface StackAudit {
    stack: string;
    file: string;
    resources: number;
    encryptedSecrets: number;
    tallies: PolicyTally[];
    /** Findings that would block under the target config. */
    wouldBlock: AuditFinding[];
    /** Findings reported today (under the current config), blocking or advisory. */
    today: AuditFinding[];
}

export function auditStack(
    s: ExportedStack,
    target: readonly ResolvedPolicy[],
    current: readonly ResolvedPolicy[],
): { audit: StackAudit; targetFindings: AuditFinding[] } {
    const targetFindings = judgeExportedStack(s, target);
    const today = judgeExportedStack(s, current);
    const wouldBlock = targetFindings.filter((f) => isBlocking(f.enforcementLevel));
    const tallies = new Map<string, PolicyTally>();
    const tally = (policy: string) => {
        let t = tallies.get(policy);
        if (!t) tallies.set(policy, (t = { policy, wouldBlock: 0, advisoryToday: 0, blockingToday: 0 }));
        return t;
    };
    for (const f of wouldBlock) tally(f.policy).wouldBlock++;
    for (const f of today) {
        if (isBlocking(f.enforcementLevel)) tally(f.policy).blockingToday++;
        else tally(f.policy).advisoryToday++;
    }
    return {
        audit: {
            stack: s.stack,
            file: s.file,
            resources: s.resources.length,
            encryptedSecrets: s.encryptedSecrets,
            tallies: [...tallies.values()].sort(
                (a, b) => (POLICY_ORDER.get(a.policy) ?? 0) - (POLICY_ORDER.get(b.policy) ?? 0),
            ),
            wouldBlock,
            today,
        },
        targetFindings,
    };
}

// ---------------------------------------------------------------------------------------------------------------
// Exemptions

export interface GeneratedExemption {
    id: string;
    checks: string[];
    match: { urn: string };
    reason: string;
    owner: string;
    expires: string;
}

/**
 * The target config with an exemption per policy and blocking resource (its checks, matched by URN: exactly that
 * resource of that stack). Existing entries keep their properties and exemptions; `all` stays a level only, as the
 * engine reads it, so every policy that gets an exemption gets its own entry with its resolved level.
 */
export function withExemptions(
    targetRaw: unknown,
    target: readonly ResolvedPolicy[],
    wouldBlock: Iterable<AuditFinding>,
    meta: { owner: string; expires: string },
): Record<string, unknown> {
    const byPolicy = new Map<string, Map<string, { stack: string; name: string; checks: Set<string> }>>();
    for (const f of wouldBlock) {
        let byUrn = byPolicy.get(f.policy);
        if (!byUrn) byPolicy.set(f.policy, (byUrn = new Map()));
        let e = byUrn.get(f.urn);
        if (!e) byUrn.set(f.urn, (e = { stack: f.stack, name: f.name, checks: new Set() }));
        e.checks.add(f.check);
    }
    const out: Record<string, unknown> = isPlainObject(targetRaw) ? { ...targetRaw } : {};
    for (const p of target) {
        const found = byPolicy.get(p.def.name);
        if (!found) continue;
        const generated: GeneratedExemption[] = [...found.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([urn, e]) => ({
                id: `audit:${e.stack}:${e.name}`,
                checks: [...e.checks].sort(),
                match: { urn },
                reason: REASON_TO_FILL_IN,
                owner: meta.owner,
                expires: meta.expires,
            }));
        const entry = out[p.def.name];
        if (isPlainObject(entry)) {
            const existing = Array.isArray(entry.exemptions) ? entry.exemptions : [];
            out[p.def.name] = { ...entry, exemptions: [...existing, ...generated] };
        } else {
            out[p.def.name] = { enforcementLevel: p.enforcementLevel, exemptions: generated };
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

export interface AuditReport {
    stacks: StackAudit[];
    targetName: string;
    currentName: string;
    inputErrors: { file: string; reason: string }[];
}

/** The policy column of a stack no policy found anything in: every stack judged has its row. */
const NOTHING_FOUND = "(no findings)";

function totals(r: AuditReport) {
    const blockingStacks = r.stacks.filter((s) => s.wouldBlock.length).length;
    const wouldBlock = r.stacks.reduce((n, s) => n + s.wouldBlock.length, 0);
    const resources = new Set(r.stacks.flatMap((s) => s.wouldBlock.map((f) => f.urn))).size;
    const judged = r.stacks.reduce((n, s) => n + s.resources, 0);
    const advisoryToday = r.stacks.reduce((n, s) => n + s.tallies.reduce((m, t) => m + t.advisoryToday, 0), 0);
    return { blockingStacks, wouldBlock, resources, judged, advisoryToday };
}

function summaryLine(r: AuditReport): string {
    const t = totals(r);
    return (
        `${r.stacks.length} stack(s), ${t.judged} resource(s) judged: ${t.wouldBlock} finding(s) on ${t.resources} ` +
        `resource(s) in ${t.blockingStacks} stack(s) would block under ${r.targetName}; ${t.advisoryToday} ` +
        `advisory under ${r.currentName} today` +
        (r.inputErrors.length ? `; ${r.inputErrors.length} input error(s), listed on stderr` : "")
    );
}

function renderText(r: AuditReport): string {
    const lines: string[] = [];
    const rows = r.stacks.flatMap((s) =>
        s.tallies.length
            ? s.tallies.map((t) => [s.stack, t.policy, String(t.wouldBlock), String(t.advisoryToday)])
            : [[s.stack, NOTHING_FOUND, "0", "0"]],
    );
    if (rows.length) {
        const header = ["STACK", "POLICY", "WOULD BLOCK", "ADVISORY TODAY"];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
        for (const row of [header, ...rows])
            lines.push(
                row
                    .map((c, i) => c.padEnd(widths[i]))
                    .join("  ")
                    .trimEnd(),
            );
        lines.push("");
    }
    for (const s of r.stacks) {
        if (s.encryptedSecrets)
            lines.push(
                `${s.stack}: ${s.encryptedSecrets} secret value(s) exported encrypted, judged as unknown; export with --show-secrets`,
            );
        for (const f of s.wouldBlock)
            lines.push(`${s.stack}: ${f.type} "${f.name}": ${f.enforcementLevel} ${f.policy}: ${f.message}`);
    }
    lines.push(summaryLine(r));
    return lines.join("\n") + "\n";
}

function mdCell(s: string): string {
    return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function renderMarkdown(r: AuditReport): string {
    const lines = [`# isolation-guard audit`, "", summaryLine(r) + ".", ""];
    lines.push(
        `| Stack | Policy | Would block (${mdCell(r.targetName)}) | Advisory today (${mdCell(r.currentName)}) |`,
    );
    lines.push("|---|---|---:|---:|");
    for (const s of r.stacks) {
        if (!s.tallies.length) lines.push(`| ${mdCell(s.stack)} | ${NOTHING_FOUND} | 0 | 0 |`);
        for (const t of s.tallies)
            lines.push(`| ${mdCell(s.stack)} | ${t.policy} | ${t.wouldBlock} | ${t.advisoryToday} |`);
    }
    const blocking = r.stacks.filter((s) => s.wouldBlock.length);
    if (blocking.length) {
        lines.push("", "## Would block", "");
        for (const s of blocking) {
            lines.push(`### ${mdCell(s.stack)}`, "", "| Resource | Policy | Check | Finding |", "|---|---|---|---|");
            for (const f of s.wouldBlock)
                lines.push(
                    `| \`${mdCell(f.type)}\` ${mdCell(f.name)} | ${f.policy} | ${f.check} | ${mdCell(f.message)} |`,
                );
            lines.push("");
        }
    }
    return lines.join("\n").trimEnd() + "\n";
}

function renderJson(r: AuditReport): string {
    const strip = ({ stack: _stack, file: _file, ...f }: AuditFinding) => f;
    return (
        JSON.stringify(
            {
                tool: "isolation-guard",
                version: toolVersion(),
                target: r.targetName,
                current: r.currentName,
                totals: totals(r),
                stacks: r.stacks.map((s) => ({
                    stack: s.stack,
                    file: s.file,
                    resources: s.resources,
                    encryptedSecrets: s.encryptedSecrets,
                    policies: s.tallies,
                    wouldBlock: s.wouldBlock.map(strip),
                    today: s.today.map(strip),
                })),
                inputErrors: r.inputErrors,
            },
            null,
            2,
        ) + "\n"
    );
}

/** SARIF through scan's renderer: each finding under the target config, at its resource's line in the export file. */
function renderSarif(r: AuditReport, target: readonly ResolvedPolicy[], targetFindings: AuditFinding[]): string {
    const findings: ScanFinding[] = targetFindings.map((f) => ({
        file: f.file,
        line: f.line,
        kind: f.type,
        name: f.name,
        policy: f.policy,
        check: f.check,
        enforcementLevel: f.enforcementLevel,
        message: `${f.message} (${f.urn})`,
    }));
    return renderReport("sarif", {
        findings,
        resources: [],
        files: r.stacks.length,
        policies: target.filter((p) => p.enforcementLevel !== "disabled"),
        toolVersion: toolVersion(),
        inputErrors: r.inputErrors,
        warnings: [],
    });
}

// ---------------------------------------------------------------------------------------------------------------
// The command

/** Every export file under the paths: files as given, directories recursively (.json), sorted. */
function exportFiles(paths: readonly string[]): string[] {
    return filesUnder(paths, EXPORT_EXTENSIONS);
}

const EXPORT_EXTENSIONS: ReadonlySet<string> = new Set([".json"]);

function resolveConfig(
    which: { preset?: string; config?: string },
    fallbackPreset: string,
    pssVersion: string | undefined,
): { raw: unknown; policies: ResolvedPolicy[]; name: string } {
    const preset = which.config ? undefined : (which.preset ?? fallbackPreset);
    const raw = preset ? loadConfigFile(presetPath(preset)) : loadConfigFile(which.config!);
    const policies = resolvePackConfig(resourcePolicies, raw, pssVersion ? { pssVersion } : {});
    return { raw, policies, name: preset ? `preset ${preset}` : which.config! };
}

export interface AuditIo extends Io {
    /** The clock, for generated expiry dates (tests pin it). */
    now?(): Date;
}

/** Runs `audit` with its arguments (after the subcommand); returns the exit code. */
export function audit(argv: readonly string[], io: AuditIo): number {
    if (wantsHelp(argv)) {
        io.stdout(`${auditUsage()}\n`);
        return 0;
    }
    const today = io.now ? io.now() : new Date();
    let o: Options;
    let target: ReturnType<typeof resolveConfig>;
    let current: ReturnType<typeof resolveConfig>;
    try {
        o = parseArgs(argv, today);
        target = resolveConfig(o.target, "default", o.pssVersion);
        current = resolveConfig(o.current, "advisory", o.pssVersion);
    } catch (e) {
        if (e instanceof UnreadableInput || e instanceof PackConfigError || e instanceof BadValueError) {
            io.stderr(`isolation-guard audit: ${e.message}\n`);
            return 2;
        }
        if (e instanceof UsageError) {
            io.stderr(`isolation-guard audit: ${e.message}\n${auditUsage()}\n`);
            return 2;
        }
        throw e;
    }
    const report: AuditReport = {
        stacks: [],
        targetName: target.name,
        currentName: current.name,
        inputErrors: [],
    };
    const targetFindings: AuditFinding[] = [];
    const sources: { file: string; read: () => string }[] = [];
    for (const p of o.paths) {
        if (p === "-") {
            sources.push({ file: "<stdin>", read: () => (io.stdin ?? (() => fs.readFileSync(0, "utf8")))() });
            continue;
        }
        try {
            for (const f of exportFiles([p])) sources.push({ file: f, read: () => fs.readFileSync(f, "utf8") });
        } catch (e) {
            if (!(e instanceof UnreadableInput)) throw e;
            report.inputErrors.push({ file: e.file, reason: e.reason });
        }
    }
    const started = Date.now();
    let lastProgress = started;
    // One file at a time: its text and resources are dropped once judged, so memory grows with the findings only.
    sources.forEach((src, i) => {
        let text: string;
        try {
            text = src.read();
        } catch (e) {
            report.inputErrors.push({ file: src.file, reason: (e as Error).message });
            return;
        }
        let stack: ExportedStack;
        try {
            stack = parseStackExport(src.file, text);
        } catch (e) {
            if (!(e instanceof UnreadableInput)) throw e;
            report.inputErrors.push({ file: e.file, reason: e.reason });
            return;
        }
        const judged = auditStack(stack, target.policies, current.policies);
        // Only JSON lists today's findings one by one; the other formats need their tallies alone.
        if (o.format !== "json") judged.audit.today = [];
        report.stacks.push(judged.audit);
        if (o.format === "sarif") targetFindings.push(...judged.targetFindings);
        const now = Date.now();
        if (!o.quiet && sources.length > 1 && (now - lastProgress >= 2000 || i + 1 === sources.length)) {
            lastProgress = now;
            io.stderr(
                `isolation-guard audit: ${i + 1}/${sources.length} stack(s) judged in ${((now - started) / 1000).toFixed(1)} s\n`,
            );
        }
    });
    if (sources.length === 0 && report.inputErrors.length === 0)
        report.inputErrors.push({ file: o.paths.join(" "), reason: "no .json export files in it" });
    switch (o.format) {
        case "text":
            io.stdout(renderText(report));
            break;
        case "markdown":
            io.stdout(renderMarkdown(report));
            break;
        case "json":
            io.stdout(renderJson(report));
            break;
        case "sarif":
            io.stdout(renderSarif(report, target.policies, targetFindings));
            break;
    }
    if (o.exemptionsOut) {
        const config = withExemptions(
            target.raw,
            target.policies,
            report.stacks.flatMap((s) => s.wouldBlock),
            { owner: o.owner, expires: o.expires ?? isoDate(addDays(today, DEFAULT_EXEMPTION_DAYS)) },
        );
        // Self-check: the file must be one the pack accepts as is (the same resolution `pulumi preview` applies).
        resolvePackConfig(resourcePolicies, config);
        try {
            fs.writeFileSync(o.exemptionsOut, JSON.stringify(config, null, 2) + "\n");
        } catch (e) {
            io.stderr(`isolation-guard audit: cannot write ${o.exemptionsOut}: ${(e as Error).message}\n`);
            return 2;
        }
        const count = new Set(report.stacks.flatMap((s) => s.wouldBlock.map((f) => `${f.policy} ${f.urn}`))).size;
        io.stderr(
            `isolation-guard audit: wrote ${o.exemptionsOut} with ${count} new exemption(s); fill in each reason before enabling it\n`,
        );
    }
    for (const u of report.inputErrors) io.stderr(`isolation-guard audit: cannot read ${u.file}: ${u.reason}\n`);
    if (report.inputErrors.length) return 2;
    return report.stacks.some((s) => s.wouldBlock.length) ? 1 : 0;
}
