// What every AWS workload starts from: a blank workload of the platform, and the JSON documents the provider takes
// as strings (ECS container definitions, Batch job properties), parsed defensively.
import { Workload } from "../../model/workload";
import { At, Reader, own, unwrapSecret } from "../../model/read";
import { newWorkload } from "../shared/common";
import { decodeAsGo, viewAsGo } from "./goJson";

export function awsWorkload(
    type: string,
    kind: string,
    name: string,
    isolation: Workload["isolation"],
    tags: Record<string, string>,
    r: Reader,
): Workload {
    const w = newWorkload(
        { platform: "aws", isolation, type, kind, name, isPatch: false, specPath: "", labels: tags },
        r,
    );
    w.pod = { path: "" };
    return w;
}

/**
 * A JSON document the provider takes as a string. Unknown at preview: recorded (deferred per `unknownValues`);
 * unparseable or of the wrong shape: recorded as malformed, so it is reported and never passed. Secrets are seen
 * through (model/read.ts); engine/hooks.ts treats every value inside a secret document as secret. A document the
 * provider decodes into Go structs (`decodedBy: "go"`, the default: container definitions, Batch container, node and
 * ECS properties) is read as Go reads it (./goJson.ts): keys in any case, the last one winning.
 */
export function jsonDocument(
    r: Reader,
    props: unknown,
    key: string,
    path: string,
    decodedBy: "go" | "json" = "go",
): unknown {
    const at: At = { path, field: "all" };
    // Already a document (a program that skipped JSON.stringify and a provider that let it through): read it as is.
    const doc = unwrapSecret(own(props, key));
    if (typeof doc === "object" && doc !== null) return decodedBy === "go" ? viewAsGo(doc) : doc;
    const raw = r.str(props, key, at);
    if (raw === undefined) return undefined;
    try {
        return decodedBy === "go" ? decodeAsGo(raw) : (JSON.parse(raw) as unknown);
    } catch {
        r.malformed(at, raw);
        return undefined;
    }
}
