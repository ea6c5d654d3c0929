// What a malformed security field means: a value of the wrong shape is no proof of safety. By default it is a
// violation that says the value could not be interpreted (in place of the check's verdict on that container);
// `malformedValues: advisory` notes it and judges the rest; `ignore` treats it as unset.
import * as assert from "assert";
import { judge, PackConfig } from "../helpers";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { resourcePolicies } from "../../policies";
import * as evaluateModule from "../../engine/evaluate";
import { MalformedValues } from "../../engine/types";

const mode = (m: MalformedValues): PackConfig =>
    Object.fromEntries(resourcePolicies.map((p) => [p.name, { malformedValues: m }]));

function deployment(edit: (s: Obj) => void): Obj {
    const spec = hardenedPodSpec();
    edit(spec);
    return DEPLOYMENT.wrap(spec);
}

const CASES: Array<{ name: string; type: string; props: Obj; check: string; field: string }> = [
    {
        name: 'privileged: "true"',
        type: DEPLOYMENT.type,
        check: "privileged",
        field: 'securityContext.privileged is "true"',
        props: deployment((s) => (s.containers[0].securityContext.privileged = "true")),
    },
    {
        name: 'capabilities: "ALL"',
        type: DEPLOYMENT.type,
        check: "capabilities_restricted",
        field: 'securityContext.capabilities is "ALL"',
        props: deployment((s) => (s.containers[0].securityContext.capabilities = "ALL")),
    },
    {
        name: "drop: [null, 7]",
        type: DEPLOYMENT.type,
        check: "capabilities_restricted",
        field: "capabilities.drop[0] is null",
        props: deployment((s) => (s.containers[0].securityContext.capabilities.drop = [null, 7])),
    },
    {
        name: "hostNetwork: 1",
        type: DEPLOYMENT.type,
        check: "hostNamespaces",
        field: "hostNetwork is 1",
        props: deployment((s) => (s.hostNetwork = 1)),
    },
    {
        name: 'hostPath.path: ["/"]',
        type: DEPLOYMENT.type,
        check: "sensitiveHostPath",
        field: 'hostPath.path is ["/"]',
        props: deployment((s) => s.volumes.push({ name: "h", hostPath: { path: ["/"] } })),
    },
    {
        name: "containers: {}",
        type: DEPLOYMENT.type,
        check: "privileged",
        field: "spec.template.spec.containers is an object",
        props: deployment((s) => (s.containers = {})),
    },
    {
        name: 'Docker privileged: "yes"',
        type: DOCKER_CONTAINER,
        check: "privileged",
        field: 'privileged is "yes"',
        props: { ...hardenedContainer(), privileged: "yes" },
    },
    {
        name: 'Docker capabilities.adds: "SYS_ADMIN"',
        type: DOCKER_CONTAINER,
        check: "capabilities_restricted",
        field: 'capabilities.adds is "SYS_ADMIN"',
        props: { ...hardenedContainer(), capabilities: { drops: ["ALL"], adds: "SYS_ADMIN" } },
    },
];

describe("malformed security fields", () => {
    for (const c of CASES) {
        it(`${c.name}: a violation saying it cannot be interpreted (default)`, () => {
            const ds = judge(c.type, c.props).filter((d) => d.check === c.check);
            assert.strictEqual(ds.length >= 1, true, JSON.stringify(judge(c.type, c.props).map((d) => d.message)));
            const d = ds.find((x) => x.message.includes("cannot interpret"));
            assert.ok(d, JSON.stringify(ds.map((x) => x.message)));
            assert.ok(!d.advisory && d.message.includes(c.field), d.message);
        });
        it(`${c.name}: advisory with malformedValues: advisory`, () => {
            const ds = judge(c.type, c.props, mode("advisory")).filter((d) => d.message.includes("cannot interpret"));
            assert.ok(ds.length >= 1 && ds.every((d) => d.advisory), JSON.stringify(ds.map((x) => x.message)));
        });
        it(`${c.name}: no cannot-interpret report with malformedValues: ignore`, () => {
            const ds = judge(c.type, c.props, mode("ignore"));
            assert.ok(
                ds.every((d) => !d.message.includes("cannot interpret")),
                JSON.stringify(ds.map((x) => x.message)),
            );
        });
    }

    it("advisory mode still judges the readable rest of the container", () => {
        const props = deployment((s) => {
            s.containers[0].securityContext.capabilities = { drop: [7], add: ["SYS_ADMIN"] };
        });
        const ds = judge(DEPLOYMENT.type, props, mode("advisory")).filter((d) => d.check === "capabilities_restricted");
        assert.ok(
            ds.some((d) => d.advisory && d.message.includes("cannot interpret")),
            JSON.stringify(ds.map((d) => d.message)),
        );
        assert.ok(
            ds.some((d) => !d.advisory && d.message.includes("must not add SYS_ADMIN")),
            JSON.stringify(ds.map((d) => d.message)),
        );
    });

    it("ignore mode treats the value as unset: an unset drop list still fails capabilities_restricted", () => {
        const props = deployment((s) => (s.containers[0].securityContext.capabilities = { drop: "ALL" }));
        const ds = judge(DEPLOYMENT.type, props, mode("ignore")).filter((d) => d.check === "capabilities_restricted");
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes("must drop ALL") && !ds[0].advisory, ds[0].message);
    });

    it("a malformed field a check does not read does not touch that check", () => {
        const props = deployment((s) => (s.containers[0].securityContext.privileged = "true"));
        const ds = judge(DEPLOYMENT.type, props);
        assert.deepStrictEqual([...new Set(ds.map((d) => d.check))], ["privileged"]);
    });

    it("the config schema offers the three modes, fail-closed by default", () => {
        const { configSchemaOf } = evaluateModule;
        for (const p of resourcePolicies) {
            const prop = configSchemaOf(p).properties.malformedValues as { enum: string[]; default: string };
            assert.deepStrictEqual(prop.enum, ["fail-closed", "advisory", "ignore"], p.name);
            assert.strictEqual(prop.default, "fail-closed", p.name);
        }
    });
});
