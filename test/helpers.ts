// In-process judging through the same pipeline the pack uses (engine/pipeline.ts: adapters → checks → evaluate), for
// fast unit tests.
import { Diagnostic, PolicyConfig } from "../engine/types";
import { resourcePolicies } from "../policies";
import { judgeResource, judgeStack as judgeStackOf, PolicyRun } from "../engine/pipeline";
import { StackDiagnostic } from "../engine/stack";
import { StackResource } from "../model/stack";

export type PackConfig = Record<string, PolicyConfig>;

/** Every policy of the pack with its config from `config` (none: the defaults). */
function runsOf(config: PackConfig): PolicyRun[] {
    return resourcePolicies.map((def) => ({ def, config: config[def.name] ?? {} }));
}

/** All diagnostics of every policy for one resource. */
export function judge(
    type: string,
    props: Record<string, unknown>,
    config: PackConfig = {},
    name = "res",
    stackTags: Record<string, string> = {},
): Diagnostic[] {
    // Custom resources read each policy's own `customResourcePodSpecs`, as the pack does.
    return judgeResource({ type, name, props }, runsOf(config), {
        noted: new Set<string>(),
        context: { stackTags },
    }).map((j) => j.diagnostic);
}

/** A resource of a stack for judgeStack; the URN defaults to the harness's `urnOf(type, name)`. */
export interface StackInput {
    type: string;
    name: string;
    props: Record<string, unknown>;
    urn?: string;
    provider?: StackResource["provider"];
    dependencies?: string[];
    parent?: string;
}

export function stackUrn(type: string, name: string): string {
    return `urn:pulumi:dev::test::${type}::${name}`;
}

/**
 * What the engine would report for a whole stack: Analyze per resource (with the stack tags), then AnalyzeStack.
 * `resource` and `stack` are kept apart so tests can assert where a finding comes from (and that it comes once).
 */
export function judgeStack(
    inputs: StackInput[],
    config: PackConfig = {},
    stackTags: Record<string, string> = {},
): { resource: Diagnostic[]; stack: StackDiagnostic[] } {
    const resources: StackResource[] = inputs.map((i) => ({
        urn: i.urn ?? stackUrn(i.type, i.name),
        type: i.type,
        name: i.name,
        props: i.props,
        provider: i.provider,
        dependencies: i.dependencies,
        ...(i.parent ? { parent: i.parent } : {}),
    }));
    // As the pack: the resource pass leaves to the stack pass what other resources of the stack decide.
    const resource = inputs.flatMap((i) =>
        judgeResource({ type: i.type, name: i.name, props: i.props }, runsOf(config), {
            noted: new Set<string>(),
            context: { stackTags, deferToStack: true },
        }).map((j) => j.diagnostic),
    );
    const stack = judgeStackOf(resources, runsOf(config), { stackTags, deferredToStack: true }).map(
        (j) => j.diagnostic,
    );
    return { resource, stack };
}

/** The check IDs reported (sorted, with repeats), the usual assertion target. */
export function checkIds(type: string, props: Record<string, unknown>, config: PackConfig = {}): string[] {
    return judge(type, props, config)
        .map((d) => d.check)
        .sort();
}
