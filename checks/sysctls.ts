// PSA `sysctls` (baseline): only the namespaced, node-isolated "safe" sysctls, an allow-list that grows with the PSS
// version (engine/pssTables.ts). Docker `sysctls` are judged against the same list.
import { Check } from "../engine/types";
import { allowedAt, SAFE_SYSCTLS } from "../engine/pssTables";

export const sysctls: Check = {
    id: "sysctls",
    description: "Pods must set only the PSS safe sysctls (the list grows with pssVersion).",
    reads: ["sysctls"],
    run(w, o) {
        const allowed = allowedAt(SAFE_SYSCTLS, o.pssVersion);
        const bad = w.sysctls.filter((s) => !allowed.has(s.name));
        if (!bad.length) return [];
        return [
            {
                check: "sysctls",
                problem: `must not set unsafe sysctls (${bad.map((s) => s.name).join(", ")})`,
                field: bad[0].path,
                value: bad[0].name,
                fix: `remove them; allowed at this PSS version: ${[...allowed].join(", ")}`,
            },
        ];
    },
};
