// engine/remediation.ts in-process: the field-path editor the fixes write through, which fixes run for which
// findings, and a policy's remediateResource as the engine's Remediate call reaches it. The rewritten inputs are what
// the engine deploys, so each test asserts them exactly. test/rollout/remediation.test.ts proves the same over gRPC.
import * as assert from "assert";
import { Secret } from "@pulumi/policy";
import { toWorkloads } from "../../adapters";
import { evaluate } from "../../engine/evaluate";
import { NO_SECRETS } from "../../engine/format";
import { resolvePackConfig } from "../../cli/packConfig";
import {
    hasRemediation,
    inputEditor,
    parsePath,
    remediate,
    remediateInputs,
    RemediationRequest,
} from "../../engine/remediation";
import type { Diagnostic, PolicyConfig, PolicyDefinition } from "../../engine/types";
import { optionsFor } from "../../engine/evaluate";
import { resourcePolicies } from "../../policies";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { UNKNOWN } from "../harness/engine";

const policyDef = (name: string): PolicyDefinition => {
    const def = resourcePolicies.find((d) => d.name === name);
    assert.ok(def, name);
    return def;
};

/** Each policy's config as the engine sends it for a pack config file (defaults filled). */
function configs(file: Obj = {}): Map<string, PolicyConfig> {
    return new Map(resolvePackConfig(resourcePolicies, file).map((p) => [p.def.name, p.config]));
}

describe("engine/remediation.ts: field paths", () => {
    const rows: Array<[string, Array<string | number>]> = [
        ["a", ["a"]],
        [
            "spec.template.spec.containers[0].securityContext",
            ["spec", "template", "spec", "containers", 0, "securityContext"],
        ],
        ["items[0][12].x", ["items", 0, 12, "x"]],
        ["[3].a", [3, "a"]],
        ["containerDefinitions[10]", ["containerDefinitions", 10]],
    ];
    for (const [path, segments] of rows) {
        it(`${path} → ${JSON.stringify(segments)}`, () => assert.deepStrictEqual(parsePath(path), segments));
    }

    for (const bad of ["a]b", "b[0]x", "c[x]", "d[-1]", "e[0"]) {
        it(`refuses ${JSON.stringify(bad)}`, () => {
            assert.throws(() => parsePath(`spec.${bad}`), {
                message: `unsupported field path ${JSON.stringify(`spec.${bad}`)}`,
            });
        });
    }
});

describe("engine/remediation.ts: the input editor", () => {
    it("reads through Secret boxes (nested ones too), and not through objects that merely hold a value", () => {
        const props = { a: new Secret({ b: new Secret(new Secret(7)) }), env: { value: "x", name: "n" } };
        const edit = inputEditor(props as unknown as Obj);
        assert.strictEqual(edit.get("a.b"), 7);
        assert.strictEqual(edit.get("env.name"), "n");
        assert.strictEqual(edit.get("env.value"), "x");
    });

    it("writes inside a Secret box, so a replaced secret stays secret", () => {
        const box = new Secret(true);
        const props = { sc: { privileged: box }, env: { value: "x" } };
        const edit = inputEditor(props as unknown as Obj);
        assert.strictEqual(edit.set("sc.privileged", false), true);
        assert.strictEqual(props.sc.privileged, box);
        assert.strictEqual(box.value, false);
        // An ordinary object with a `value` is replaced, not written into.
        assert.strictEqual(edit.set("env", "y"), true);
        assert.strictEqual(props.env, "y");
    });

    it("reads and writes objects without a prototype (a wire __proto__ key)", () => {
        const sc = Object.create(null) as Obj;
        sc.privileged = true;
        const props = { sc };
        const edit = inputEditor(props);
        assert.strictEqual(edit.get("sc.privileged"), true);
        assert.strictEqual(edit.set("sc.privileged", false), true);
        assert.strictEqual(sc.privileged, false);
    });

    it("reads nothing through a value unknown at preview, and gives no unknown back", () => {
        const edit = inputEditor({ a: UNKNOWN, b: { c: UNKNOWN } });
        assert.strictEqual(edit.get("a"), undefined);
        assert.strictEqual(edit.get("a.x"), undefined);
        assert.strictEqual(edit.get("b.c"), undefined);
    });

    it("indexes lists only, within their length", () => {
        const edit = inputEditor({ list: ["x", "y"], obj: { "0": "z", length: 2 } });
        assert.strictEqual(edit.get("list[1]"), "y");
        assert.strictEqual(edit.get("list[2]"), undefined);
        assert.strictEqual(edit.get("obj[0]"), undefined);
        assert.strictEqual(edit.get("obj.0"), "z");
    });

    it("reads and writes inside a JSON document held in a string, keeping its layout", () => {
        const compact = JSON.stringify([{ name: "a", privileged: true, x: [1] }]);
        const indented = '  [\n    {\n      "name": "a",\n      "privileged": true\n    }\n  ]';
        const props: Obj = { defs: compact, pretty: indented, secretDefs: new Secret(compact), text: "plain" };
        const edit = inputEditor(props);
        assert.strictEqual(edit.get("defs[0].privileged"), true);
        assert.strictEqual(edit.get("pretty[0].name"), "a");
        assert.strictEqual(edit.get("secretDefs[0].privileged"), true);
        assert.strictEqual(edit.get("text.x"), undefined);
        assert.strictEqual(edit.set("defs[0].privileged", false), true);
        assert.strictEqual(props.defs, JSON.stringify([{ name: "a", privileged: false, x: [1] }]));
        assert.strictEqual(edit.set("pretty[0].privileged", false), true);
        assert.strictEqual(props.pretty, JSON.stringify([{ name: "a", privileged: false }], null, "    "));
        assert.strictEqual(edit.set("secretDefs[0].privileged", false), true);
        assert.ok(props.secretDefs instanceof Secret);
        assert.strictEqual(props.secretDefs.value, JSON.stringify([{ name: "a", privileged: false, x: [1] }]));
        // A string that is no JSON document, or a document without the place, is no place to write.
        assert.strictEqual(edit.set("text.x", 1), false);
        assert.strictEqual(edit.set("defs[3].privileged", false), false);
        assert.strictEqual(props.text, "plain");
    });

    it("inside a JSON document held in a string, folds a key's other spellings as Go decodes them, then writes", () => {
        const props: Obj = {
            defs: JSON.stringify([
                {
                    name: "a",
                    privileged: false,
                    linuxParameters: { capabilities: { drop: ["ALL"] } },
                    Privileged: true,
                    LINUXPARAMETERS: { Capabilities: { Add: ["SYS_ADMIN"] }, devices: [] },
                    x: 1,
                },
            ]),
            // Outside a document, keys are the program's own: nothing is folded.
            plain: { privileged: true, Privileged: true },
        };
        const edit = inputEditor(props);
        assert.strictEqual(edit.set("defs[0].privileged", false), true);
        assert.strictEqual(edit.set("defs[0].linuxParameters.capabilities.add", []), true);
        assert.deepStrictEqual(JSON.parse(props.defs as string), [
            {
                name: "a",
                privileged: false,
                // The two objects merged as Go merges them; the nested `Add` is the `add` written.
                linuxParameters: { capabilities: { drop: ["ALL"], add: [] }, devices: [] },
                x: 1,
            },
        ]);
        assert.strictEqual(edit.set("plain.privileged", false), true);
        assert.deepStrictEqual(props.plain, { privileged: false, Privileged: true });
        // A lone other spelling is written under the path's spelling, in its place.
        const lone: Obj = { defs: '[{"Privileged": true, "name": "b"}]' };
        assert.strictEqual(inputEditor(lone).set("defs[0].privileged", false), true);
        assert.strictEqual(lone.defs, '[{"privileged":false,"name":"b"}]');
    });

    it("folding spellings inside a document keeps a __proto__ key as a key (nothing else in the document changes)", () => {
        const props: Obj = { defs: '[{"__proto__":{"x":1},"privileged":true,"Privileged":true}]' };
        assert.strictEqual(inputEditor(props).set("defs[0].privileged", false), true);
        assert.strictEqual(props.defs, '[{"__proto__":{"x":1},"privileged":false}]');
        const merged: Obj = { defs: '[{"linuxParameters":{"a":1},"LinuxParameters":{"__proto__":{"y":2}}}]' };
        assert.strictEqual(inputEditor(merged).set("defs[0].linuxParameters.b", 3), true);
        assert.strictEqual(merged.defs, '[{"linuxParameters":{"a":1,"__proto__":{"y":2},"b":3}}]');
    });

    it("creates missing and null objects on the way", () => {
        const props: Obj = { a: null, b: {} };
        const edit = inputEditor(props);
        assert.strictEqual(edit.set("a.b", 1), true);
        assert.strictEqual(edit.set("b.c.d", 2), true);
        assert.strictEqual(edit.set("e.f", 3), true);
        assert.deepStrictEqual(props, { a: { b: 1 }, b: { c: { d: 2 } }, e: { f: 3 } });
    });

    // Each row: the inputs, a path that is no place to write; the set reports false and changes nothing.
    const blocked: Array<[string, () => Obj, string]> = [
        ["a missing list element", () => ({ list: [{}] }), "list[3].x"],
        ["a list element past the end", () => ({ list: ["a"] }), "list[1]"],
        ["a missing list", () => ({ a: {} }), "a.list[0]"],
        ["a name inside a list", () => ({ arr: [] }), "arr.x.y"],
        ["a name on a list", () => ({ arr: [1] }), "arr.x"],
        ["an index on an object", () => ({ a: {} }), "a[0]"],
        ["through a number", () => ({ a: 5 }), "a.b"],
        ["through a boolean", () => ({ a: true }), "a.b.c"],
        ["through an unknown", () => ({ a: UNKNOWN }), "a.b"],
        ["through a non-JSON string", () => ({ a: "text" }), "a.b"],
        ["an index into an object on the way", () => ({ a: {} }), "a[0].b"],
    ];
    for (const [what, make, path] of blocked) {
        it(`refuses to write ${what}`, () => {
            const props = make();
            const before = structuredClone(props);
            assert.strictEqual(inputEditor(props).set(path, "v"), false);
            assert.deepStrictEqual(props, before);
        });
    }

    it("replaces a list element in place", () => {
        const props: Obj = { list: ["a", "b"] };
        assert.strictEqual(inputEditor(props).set("list[1]", "c"), true);
        assert.deepStrictEqual(props, { list: ["a", "c"] });
    });
});

describe("engine/remediation.ts: which fixes run", () => {
    const noPrivileged = policyDef("no-privileged-containers");
    const config = () => configs().get("no-privileged-containers")!;

    function twoContainers(first: Obj, second: Obj): Obj {
        const spec = hardenedPodSpec();
        spec.containers = [
            { name: "a", image: "x:1", securityContext: first },
            { name: "b", image: "x:1", securityContext: second },
        ];
        return DEPLOYMENT.wrap(spec);
    }
    const scs = (props: Obj) => props.spec.template.spec.containers.map((c: Obj) => c.securityContext);

    function run(props: Obj, edit: (ds: Diagnostic[]) => Diagnostic[] = (ds) => ds, def = noPrivileged): boolean {
        const workloads = toWorkloads(DEPLOYMENT.type, "web", props);
        const ds = edit(evaluate(def, workloads, config(), NO_SECRETS));
        return remediate(def, ds, inputEditor(props), optionsFor(def, config()));
    }

    it("fixes each container with a finding, with the fix of the finding's own check", () => {
        const props = twoContainers(
            { allowPrivilegeEscalation: false },
            { privileged: true, allowPrivilegeEscalation: true },
        );
        assert.strictEqual(run(props), true);
        assert.deepStrictEqual(scs(props), [
            { allowPrivilegeEscalation: false },
            { privileged: false, allowPrivilegeEscalation: false },
        ]);
        const apeOnly = twoContainers({ allowPrivilegeEscalation: true }, { privileged: true });
        assert.strictEqual(run(apeOnly), true);
        assert.deepStrictEqual(scs(apeOnly), [{ allowPrivilegeEscalation: false }, { privileged: false }]);
    });

    it("fixes every container that has the same finding", () => {
        const props = twoContainers({ privileged: true }, { privileged: true });
        assert.strictEqual(run(props), true);
        assert.deepStrictEqual(scs(props), [{ privileged: false }, { privileged: false }]);
    });

    it("leaves advisory findings alone", () => {
        const props = twoContainers({ privileged: true }, {});
        assert.strictEqual(
            run(props, (ds) => ds.map((d) => ({ ...d, advisory: true }))),
            false,
        );
        assert.deepStrictEqual(scs(props), [{ privileged: true }, {}]);
    });

    it("ignores findings of checks the policy does not have or that have no fix, and a fix for no container", () => {
        const props = twoContainers({ privileged: true }, {});
        assert.strictEqual(
            run(props, (ds) => ds.map((d) => ({ ...d, check: "nope" }))),
            false,
        );
        assert.strictEqual(
            run(props, (ds) => ds.map((d) => ({ ...d, container: undefined }))),
            false,
        );
        assert.deepStrictEqual(scs(props), [{ privileged: true }, {}]);
        const hostPid = DEPLOYMENT.wrap({ ...hardenedPodSpec(), hostPID: true });
        assert.strictEqual(
            run(hostPid, (ds) => ds, policyDef("no-host-namespaces")),
            false,
        );
    });

    it("runs a check's fix once per container however many findings it has there", () => {
        const def = noPrivileged;
        const c = { ...hardenedContainer(), securityOpts: ["no-new-privileges:false"] };
        const workloads = toWorkloads(DOCKER_CONTAINER, "web", c);
        const ds = evaluate(def, workloads, config(), NO_SECRETS);
        assert.deepStrictEqual(
            ds.map((d) => d.check),
            ["allowPrivilegeEscalation"],
        );
        assert.strictEqual(remediate(def, [...ds, ...ds], inputEditor(c), optionsFor(def, config())), true);
        assert.deepStrictEqual(c.securityOpts, ["no-new-privileges:true"]);
    });

    it("a policy has a fix to apply exactly when one of its checks has one", () => {
        assert.deepStrictEqual(
            resourcePolicies.filter(hasRemediation).map((d) => d.name),
            ["no-privileged-containers", "drop-capabilities", "kernel-hardening"],
        );
        assert.strictEqual(hasRemediation({ ...noPrivileged, checks: [] }), false);
    });
});

describe("engine/remediation.ts: remediateInputs (a policy's remediateResource)", () => {
    const privileged = (): Obj => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.privileged = true;
        return DEPLOYMENT.wrap(spec);
    };

    function request(props: Obj, config: PolicyConfig, name = "web"): RemediationRequest {
        return {
            type: DEPLOYMENT.type,
            name,
            urn: `urn:pulumi:dev::proj::${DEPLOYMENT.type}::${name}`,
            props,
            stackTags: new Map(),
            getConfig: <T extends object>() => config as T,
        };
    }

    it("fixes the plain inputs beneath the engine's proxies and returns them", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module without typings
        const { unknownCheckingProxy } = require("@pulumi/policy/proxy");
        const target = privileged();
        const config = configs().get("no-privileged-containers")!;
        const out = remediateInputs(
            policyDef("no-privileged-containers"),
            request(unknownCheckingProxy(unknownCheckingProxy(target)), config),
        );
        assert.strictEqual(out, target);
        assert.strictEqual(target.spec.template.spec.containers[0].securityContext.privileged, false);
    });

    it("returns nothing when nothing changed or nothing is a workload", () => {
        const config = configs().get("no-privileged-containers")!;
        const def = policyDef("no-privileged-containers");
        assert.strictEqual(remediateInputs(def, request(DEPLOYMENT.wrap(hardenedPodSpec()), config)), undefined);
        assert.strictEqual(
            remediateInputs(def, { ...request({ data: {} }, config), type: "kubernetes:core/v1:ConfigMap" }),
            undefined,
        );
    });

    it("leaves a finding an exemption waives by resource name or URN", () => {
        const def = policyDef("no-privileged-containers");
        const exempt = (match: Obj) =>
            configs({
                "no-privileged-containers": {
                    exemptions: [
                        { id: "X-1", checks: ["privileged"], match, reason: "GPU driver", expires: "2999-01-01" },
                    ],
                },
            }).get("no-privileged-containers")!;
        for (const match of [{ name: "gpu-*" }, { urn: "*::gpu-agent" }]) {
            const props = privileged();
            assert.strictEqual(
                remediateInputs(def, request(props, exempt(match), "gpu-agent")),
                undefined,
                JSON.stringify(match),
            );
            assert.strictEqual(props.spec.template.spec.containers[0].securityContext.privileged, true);
            // Another resource is fixed.
            const other = privileged();
            assert.strictEqual(
                remediateInputs(def, request(other, exempt(match), "web")),
                other,
                JSON.stringify(match),
            );
        }
    });

    it("judges with the stack's tags, as Analyze does", () => {
        // multi-tenant-isolation has no safe fix; give its check one to see which findings remediation acts on.
        const mt = policyDef("multi-tenant-isolation");
        const withFix: PolicyDefinition = {
            ...mt,
            checks: mt.checks.map((c) => ({
                ...c,
                remediate: (_w, _c, edit) => edit.set("spec.template.spec.runtimeClassName", "gvisor"),
            })),
        };
        const config = configs().get("multi-tenant-isolation")!;
        const plain = DEPLOYMENT.wrap(hardenedPodSpec());
        assert.strictEqual(remediateInputs(withFix, request(plain, config)), undefined);
        const tagged = { ...request(plain, config), stackTags: new Map([["tenancy", "multi-tenant"]]) };
        assert.strictEqual(remediateInputs(withFix, tagged), plain);
        assert.strictEqual(plain.spec.template.spec.runtimeClassName, "gvisor");
    });
});
