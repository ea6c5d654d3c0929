import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { cleanVmiSpec, VM_CARRIERS } from "../fixtures/multitenancy";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

describe("check appArmorProfile", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects an Unconfined profile on the pod and on containers`, () => {
            const spec = hardenedPodSpec();
            spec.securityContext.appArmorProfile = { type: "Unconfined" };
            spec.initContainers[0].securityContext.appArmorProfile = { type: "Unconfined" };
            const ds = judge(carrier.type, carrier.wrap(spec)).filter((d) => d.check === "appArmorProfile");
            assert.deepStrictEqual(
                ds.map((d) => d.container),
                [undefined, "init"],
            );
            assert.ok(
                ds[0].message.includes(`${carrier.specPath}.securityContext.appArmorProfile.type is "Unconfined"`),
                ds[0].message,
            );
        });
    }

    it("accepts RuntimeDefault and Localhost", () => {
        const spec = hardenedPodSpec();
        spec.securityContext.appArmorProfile = { type: "RuntimeDefault" };
        spec.containers[0].securityContext.appArmorProfile = { type: "Localhost", localhostProfile: "k8s-app" };
        assert.deepStrictEqual(checkIds(POD.type, POD.wrap(spec)), []);
    });

    it("judges the deprecated annotations at every version", () => {
        const withAnnotation = (value: string) =>
            DEPLOYMENT.wrap(hardenedPodSpec(), {
                annotations: { "container.apparmor.security.beta.kubernetes.io/app": value },
            });
        for (const version of ["v1.0", "v1.30", "latest"]) {
            assert.deepStrictEqual(
                pssIds("baseline", version, DEPLOYMENT.type, withAnnotation("unconfined")),
                ["appArmorProfile"],
                version,
            );
        }
        for (const ok of ["runtime/default", "localhost/k8s-app", ""])
            assert.deepStrictEqual(checkIds(DEPLOYMENT.type, withAnnotation(ok)), [], ok);
        const [d] = judge(DEPLOYMENT.type, withAnnotation("unconfined"));
        assert.ok(
            d.message.includes('container "app"') &&
                d.message.includes(
                    'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"] is "unconfined"',
                ),
            d.message,
        );
    });

    for (const carrier of VM_CARRIERS) {
        it(`${carrier.type}: an unconfined annotation on the VM template (copied onto virt-launcher) is rejected`, () => {
            const key = "container.apparmor.security.beta.kubernetes.io/compute";
            const vm = (value: string) => carrier.wrap(cleanVmiSpec(), {}, { annotations: { [key]: value } });
            const ds = judge(carrier.type, vm("unconfined")).filter((d) => d.check === "appArmorProfile");
            assert.strictEqual(ds.length, 1);
            const meta = carrier.specPath.replace(/(^|\.)spec$/, "$1metadata");
            assert.ok(ds[0].message.includes(`${meta}.annotations["${key}"] is "unconfined"`), ds[0].message);
            for (const ok of ["runtime/default", "localhost/qemu"])
                assert.ok(!checkIds(carrier.type, vm(ok)).includes("appArmorProfile"), ok);
        });
    }

    it("Cloud Run template annotations are not pod annotations: an AppArmor-looking key there is not judged", () => {
        const key = "container.apparmor.security.beta.kubernetes.io/app";
        for (const [type, props] of [
            [
                "gcp:cloudrun/service:Service",
                { name: "api", template: { metadata: { annotations: { [key]: "unconfined" } } } },
            ],
            ["gcp:cloudrunv2/service:Service", { name: "api", template: { annotations: { [key]: "unconfined" } } }],
        ] as const)
            assert.ok(!checkIds(type, { ...props }).includes("appArmorProfile"), type);
    });

    it("rejects Docker apparmor=unconfined, accepts a named profile", () => {
        const c = hardenedContainer();
        c.securityOpts.push("apparmor=unconfined");
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), ["appArmorProfile"]);
        const named = hardenedContainer();
        named.securityOpts.push("apparmor:docker-default");
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, named), []);
    });
});
