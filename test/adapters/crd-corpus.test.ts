// The custom-resource corpus (test/fixtures/crdCorpus.ts): the pack locates every container of every document at its
// field path, and a container made privileged there is rejected at `<path>.securityContext.privileged`.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { judge } from "../helpers";
import { CRD_CORPUS } from "../fixtures/crdCorpus";
import { Obj } from "../fixtures/kubernetes";

/** The object at a field path (`spec.a[0].b`), for setting a container's securityContext in a copy. */
function at(root: Obj, path: string): Obj {
    let cur: Obj = root;
    for (const seg of path.match(/[^.[\]]+/g) ?? []) cur = cur[/^\d+$/.test(seg) ? Number(seg) : seg];
    return cur;
}

describe("custom-resource corpus: every container found at its path", () => {
    for (const d of CRD_CORPUS) {
        describe(d.name, () => {
            it("locates each container at its expected path, and no other", () => {
                const found = toWorkloads(d.type, "r", d.doc).flatMap((w) => w.containers.map((c) => c.path));
                assert.deepStrictEqual([...found].sort(), [...d.containers].sort());
            });

            for (const path of d.containers)
                it(`judges a privileged container at ${path}`, () => {
                    const doc = JSON.parse(JSON.stringify(d.doc)) as Obj;
                    const container = at(doc, path);
                    container.securityContext = { ...(container.securityContext ?? {}), privileged: true };
                    const hits = judge(d.type, doc)
                        .filter((x) => x.check === "privileged")
                        .map((x) => /: (\S+) is true/.exec(x.message)?.[1]);
                    assert.deepStrictEqual(hits, [`${path}.securityContext.privileged`]);
                });
        });
    }
});
