// PSA `appArmorProfile` (baseline, all versions): no unconfined AppArmor. The securityContext.appArmorProfile.type of
// the pod and each container must be RuntimeDefault or Localhost when set, and the deprecated
// `container.apparmor.security.beta.kubernetes.io/*` annotations runtime/default, localhost/* or empty.
// Docker: `apparmor=unconfined` in securityOpts.
import { Check, Finding } from "../engine/types";
import { ALLOWED_PROFILE_TYPES, allowedAppArmorAnnotation, APPARMOR_ANNOTATION_PREFIX } from "../engine/pssTables";
import { Container, SecuritySettings } from "../model/workload";
import { dialectOf } from "../engine/dialect";
import { podMetadataPath } from "./seccompProfile_baseline";

export const appArmorProfile: Check = {
    id: "appArmorProfile",
    description: "Pods and containers must not set an unconfined AppArmor profile (fields or annotations).",
    reads: ["appArmor"],
    run(w) {
        const out: Finding[] = [];
        const dialect = dialectOf(w);
        const options = dialect.securityOptions;
        const judge = (s: SecuritySettings, container: Container | undefined) => {
            const p = s.appArmorProfile;
            if (!p || (p.type === undefined && w.isPatch)) return;
            if (p.type !== undefined && ALLOWED_PROFILE_TYPES.has(p.type)) return;
            const fix = options
                ? options.unconfinedAppArmorFix(p.path)
                : 'set appArmorProfile.type to "RuntimeDefault" or "Localhost"';
            out.push({
                check: "appArmorProfile",
                container,
                problem: "must not run without AppArmor confinement",
                field: p.path,
                value: p.type,
                fix,
            });
        };
        judge(w.pod, undefined);
        for (const c of w.containers) judge(c.security, c);
        // The deprecated annotations are Kubernetes pod annotations. A KubeVirt VM's template annotations are copied onto
        // its virt-launcher pod, so an unconfined one there leaves the pod running the VM's QEMU unconfined. Other
        // platforms' annotations (Cloud Run's, say) mean nothing to AppArmor.
        if (!dialect.psa.appArmorAnnotations) return out;
        const meta = podMetadataPath(w);
        for (const key of Object.keys(w.podAnnotations).sort()) {
            const v = w.podAnnotations[key];
            if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || allowedAppArmorAnnotation(v)) continue;
            const container = w.containers.find((c) => c.name === key.slice(APPARMOR_ANNOTATION_PREFIX.length));
            out.push({
                check: "appArmorProfile",
                container,
                problem: "must not run without AppArmor confinement",
                field: `${meta}.annotations["${key}"]`,
                value: v,
                fix: 'set it to "runtime/default" or "localhost/<profile>", or use securityContext.appArmorProfile',
            });
        }
        return out;
    },
};
