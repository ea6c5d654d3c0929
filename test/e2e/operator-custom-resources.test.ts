// Issue 23 over the analyzer protocol: custom resources of operators that supply the image, and the custom-resource
// shapes the adapter used to miss, as `pulumi preview` sends them to the pack. Each case has an in-process twin
// (test/adapters/crd-*.test.ts) that the mutation runner can use; this one proves the pack process reads them too.
import * as assert from "assert";
import { EngineDiagnostic, suitePack } from "../harness/engine";
import { ISSUE_23_CASES } from "../fixtures/issue23";

const mandatory = (ds: EngineDiagnostic[]) => ds.filter((d) => d.enforcementLevel === "mandatory");

describe("issue 23: operator custom resources and missed shapes over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    before(async () => pack().configurePack({}));

    for (const c of ISSUE_23_CASES)
        it(`${c.name}: fails preview under [${c.check}] at ${c.path}`, async () => {
            const ds = mandatory(await pack().analyze(c.type, c.manifest.metadata.name, c.manifest));
            const hit = ds.find((d) => d.message.includes(`[${c.check}]`) && d.message.includes(`${c.path} is `));
            assert.ok(hit, ds.map((d) => d.message).join("\n"));
        });
});
