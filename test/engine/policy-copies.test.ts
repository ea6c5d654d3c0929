// engine/hooks.ts and engine/configGuard.ts attach to the @pulumi/policy copy they are given by its package directory:
// lib.ts hands them every copy a composing pack may serve from (test/examples/composed-pack.test.ts proves that end to
// end through started packs). Here each installer is called in-process on a stand-in copy in a temp folder (its own
// deserialize module and its own grpc-js), so the mutation run sees them: the copy given is the one patched, a copy
// without the seam is refused, and each copy is patched once.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

type HooksModule = typeof import("../../engine/hooks");
type GuardModule = typeof import("../../engine/configGuard");
type Configure = (call: unknown, cb: (err: { code: number; details: string } | null, res?: unknown) => void) => unknown;

function fresh<T>(id: string): T {
    delete require.cache[id];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module instance (installers run once each)
    return require(id) as T;
}

const HOOKS_ID = require.resolve("../../engine/hooks");
const GUARD_ID = require.resolve("../../engine/configGuard");
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

/** A stand-in @pulumi/policy package: `deserialize.js` with or without the seam, and its own grpc-js. */
function policyCopy(root: string, name: string, withSeam: boolean): string {
    const dir = path.join(root, name);
    const grpc = path.join(dir, "node_modules", "@grpc", "grpc-js");
    fs.mkdirSync(grpc, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "@pulumi/policy", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), "exports.isTheIndex = true;\n");
    fs.writeFileSync(
        path.join(dir, "deserialize.js"),
        withSeam
            ? "exports.deserializeProperties = (struct) => JSON.parse(JSON.stringify(struct.toJavaScript()));\n"
            : "exports.somethingElse = () => ({});\n",
    );
    fs.writeFileSync(path.join(grpc, "package.json"), JSON.stringify({ name: "@grpc/grpc-js", main: "index.js" }));
    fs.writeFileSync(
        path.join(grpc, "index.js"),
        "class Server { addService(service, impl) { (this.added = this.added || []).push(impl); } }\n" +
            "exports.Server = Server;\nexports.status = { INVALID_ARGUMENT: 3 };\n",
    );
    return dir;
}

describe("installing the seams in a given @pulumi/policy copy", () => {
    let root: string;
    before(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "ig-policy-copies-"))));
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("hooks that copy's deserialize module, once, so its secrets are known to messages", () => {
        const dir = policyCopy(root, "with-seam", true);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module instance the copy's server uses
        const mod = require(path.join(dir, "deserialize")) as {
            deserializeProperties: ((s: unknown, p: boolean) => Record<string, unknown>) & {
                isolationGuardHook?: true;
            };
        };
        const original = mod.deserializeProperties;
        const hooks = fresh<HooksModule>(HOOKS_ID);
        assert.strictEqual(hooks.installEngineHooks(dir), true);
        const hook = mod.deserializeProperties;
        assert.notStrictEqual(hook, original);
        assert.strictEqual(hook.isolationGuardHook, true);
        assert.strictEqual(hooks.installEngineHooks(dir), true);
        assert.strictEqual(mod.deserializeProperties, hook, "hooked once: the second install wraps nothing again");
        const wire = { image: { [SIG]: SECRET, value: "registry.example/private:tag" } };
        const props = hook({ toJavaScript: () => wire }, false);
        assert.deepStrictEqual([...hooks.secretsOf(props)], ["registry.example/private:tag"]);
    });

    it("refuses a copy whose deserialize module has no seam", () => {
        const dir = policyCopy(root, "without-seam", false);
        assert.strictEqual(fresh<HooksModule>(HOOKS_ID).installEngineHooks(dir), false);
    });

    it("guards Configure in the grpc-js that copy resolves, once, and nowhere else", () => {
        const dir = policyCopy(root, "guarded", true);
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the copy's own grpc-js, as its server loads it
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [dir] })) as {
            Server: new () => {
                addService(s: unknown, i: Record<string, unknown>): void;
                added?: Record<string, unknown>[];
            };
        };
        const original = grpc.Server.prototype.addService;
        const guard = fresh<GuardModule>(GUARD_ID);
        const policies = [{ name: "drop-capabilities", configSchema: { properties: { allowedCapabilities: {} } } }];
        assert.strictEqual(guard.installConfigGuard(policies, dir), true);
        assert.notStrictEqual(grpc.Server.prototype.addService, original, "the copy's grpc-js is the one guarded");
        const wrapped = grpc.Server.prototype.addService;
        assert.strictEqual(guard.installConfigGuard(policies, dir), true);
        assert.strictEqual(grpc.Server.prototype.addService, wrapped, "guarded once");
        const server = new grpc.Server();
        const calls: unknown[] = [];
        server.addService({}, { configure: ((call, cb) => (calls.push(call), cb(null, "ok"))) as Configure });
        const configure = server.added![0].configure as Configure;
        let refused: { code: number; details: string } | null = null;
        const call = {
            request: {
                getPolicyconfigMap: () =>
                    new Map([
                        [
                            "drop-capabilities",
                            { getProperties: () => ({ toJavaScript: () => ({ allowedCapabilites: [] }) }) },
                        ],
                    ]),
            },
        };
        configure(call, (err) => (refused = err));
        assert.deepStrictEqual(refused, {
            code: 3,
            details:
                'invalid isolation-guard config: policy "drop-capabilities" has no config property "allowedCapabilites" (it accepts: allowedCapabilities)',
        });
        assert.deepStrictEqual(calls, []);
    });
});
