// engine/configGuard.ts's installer in-process: the Configure handler it wraps into @pulumi/policy's gRPC server.
// test/engine/config-guard.test.ts proves the refusal through a started pack; here the wrapper itself is called, so
// the mutation run sees it. Each test loads a fresh copy of the module (the installer runs once per module) over a
// recording addService, and puts grpc-js's own back afterwards.
import * as assert from "assert";
import * as path from "path";

type ConfigGuardModule = typeof import("../../engine/configGuard");
type Callback = (err: { code: number; details: string } | null, res?: unknown) => void;
type Configure = (call: unknown, cb: Callback) => unknown;
interface Registered {
    self: unknown;
    service: unknown;
    impl: Record<string, unknown>;
}

// The grpc-js copy @pulumi/policy's server uses, as the guard resolves it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the live module object the guard patches
const grpc = require(
    require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy"))] }),
) as {
    Server: { prototype: { addService: (s: unknown, i: Record<string, unknown>) => void } };
    status: { INVALID_ARGUMENT: number };
};

const MODULE_ID = require.resolve("../../engine/configGuard");

function freshGuard(): ConfigGuardModule {
    delete require.cache[MODULE_ID];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance per test
    return require(MODULE_ID) as ConfigGuardModule;
}

/** A Configure call carrying each policy's properties (undefined: no properties message). */
function configureCall(config: Record<string, Record<string, unknown> | undefined>) {
    return {
        request: {
            getPolicyconfigMap: () =>
                new Map(
                    Object.entries(config).map(([name, props]) => [
                        name,
                        { getProperties: () => (props === undefined ? undefined : { toJavaScript: () => props }) },
                    ]),
                ),
        },
    };
}

describe("engine/configGuard.ts: the Configure wrapper", () => {
    const policies = [
        {
            name: "drop-capabilities",
            configSchema: { properties: { allowedCapabilities: { type: "array" as const }, checks: {} } },
        },
        { name: "bare" },
    ];
    let saved: (typeof grpc.Server.prototype)["addService"];
    let registered: Registered[];
    let cached: NodeJS.Module | undefined;

    beforeEach(() => {
        cached = require.cache[MODULE_ID];
        saved = grpc.Server.prototype.addService;
        registered = [];
        grpc.Server.prototype.addService = function (service: unknown, impl: Record<string, unknown>) {
            registered.push({ self: this, service, impl });
        };
    });
    afterEach(() => {
        require.cache[MODULE_ID] = cached;
        grpc.Server.prototype.addService = saved;
    });

    /** Installs a fresh guard for `ps`, registers a service whose configure records its calls, returns the wrapper. */
    function wrapped(ps: Parameters<ConfigGuardModule["installConfigGuard"]>[0] = policies) {
        assert.strictEqual(freshGuard().installConfigGuard(ps), true);
        const calls: unknown[] = [];
        const configure: Configure = (call, cb) => {
            calls.push(call);
            cb(null, "configured");
            return "returned";
        };
        const server = {};
        const service = { name: "analyzer" };
        const other = () => undefined;
        grpc.Server.prototype.addService.call(server, service, { configure, other });
        assert.strictEqual(registered.length, 1);
        const [r] = registered;
        assert.strictEqual(r.self, server);
        assert.strictEqual(r.service, service);
        assert.strictEqual(r.impl.other, other);
        assert.notStrictEqual(r.impl.configure, configure);
        return { configure: r.impl.configure as Configure, calls };
    }

    function answer(configure: Configure, call: unknown): { err: unknown; res: unknown; returned: unknown } {
        let err: unknown = "no answer";
        let res: unknown;
        const returned = configure(call, (e, r) => {
            err = e;
            res = r;
        });
        return { err, res, returned };
    }

    it("passes a config of known properties on to the pack's Configure", () => {
        const { configure, calls } = wrapped();
        const call = configureCall({
            "drop-capabilities": { allowedCapabilities: ["CHOWN"], enforcementLevel: "mandatory" },
            bare: undefined,
            "not-a-policy-of-the-pack": { anything: 1 },
        });
        assert.deepStrictEqual(answer(configure, call), { err: null, res: "configured", returned: "returned" });
        assert.deepStrictEqual(calls, [call]);
    });

    it("refuses unknown properties with INVALID_ARGUMENT, naming each, and never calls Configure", () => {
        const { configure, calls } = wrapped();
        const { err } = answer(
            configure,
            configureCall({ "drop-capabilities": { allowedCapabilites: [], checks: {} }, bare: { x: 1 } }),
        );
        assert.deepStrictEqual(err, {
            code: grpc.status.INVALID_ARGUMENT,
            details:
                'invalid isolation-guard config: policy "drop-capabilities" has no config property "allowedCapabilites" ' +
                '(it accepts: allowedCapabilities, checks); policy "bare" has no config property "x" (it accepts: )',
        });
        assert.deepStrictEqual(calls, []);
    });

    it("leaves a service without a configure handler as it is", () => {
        assert.strictEqual(freshGuard().installConfigGuard(policies), true);
        const impl = { analyze: () => undefined };
        grpc.Server.prototype.addService.call({}, {}, impl);
        assert.strictEqual(registered[0].impl, impl);
    });

    it("installs once: a second call keeps the first policies and does not wrap twice", () => {
        const guard = freshGuard();
        assert.strictEqual(guard.installConfigGuard(policies), true);
        const once = grpc.Server.prototype.addService;
        assert.strictEqual(guard.installConfigGuard([{ name: "bare", configSchema: { properties: { x: {} } } }]), true);
        assert.strictEqual(grpc.Server.prototype.addService, once);
        const configure: Configure = (_call, cb) => cb(null, "configured");
        grpc.Server.prototype.addService.call({}, {}, { configure });
        const { err } = answer(registered[0].impl.configure as Configure, configureCall({ bare: { x: 1 } }));
        assert.ok(err !== null && (err as { details: string }).details.includes('"bare" has no config property "x"'));
    });
});
