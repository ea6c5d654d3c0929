import * as assert from "assert";
import { checksInForce } from "../../engine/evaluate";
import { resolvePackConfig } from "../../cli/packConfig";
import { resourcePolicies } from "../../policies";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { preset, pssIds } from "../checks/pss";

const BASELINE_CHECKS = [
    "appArmorProfile",
    "capabilities_baseline",
    "hostNamespaces",
    "hostPathVolumes",
    "hostPorts",
    "hostProbesAndHostLifecycle",
    "privileged",
    "procMount",
    "seLinuxOptions",
    "seccompProfile_baseline",
    "sysctls",
    "windowsHostProcess",
];
const RESTRICTED_ONLY = [
    "allowPrivilegeEscalation",
    "capabilities_restricted",
    "procMount_restricted",
    "restrictedVolumes",
    "runAsNonRoot",
    "runAsUser",
    "seccompProfile_restricted",
];

/** Check IDs in force under a preset (enabled policies only), with their policy's level. */
function inForce(level: "baseline" | "restricted", version = "latest"): Map<string, string> {
    const out = new Map<string, string>();
    for (const p of resolvePackConfig(resourcePolicies, preset(level), { pssVersion: version })) {
        if (p.enforcementLevel === "disabled") continue;
        for (const c of checksInForce(p.def, p.config)) out.set(c.id, p.enforcementLevel);
    }
    return out;
}

describe("PSS presets", () => {
    for (const level of ["baseline", "restricted"] as const) {
        it(`pss-${level} names every resource policy, so none judges beyond PSA by default`, () => {
            const named = Object.keys(preset(level));
            for (const p of resourcePolicies) assert.ok(named.includes(p.name), p.name);
        });
    }

    it("pss-baseline runs exactly PSA's baseline checks, all mandatory", () => {
        const checks = inForce("baseline");
        assert.deepStrictEqual([...checks.keys()].sort(), BASELINE_CHECKS);
        assert.ok([...checks.values()].every((l) => l === "mandatory"));
    });

    it("pss-restricted runs exactly PSA's baseline and restricted checks, all mandatory", () => {
        const checks = inForce("restricted");
        assert.deepStrictEqual([...checks.keys()].sort(), [...BASELINE_CHECKS, ...RESTRICTED_ONLY].sort());
        assert.ok([...checks.values()].every((l) => l === "mandatory"));
    });

    it("follows PSA's version history: v1.0 restricted has no allowPrivilegeEscalation, capabilities_restricted or runAsUser", () => {
        const checks = [...inForce("restricted", "v1.0").keys()];
        for (const id of [
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "runAsUser",
            "seccompProfile_restricted",
            "procMount_restricted",
            "hostProbesAndHostLifecycle",
        ])
            assert.ok(!checks.includes(id), id);
        assert.ok(checks.includes("runAsNonRoot") && checks.includes("restrictedVolumes"));
    });

    it("pass the hardened pod spec at every version", () => {
        for (const level of ["baseline", "restricted"] as const) {
            for (const v of ["latest", ...Array.from({ length: 38 }, (_, i) => `v1.${i}`)]) {
                assert.deepStrictEqual(
                    pssIds(level, v, DEPLOYMENT.type, DEPLOYMENT.wrap(hardenedPodSpec())),
                    [],
                    `${level} ${v}`,
                );
            }
        }
    });

    it("reject the sensitive host paths the default config rejects only through PSA's own rules", () => {
        const spec = hardenedPodSpec();
        spec.volumes.push({ name: "sock", hostPath: { path: "/var/run/docker.sock" } });
        assert.deepStrictEqual(pssIds("baseline", "latest", DEPLOYMENT.type, DEPLOYMENT.wrap(spec)), [
            "hostPathVolumes",
        ]);
    });
});
