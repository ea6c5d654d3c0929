// The pack's verdicts per container, for the workloads the verifier measures: the same judging pipeline
// (engine/pipeline.ts) the pack and `scan` run, kept per container (a stack finding applies to each container of the
// resource it names), with the check options each policy ran under (the oracle needs e.g. the escalation rule).
import { namespaceLabelsOf, stackModelOf } from "../adapters/stack";
import { CheckOptions } from "../engine/types";
import { activeChecksOf, enabledChecks, optionsFor } from "../engine/evaluate";
import { ResolvedPolicy } from "../cli/packConfig";
import { judgeStack, judgeWorkloads } from "../engine/pipeline";
import { tenancyOf } from "../engine/tenancy";
import { StackModel, StackResource } from "../model/stack";
import { Container, Workload } from "../model/workload";

export interface Verdict {
    policy: string;
    check: string;
    level: "advisory" | "mandatory" | "remediate";
}

/** The checks whose failing verdict says a multi-tenant workload runs on a kernel it shares (the host's). */
export const TENANCY_CHECKS: readonly string[] = ["sandboxedRuntime", "sandboxRuntimeClass", "tenantSharedHost"];

/**
 * The tenancy verdict: the pack's judgement of the resource (docs/verify.md, "What the output says"), given for
 * every container whether or not the probe can start it — a container its platform would not start with the probe
 * image's user may well start with the real image's.
 */
export type TenancyVerdict = "not multi-tenant" | "sandboxed" | "on the host's kernel";

export function tenancyVerdictOf(multiTenant: boolean, verdicts: readonly Verdict[]): TenancyVerdict {
    if (!multiTenant) return "not multi-tenant";
    return verdicts.some((v) => TENANCY_CHECKS.includes(v.check)) ? "on the host's kernel" : "sandboxed";
}

export interface JudgedContainer {
    urn: string;
    workload: Workload;
    container: Container;
    verdicts: Verdict[];
    multiTenant: boolean;
    tenancy: TenancyVerdict;
    /** Checks in force (switched on, enabled policy; replaced twins included), with the options they ran under. */
    inForce: Map<string, CheckOptions>;
}

export interface Judgement {
    stack: StackModel;
    containers: JudgedContainer[];
}

export function judge(resources: readonly StackResource[], policies: readonly ResolvedPolicy[]): Judgement {
    const stack = stackModelOf(resources);
    const enabled = policies.filter((p) => p.enforcementLevel !== "disabled");
    const namespaceLabels = namespaceLabelsOf(stack);
    const inForce = new Map<string, CheckOptions>();
    for (const p of enabled) {
        const options = optionsFor(p.def, p.config);
        for (const id of activeChecksOf(p.def, p.config)) inForce.set(id, options);
        for (const c of enabledChecks(p.def, p.config)) inForce.set(c.id, options);
    }
    const tenancyOptions = enabled.find((p) => p.def.name === "multi-tenant-isolation");
    const tenancyContext = {
        ...(tenancyOptions ? optionsFor(tenancyOptions.def, tenancyOptions.config) : optionsFor(policies[0].def, {})),
        namespaceLabels,
    };
    const level = (p: ResolvedPolicy, advisory: boolean): Verdict["level"] =>
        advisory ? "advisory" : (p.enforcementLevel as Verdict["level"]);
    const stackVerdicts = new Map<string, Verdict[]>();
    for (const { run: p, diagnostic: d } of judgeStack(
        stack,
        enabled.filter((x) => x.def.stackChecks?.length),
    )) {
        const list = stackVerdicts.get(d.urn) ?? [];
        list.push({ policy: p.def.name, check: d.check, level: level(p, d.advisory) });
        stackVerdicts.set(d.urn, list);
    }
    const out: JudgedContainer[] = [];
    for (const sw of stack.workloads) {
        const w = sw.workload;
        // No shared noted set: each policy notes its own unknown fields, as the verdicts are kept per policy.
        const diagnostics = judgeWorkloads([w], enabled, { context: { namespaceLabels } }).map(
            ({ run: p, diagnostic: d }) => ({ p, d }),
        );
        const multiTenant = tenancyOf(w, tenancyContext).multiTenant;
        for (const c of w.containers) {
            const verdicts: Verdict[] = diagnostics
                .filter(({ d }) => d.container === undefined || d.container === c.name)
                .map(({ p, d }) => ({ policy: p.def.name, check: d.check, level: level(p, d.advisory) }));
            verdicts.push(...(stackVerdicts.get(sw.urn) ?? []));
            // sandboxRuntimeClass reports the RuntimeClass; its verdict is about the workloads that name it.
            const rc =
                w.platform !== "docker" && w.runtime
                    ? stack.runtimeClasses.find((x) => x.name === w.runtime?.value)
                    : undefined;
            if (rc && multiTenant)
                verdicts.push(...(stackVerdicts.get(rc.urn) ?? []).filter((v) => v.check === "sandboxRuntimeClass"));
            const judged = dedupe(verdicts);
            const tenancy = tenancyVerdictOf(multiTenant, judged);
            out.push({ urn: sw.urn, workload: w, container: c, verdicts: judged, multiTenant, tenancy, inForce });
        }
    }
    return { stack, containers: out };
}

function dedupe(vs: Verdict[]): Verdict[] {
    const seen = new Set<string>();
    return vs.filter((v) => {
        const k = `${v.policy}\0${v.check}\0${v.level}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
    });
}
