// PSA `seccompProfile_baseline` (baseline): no explicitly unconfined seccomp. Up to v1.18 PSA reads the alpha
// annotations (pod and per-container keys; runtime/default, docker/default, localhost/* allowed); from v1.19 the
// securityContext.seccompProfile.type of the pod and each container (RuntimeDefault or Localhost). Unset is fine
// here; seccompProfile_restricted requires a profile. Docker: `seccomp=unconfined` in securityOpts, or an inline
// profile (`seccomp=<JSON>`) whose defaultAction lets calls through (SCMP_ACT_ALLOW, _LOG, _TRACE: data/seccomp.ts),
// which is unconfined in all but name; an inline profile that cannot be read is malformed, never a pass.
import { Check, CheckId, Finding } from "../engine/types";
import {
    ALLOWED_PROFILE_TYPES,
    allowedSeccompAnnotation,
    PSS_CHANGES,
    SECCOMP_CONTAINER_ANNOTATION_PREFIX,
    SECCOMP_POD_ANNOTATION,
} from "../engine/pssTables";
import { Container, SecuritySettings, Workload } from "../model/workload";
import { dialectOf } from "../engine/dialect";
import { permitsByDefault } from "../engine/seccomp";

const FIX = 'set seccompProfile.type to "RuntimeDefault" or "Localhost"';

/** Where the pod template's metadata lives, e.g. `spec.template.metadata`. */
export function podMetadataPath(w: Workload): string {
    return w.specPath.replace(/(^|\.)spec$/, "$1metadata");
}

/** Findings for explicitly forbidden seccomp profile types (pod and containers), shared with the restricted twin. */
export function forbiddenSeccompFindings(check: CheckId, w: Workload): Finding[] {
    const out: Finding[] = [];
    const options = dialectOf(w).securityOptions;
    const judge = (s: SecuritySettings, container: Container | undefined) => {
        const p = s.seccompProfile;
        if (!p || (p.type === undefined && w.isPatch)) return;
        if (p.defaultAction !== undefined && permitsByDefault(p.defaultAction)) {
            out.push({
                check,
                container,
                problem: `must not set a seccomp profile whose default action lets every unlisted system call through (unconfined in all but name)`,
                field: p.path,
                value: p.defaultAction,
                fix: `make the profile's defaultAction refuse (SCMP_ACT_ERRNO) and allow only the calls the program needs, or remove it to run under the runtime's default profile`,
            });
            return;
        }
        if (p.type !== undefined && ALLOWED_PROFILE_TYPES.has(p.type)) return;
        out.push({
            check,
            container,
            problem: "must not set an unconfined or unknown seccomp profile",
            field: p.path,
            value: p.type,
            fix: options ? options.unconfinedSeccompFix(p.path) : FIX,
        });
    };
    judge(w.pod, undefined);
    for (const c of w.containers) judge(c.security, c);
    return out;
}

export const seccompProfile_baseline: Check = {
    id: "seccompProfile_baseline",
    description: "Pods and containers must not set an unconfined seccomp profile (annotations up to v1.18).",
    reads: ["seccomp"],
    run(w, o) {
        if (o.pssVersion >= PSS_CHANGES.seccompFields || !dialectOf(w).psa.seccompAnnotations)
            return forbiddenSeccompFindings("seccompProfile_baseline", w);
        const out: Finding[] = [];
        const meta = podMetadataPath(w);
        const judge = (key: string, container: Container | undefined) => {
            const v = w.podAnnotations[key];
            if (v === undefined || allowedSeccompAnnotation(v)) return;
            out.push({
                check: "seccompProfile_baseline",
                container,
                problem: "must not set an unconfined seccomp annotation",
                field: `${meta}.annotations["${key}"]`,
                value: v,
                fix: 'set it to "runtime/default" or "localhost/<profile>"',
            });
        };
        judge(SECCOMP_POD_ANNOTATION, undefined);
        for (const c of w.containers) judge(SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name, c);
        return out;
    },
};
