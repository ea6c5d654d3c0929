// PSA `seLinuxOptions` (baseline): the SELinux type may only be a container type (engine/pssTables.ts; v1.31 adds
// container_engine_t), and user and role must not be set. Docker: `label=disable` runs as spc_t (unconfined),
// `label=user:…`/`role:…`/`type:…` set the same fields.
import { Check, Finding } from "../engine/types";
import { allowedAt, SELINUX_TYPES } from "../engine/pssTables";
import { Container, SecuritySettings } from "../model/workload";
import { dialectOf } from "../engine/dialect";

export const seLinuxOptions: Check = {
    id: "seLinuxOptions",
    description:
        "Pods and containers must not set a custom SELinux user or role, or a type outside the container types.",
    reads: ["seLinux"],
    run(w, o) {
        const out: Finding[] = [];
        const allowed = allowedAt(SELINUX_TYPES, o.pssVersion);
        // Docker-style options write the whole label in one option (`label=type:…`), so that option is the field.
        const options = dialectOf(w).securityOptions;
        const judge = (s: SecuritySettings, container: Container | undefined) => {
            const sel = s.seLinuxOptions;
            if (!sel) return;
            if (!allowed.has(sel.type ?? "")) {
                out.push({
                    check: "seLinuxOptions",
                    container,
                    problem: "must not set a forbidden SELinux type",
                    field: options ? sel.path : `${sel.path}.type`,
                    value: sel.type,
                    fix:
                        // spc_t is what a disabled label runs as: the option to remove is that one.
                        options && sel.type === "spc_t"
                            ? options.disabledLabelFix(sel.path)
                            : `remove the type or use one of ${[...allowed].filter((t) => t).join(", ")}`,
                });
            }
            for (const k of ["user", "role"] as const) {
                if (!sel[k]) continue;
                out.push({
                    check: "seLinuxOptions",
                    container,
                    problem: `must not set an SELinux ${k}`,
                    field: options ? sel.path : `${sel.path}.${k}`,
                    value: sel[k],
                    fix: `remove the SELinux ${k}`,
                });
            }
        };
        judge(w.pod, undefined);
        for (const c of w.containers) judge(c.security, c);
        return out;
    },
};
