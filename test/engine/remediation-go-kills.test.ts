// engine/remediation.ts, inside a JSON document held in a string: reads as Go's encoding/json decodes the document
// (any case, the later spelling wins, objects written twice merge, nested fields alike), and writes that fold only
// the spellings of the path's own key, leaving the rest of the document as written.
import * as assert from "assert";
import { inputEditor } from "../../engine/remediation";

type Obj = Record<string, unknown>;

describe("input editor inside a JSON document: Go's reading of keys", () => {
    it("reads a field written in another case, as Go matches it", () => {
        const edit = inputEditor({ defs: '[{"Privileged": true}]' });
        assert.strictEqual(edit.get("defs[0].privileged"), true);
    });

    it("reads a scalar written in two spellings as the later one", () => {
        assert.strictEqual(
            inputEditor({ doc: '{"privileged": false, "Privileged": true}' }).get("doc.privileged"),
            true,
        );
        assert.strictEqual(
            inputEditor({ doc: '{"Privileged": true, "privileged": false}' }).get("doc.privileged"),
            false,
        );
    });

    it("reads an object followed by a null spelling as null (the later one replaces it)", () => {
        const edit = inputEditor({ doc: '{"linuxParameters": {"initProcessEnabled": true}, "LinuxParameters": null}' });
        assert.strictEqual(edit.get("doc.linuxParameters"), null);
    });

    it("merges a nested field written, in the same spelling, in both spellings of its parent", () => {
        const doc = JSON.stringify({
            linuxParameters: { capabilities: { add: ["SYS_ADMIN"] } },
            LinuxParameters: { capabilities: { drop: ["ALL"] } },
        });
        const edit = inputEditor({ doc });
        assert.deepStrictEqual(edit.get("doc.linuxParameters.capabilities"), { add: ["SYS_ADMIN"], drop: ["ALL"] });
        assert.deepStrictEqual(edit.get("doc.linuxParameters.capabilities.add"), ["SYS_ADMIN"]);
    });

    it("writes over an object's only key, spelled otherwise, under the path's spelling", () => {
        const props: Obj = { doc: '{"linuxParameters": {"InitProcessEnabled": false}}' };
        assert.strictEqual(inputEditor(props).set("doc.linuxParameters.initProcessEnabled", true), true);
        assert.strictEqual(props.doc, '{"linuxParameters":{"initProcessEnabled":true}}');
    });

    it("an edit of a key written once leaves the document's other keys as written, `__proto__` included", () => {
        const props: Obj = { doc: '{"__proto__": {"x": 1}, "privileged": true}' };
        assert.strictEqual(inputEditor(props).set("doc.privileged", false), true);
        assert.strictEqual(props.doc, '{"__proto__":{"x":1},"privileged":false}');
    });

    it("a list index met on an object inside the document is no place to write: nothing written", () => {
        const props: Obj = { doc: '{"a": {"x": 1}}' };
        assert.strictEqual(inputEditor(props).set("doc.a[0].b", 1), false);
        assert.strictEqual(props.doc, '{"a": {"x": 1}}');
    });

    it("writes a list element inside the document by its index", () => {
        const props: Obj = { doc: '{"list": ["a", "b"]}' };
        assert.strictEqual(inputEditor(props).set("doc.list[1]", "c"), true);
        assert.strictEqual(props.doc, '{"list":["a","c"]}');
    });
});
