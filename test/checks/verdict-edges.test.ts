// Pins found by mutation testing in the PSS checks: edge cases of each verdict (whitespace, patches, platforms, the
// PSS version a rule changes at), the container a finding is about (exemptions match on it) and the field path and
// value each message names.
import * as assert from "assert";
import { Diagnostic } from "../../engine/types";
import { judge, PackConfig } from "../helpers";
import { judgePss } from "./pss";
import { DEPLOYMENT, Obj, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";

const ACI = "azure-native:containerinstance:ContainerGroup";

/** [check, container, message] of the findings of one check. */
function of(check: string, ds: Diagnostic[]): Array<[string, string | undefined, string]> {
    return ds.filter((d) => d.check === check).map((d) => [d.check, d.container, d.message]);
}

function deployment(edit: (s: Obj) => void, meta?: Obj): Obj {
    const spec = hardenedPodSpec();
    edit(spec);
    return DEPLOYMENT.wrap(spec, meta);
}

function aciGroup(securityContext: Obj): Obj {
    return {
        resourceGroupName: "rg",
        containerGroupName: "grp",
        osType: "Linux",
        containers: [
            {
                name: "web",
                image: "example.com/web:2",
                securityContext: {
                    privileged: false,
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ["ALL"] },
                    ...securityContext,
                },
            },
        ],
    };
}

/** The `: <field> is <value>;` part of a message. */
function names(message: string, field: string, value: string): boolean {
    return message.includes(`: ${field} is ${value};`);
}

describe("PSS checks: verdict edges, containers and message fields (pinned)", () => {
    describe("runAsNonRoot", () => {
        for (const user of ["", "   "]) {
            it(`a Docker container whose user is ${JSON.stringify(user)} runs as the image's user: a finding`, () => {
                const ds = of("runAsNonRoot", judge(DOCKER_CONTAINER, { ...hardenedContainer(), user }));
                assert.strictEqual(ds.length, 1);
                assert.ok(names(ds[0][2], "user", "unset"), ds[0][2]);
            });
        }

        it("names a swarm service's user field", () => {
            const s = hardenedService();
            delete s.taskSpec.containerSpec.user;
            const ds = of("runAsNonRoot", judge(DOCKER_SERVICE, s));
            assert.strictEqual(ds.length, 1);
            assert.ok(names(ds[0][2], "taskSpec.containerSpec.user", "unset"), ds[0][2]);
        });

        it("Container Instances: runAsUser 0 is runAsNonRoot's finding when runAsUser is switched off", () => {
            const config: PackConfig = { "run-as-non-root": { checks: { runAsUser: false } } };
            const ds = judge(ACI, aciGroup({ runAsUser: 0 }), config);
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.container]),
                [["runAsNonRoot", "web"]],
            );
            assert.ok(names(ds[0].message, "containers[0].securityContext.runAsUser", "0"), ds[0].message);
        });

        it("an explicit runAsNonRoot: false names its field and the value false (pod and container)", () => {
            const ds = of(
                "runAsNonRoot",
                judge(
                    DEPLOYMENT.type,
                    deployment((s) => {
                        s.securityContext.runAsNonRoot = false;
                        s.containers[0].securityContext.runAsNonRoot = false;
                    }),
                ),
            );
            assert.deepStrictEqual(
                ds.map(([, c]) => c),
                [undefined, "app"],
            );
            assert.ok(names(ds[0][2], "spec.template.spec.securityContext.runAsNonRoot", "false"), ds[0][2]);
            assert.ok(
                names(ds[1][2], "spec.template.spec.containers[0].securityContext.runAsNonRoot", "false"),
                ds[1][2],
            );
        });
    });

    describe("runAsUser", () => {
        it("names a Docker container's user field", () => {
            const ds = of("runAsUser", judge(DOCKER_CONTAINER, { ...hardenedContainer(), user: "root" }));
            assert.strictEqual(ds.length, 1);
            assert.ok(names(ds[0][2], "user", '"root"'), ds[0][2]);
        });
    });

    describe("mountPropagation", () => {
        it("reads the mode trimmed: ' Bidirectional ' propagates too", () => {
            const ds = of(
                "mountPropagation",
                judge(
                    DEPLOYMENT.type,
                    deployment((s) => (s.containers[0].volumeMounts[0].mountPropagation = " Bidirectional ")),
                ),
            );
            assert.strictEqual(ds.length, 1);
            assert.ok(
                names(
                    ds[0][2],
                    "spec.template.spec.containers[0].volumeMounts[0].mountPropagation",
                    '" Bidirectional "',
                ),
                ds[0][2],
            );
        });

        it("names a Docker mount's propagation option as the field", () => {
            const props = {
                ...hardenedContainer(),
                mounts: [
                    { type: "bind", source: "/srv/data", target: "/data", bindOptions: { propagation: "rshared" } },
                ],
            };
            const ds = of("mountPropagation", judge(DOCKER_CONTAINER, props));
            assert.strictEqual(ds.length, 1);
            assert.ok(names(ds[0][2], "mounts[0].bindOptions.propagation", '"rshared"'), ds[0][2]);
        });
    });

    describe("restrictedVolumes", () => {
        it("passes a volume that has an allowed source, even with a second, forbidden one (as PSA does)", () => {
            const props = deployment((s) =>
                s.volumes.push({ name: "both", configMap: { name: "cfg" }, gitRepo: { repository: "r" } }),
            );
            assert.deepStrictEqual(
                of("restrictedVolumes", judgePss("restricted", "latest", DEPLOYMENT.type, props)),
                [],
            );
        });

        it("rejects a volume whose only source is forbidden", () => {
            const props = deployment((s) => s.volumes.push({ name: "git", gitRepo: { repository: "r" } }));
            const ds = of("restrictedVolumes", judgePss("restricted", "latest", DEPLOYMENT.type, props));
            assert.strictEqual(ds.length, 1);
            assert.ok(names(ds[0][2], "spec.template.spec.volumes[2]", '"gitRepo"'), ds[0][2]);
        });
    });

    describe("seccompProfile_baseline", () => {
        it("up to v1.18 names a bare Pod's annotation under metadata (not spec)", () => {
            const props = POD.wrap(hardenedPodSpec(), {
                annotations: { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" },
            });
            const ds = of("seccompProfile_baseline", judgePss("baseline", "v1.18", POD.type, props));
            assert.strictEqual(ds.length, 1);
            assert.ok(
                names(ds[0][2], 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]', '"unconfined"'),
                ds[0][2],
            );
        });

        it("up to v1.18 still judges Docker's seccomp=unconfined (annotations are Kubernetes only)", () => {
            const props = { ...hardenedContainer(), securityOpts: ["no-new-privileges:true", "seccomp=unconfined"] };
            const ds = of("seccompProfile_baseline", judgePss("baseline", "v1.18", DOCKER_CONTAINER, props));
            assert.deepStrictEqual(
                ds.map(([check, c]) => [check, c]),
                [["seccompProfile_baseline", "web"]],
            );
        });
    });

    describe("seccompProfile_restricted", () => {
        const windowsWithoutProfile = deployment((s) => {
            s.os = { name: "windows" };
            delete s.securityContext.seccompProfile;
            delete s.containers[0].securityContext.seccompProfile;
        });
        it("exempts Windows pods from v1.25 on, not before", () => {
            assert.deepStrictEqual(
                of(
                    "seccompProfile_restricted",
                    judgePss("restricted", "v1.25", DEPLOYMENT.type, windowsWithoutProfile),
                ),
                [],
            );
            assert.deepStrictEqual(
                of(
                    "seccompProfile_restricted",
                    judgePss("restricted", "v1.24", DEPLOYMENT.type, windowsWithoutProfile),
                ).map(([, c]) => c),
                ["app"],
            );
        });

        it("switched on without its baseline twin, reports only real findings", () => {
            const config: PackConfig = {
                "kernel-hardening": { checks: { seccompProfile_baseline: false, seccompProfile_restricted: true } },
            };
            assert.deepStrictEqual(
                judge(
                    DEPLOYMENT.type,
                    deployment(() => undefined),
                    config,
                ),
                [],
            );
            const ds = judge(
                DEPLOYMENT.type,
                deployment((s) => {
                    delete s.securityContext.seccompProfile;
                    delete s.containers[0].securityContext.seccompProfile;
                }),
                config,
            );
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.container]),
                [["seccompProfile_restricted", "app"]],
            );
        });

        it("does not ask Container Instances for a profile (they have no RuntimeDefault)", () => {
            const ds = judgePss("restricted", "latest", ACI, aciGroup({ runAsUser: 1000 }));
            assert.deepStrictEqual(of("seccompProfile_restricted", ds), []);
        });
    });

    describe("appArmorProfile", () => {
        it("a patch that names a Localhost profile without the type leaves the type as it was", () => {
            const props = deployment(
                (s) => (s.containers[0].securityContext.appArmorProfile = { localhostProfile: "k8s-apparmor" }),
            );
            assert.deepStrictEqual(of("appArmorProfile", judge(`${DEPLOYMENT.type}Patch`, props)), []);
            assert.strictEqual(of("appArmorProfile", judge(DEPLOYMENT.type, props)).length, 1);
        });

        it("attributes each annotation to the container it names, in key order", () => {
            const props = deployment(
                (s) => s.containers.push({ ...JSON.parse(JSON.stringify(s.containers[0])), name: "side" }),
                {
                    annotations: {
                        "container.apparmor.security.beta.kubernetes.io/side": "unconfined",
                        "container.apparmor.security.beta.kubernetes.io/app": "unconfined",
                    },
                },
            );
            const ds = of("appArmorProfile", judge(DEPLOYMENT.type, props));
            assert.deepStrictEqual(
                ds.map(([, c]) => c),
                ["app", "side"],
            );
            assert.ok(
                names(
                    ds[1][2],
                    'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/side"]',
                    '"unconfined"',
                ),
                ds[1][2],
            );
        });
    });

    describe("windowsHostProcess", () => {
        it("names a container's hostProcess field and its value", () => {
            const props = deployment((s) => (s.containers[0].securityContext.windowsOptions = { hostProcess: true }));
            const ds = of("windowsHostProcess", judge(DEPLOYMENT.type, props));
            assert.deepStrictEqual(
                ds.map(([, c]) => c),
                ["app"],
            );
            assert.ok(
                names(ds[0][2], "spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess", "true"),
                ds[0][2],
            );
        });
    });
});
