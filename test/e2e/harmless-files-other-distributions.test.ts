// Harmless read-only files on other distributions over the analyzer protocol (issue 22 part 4): a read-only mount of
// /etc/pki/ca-trust, /etc/pki/tls/certs, /usr/share/ca-certificates or os-release passes preview on every platform; a
// writable one, or /etc/pki/tls/private, fails. In-process twins: test/checks/harmlessReadOnlyFiles-other-distributions.test.ts.
import * as assert from "assert";
import { EngineDiagnostic, suitePack } from "../harness/engine";
import { HOST_MOUNT_CARRIERS } from "../fixtures/hostMounts";

const sensitive = (ds: EngineDiagnostic[]) => ds.filter((d) => d.message.includes("[sensitiveHostPath]"));

describe("harmless read-only files on other distributions over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    for (const carrier of HOST_MOUNT_CARRIERS) {
        it(`${carrier.name}: read-only CA bundles and os-release pass; written, or the private keys, fail`, async () => {
            const analyze = async (path: string, readOnly: boolean) =>
                sensitive(await pack().analyze(carrier.type, "res", carrier.props(path, readOnly)));
            for (const path of [
                "/etc/pki/ca-trust/extracted",
                "/etc/pki/tls/certs",
                "/usr/share/ca-certificates",
                "/etc/os-release",
                "/usr/lib/os-release",
            ]) {
                assert.deepStrictEqual(await analyze(path, true), [], path);
                assert.deepStrictEqual(
                    (await analyze(path, false)).map((d) => d.enforcementLevel),
                    ["mandatory"],
                    path,
                );
            }
            assert.strictEqual((await analyze("/etc/pki/tls/private", true)).length, 1);
        });
    }
});
