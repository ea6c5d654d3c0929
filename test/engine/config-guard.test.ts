// The pack refuses config properties no policy knows, at Configure, so a typo never silently falls back to a default.
import * as assert from "assert";
import { unknownConfigProperties } from "../../engine/configGuard";
import { suitePack } from "../harness/engine";

describe("config guard", () => {
    it("names each unknown property and what the policy accepts (unit)", () => {
        const known = new Map([["drop-capabilities", ["checks", "allowedCapabilities"]]]);
        assert.deepStrictEqual(
            unknownConfigProperties(known, [
                ["drop-capabilities", { allowedCapabilites: [], checks: {}, enforcementLevel: "x" }],
                ["other", { y: 1 }],
            ]),
            [
                'policy "drop-capabilities" has no config property "allowedCapabilites" (it accepts: checks, allowedCapabilities)',
            ],
        );
    });

    describe("over the analyzer protocol", function () {
        this.timeout(60000);
        const pack = suitePack();

        it("refuses a misspelt property the engine's schema validation lets through", async () => {
            await assert.rejects(
                pack().configurePack({ "drop-capabilities": { allowedCapabilites: ["SYS_ADMIN"] } }),
                (e: Error) => {
                    assert.match(
                        e.message,
                        /invalid isolation-guard config: policy "drop-capabilities" has no config property "allowedCapabilites" \(it accepts: .*allowedCapabilities/,
                    );
                    return true;
                },
            );
        });

        it("accepts the full default config the engine sends", async () => {
            const sent = await pack().configurePack({
                "drop-capabilities": { allowedCapabilities: ["NET_BIND_SERVICE"] },
            });
            assert.ok(Object.keys(sent).length >= 4);
        });
    });
});
