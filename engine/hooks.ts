// Two things @pulumi/policy does not give a policy, added at one seam (its internal `deserializeProperties`):
// 1. Which values were secrets. Analyze hands policies plain values with secrets unwrapped, so a message could
//    print one. We record every secret leaf value per request and the formatter renders those as `[secret]`.
// 2. One deserialization per request. The library deserializes the inputs again for every policy; we return the
//    same object to all of them, so the adapters map a resource to workloads once (see adapters/index.ts).
// The seam is pinned with @pulumi/policy's exact version; test/engine/hooks.test.ts fails if it moves.
import * as path from "path";
import { isPlainObject, JsonObject } from "../model/read";
import { NO_SECRETS, SecretValues } from "./format";

interface ProtoStruct {
    toJavaScript(): JsonObject;
}
type Deserialize = ((struct: ProtoStruct, proxySecrets: boolean) => JsonObject) & { isolationGuardHook?: true };

const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The proxy @pulumi/policy wraps inputs in answers this key with the plain object behind it. */
const PROXY_TARGET_KEY = "__getSpecialProxyTarget";

const secretsByProps = new WeakMap<object, Set<string>>();
const propsByStruct = new WeakMap<object, JsonObject>();

export function collectSecrets(v: unknown, inSecret: boolean, out: Set<string>): void {
    if (Array.isArray(v)) {
        for (const e of v) collectSecrets(e, inSecret, out);
    } else if (isPlainObject(v)) {
        const secret = inSecret || v[SPECIAL_SIG_KEY] === SECRET_SIG;
        for (const k of Object.keys(v)) if (k !== SPECIAL_SIG_KEY) collectSecrets(v[k], secret, out);
    } else if (inSecret && (typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
        out.add(String(v));
        // A JSON document held as a secret string (ECS containerDefinitions): adapters read inside it, so every value
        // inside is as secret as the document.
        if (typeof v === "string" && /^\s*[[{]/.test(v)) {
            try {
                collectSecrets(JSON.parse(v) as unknown, true, out);
            } catch {
                // Not JSON after all: the whole string is already recorded.
            }
        }
    }
}

/** The deserialize modules already hooked, by resolved file: one hook per @pulumi/policy copy. */
const hooked = new Set<string>();

/**
 * Installs the hook in a @pulumi/policy copy (its package directory; by default the copy this package resolves),
 * once per copy; returns false if that copy has no such seam. A pack that composes these policies may load another
 * copy than this package's (a `file:` dependency keeps its own node_modules): lib.ts hooks every copy it finds, so
 * the one whose server answers the engine is among them.
 */
export function installEngineHooks(policyDir?: string): boolean {
    const file = policyDir
        ? require.resolve(path.join(policyDir, "deserialize"))
        : require.resolve("@pulumi/policy/deserialize");
    if (hooked.has(file)) return true;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the live module object is patched in place
    const mod: { deserializeProperties?: Deserialize } = require(file);
    const original = mod.deserializeProperties;
    if (typeof original !== "function") return false;
    const hook: Deserialize = (struct, proxySecrets) => {
        // Remediation asks for secret-preserving proxies and may write to them: leave that path alone.
        if (proxySecrets) return original(struct, proxySecrets);
        const cached = propsByStruct.get(struct);
        if (cached) return cached;
        const js = struct.toJavaScript();
        let props: JsonObject;
        try {
            props = original({ toJavaScript: () => js }, false);
        } catch {
            // The library throws on an unrecognized signature key (`{"4dabf…": {}}` in user data), which would fail
            // the preview. The wire form is what the adapters read anyway (model/read.ts sees through secrets).
            props = js;
        }
        const secrets = new Set<string>();
        collectSecrets(js, false, secrets);
        if (secrets.size) secretsByProps.set(props, secrets);
        propsByStruct.set(struct, props);
        return props;
    };
    hook.isolationGuardHook = true;
    mod.deserializeProperties = hook;
    hooked.add(file);
    return true;
}

/** The plain inputs object behind @pulumi/policy's unknown-checking proxy (or the object itself). */
export function rawProps(props: Record<string, unknown>): JsonObject {
    const target = props[PROXY_TARGET_KEY];
    return isPlainObject(target) ? target : props;
}

export function secretsOf(raw: object): SecretValues {
    return secretsByProps.get(raw) ?? NO_SECRETS;
}
