// PSA `capabilities_baseline` (baseline, all versions): add only capabilities from the runtime's default set less
// NET_RAW (engine/pssTables.ts); no drop requirement. Names are compared exactly as PSA does (`chown` or
// `CAP_CHOWN` is not in the set), so preview agrees with admission; Docker, which accepts any spelling, is normalized.
import { Check, Finding, PssVersion } from "../engine/types";
import { dialectOf } from "../engine/dialect";
import { allowedAt, BASELINE_CAPABILITIES, baselineAllowsCapability } from "../engine/pssTables";
import { Container, Workload } from "../model/workload";
import { fixCapabilitiesBaseline } from "./fixes";

/** The capabilities a container adds that baseline forbids, as written, without repeats. */
export function baselineForbiddenAdds(w: Workload, c: Container, version: PssVersion): string[] {
    const spelling = dialectOf(w).capabilitySpelling.baseline;
    return [...new Set((c.security.capAdd ?? []).filter((a) => !baselineAllowsCapability(spelling, version, a)))];
}

export const capabilities_baseline: Check = {
    id: "capabilities_baseline",
    description: "Containers may add only the PSS baseline capabilities (the runtime defaults less NET_RAW).",
    reads: ["capabilities"],
    remediate: fixCapabilitiesBaseline,
    run(w, o) {
        const out: Finding[] = [];
        for (const c of w.containers) {
            const badAdds = baselineForbiddenAdds(w, c, o.pssVersion);
            if (!badAdds.length) continue;
            out.push({
                check: "capabilities_baseline",
                container: c,
                problem: `must not add ${badAdds.join(", ")}`,
                field: c.security.paths.capAdd,
                value: c.security.capAdd,
                fix: `remove ${badAdds.map((a) => JSON.stringify(a)).join(", ")}; baseline allows only ${[...allowedAt(BASELINE_CAPABILITIES, o.pssVersion)].join(", ")}`,
            });
        }
        return out;
    },
};
