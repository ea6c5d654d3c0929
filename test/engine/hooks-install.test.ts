// engine/hooks.ts's installer and secret collection, each test on a fresh copy of the module (it installs once per
// module) with @pulumi/policy's deserializeProperties put back afterwards. test/engine/hooks.test.ts pins the seam
// on the installed hook; here what it records as secret (so messages print `[secret]`) is pinned value by value.
import * as assert from "assert";
import { Secret } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

type HooksModule = typeof import("../../engine/hooks");
type Deserialize = ((s: Struct, proxySecrets: boolean) => Record<string, unknown>) & { isolationGuardHook?: true };

const MODULE_ID = require.resolve("../../engine/hooks");
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

describe("engine/hooks.ts: installing and recording secrets", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the live module object the hook patches
    const mod: { deserializeProperties?: Deserialize } = require("@pulumi/policy/deserialize");
    let saved: Deserialize | undefined;
    let cached: NodeJS.Module | undefined;
    beforeEach(() => {
        saved = mod.deserializeProperties;
        cached = require.cache[MODULE_ID];
    });
    afterEach(() => {
        mod.deserializeProperties = saved;
        require.cache[MODULE_ID] = cached;
    });

    function fresh(): HooksModule {
        delete require.cache[MODULE_ID];
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance per test
        return require(MODULE_ID) as HooksModule;
    }

    /** Installs a fresh hook and deserializes `js` through it as Analyze does. */
    function analyzeProps(js: Record<string, unknown>): { props: Record<string, unknown>; secrets: string[] } {
        const hooks = fresh();
        assert.strictEqual(hooks.installEngineHooks(), true);
        const props = mod.deserializeProperties!(Struct.fromJavaScript(js as never), false);
        // Plain objects, no proxy of the library's behind them.
        assert.strictEqual(hooks.rawProps(props), props);
        return { props, secrets: [...hooks.secretsOf(props)].sort() };
    }

    it("installs once, marked as this pack's hook", () => {
        const hooks = fresh();
        assert.strictEqual(hooks.installEngineHooks(), true);
        const hooked = mod.deserializeProperties;
        assert.notStrictEqual(hooked, saved);
        assert.strictEqual(hooked?.isolationGuardHook, true);
        assert.strictEqual(hooks.installEngineHooks(), true);
        assert.strictEqual(mod.deserializeProperties, hooked);
    });

    it("reports a library without the seam and leaves it alone", () => {
        mod.deserializeProperties = undefined;
        const hooks = fresh();
        assert.strictEqual(hooks.installEngineHooks(), false);
        assert.strictEqual(mod.deserializeProperties, undefined);
    });

    it("records secret strings, numbers and booleans, inside lists and objects, and nothing else", () => {
        const { props, secrets } = analyzeProps({
            plain: "open",
            n: 1,
            s: secret("tok"),
            num: secret(8080),
            flag: secret(true),
            tree: secret({ list: ["a", { b: 2 }], nil: null }),
        });
        assert.deepStrictEqual(secrets, ["2", "8080", "a", "tok", "true"]);
        assert.deepStrictEqual(props, {
            plain: "open",
            n: 1,
            s: "tok",
            num: 8080,
            flag: true,
            tree: { list: ["a", { b: 2 }], nil: null },
        });
    });

    it("records every value inside a secret JSON document, and not inside a plain one", () => {
        const doc = ' [{"name": "web", "env": [{"value": "pw"}], "port": 80, "on": false}]';
        assert.deepStrictEqual(analyzeProps({ defs: secret(doc) }).secrets, [doc, "80", "false", "pw", "web"].sort());
        assert.deepStrictEqual(analyzeProps({ defs: secret("{not json") }).secrets, ["{not json"]);
        assert.deepStrictEqual(analyzeProps({ defs: doc }).secrets, []);
        assert.deepStrictEqual(analyzeProps({ defs: secret('{"user":"admin"}') }).secrets, [
            "admin",
            '{"user":"admin"}',
        ]);
        // A secret that is a JSON string literal is one value.
        assert.deepStrictEqual(analyzeProps({ q: secret('"[quoted]"') }).secrets, ['"[quoted]"']);
    });

    it("a property with an unknown signature key is read in its wire form instead of failing", () => {
        const js = { a: { [SIG]: "some-future-signature", value: 1 }, b: "x" };
        const { props } = analyzeProps(js);
        assert.deepStrictEqual(props, js);
    });

    it("deserializes a request once for Analyze, and leaves Remediate's secret-preserving path to the library", () => {
        const hooks = fresh();
        assert.strictEqual(hooks.installEngineHooks(), true);
        const struct = Struct.fromJavaScript({ sc: { privileged: secret(true) } } as never);
        const plain = mod.deserializeProperties!(struct, false);
        assert.strictEqual(mod.deserializeProperties!(struct, false), plain);
        const proxied = mod.deserializeProperties!(struct, true);
        assert.notStrictEqual(proxied, plain);
        const raw = hooks.rawProps(proxied) as { sc: { privileged: unknown } };
        assert.ok(raw.sc.privileged instanceof Secret, "a Secret box the engine re-marks as secret");
        assert.strictEqual((raw.sc.privileged as Secret).value, true);
    });
});
