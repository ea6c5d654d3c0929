// The SARIF 2.1.0 JSON schema check the scan tests share.
import * as fs from "fs";
import Ajv from "ajv";

/** The SARIF 2.1.0 JSON schema as published with Microsoft's SARIF SDK (draft-04), compiled with ajv. */
export function sarifValidator(): (log: unknown) => string[] {
    const schemaFile = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
    const ajv = new Ajv({ schemaId: "id", meta: false, allErrors: true, format: "full" });
    ajv.addMetaSchema(JSON.parse(fs.readFileSync(require.resolve("ajv/lib/refs/json-schema-draft-04.json"), "utf8")));
    const validate = ajv.compile(schema);
    return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`));
}
