// The one judging pipeline: resources → workloads → evaluate() per policy → diagnostics, and a stack → each policy's
// evaluateStack(). The pack's policies (engine/policy.ts), remediation, the scan CLI, the verifier and the tests'
// helpers all judge through these, so they cannot drift apart.
import { toWorkloads } from "../adapters";
import { customResourcePodSpecsOf, CustomResourcePodSpecs } from "../adapters/crd";
import { stackModelOf } from "../adapters/stack";
import { JsonObject } from "../model/read";
import { StackModel, StackResource } from "../model/stack";
import { Workload } from "../model/workload";
import type { Diagnostic, PolicyConfig, PolicyDefinition, StackContext } from "./types";
import { evaluate, runsOnStack } from "./evaluate";
import { evaluateStack, StackDiagnostic } from "./stack";
import { NO_SECRETS, SecretValues } from "./format";
import type { ExemptionContext } from "./exemptions";

/** A policy with the config it runs under (the pack's per-policy config, or a resolved --policy-pack-config entry). */
export interface PolicyRun {
    def: PolicyDefinition;
    config: PolicyConfig;
}

/** A diagnostic with the policy run that produced it. */
export interface Judged<P extends PolicyRun, D> {
    run: P;
    diagnostic: D;
}

/** One resource as the engine (or a manifest file) hands it over. */
export interface ResourceInput {
    type: string;
    /** The Pulumi resource name (or, for manifests, metadata.name). */
    name: string;
    props: JsonObject;
}

/** Maps a resource to workloads; `toWorkloads` afresh by default, the pack's per-request cache (`workloadsOf`) in the pack. */
export type WorkloadMapper = (
    type: string,
    name: string,
    props: JsonObject,
    podSpecs?: readonly CustomResourcePodSpecs[],
) => Workload[];

export interface JudgeOptions {
    secrets?: SecretValues;
    /**
     * Unknown fields already noted for this resource, shared by every policy judged with it so each is noted once;
     * absent: each policy notes every unknown field.
     */
    noted?: Set<string>;
    /** What is known of the stack beyond the resource: its tags, and in AnalyzeStack its Namespaces. */
    context?: StackContext;
    /** Exemptions: who the resource is (URN, Pulumi name; absent for a caller that has none), the clock, the usage record. */
    exemptions?: ExemptionContext;
    mapWorkloads?: WorkloadMapper;
}

/** Every policy's diagnostics for the same workloads, in policy order. */
export function judgeWorkloads<P extends PolicyRun>(
    workloads: readonly Workload[],
    runs: readonly P[],
    options: Omit<JudgeOptions, "mapWorkloads"> = {},
): Judged<P, Diagnostic>[] {
    if (!workloads.length) return [];
    return runs.flatMap((run) => judgeWith(run, workloads, options).map((diagnostic) => ({ run, diagnostic })));
}

function judgeWith(run: PolicyRun, workloads: readonly Workload[], options: JudgeOptions): Diagnostic[] {
    return evaluate({
        policy: run.def,
        workloads,
        config: run.config,
        secrets: options.secrets ?? NO_SECRETS,
        noted: options.noted,
        context: options.context,
        exemptions: options.exemptions,
    });
}

/**
 * Every policy's diagnostics for one resource, as the pack's Analyze reports them: each policy maps the resource with
 * its own `customResourcePodSpecs` (once per distinct list) and judges the workloads.
 */
export function judgeResource<P extends PolicyRun>(
    resource: ResourceInput,
    runs: readonly P[],
    options: JudgeOptions = {},
): Judged<P, Diagnostic>[] {
    const map = options.mapWorkloads ?? toWorkloads;
    const byPodSpecs = new Map<string, Workload[]>();
    const workloadsFor = (config: PolicyConfig): Workload[] => {
        const podSpecs = customResourcePodSpecsOf(config.customResourcePodSpecs);
        const key = podSpecs ? JSON.stringify(podSpecs) : "";
        let ws = byPodSpecs.get(key);
        if (!ws) byPodSpecs.set(key, (ws = map(resource.type, resource.name, resource.props, podSpecs)));
        return ws;
    };
    const out: Judged<P, Diagnostic>[] = [];
    for (const run of runs) {
        const workloads = workloadsFor(run.config);
        if (!workloads.length) continue;
        for (const diagnostic of judgeWith(run, workloads, options)) out.push({ run, diagnostic });
    }
    return out;
}

export interface StackJudgeOptions {
    secrets?: SecretValues;
    stackTags?: Readonly<Record<string, string>>;
    exemptions?: Pick<ExemptionContext, "now" | "usage">;
    /** The resource pass deferred to this one what other resources decide (JudgeOptions.context.deferToStack). */
    deferredToStack?: boolean;
}

/**
 * The stack-wide part of every policy that has one (runsOnStack), as the pack's AnalyzeStack reports it, over the
 * stack's resources (or their model, when the caller has built it).
 */
export function judgeStack<P extends PolicyRun>(
    stack: readonly StackResource[] | StackModel,
    runs: readonly P[],
    options: StackJudgeOptions = {},
): Judged<P, StackDiagnostic>[] {
    const onStack = runs.filter((run) => runsOnStack(run.def));
    if (!onStack.length) return [];
    const model = isStackModel(stack) ? stack : stackModelOf(stack);
    return onStack.flatMap((run) =>
        evaluateStack(
            run.def,
            model,
            run.config,
            options.secrets ?? NO_SECRETS,
            options.stackTags ?? {},
            options.exemptions ?? {},
            options.deferredToStack === true,
        ).map((diagnostic) => ({ run, diagnostic })),
    );
}

function isStackModel(stack: readonly StackResource[] | StackModel): stack is StackModel {
    return !Array.isArray(stack);
}
