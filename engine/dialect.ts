// Which dialect a workload speaks (model/dialect.ts), from the dialects the registered adapters declare. Checks ask
// it instead of branching on a platform; a workload built by hand (tests) without a `dialect` speaks its platform's.
import { Dialect } from "../model/dialect";
import { DialectName, Platform, Workload } from "../model/workload";
import { ADAPTERS } from "../adapters/registry";

const DIALECTS: ReadonlyMap<DialectName, Dialect> = new Map(
    ADAPTERS.flatMap((a) => a.dialects).map((d) => [d.name, d] as const),
);

/** The dialect of that name, or undefined when no adapter in the registry speaks it. */
export function dialectNamed(name: DialectName): Dialect | undefined {
    return DIALECTS.get(name);
}

/** The dialect a workload speaks: its own, or its platform's (ECS's for a hand-built `dockerConfigured` one). */
export function dialectOf(w: Workload): Dialect {
    const name = w.dialect ?? (w.platform === "aws" && w.dockerConfigured === true ? "ecs" : w.platform);
    const d = DIALECTS.get(name);
    if (!d) throw new Error(`no adapter speaks the ${name} dialect`);
    return d;
}

/**
 * The platforms on which a kubelet-only setting exists: every dialect the platform speaks has it. For a check's
 * `platforms`, which the engine reads before it reads the workload.
 */
export function platformsWhere(has: (d: Dialect) => boolean): Platform[] {
    const platforms = new Set<Platform>();
    const lacking = new Set<Platform>();
    for (const d of DIALECTS.values()) (has(d) ? platforms : lacking).add(d.platform);
    return [...platforms].filter((p) => !lacking.has(p));
}
