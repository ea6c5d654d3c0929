// The library entry (`import … from "isolation-guard"`, package.json `exports["."]`): the pack's policy objects and
// presets for an organization's own PolicyPack. Importing it starts nothing and patches nothing; index.ts is the pack
// that `pulumi preview --policy-pack` runs (package.json `main`).
import * as fs from "fs";
import * as path from "path";
import type { PolicyPackConfig } from "@pulumi/policy";
import { installConfigGuard } from "./engine/configGuard";
import { installEngineHooks } from "./engine/hooks";
import { PackPolicy, packPolicies } from "./policies/pack";

export type { PackPolicy } from "./policies/pack";

/**
 * Every isolation-guard policy object (the same names, config schemas, levels and remediation as the pack), ready for
 * `new PolicyPack(name, { policies: [...isolationGuardPolicies(), ...yours] })`. Each call builds a pack of its own:
 * its policies share one run state (which exemptions matched, which unknown values were noted; engine/runState.ts)
 * and nothing with the policies of another call.
 *
 * The call also installs, once per process, what the policies need from @pulumi/policy before its server answers the
 * engine: engine/hooks.ts (secret values known to messages so they print as [secret]; one deserialization per
 * resource) and engine/configGuard.ts (Configure refuses config properties these policies do not have). Call it while
 * building the pack, as below, not later. It patches the @pulumi/policy copy this package resolves, so the composing
 * pack must load that same copy: depend on the @pulumi/policy version isolation-guard pins (npm then installs one).
 */
export function isolationGuardPolicies(): PackPolicy[] {
    const policies = packPolicies().map((p) => p.policy);
    installEngineHooks();
    installConfigGuard(policies);
    return policies;
}

/** The preset pack configs shipped in presets/, by name. */
export type PresetName = "advisory" | "default" | "multi-tenant-strict" | "pss-baseline" | "pss-restricted";
const PRESET_NAMES: readonly PresetName[] = [
    "advisory",
    "default",
    "multi-tenant-strict",
    "pss-baseline",
    "pss-restricted",
];

const PRESETS_DIR = path.resolve(__dirname, "..", "presets");

function readPreset(name: PresetName): PolicyPackConfig {
    return JSON.parse(fs.readFileSync(path.join(PRESETS_DIR, `${name}.json`), "utf8")) as PolicyPackConfig;
}

/**
 * The presets as pack config objects, for a composed pack's `initialConfig`; each read (a fresh copy) when used. A
 * `--policy-pack-config` file still applies on top, as for this pack.
 */
export const presets = {} as Readonly<Record<PresetName, PolicyPackConfig>>;
for (const name of PRESET_NAMES)
    Object.defineProperty(presets, name, { enumerable: true, get: () => readPreset(name) });
