// ECS and Batch container documents as their consumer reads them. The AWS provider decodes `containerDefinitions`
// (and Batch's `containerProperties`, `nodeProperties`, `ecsProperties`) with Go's `encoding/json` into the AWS SDK's
// structs (terraform-provider-aws internal/service/ecs container_definitions.go, `expandContainerDefinitions`; the SDK's
// types carry no json tags). Go matches an object key to a struct field case-insensitively (Unicode simple folding, so
// `ſ` is `s` and the Kelvin sign is `k`), and each matching key is decoded in document order: the last one wins, a
// nested struct decoded twice merges (its pointer is reused), a map keeps the keys of both, `null` clears, and a list
// is replaced. `{"privileged": false, "Privileged": true}` registers a privileged container. JSON.parse keeps both keys
// apart and, for a key written twice, the first position with the last value, so documents are parsed here instead.
// Confirmed against Go 1.26's encoding/json.
import { JsonObject, isPlainObject, SECRET_SIG, SPECIAL_SIG_KEY, unwrapSecret } from "../../model/read";
import { foldKey } from "../shared/goKeys";

/** An object as written: every key, in order, duplicates included. */
class Entries {
    constructor(readonly entries: Array<[string, GoValue]>) {}
}
type GoValue = null | boolean | number | string | GoValue[] | Entries | Opaque | Secret;
/** A value the program handed over that is no JSON (a function, a class instance): kept as it is. */
class Opaque {
    constructor(readonly value: unknown) {}
}
/**
 * A secret the program handed over. The provider serializes it as its plain value, so Go decodes, folds and merges
 * what is inside like any other part of the document; the field it lands in stays secret for the messages.
 */
class Secret {
    constructor(readonly value: GoValue) {}
}

/**
 * The fields of the SDK structs the adapter reads, in the API's spelling: a key that folds to one of them is read as
 * it. A key that matches none is kept as written (no reader asks for it).
 */
const FIELDS = [
    "add",
    "capabilities",
    "container",
    "containerPath",
    "containers",
    "devices",
    "dockerLabels",
    "dockerSecurityOptions",
    "dockerVolumeConfiguration",
    "driver",
    "driverOpts",
    "expression",
    "drop",
    "host",
    "hostPath",
    "image",
    "ipcMode",
    "labels",
    "linuxParameters",
    "mountPoints",
    "name",
    "namespace",
    "networkMode",
    "nodeRangeProperties",
    "options",
    "permissions",
    "pidMode",
    "placementConstraints",
    "privileged",
    "readOnly",
    "readonlyRootFilesystem",
    "resourceRequirements",
    "sourcePath",
    "sourceVolume",
    "systemControls",
    "taskProperties",
    "type",
    "user",
    "value",
    "volumes",
];

/**
 * Go's `map[string]…` fields of those structs (ContainerDefinition.DockerLabels, DockerVolumeConfiguration.DriverOpts
 * and Labels, LogConfiguration.Options): their keys are data, matched exactly, and a second object adds to the first.
 */
const MAPS: ReadonlySet<string> = new Set(["dockerLabels", "driverOpts", "labels", "options"]);

export { foldKey };

const CANONICAL: ReadonlyMap<string, string> = new Map(FIELDS.map((f) => [foldKey(f), f]));

/** A JSON text parsed keeping every key of every object in order; throws SyntaxError as JSON.parse does. */
function parse(text: string): GoValue {
    let i = 0;
    const fail = (): never => {
        throw new SyntaxError(`invalid JSON at ${i}`);
    };
    const space = () => {
        while (i < text.length && " \t\n\r".includes(text[i])) i++;
    };
    const str = (): string => {
        // JSON forbids raw control characters in strings: a string holding one is no JSON.
        // eslint-disable-next-line no-control-regex
        const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
        if (!m) return fail();
        i += m[0].length;
        return JSON.parse(m[0]) as string;
    };
    const value = (): GoValue => {
        space();
        const c = text[i];
        if (c === "{") {
            i++;
            const entries: Array<[string, GoValue]> = [];
            space();
            if (text[i] === "}") {
                i++;
                return new Entries(entries);
            }
            for (;;) {
                space();
                const key = str();
                space();
                if (text[i++] !== ":") fail();
                entries.push([key, value()]);
                space();
                const sep = text[i++];
                if (sep === "}") return new Entries(entries);
                if (sep !== ",") fail();
            }
        }
        if (c === "[") {
            i++;
            const items: GoValue[] = [];
            space();
            if (text[i] === "]") {
                i++;
                return items;
            }
            for (;;) {
                items.push(value());
                space();
                const sep = text[i++];
                if (sep === "]") return items;
                if (sep !== ",") fail();
            }
        }
        if (c === '"') return str();
        const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
        if (!m) return fail();
        i += m[0].length;
        return m[0] === "true" ? true : m[0] === "false" ? false : m[0] === "null" ? null : Number(m[0]);
    };
    const out = value();
    space();
    if (i !== text.length) fail();
    return out;
}

/** A document the program handed over as a value (not a string): what JSON.stringify would write, in order. */
function entriesOf(v: unknown): GoValue {
    const plain = unwrapSecret(v);
    if (plain !== v) return new Secret(entriesOf(plain));
    if (Array.isArray(v)) return v.map(entriesOf);
    if (isPlainObject(v)) return new Entries(Object.keys(v).map((k) => [k, entriesOf(v[k])]));
    if (v === undefined || v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string")
        return v ?? null;
    return new Opaque(v);
}

/** The wire form of a secret: what the readers see through and the messages keep secret. */
function secretOf(value: unknown): JsonObject {
    return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

function decode(v: GoValue, into: unknown, asMap: boolean): unknown {
    if (v instanceof Opaque) return v.value;
    // A secret merges with (or replaces) what the field holds as its plain value would; the result stays secret.
    if (v instanceof Secret) return secretOf(decode(v.value, unwrapSecret(into), asMap));
    if (Array.isArray(v)) return v.map((e) => decode(e, undefined, false));
    if (!(v instanceof Entries)) return v;
    // Go reuses a struct or map it already decoded for this field: the second object adds to it. One decoded from a
    // secret stays secret with what the second adds.
    const plainInto = unwrapSecret(into);
    if (plainInto !== into) return secretOf(decode(v, plainInto, asMap));
    const out: JsonObject = isPlainObject(into) ? into : Object.create(null);
    for (const [key, value] of v.entries) {
        const field = asMap ? key : (CANONICAL.get(foldKey(key)) ?? key);
        const prev = Object.prototype.hasOwnProperty.call(out, field) ? out[field] : undefined;
        out[field] = decode(value, prev, !asMap && MAPS.has(field));
    }
    return out;
}

/** A JSON text as the Go provider decodes it into the SDK's structs; throws SyntaxError on text Go rejects too. */
export function decodeAsGo(text: string): unknown {
    return decode(parse(text), undefined, false);
}

/** A document handed over as a value, read as the Go provider will decode its JSON. */
export function viewAsGo(doc: unknown): unknown {
    return decode(entriesOf(doc), undefined, false);
}
