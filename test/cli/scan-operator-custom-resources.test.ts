// Issue 23 through `isolation-guard scan`: the same manifests as the analyzer-protocol test, read from YAML files
// through the same adapters, each failing at the custom resource's own field path.
import * as assert from "assert";
import { scan, ScanFinding } from "../../cli/scan";
import { json, manifestDir } from "./manifests";
import { ISSUE_23_CASES } from "../fixtures/issue23";

describe("isolation-guard scan: operator custom resources and missed custom-resource shapes (issue 23)", () => {
    it("judges every case from one multi-document YAML file, each at its own path", () => {
        const dir = manifestDir({ "crs.yaml": ISSUE_23_CASES.map((c) => json(c.manifest)).join("\n---\n") });
        let out = "";
        const code = scan(["--format", "json", dir], { stdout: (s) => (out += s), stderr: () => undefined });
        assert.strictEqual(code, 1);
        const findings: ScanFinding[] = JSON.parse(out);
        for (const c of ISSUE_23_CASES) {
            const hit = findings.find(
                (f) =>
                    f.name === c.manifest.metadata.name &&
                    f.check === c.check &&
                    f.enforcementLevel === "mandatory" &&
                    f.message.includes(`${c.path} is `),
            );
            assert.ok(hit, `${c.name}\n${findings.map((f) => `${f.name} ${f.message}`).join("\n")}`);
        }
    });
});
