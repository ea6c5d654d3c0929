// tenantHostPath over the analyzer protocol (issue 22 part 2): a workload marked multi-tenant that mounts any host path
// fails preview under multi-tenant-isolation on every platform that mounts host paths, except a read-only mount of a
// harmless file; the same mount without the marking is left to the sensitive list. In-process twins:
// test/checks/tenantHostPath.test.ts.
import * as assert from "assert";
import { EngineDiagnostic, suitePack } from "../harness/engine";
import { HOST_MOUNT_CARRIERS } from "../fixtures/hostMounts";
import { MULTI_TENANT } from "../fixtures/multitenancy";

const tenantHostPath = (ds: EngineDiagnostic[]) => ds.filter((d) => d.message.includes("[tenantHostPath]"));

describe("tenantHostPath over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    for (const carrier of HOST_MOUNT_CARRIERS) {
        it(`${carrier.name}: a multi-tenant workload mounting /srv/data fails preview (mandatory)`, async () => {
            const ds = tenantHostPath(
                await pack().analyze(carrier.type, "res", carrier.props("/srv/data", true, MULTI_TENANT)),
            );
            assert.deepStrictEqual(
                ds.map((d) => [d.policyName, d.enforcementLevel]),
                [["multi-tenant-isolation", "mandatory"]],
            );
            assert.match(ds[0].message, /is multi-tenant \(\w+ tenancy=multi-tenant\) and must not mount a host path/);
        });
        it(`${carrier.name}: a read-only /etc/localtime passes, a writable one and a single-tenant /srv/data are judged apart`, async () => {
            const analyze = async (path: string, readOnly: boolean, tenancy?: Record<string, string>) =>
                tenantHostPath(await pack().analyze(carrier.type, "res", carrier.props(path, readOnly, tenancy)));
            assert.deepStrictEqual(await analyze("/etc/localtime", true, MULTI_TENANT), []);
            assert.strictEqual((await analyze("/etc/localtime", false, MULTI_TENANT)).length, 1);
            assert.deepStrictEqual(await analyze("/srv/data", false), []);
        });
    }
});
