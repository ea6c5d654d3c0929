// Turns a PolicyDefinition into the @pulumi/policy object the engine calls. The only place that knows the engine API.
import { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { workloadsOf } from "../adapters";
import { configSchemaOf, Diagnostic, evaluate, PolicyConfig, PolicyDefinition } from "./evaluate";
import { rawProps, secretsOf } from "./hooks";

/** The object form of reportViolation (supported by @pulumi/policy's server, absent from its typings). */
interface ViolationInfo {
    message: string;
    enforcementLevel?: "advisory";
}

/** Unknown fields already noted for a resource, so a preview shows each once however many policies defer on it. */
const notedUnknowns = new WeakMap<object, Set<string>>();

export function report(reportViolation: ReportViolation, d: Diagnostic, urn?: string): void {
    if (d.advisory) {
        const info: ViolationInfo = { message: d.message, enforcementLevel: "advisory" };
        (reportViolation as unknown as (info: ViolationInfo, urn?: string) => void)(info, urn);
    } else {
        reportViolation(d.message, urn);
    }
}

export function resourcePolicy(def: PolicyDefinition): ResourceValidationPolicy {
    return {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        severity: def.severity,
        remediationSteps: def.remediationSteps,
        configSchema: configSchemaOf(def),
        validateResource: (args, reportViolation) => {
            const raw = rawProps(args.props);
            let diagnostics: Diagnostic[];
            try {
                const workloads = workloadsOf(args.type, args.name, raw);
                if (!workloads.length) return;
                let noted = notedUnknowns.get(raw);
                if (!noted) notedUnknowns.set(raw, (noted = new Set()));
                diagnostics = evaluate(def, workloads, args.getConfig<PolicyConfig>(), secretsOf(raw), noted);
            } catch (e) {
                // Never fail a preview with a stack trace, and never pass what could not be judged.
                reportViolation(`[internal] ${def.name} could not evaluate this resource (${e instanceof Error ? e.message : String(e)}); treated as a violation`);
                return;
            }
            for (const d of diagnostics) report(reportViolation, d);
        },
    };
}
