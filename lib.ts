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
 * The call also installs, once per @pulumi/policy copy, what the policies need from it before its server answers the
 * engine: engine/hooks.ts (secret values known to messages so they print as [secret]; one deserialization per
 * resource) and engine/configGuard.ts (Configure refuses config properties these policies do not have). Call it while
 * building the pack, as below, not later. A composing pack may load another @pulumi/policy copy than this package
 * (a `file:` dependency keeps its own node_modules), so every copy it can find is patched: the one this package
 * resolves, the one the pack's folder resolves, and every copy already loaded. When a copy has no seam (a version
 * whose internals moved), the call throws and the pack does not start: its findings could print secrets and a
 * misspelt config property would pass silently.
 */
export function isolationGuardPolicies(): PackPolicy[] {
    const policies = packPolicies().map((p) => p.policy);
    const unattached = policyLibraryCopies().filter(
        (dir) => !installEngineHooks(dir) || !installConfigGuard(policies, dir),
    );
    if (unattached.length)
        throw new Error(
            `isolation-guard cannot attach to @pulumi/policy ${unattached.map((d) => `${versionAt(d)} at ${d}`).join(", ")}: ` +
                "its findings could print secret values and a misspelt config property would be accepted, so the pack " +
                `refuses to start. Depend on a @pulumi/policy version isolation-guard supports (${supportedPolicyRange()}).`,
        );
    return policies;
}

/**
 * The package directories of every @pulumi/policy copy this process may serve the pack from: the one this package
 * resolves, the one the pack's folder (the working directory the language host starts it in) and the main module
 * resolve, and every copy whose modules are already loaded. Real paths, so a symlinked copy counts once.
 */
export function policyLibraryCopies(): string[] {
    const dirs = new Set<string>();
    const add = (dir: string) => {
        try {
            dirs.add(fs.realpathSync(dir));
        } catch {
            // Gone or unreadable: nothing to patch there.
        }
    };
    for (const from of [__dirname, process.cwd(), require.main?.path]) {
        if (!from) continue;
        try {
            add(path.dirname(require.resolve("@pulumi/policy/package.json", { paths: [from] })));
        } catch {
            // That folder resolves no @pulumi/policy.
        }
    }
    for (const file of Object.keys(require.cache)) {
        const m = /^(.*[\\/]@pulumi[\\/]policy)[\\/][^\\/]+\.js$/.exec(file);
        if (m) add(m[1]);
    }
    return [...dirs].sort();
}

function versionAt(dir: string): string {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: unknown };
        return typeof pkg.version === "string" ? pkg.version : "(unknown version)";
    } catch {
        return "(unknown version)";
    }
}

function supportedPolicyRange(): string {
    try {
        const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "package.json"), "utf8")) as {
            peerDependencies?: Record<string, string>;
        };
        return pkg.peerDependencies?.["@pulumi/policy"] ?? "1.21.0";
    } catch {
        return "1.21.0";
    }
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
