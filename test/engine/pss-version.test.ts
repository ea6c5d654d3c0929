// engine/pssVersion.ts: the PSS versions the pack knows are derived from the PSS tables (data/pss.ts), and a newer
// `v1.N` judges as the newest known one, as PSA treats a version newer than its own; the config schema accepts any
// `v1.N` or "latest".
import * as assert from "assert";
import { PSS_CHANGES, PSS_VERSIONED_TABLES } from "../../data/pss";
import { configSchemaOf } from "../../engine/configSchema";
import { NEWEST_KNOWN_PSS_VERSION } from "../../engine/pssTables";
import { parsePssVersion, PSS_VERSIONS } from "../../engine/pssVersion";
import { LATEST } from "../../engine/types";
import { resolvePackConfig, validateSchema } from "../../cli/packConfig";
import { resourcePolicies } from "../../policies";
import { pssIds, unmasked } from "../checks/pss";
import { POD } from "../fixtures/kubernetes";

describe("engine/pssVersion.ts: pssVersion, derived from the PSS tables", () => {
    it("knows v1.0 up to the newest version any table row or behaviour change names", () => {
        const newest = Math.max(
            ...PSS_VERSIONED_TABLES.flatMap((t) => t.map((row) => row.since)),
            ...Object.values(PSS_CHANGES),
        );
        assert.strictEqual(NEWEST_KNOWN_PSS_VERSION, newest);
        assert.strictEqual(NEWEST_KNOWN_PSS_VERSION, 37);
        assert.deepStrictEqual(PSS_VERSIONS.slice(0, 3), ["latest", "v1.0", "v1.1"]);
        assert.strictEqual(PSS_VERSIONS[PSS_VERSIONS.length - 1], `v1.${NEWEST_KNOWN_PSS_VERSION}`);
        assert.strictEqual(PSS_VERSIONS.length, NEWEST_KNOWN_PSS_VERSION + 2);
    });

    it("clamps a version newer than the tables know to the newest known; latest stays latest", () => {
        assert.strictEqual(parsePssVersion(`v1.${NEWEST_KNOWN_PSS_VERSION}`), NEWEST_KNOWN_PSS_VERSION);
        assert.strictEqual(parsePssVersion(`v1.${NEWEST_KNOWN_PSS_VERSION + 1}`), NEWEST_KNOWN_PSS_VERSION);
        assert.strictEqual(parsePssVersion("v1.99"), NEWEST_KNOWN_PSS_VERSION);
        assert.strictEqual(parsePssVersion("latest"), LATEST);
        assert.strictEqual(parsePssVersion(undefined), LATEST);
        assert.strictEqual(parsePssVersion("v1.20"), 20);
    });

    it("judges a newer version as the newest known", () => {
        // procMount: Unmasked is allowed in a user namespace from v1.35 on; v1.99 judges as v1.37.
        for (const level of ["baseline", "restricted"] as const) {
            const props = { metadata: { name: "p" }, spec: unmasked(false) };
            assert.deepStrictEqual(
                pssIds(level, "v1.99", POD.type, props),
                pssIds(level, `v1.${NEWEST_KNOWN_PSS_VERSION}`, POD.type, props),
                level,
            );
        }
    });

    it("the config schema accepts latest and any v1.N, and refuses anything else", () => {
        for (const def of resourcePolicies) {
            const schema = configSchemaOf(def).properties.pssVersion;
            for (const ok of ["latest", "v1.0", "v1.37", "v1.38", "v1.120"])
                assert.deepStrictEqual(validateSchema(schema, ok), [], `${def.name} ${ok}`);
            for (const bad of ["v2.0", "1.25", "v1.", "v1.25x", "Latest", ""])
                assert.deepStrictEqual(
                    validateSchema(schema, bad),
                    ["Does not match pattern '^(latest|v1\\.\\d+)$'"],
                    `${def.name} ${bad}`,
                );
        }
        const resolved = resolvePackConfig(resourcePolicies, {}, { pssVersion: "v1.40" });
        for (const p of resolved) assert.strictEqual(p.config.pssVersion, "v1.40", p.def.name);
    });
});
