// PSA `capabilities_baseline` (baseline, all versions): add only capabilities from the runtime's default set
// (the 13 below); no drop requirement.
import { Check, Finding } from "../engine/check";
import { BASELINE_ALLOWED_CAPABILITIES, normalizeCapability } from "../engine/capabilities";

const allowed = new Set(BASELINE_ALLOWED_CAPABILITIES);

export const capabilities_baseline: Check = {
    id: "capabilities_baseline",
    description: "Containers may add only the PSS baseline capabilities (the runtime defaults less NET_RAW).",
    reads: ["capabilities"],
    run(w) {
        const out: Finding[] = [];
        for (const c of w.containers) {
            const badAdds = [...new Set((c.security.capAdd ?? []).filter((a) => !allowed.has(normalizeCapability(a))))];
            if (!badAdds.length) continue;
            out.push({
                check: "capabilities_baseline",
                container: c,
                problem: `must not add ${badAdds.join(", ")}`,
                field: c.security.paths.capAdd,
                value: c.security.capAdd,
                fix: `remove ${badAdds.map((a) => JSON.stringify(a)).join(", ")}; baseline allows only ${BASELINE_ALLOWED_CAPABILITIES.join(", ")}`,
            });
        }
        return out;
    },
};
