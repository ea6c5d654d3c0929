// Harmless read-only files on other distributions (issue 22 part 4): the public CA bundles of Fedora, RHEL, Amazon
// Linux and SUSE (/etc/pki/ca-trust, /etc/pki/tls/certs), Debian's source certificates (/usr/share/ca-certificates)
// and os-release pass sensitiveHostPath when mounted read-only, on every platform; written, or their private
// neighbours (/etc/pki/tls/private), or their parent directories, still fail.
import * as assert from "assert";
import { HOST_MOUNT_CARRIERS } from "../fixtures/hostMounts";
import { judge } from "../helpers";

export const OTHER_DISTRIBUTION_FILES = [
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/ca-trust",
    "/etc/pki/ca-trust/source/anchors",
    "/etc/pki/tls/certs",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/usr/share/ca-certificates",
    "/usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt",
    "/etc/os-release",
    "/usr/lib/os-release",
];

export const NOT_HARMLESS = [
    "/etc/pki",
    "/etc/pki/tls",
    "/etc/pki/tls/private",
    "/etc/pki/tls/private/server.key",
    "/etc/pki/tls/certs/../private/server.key",
    "/etc/pki/ca-trustx",
    "/usr/share",
    "/usr/lib",
    "/usr/lib/os-release.d",
    "/etc/os-release/../shadow",
];

const sensitive = (type: string, props: Record<string, unknown>) =>
    judge(type, props).filter((d) => d.check === "sensitiveHostPath");

describe("harmless read-only files on other distributions", () => {
    for (const carrier of HOST_MOUNT_CARRIERS) {
        describe(carrier.name, () => {
            it("accepts the CA bundles and os-release mounted read-only", () => {
                for (const path of OTHER_DISTRIBUTION_FILES)
                    assert.deepStrictEqual(sensitive(carrier.type, carrier.props(path, true)), [], path);
            });
            it("still rejects them mounted read-write", () => {
                for (const path of OTHER_DISTRIBUTION_FILES)
                    assert.strictEqual(sensitive(carrier.type, carrier.props(path, false)).length, 1, path);
            });
            it("still rejects private keys, parent directories and prefix tricks, read-only", () => {
                for (const path of NOT_HARMLESS)
                    assert.strictEqual(sensitive(carrier.type, carrier.props(path, true)).length, 1, path);
            });
        });
    }
});
