// engine/registry.ts: a check introduced at exactly the newest PSS version the tables know is accepted (only a newer
// one is refused), and the refusal is a CheckRegistryError by name as well as by class.
import * as assert from "assert";
import { CheckRegistryError, validateRegistry } from "../../engine/registry";
import { NEWEST_KNOWN_PSS_VERSION } from "../../engine/pssTables";

describe("check registry: the PSS version bound", () => {
    it("accepts a check introduced at the newest known PSS version", () => {
        assert.doesNotThrow(() =>
            validateRegistry(
                [{ name: "p", checks: [{ id: "c", since: NEWEST_KNOWN_PSS_VERSION }], defaultChecks: [] }],
                ["c"],
            ),
        );
    });

    it("refuses a newer one with an error named CheckRegistryError", () => {
        let caught: unknown;
        try {
            validateRegistry(
                [{ name: "p", checks: [{ id: "c", since: NEWEST_KNOWN_PSS_VERSION + 1 }], defaultChecks: [] }],
                ["c"],
            );
        } catch (e) {
            caught = e;
        }
        assert.ok(caught instanceof CheckRegistryError);
        assert.strictEqual(caught.name, "CheckRegistryError");
    });
});
