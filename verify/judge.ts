// The pack's verdicts per container, for the workloads the verifier measures: the same evaluate() and
// evaluateStack() the pack and `scan` run, kept per container (a stack finding applies to each container of the
// resource it names), with the check options each policy ran under (the oracle needs e.g. the escalation rule).
import { namespaceLabelsOf, stackModelOf } from "../adapters/stack";
import { CheckOptions } from "../engine/types";
import { enabledChecks, evaluate, optionsFor } from "../engine/evaluate";
import { NO_SECRETS } from "../engine/format";
import { ResolvedPolicy } from "../engine/packConfig";
import { evaluateStack } from "../engine/stack";
import { tenancyOf } from "../engine/tenancy";
import { StackModel, StackResource } from "../model/stack";
import { Container, Workload } from "../model/workload";

export interface Verdict {
    policy: string;
    check: string;
    level: "advisory" | "mandatory" | "remediate";
}

export interface JudgedContainer {
    urn: string;
    workload: Workload;
    container: Container;
    verdicts: Verdict[];
    multiTenant: boolean;
    /** Checks that ran (switched on, enabled policy), with the options they ran under. */
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
        const options = { ...optionsFor(p.def, p.config), namespaceLabels };
        for (const id of options.activeChecks) inForce.set(id, options);
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
    for (const p of enabled.filter((x) => x.def.stackChecks?.length)) {
        for (const d of evaluateStack(p.def, stack, p.config, NO_SECRETS, {})) {
            const list = stackVerdicts.get(d.urn) ?? [];
            list.push({ policy: p.def.name, check: d.check, level: level(p, d.advisory) });
            stackVerdicts.set(d.urn, list);
        }
    }
    const out: JudgedContainer[] = [];
    for (const sw of stack.workloads) {
        const w = sw.workload;
        const diagnostics = enabled.flatMap((p) =>
            evaluate(p.def, [w], p.config, NO_SECRETS, new Set(), { namespaceLabels }).map((d) => ({ p, d })),
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
            out.push({ urn: sw.urn, workload: w, container: c, verdicts: dedupe(verdicts), multiTenant, inForce });
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
