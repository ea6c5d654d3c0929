// How the checks that predate this suite follow PSA's version history under the PSS presets.
import * as assert from "assert";
import { POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { pssIds } from "./pss";

const win = (mutate: (spec: ReturnType<typeof hardenedPodSpec>) => void) => {
    const spec = hardenedPodSpec();
    spec.os = { name: "windows" };
    mutate(spec);
    return POD.wrap(spec);
};

describe("PSS version history of the core checks", () => {
    it("allowPrivilegeEscalation exists from v1.8 (require-false under restricted)", () => {
        const spec = hardenedPodSpec();
        delete spec.containers[0].securityContext.allowPrivilegeEscalation;
        assert.deepStrictEqual(pssIds("restricted", "v1.7", POD.type, POD.wrap(spec)), []);
        assert.deepStrictEqual(pssIds("restricted", "v1.8", POD.type, POD.wrap(spec)), ["allowPrivilegeEscalation"]);
        assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, POD.wrap(spec)), []);
    });

    it("Windows pods are exempt from allowPrivilegeEscalation and capabilities_restricted from v1.25", () => {
        const pod = win((s) => {
            for (const c of [...s.containers, ...s.initContainers])
                c.securityContext = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
        });
        assert.deepStrictEqual(pssIds("restricted", "v1.25", POD.type, pod), []);
        assert.deepStrictEqual(pssIds("restricted", "v1.24", POD.type, pod), [
            "allowPrivilegeEscalation",
            "allowPrivilegeEscalation",
            "capabilities_restricted",
            "capabilities_restricted",
        ]);
    });

    it("capabilities_restricted exists from v1.22; before, restricted judges adds with the baseline list only", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.capabilities = { add: ["CHOWN"] };
        assert.deepStrictEqual(pssIds("restricted", "v1.21", POD.type, POD.wrap(spec)), []);
        assert.deepStrictEqual(pssIds("restricted", "v1.22", POD.type, POD.wrap(spec)), ["capabilities_restricted"]);
    });

    it("the unversioned baseline checks judge the same at v1.0 and latest", () => {
        const cases: Array<[string, (s: ReturnType<typeof hardenedPodSpec>) => void]> = [
            ["privileged", (s) => (s.containers[0].securityContext.privileged = true)],
            ["windowsHostProcess", (s) => (s.securityContext.windowsOptions = { hostProcess: true })],
            ["hostNamespaces", (s) => (s.hostPID = true)],
            ["hostPorts", (s) => (s.containers[0].ports = [{ containerPort: 80, hostPort: 80 }])],
            ["hostPathVolumes", (s) => s.volumes.push({ name: "h", hostPath: { path: "/srv" } })],
        ];
        for (const [id, mutate] of cases) {
            const spec = hardenedPodSpec();
            mutate(spec);
            for (const v of ["v1.0", "latest"])
                assert.deepStrictEqual(pssIds("baseline", v, POD.type, POD.wrap(spec)), [id], `${id} at ${v}`);
        }
    });
});
