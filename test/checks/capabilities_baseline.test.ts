import * as assert from "assert";
import { CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { judge } from "../helpers";

const BASELINE = { "drop-capabilities": { checks: { capabilities_restricted: false, capabilities_baseline: true } } };
const BOTH = { "drop-capabilities": { checks: { capabilities_baseline: true } } };
const ids = (
    type: string,
    props: Record<string, unknown>,
    config: Record<string, Record<string, unknown>> = BASELINE,
) =>
    judge(type, props, config)
        .filter((d) => d.policy === "drop-capabilities")
        .map((d) => d.check)
        .sort();

describe("check capabilities_baseline", () => {
    it("is off by default: capabilities_restricted alone reports every forbidden add", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { add: ["SYS_ADMIN"], drop: ["ALL"] };
        assert.deepStrictEqual(ids(POD.type, POD.wrap(spec), {}), ["capabilities_restricted"]);
    });

    it("with capabilities_restricted on too, reports each add once: baseline-forbidden under its ID, the rest under restricted", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { add: ["SYS_ADMIN", "CHOWN"], drop: ["ALL"] };
        const ds = judge(POD.type, POD.wrap(spec), BOTH).filter((d) => d.policy === "drop-capabilities");
        assert.deepStrictEqual(ds.map((d) => d.check).sort(), ["capabilities_baseline", "capabilities_restricted"]);
        assert.ok(
            ds.find((d) => d.check === "capabilities_baseline")!.message.includes("must not add SYS_ADMIN:"),
            ds[0].message,
        );
        assert.ok(
            ds.find((d) => d.check === "capabilities_restricted")!.message.includes("must not add CHOWN:"),
            ds[1].message,
        );
    });

    it("runs alone before v1.22, where PSA has no capabilities_restricted to replace it", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { add: ["NET_RAW"] };
        assert.deepStrictEqual(
            ids(POD.type, POD.wrap(spec), {
                "drop-capabilities": { checks: { capabilities_baseline: true }, pssVersion: "v1.21" },
            }),
            ["capabilities_baseline"],
        );
    });

    for (const carrier of CARRIERS) {
        it(`${carrier.type}: allows the 13 defaults without a drop, rejects others`, () => {
            const spec = hardenedPodSpec();
            spec.containers[0].securityContext.capabilities = { add: ["CHOWN", "KILL", "NET_BIND_SERVICE"] };
            assert.deepStrictEqual(ids(carrier.type, carrier.wrap(spec)), []);
            spec.containers[0].securityContext.capabilities.add.push("NET_RAW");
            assert.deepStrictEqual(ids(carrier.type, carrier.wrap(spec)), ["capabilities_baseline"]);
        });
    }

    it("compares Kubernetes names exactly, as PSA does (cap_kill is not KILL at admission)", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { add: ["cap_kill"] };
        assert.deepStrictEqual(ids(POD.type, POD.wrap(spec)), ["capabilities_baseline"]);
    });

    it("applies to Docker, whose capability names are case-insensitive with an optional CAP_ prefix", () => {
        const c = hardenedContainer();
        c.capabilities = { adds: ["cap_kill"] };
        assert.deepStrictEqual(ids(DOCKER_CONTAINER, c), []);
        c.capabilities = { adds: ["SYS_PTRACE"] };
        assert.deepStrictEqual(ids(DOCKER_CONTAINER, c), ["capabilities_baseline"]);
    });

    it("malformed capabilities fail closed as a capabilities_baseline finding", () => {
        const c = hardenedContainer();
        c.capabilities = { adds: "SYS_ADMIN" };
        assert.deepStrictEqual(ids(DOCKER_CONTAINER, c), ["capabilities_baseline"]);
        const ds = judge(DOCKER_CONTAINER, c, BASELINE).filter((d) => d.check === "capabilities_baseline");
        assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
    });
});
