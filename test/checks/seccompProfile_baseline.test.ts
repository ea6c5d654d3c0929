import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

const only = (ds: ReturnType<typeof judge>) => ds.filter((d) => d.check === "seccompProfile_baseline");

describe("check seccompProfile_baseline", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects Unconfined on the pod and on each container list`, () => {
            const spec = hardenedPodSpec();
            spec.securityContext.seccompProfile = { type: "Unconfined" };
            const [d] = only(judge(carrier.type, carrier.wrap(spec)));
            assert.ok(
                d.message.includes(`${carrier.specPath}.securityContext.seccompProfile.type is "Unconfined"`),
                d.message,
            );
            assert.strictEqual(d.policy, "kernel-hardening");
            for (const list of ["containers", "initContainers"]) {
                const s = hardenedPodSpec();
                s[list][0].securityContext.seccompProfile = { type: "Unconfined" };
                assert.strictEqual(only(judge(carrier.type, carrier.wrap(s))).length, 1, list);
            }
        });
    }

    it("accepts RuntimeDefault, Localhost and no profile", () => {
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext.seccompProfile = {
            type: "Localhost",
            localhostProfile: "profiles/app.json",
        };
        delete spec.initContainers[0].securityContext.seccompProfile;
        delete spec.securityContext.seccompProfile;
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), []);
    });

    it("rejects a profile object without a type, except in a patch (unchanged)", () => {
        const spec = hardenedPodSpec();
        spec.securityContext.seccompProfile = {};
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), ["seccompProfile_baseline"]);
        assert.deepStrictEqual(checkIds(`${POD.type}Patch`, POD.wrap(spec)), []);
    });

    it("reads the alpha annotations up to v1.18 and the fields from v1.19", () => {
        const annotated = (key: string, value: string) => {
            const spec = hardenedPodSpec();
            delete spec.securityContext.seccompProfile;
            return DEPLOYMENT.wrap(spec, { annotations: { [key]: value } });
        };
        const pod = annotated("seccomp.security.alpha.kubernetes.io/pod", "unconfined");
        assert.deepStrictEqual(pssIds("baseline", "v1.18", DEPLOYMENT.type, pod), ["seccompProfile_baseline"]);
        assert.ok(
            judge(DEPLOYMENT.type, pod, { "kernel-hardening": { pssVersion: "v1.18" } })[0].message.includes(
                'spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"] is "unconfined"',
            ),
        );
        assert.deepStrictEqual(pssIds("baseline", "v1.19", DEPLOYMENT.type, pod), []);
        assert.deepStrictEqual(
            pssIds(
                "baseline",
                "v1.18",
                DEPLOYMENT.type,
                annotated("container.seccomp.security.alpha.kubernetes.io/app", "unconfined"),
            ),
            ["seccompProfile_baseline"],
        );
        assert.deepStrictEqual(
            pssIds(
                "baseline",
                "v1.18",
                DEPLOYMENT.type,
                annotated("container.seccomp.security.alpha.kubernetes.io/other", "unconfined"),
            ),
            [],
        );
        for (const ok of ["runtime/default", "docker/default", "localhost/app.json"]) {
            assert.deepStrictEqual(
                pssIds("baseline", "v1.18", DEPLOYMENT.type, annotated("seccomp.security.alpha.kubernetes.io/pod", ok)),
                [],
                ok,
            );
        }
        const field = hardenedPodSpec();
        field.securityContext.seccompProfile = { type: "Unconfined" };
        assert.deepStrictEqual(pssIds("baseline", "v1.18", POD.type, POD.wrap(field)), []);
    });

    it("rejects Docker seccomp=unconfined in either spelling, accepts a profile file", () => {
        for (const opt of ["seccomp=unconfined", "seccomp:unconfined", "seccomp=Unconfined"]) {
            const c = hardenedContainer();
            c.securityOpts.push(opt);
            assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), ["seccompProfile_baseline"], opt);
        }
        const c = hardenedContainer();
        c.securityOpts.push("seccomp=/etc/docker/seccomp/app.json");
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), []);
    });
});
