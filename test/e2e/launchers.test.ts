// The project's own launchers in scripts/language-host/, which the CLI e2e test relies on when no real Node.js
// language host is installed, checked here without the CLI: each must start this pack so that it answers the
// analyzer protocol.
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as languageRpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as languagePb from "@pulumi/pulumi/proto/language_pb";
import * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { PACK_DIR, PackProcess } from "../harness/engine";
import { LANGUAGE_HOST_SHIM_DIR } from "../harness/cli";

function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d) => {
            out += d;
            if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")).trim());
        });
        child.on("exit", (code) => reject(new Error(`exited with ${code} before printing a line`)));
    });
}

describe("the project's pack launchers", function () {
    this.timeout(60000);

    it("pulumi-analyzer-policy-nodejs (older CLIs' contract: <engine> <pack dir>, cwd = pack dir) serves the pack", async () => {
        const pack = await PackProcess.launch(
            path.join(LANGUAGE_HOST_SHIM_DIR, "pulumi-analyzer-policy-nodejs"),
            ["127.0.0.1:0", "."],
            PACK_DIR,
        );
        try {
            assert.strictEqual((await pack.getAnalyzerInfo()).name, "isolation-guard");
        } finally {
            await pack.stop();
        }
    });

    it("pulumi-language-nodejs runs the pack for RunPlugin(kind analyzer) and streams its port", async () => {
        const host = spawn(path.join(LANGUAGE_HOST_SHIM_DIR, "pulumi-language-nodejs"), ["127.0.0.1:0"], {
            cwd: PACK_DIR,
            stdio: ["ignore", "pipe", "inherit"],
        });
        const client = new languageRpc.LanguageRuntimeClient(
            `127.0.0.1:${await firstLine(host)}`,
            grpc.credentials.createInsecure(),
        );
        try {
            const version = await new Promise<string>((resolve, reject) =>
                client.getPluginInfo(new Empty(), (err: grpc.ServiceError | null, info: pluginPb.PluginInfo) =>
                    err ? reject(err) : resolve(info.getVersion()),
                ),
            );
            assert.ok(version.length > 0);

            const info = new languagePb.ProgramInfo();
            info.setRootDirectory(PACK_DIR);
            info.setProgramDirectory(PACK_DIR);
            info.setEntryPoint(".");
            const req = new languagePb.RunPluginRequest();
            req.setPwd(PACK_DIR);
            req.setArgsList(["127.0.0.1:0"]);
            req.setEnvList(Object.entries(process.env).map(([k, v]) => `${k}=${v}`));
            req.setInfo(info);
            req.setKind("analyzer");
            req.setName("isolation-guard");
            const stream = client.runPlugin(req);
            const port = await new Promise<string>((resolve, reject) => {
                let out = "";
                stream.on("data", (res: languagePb.RunPluginResponse) => {
                    out += Buffer.from(res.getStdout_asU8()).toString();
                    if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")).trim());
                });
                stream.on("error", reject);
            });
            const analyzer = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            const name = await new Promise<string>((resolve, reject) =>
                analyzer.getAnalyzerInfo(new Empty(), (err: grpc.ServiceError | null, res: analyzerPb.AnalyzerInfo) =>
                    err ? reject(err) : resolve(res.getName()),
                ),
            );
            assert.strictEqual(name, "isolation-guard");
            analyzer.close();
            // The engine ends a plugin by cancelling the stream; the host then stops the pack and reports its exit.
            const ended = new Promise<void>((resolve) => stream.on("close", () => resolve()));
            stream.on("error", () => undefined);
            stream.cancel();
            await ended;
        } finally {
            client.close();
            const exited = new Promise((r) => host.once("exit", r));
            host.kill();
            await exited;
        }
    });
});
