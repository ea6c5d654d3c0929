// Every example program, run under Pulumi's mocks and judged by the pack over the analyzer protocol, must produce
// exactly the diagnostics in its examples/<name>/expected.json. Regenerate on purpose with `UPDATE_GOLDEN=1 npm test`
// and review the diff.
import * as assert from "assert";
import * as fs from "fs";
import { exampleNames } from "../harness/program";
import { ExampleVerdict, goldenPath, judgeExample } from "../harness/judge";

const UPDATE = process.env.UPDATE_GOLDEN === "1";

describe("examples judged through the analyzer protocol (golden files)", function () {
    this.timeout(120000);

    it("has the documented examples", () => {
        const names = exampleNames();
        for (const n of [
            "k8s-hardened-app",
            "k8s-insecure-daemonset",
            "k8s-rendered-manifests",
            "k8s-custom-resources",
            "docker-good",
            "docker-bad",
            "aws-ecs",
            "aws-eks-fargate",
        ])
            assert.ok(names.includes(n), n);
    });

    for (const example of exampleNames()) {
        it(`${example} matches expected.json`, async () => {
            const verdict = await judgeExample(example);
            const file = goldenPath(example);
            if (UPDATE) {
                fs.writeFileSync(file, `${JSON.stringify(verdict, null, 2)}\n`);
                return;
            }
            assert.ok(fs.existsSync(file), `${file} is missing; create it with UPDATE_GOLDEN=1 npm test and review it`);
            const expected = JSON.parse(fs.readFileSync(file, "utf8")) as ExampleVerdict;
            assert.deepStrictEqual(verdict, expected);
        });
    }
});
