// Capability verdicts pinned entry by entry (issue 15): the PSS baseline set, patch semantics of the drop list, and
// the exact spelling PSA admission demands under the PSS presets. The sets are written out here: they are the spec.
import * as assert from "assert";
import { carrier, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { checkIds } from "../helpers";
import { pssIds } from "./pss";

/** Docker's default set less NET_RAW: what PSS baseline lets a container add. */
const BASELINE_ALLOWED = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

function podAdding(add: string[], drop: string[] = ["ALL"]) {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext.capabilities = { add, drop };
    return POD.wrap(spec);
}

const has = (ids: string[], id: string) => ids.includes(id);

describe("capabilities: every entry and rule pinned", () => {
    describe("PSS baseline: the capabilities a container may add", () => {
        for (const cap of BASELINE_ALLOWED) {
            it(`${cap} may be added`, () => {
                assert.ok(!has(pssIds("baseline", "latest", POD.type, podAdding([cap])), "capabilities_baseline"));
            });
        }
        for (const cap of ["NET_RAW", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "ALL", "chown", "CAP_CHOWN"]) {
            it(`${cap} may not`, () => {
                assert.ok(has(pssIds("baseline", "latest", POD.type, podAdding([cap])), "capabilities_baseline"));
            });
        }
        it("Docker spellings are normalized (case, CAP_ prefix), NET_RAW still refused", () => {
            for (const [adds, bad] of [
                [["chown", "CAP_KILL"], false],
                [["cap_net_raw"], true],
            ] as const) {
                const c = { ...hardenedContainer(), capabilities: { drops: ["ALL"], adds: [...adds] } };
                assert.strictEqual(
                    has(pssIds("baseline", "latest", DOCKER_CONTAINER, c), "capabilities_baseline"),
                    bad,
                    adds.join(),
                );
            }
        });
    });

    describe("drop ALL on a patch", () => {
        const patch = carrier("kubernetes:apps/v1:DeploymentPatch");
        const full = carrier("kubernetes:apps/v1:Deployment");
        const withDrop = (drop: string[] | undefined) => ({
            containers: [
                {
                    name: "app",
                    securityContext: { capabilities: drop === undefined ? {} : { drop } },
                },
            ],
        });
        it('a patch that sets drop: ["NET_RAW"] does not drop ALL', () => {
            assert.ok(has(checkIds(patch.type, patch.wrap(withDrop(["NET_RAW"]))), "capabilities_restricted"));
        });
        it("a patch that sets an empty drop list does not drop ALL", () => {
            assert.ok(has(checkIds(patch.type, patch.wrap(withDrop([]))), "capabilities_restricted"));
        });
        it("a patch that leaves the drop list alone keeps it as it was", () => {
            assert.ok(!has(checkIds(patch.type, patch.wrap(withDrop(undefined))), "capabilities_restricted"));
            assert.ok(!has(checkIds(patch.type, patch.wrap(withDrop(["ALL"]))), "capabilities_restricted"));
        });
        it("a full resource without a drop list does not drop ALL", () => {
            const spec = hardenedPodSpec();
            delete spec.containers[0].securityContext.capabilities.drop;
            assert.ok(has(checkIds(full.type, full.wrap(spec)), "capabilities_restricted"));
        });
    });

    describe("spelling of ALL", () => {
        it('PSS restricted rejects drop: ["all"], as Kubernetes admission does', () => {
            assert.ok(has(pssIds("restricted", "latest", POD.type, podAdding([], ["all"])), "capabilities_restricted"));
            assert.ok(
                has(pssIds("restricted", "latest", POD.type, podAdding([], ["CAP_ALL"])), "capabilities_restricted"),
            );
            assert.ok(
                !has(pssIds("restricted", "latest", POD.type, podAdding([], ["ALL"])), "capabilities_restricted"),
            );
        });
        it('PSS restricted accepts a Docker container dropping "all" (Docker accepts any spelling)', () => {
            const c = { ...hardenedContainer(), capabilities: { drops: ["all"], adds: [] } };
            assert.ok(!has(pssIds("restricted", "latest", DOCKER_CONTAINER, c), "capabilities_restricted"));
        });
        it('the default policy accepts drop: ["all"] and " cap_all " (the runtime does)', () => {
            assert.ok(!has(checkIds(POD.type, podAdding([], ["all"])), "capabilities_restricted"));
            assert.ok(!has(checkIds(POD.type, podAdding([], [" cap_all "])), "capabilities_restricted"));
        });
        it("adding ALL is refused even when allowedCapabilities lists it", () => {
            const config = { "drop-capabilities": { allowedCapabilities: ["ALL", "NET_ADMIN"] } };
            assert.ok(has(checkIds(POD.type, podAdding(["ALL"]), config), "capabilities_restricted"));
            assert.ok(!has(checkIds(POD.type, podAdding(["NET_ADMIN"]), config), "capabilities_restricted"));
        });
    });
});

describe("a hardened workload", () => {
    it("gets no diagnostic at all from any policy at its defaults", () => {
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(hardenedPodSpec())), []);
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, hardenedContainer()), []);
    });
});
