// The glob dialect of exemption selectors (engine/glob.ts), pinned by waivers: `*` any run of characters (newlines
// too), `?` exactly one, every other character literal — above all the regular-expression metacharacters, which would
// otherwise let a selector waive names it does not spell out — and anchored at both ends.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { evaluate } from "../../engine/evaluate";
import { NO_SECRETS } from "../../engine/format";
import { resourcePolicies } from "../../policies";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";

const NOW = new Date("2026-06-15T12:00:00Z");
const POLICY = resourcePolicies.find((p) => p.name === "no-privileged-containers")!;

/** Whether `match: {name: glob}` waives the privileged finding of a Docker container named `name`. */
function waives(glob: string, name: string): boolean {
    const props = { ...hardenedContainer(), name, privileged: true };
    const exemptions = [{ checks: ["privileged"], match: { name: glob }, reason: "r", expires: "2099-12-31" }];
    const ds = evaluate(
        POLICY,
        toWorkloads(DOCKER_CONTAINER, "res", props),
        { exemptions },
        NO_SECRETS,
        new Set(),
        {},
        {
            now: NOW,
        },
    );
    const privileged = ds.filter((d) => d.check === "privileged");
    assert.strictEqual(privileged.length, 1);
    return privileged[0].advisory;
}

describe("glob selectors", () => {
    const cases: Array<[string, string, boolean]> = [
        ["web", "web", true],
        ["web", "web-1", false],
        ["web", "my-web", false],
        ["web*", "web-1", true],
        ["web*", "web", true],
        ["*-1", "web-1", true],
        ["w*b", "w\nb", true],
        ["we?", "web", true],
        ["we?", "we", false],
        ["we?", "webs", false],
        ["a.b", "a.b", true],
        ["a.b", "axb", false],
        ["a+", "aa", false],
        ["a+", "a+", true],
        ["a^b", "a^b", true],
        ["$a", "$a", true],
        ["a{2}", "aa", false],
        ["a{2}", "a{2}", true],
        ["(a)", "a", false],
        ["(a)", "(a)", true],
        ["a|b", "a", false],
        ["a|b", "a|b", true],
        ["[ab]", "a", false],
        ["[ab]", "[ab]", true],
        ["a\\d", "a1", false],
        ["a\\d", "a\\d", true],
    ];
    for (const [glob, name, expected] of cases) {
        it(`${JSON.stringify(glob)} ${expected ? "selects" : "does not select"} ${JSON.stringify(name)}`, () => {
            assert.strictEqual(waives(glob, name), expected);
        });
    }
});
