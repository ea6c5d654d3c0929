// The seam engine/hooks.ts relies on inside @pulumi/policy: if an upgrade moves it, these fail before users notice.
import * as assert from "assert";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { installEngineHooks, rawProps, secretsOf } from "../../engine/hooks";

type Deserialize = ((s: Struct, proxySecrets: boolean) => Record<string, unknown>) & { isolationGuardHook?: true };

describe("engine hooks", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the same live module object the hook patches
    const mod: { deserializeProperties: Deserialize } = require("@pulumi/policy/deserialize");
    const struct = () =>
        Struct.fromJavaScript({
            spec: {
                volumes: [
                    {
                        hostPath: {
                            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                            value: { path: "/var/run/docker.sock" },
                        },
                    },
                ],
            },
        });

    it("installs on @pulumi/policy's deserializeProperties", () => {
        assert.strictEqual(installEngineHooks(), true);
        assert.strictEqual(mod.deserializeProperties.isolationGuardHook, true);
    });

    it("unwraps secrets for checks and records their values for redaction", () => {
        const props = mod.deserializeProperties(struct(), false);
        assert.deepStrictEqual(props, { spec: { volumes: [{ hostPath: { path: "/var/run/docker.sock" } }] } });
        assert.ok(secretsOf(props).has("/var/run/docker.sock"));
    });

    it("deserializes a request once for all policies", () => {
        const s = struct();
        assert.strictEqual(mod.deserializeProperties(s, false), mod.deserializeProperties(s, false));
    });

    it("leaves the remediation path (secret-preserving proxies) alone", () => {
        const s = struct();
        const plain = mod.deserializeProperties(s, false);
        const proxied = mod.deserializeProperties(s, true);
        assert.notStrictEqual(proxied, plain);
        assert.strictEqual(secretsOf(rawProps(proxied)).size, 0);
    });

    it("finds the plain object behind @pulumi/policy's unknown-checking proxy", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module without typings
        const { unknownCheckingProxy } = require("@pulumi/policy/proxy");
        const target = { a: 1 };
        assert.strictEqual(rawProps(unknownCheckingProxy(target)), target);
        assert.strictEqual(rawProps(target), target);
    });
});
