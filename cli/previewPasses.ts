// What `pulumi preview` runs over a set of resources, for the commands that judge resources outside the engine
// (`scan`'s manifests, `audit`'s exported state): each resource through every enabled policy as Analyze does, leaving
// to the stack pass what other resources decide (a RuntimeClass's handler, a Fargate profile), then each policy's stack
// pass over all of them as AnalyzeStack does. One place, so both commands defer exactly what the pack defers.
import { judgeResource, judgeStack } from "../engine/pipeline";
import { SecretValues } from "../engine/format";
import { Diagnostic } from "../engine/types";
import { providerNamespaceOf } from "../adapters/shared/namespace";
import { JsonObject } from "../model/read";
import { StackResource } from "../model/stack";
import { ResolvedPolicy } from "./packConfig";

/** One resource as a preview would see it. */
export interface PreviewResource extends StackResource {
    /** What the stack pass reads (AnalyzeStack hands the outputs); the inputs (`props`) when unset. */
    stackProps?: JsonObject;
    /** Secret values among its inputs, kept out of its messages. */
    secrets?: SecretValues;
}

export interface PreviewFinding<R> {
    resource: R;
    policy: ResolvedPolicy;
    diagnostic: Pick<Diagnostic, "check" | "message" | "advisory">;
}

/**
 * Every finding of the enabled policies over `resources`: the resource pass's, resource by resource, then the stack
 * pass's, each on the resource it names (`stackSecrets`: every secret value of the stack, for the stack's messages).
 */
export function judgeAsPreview<R extends PreviewResource>(
    resources: readonly R[],
    policies: readonly ResolvedPolicy[],
    stackSecrets?: SecretValues,
): PreviewFinding<R>[] {
    const enabled = policies.filter((p) => p.enforcementLevel !== "disabled");
    const out: PreviewFinding<R>[] = [];
    for (const r of resources) {
        const judged = judgeResource(r, enabled, {
            secrets: r.secrets,
            noted: new Set<string>(),
            context: { deferToStack: true },
            exemptions: { urn: r.urn, resourceName: r.name, providerNamespace: providerNamespaceOf(r.provider) },
        });
        for (const { run, diagnostic } of judged) out.push({ resource: r, policy: run, diagnostic });
    }
    const byUrn = new Map(resources.map((r) => [r.urn, r] as const));
    const stack = resources.map((r) => ({ ...r, props: r.stackProps ?? r.props }));
    for (const { run, diagnostic } of judgeStack(stack, enabled, { secrets: stackSecrets, deferredToStack: true })) {
        const r = byUrn.get(diagnostic.urn);
        if (r) out.push({ resource: r, policy: run, diagnostic });
    }
    return out;
}
