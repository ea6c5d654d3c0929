// `isolation-guard verify`: runs each container of the manifests (read as `scan` reads them) under the OCI runtime
// its workload names — runc or runsc (gVisor) — with a probe that reports what the kernel grants, and prints that
// boundary beside the pack's verdicts and its tenancy verdict. Root only. Exit codes and labels: docs/verify.md,
// "What the output says" (exitCodeOf, renderText).
import {
    Io,
    loadConfigFile,
    Manifest,
    manifestFiles,
    manifestUrn,
    presetPath,
    readManifests,
    UnreadableInput,
} from "../cli/scan";
import { CommonOptions, parseCommonArgs, UsageError } from "../cli/args";
import { PackConfigError, resolvePackConfig, ResolvedPolicy } from "../cli/packConfig";
import { resourcePolicies } from "../policies";
import { ContainerResult, readiness, Verifier } from "./verify";
import { TENANCY_CHECKS, TenancyVerdict } from "./judge";

export const USAGE = `usage: isolation-guard verify [--preset NAME | --config FILE] [--pss-version latest|v1.N] [--runtime-map NAME=RUNTIME]... [--format text|json] PATH...

Runs every container of the Kubernetes manifests under the OCI runtime its workload names (runtimeClassName → the
RuntimeClass handler among the manifests, or --runtime-map NAME=RUNTIME; none: runc) with a busybox probe, and
prints what the kernel grants it beside the pack's verdicts. Host paths are never mounted: stand-in directories
take their place. Needs root, busybox-static, and runc and/or runsc. Exit code: 1 if a multi-tenant container is on
the host's kernel (by the pack's verdict or by measurement) or a measurement contradicts a verdict; else 2 on bad
usage, unreadable input, missing root/runtime/busybox or a container that could not be measured; else 0.`;

interface Options extends CommonOptions<"text" | "json"> {
    runtimeMap: Map<string, string>;
}

function parseArgs(argv: readonly string[]): Options {
    const runtimeMap = new Map<string, string>();
    const o = parseCommonArgs(argv, ["text", "json"] as const, (flag, take) => {
        if (flag !== "--runtime-map") return false;
        const m = /^([^=\s]+)=([^=\s]+)$/.exec(take());
        if (!m) throw new UsageError("--runtime-map takes NAME=RUNTIME, e.g. gvisor=runsc");
        runtimeMap.set(m[1], m[2]);
        return true;
    });
    return { ...o, runtimeMap };
}

export interface VerifyEntry {
    file: string;
    kind: string;
    name: string;
    container: string;
    runtime: string;
    sharesHostKernel: boolean | null;
    capabilities: string[] | null;
    noNewPrivileges: boolean | null;
    seccomp: string | null;
    runAsUser: number | null;
    hostNamespaces: string[] | null;
    hostPathsReachable: string[] | null;
    devices: number | null;
    verdict: Array<{ policy: string; check: string; level: string }>;
    /** Beyond the issue's fields: more of the measurement, and what did not agree or could not be measured. */
    effectiveCapabilities: string[] | null;
    hostPathsWritable: string[] | null;
    kernel: string | null;
    multiTenant: boolean;
    /** The pack's tenancy verdict, for every container (started, refused or not measured alike). */
    tenancy: TenancyVerdict;
    /** Why a multi-tenant container is on the host's kernel: the pack's verdict, the measurement, or both. */
    hostKernel: string[];
    /** Measurements that disagree with a verdict; nothing else. */
    contradictions: string[];
    refused?: string;
    unmeasured?: string;
    notes: string[];
}

export function entryOf(r: ContainerResult, m: Pick<Manifest, "file" | "kind" | "name">): VerifyEntry {
    const b = r.boundary;
    return {
        file: m.file,
        kind: m.kind,
        name: m.name,
        container: r.container,
        runtime: r.runtime,
        sharesHostKernel: b ? b.sharesHostKernel : null,
        capabilities: b ? b.capabilities : null,
        noNewPrivileges: b ? b.noNewPrivileges : null,
        seccomp: b ? b.seccomp : null,
        runAsUser: b ? b.runAsUser : null,
        hostNamespaces: b ? b.hostNamespaces : null,
        hostPathsReachable: b ? b.hostPathsReachable : null,
        devices: b ? b.devices : null,
        verdict: r.verdict,
        effectiveCapabilities: b ? b.effectiveCapabilities : null,
        hostPathsWritable: b ? b.hostPathsWritable : null,
        kernel: b ? b.kernel : null,
        multiTenant: r.multiTenant,
        tenancy: r.tenancy,
        hostKernel: r.multiTenant
            ? [
                  ...(r.tenancy === "on the host's kernel"
                      ? [
                            `the pack's verdict: ${r.verdict
                                .filter((v) => TENANCY_CHECKS.includes(v.check))
                                .map((v) => v.check)
                                .join(", ")} failed`,
                        ]
                      : []),
                  ...(b?.sharesHostKernel ? [`measured: kernel ${b.kernel}, the host's, under ${b.runtime}`] : []),
              ]
            : [],
        contradictions: r.agreements
            .filter((a) => a.outcome === "disagree")
            .map((a) => `${a.check} ${a.failed ? "failed" : "passed"}, but measured ${a.detail}`),
        ...(r.refused ? { refused: r.refused } : {}),
        ...(r.unmeasured ? { unmeasured: r.unmeasured } : {}),
        notes: r.notes,
    };
}

const TENANCY_LINE: Record<TenancyVerdict, string> = {
    "not multi-tenant": "not multi-tenant",
    sandboxed: "multi-tenant, sandboxed",
    "on the host's kernel": "multi-tenant, on the host's kernel",
};

/** The text output; its labels are docs/verify.md's. */
export function renderText(entries: readonly VerifyEntry[]): string {
    const lines: string[] = [];
    const list = (xs: readonly string[] | null) => (xs && xs.length ? xs.join(", ") : "none");
    for (const e of entries) {
        lines.push(`${e.file}: ${e.kind} "${e.name}" container "${e.container}" [${e.runtime}]`);
        if (e.refused) lines.push(`  not started: ${e.refused}`);
        else if (e.unmeasured) lines.push(`  not measured: ${e.unmeasured}`);
        else {
            lines.push(
                `  kernel ${e.kernel} (${e.sharesHostKernel ? "the host's" : "not the host's"}); uid ${e.runAsUser}; no_new_privs ${e.noNewPrivileges ?? "not reported"}; seccomp ${e.seccomp ?? "not reported"}; ${e.devices} device nodes`,
                `  capabilities: ${list(e.capabilities)}`,
                `  host namespaces: ${list(e.hostNamespaces)}; host paths reachable: ${list(e.hostPathsReachable)}${e.hostPathsWritable?.length ? ` (writable: ${e.hostPathsWritable.join(", ")})` : ""}`,
            );
        }
        lines.push(`  verdicts: ${e.verdict.map((v) => `${v.policy}/${v.check} ${v.level}`).join("; ") || "none"}`);
        lines.push(`  tenancy: ${TENANCY_LINE[e.tenancy]}`);
        for (const h of e.hostKernel) lines.push(`  MULTI-TENANT ON HOST KERNEL: ${h}`);
        for (const c of e.contradictions) lines.push(`  CONTRADICTION: ${c}`);
        for (const n of e.notes) lines.push(`  note: ${n}`);
    }
    const contradicted = entries.filter((e) => e.contradictions.length).length;
    const measured = entries.filter((e) => !e.unmeasured && !e.refused).length;
    lines.push(
        `${entries.length} container(s): ${measured} measured, ${entries.filter((e) => e.refused).length} not started by their platform, ${entries.filter((e) => e.unmeasured).length} not measured; ${entries.filter((e) => e.hostKernel.length).length} multi-tenant on the host's kernel; ${contradicted} with a contradiction`,
    );
    return lines.join("\n") + "\n";
}

/**
 * docs/verify.md: 1 when a multi-tenant container is on the host's kernel (the pack's verdict or the measurement) or
 * a measurement contradicts a verdict; else 2 when a container could not be measured; else 0. A container its
 * platform would not start is a result, not a failure to measure.
 */
export function exitCodeOf(entries: readonly VerifyEntry[]): number {
    if (entries.some((e) => e.hostKernel.length || e.contradictions.length)) return 1;
    return entries.some((e) => e.unmeasured) ? 2 : 0;
}

/** Runs `verify` with its arguments (after the subcommand); resolves to the exit code. */
export async function verify(argv: readonly string[], io: Io): Promise<number> {
    let o: Options;
    try {
        o = parseArgs(argv);
    } catch (e) {
        io.stderr(`isolation-guard verify: ${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    const ready = readiness();
    if (ready.problem) {
        io.stderr(`isolation-guard verify: ${ready.problem}\n`);
        return 2;
    }
    let policies: ResolvedPolicy[];
    const manifests: Manifest[] = [];
    try {
        const raw = o.preset ? loadConfigFile(presetPath(o.preset)) : o.config ? loadConfigFile(o.config) : {};
        policies = resolvePackConfig(resourcePolicies, raw, o.pssVersion ? { pssVersion: o.pssVersion } : {});
        for (const f of manifestFiles(o.paths)) manifests.push(...readManifests(f));
    } catch (e) {
        if (e instanceof UnreadableInput || e instanceof PackConfigError || e instanceof Error) {
            io.stderr(`isolation-guard verify: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
    const byUrn = new Map(manifests.map((m) => [manifestUrn(m), m] as const));
    const verifier = new Verifier(ready, { runtimeMap: o.runtimeMap });
    // Interrupted: no container or stand-in may outlive the command.
    const interrupted = (signal: NodeJS.Signals) => {
        verifier.abort();
        io.stderr(`isolation-guard verify: ${signal}: containers deleted, stopped\n`);
        process.exit(130);
    };
    process.once("SIGINT", interrupted);
    process.once("SIGTERM", interrupted);
    let entries: VerifyEntry[];
    try {
        const results = await verifier.verify(
            manifests.map((m) => ({ urn: manifestUrn(m), type: m.type, name: m.name, props: m.props })),
            policies,
        );
        entries = results.map((r) => entryOf(r, byUrn.get(r.urn) as Manifest));
    } finally {
        process.removeListener("SIGINT", interrupted);
        process.removeListener("SIGTERM", interrupted);
        verifier.close();
    }
    io.stdout(o.format === "json" ? JSON.stringify(entries, null, 2) + "\n" : renderText(entries));
    for (const e of entries.filter((x) => x.unmeasured))
        io.stderr(`isolation-guard verify: ${e.name}/${e.container} not measured: ${e.unmeasured}\n`);
    return exitCodeOf(entries);
}
