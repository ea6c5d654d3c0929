// How Go's encoding/json matches an object key to a struct field: case-insensitively, by Unicode simple folding, which
// for the ASCII field names of the structs involved is ASCII case plus the two non-ASCII letters that fold onto ASCII
// ones (`ſ` is `s`, the Kelvin sign is `k`). Consumers that decode JSON this way: the AWS provider (ECS container
// definitions, Batch properties) and Argo (podSpecPatch); the readers (adapters/aws/goJson.ts) and the remediation
// editor (engine/remediation.ts) fold alike.

/** A key as Go compares it to a field name. */
export function foldKey(key: string): string {
    // The Kelvin sign lower-cases to "k" by itself; the long s does not.
    return key.replace(/[A-Z\u017f\u212a]/g, (c) => (c === "\u017f" ? "s" : c.toLowerCase()));
}
