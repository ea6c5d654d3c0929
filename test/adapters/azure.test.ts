import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { remediateInputs } from "../../engine/remediation";
import { noPrivilegedContainers } from "../../policies/no-privileged-containers";
import { dropCapabilities } from "../../policies/drop-capabilities";
import { kernelHardening } from "../../policies/kernel-hardening";
import { checkIds, judge, judgeStack } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const ACI = "azure-native:containerinstance:ContainerGroup";
const ACI_VERSIONED = "azure-native:containerinstance/v20230501:ContainerGroup";
const AGENT_POOL = "azure-native:containerservice:AgentPool";
const AKS = "azure-native:containerservice:ManagedCluster";
const AKS_VERSIONED = "azure-native:containerservice/v20240901preview:ManagedCluster";
const VM = "azure-native:compute:VirtualMachine";
const MULTI_TENANT = { tenancy: "multi-tenant" };

type Props = Record<string, unknown>;

/** A container that passes every default policy. */
function hardened(name = "web"): Props {
    return {
        name,
        image: "example.com/web:2",
        securityContext: {
            privileged: false,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
            runAsUser: 10001,
        },
    };
}

function group(containers: Props[], extra: Props = {}): Props {
    return { resourceGroupName: "rg", containerGroupName: "grp", osType: "Linux", containers, ...extra };
}

function withSecurity(securityContext: Props): Props {
    const c = hardened();
    c.securityContext = { ...(c.securityContext as Props), ...securityContext };
    return c;
}

describe("Azure adapter", () => {
    describe("Container Instances groups", () => {
        for (const type of [ACI, ACI_VERSIONED]) {
            it(`${type}: done when: a privileged container fails, naming group, container and field`, () => {
                const ds = judge(type, group([hardened(), withSecurity({ privileged: true })]));
                assert.deepStrictEqual(
                    ds.map((d) => [d.policy, d.check, d.container]),
                    [["no-privileged-containers", "privileged", "web"]],
                );
                assert.strictEqual(
                    ds[0].message,
                    '[privileged] ContainerGroup "grp", container "web" must not run privileged: ' +
                        "containers[1].securityContext.privileged is true; remove privileged or set it to false; add " +
                        "only the capabilities it needs",
                );
            });

            it(`${type}: done when: the hardened twin passes, multi-tenant included (the group is its own VM)`, () => {
                const props = group([hardened()], { tags: MULTI_TENANT });
                assert.strictEqual(toWorkloads(type, "g", props)[0].isolation, "vm");
                assert.deepStrictEqual(checkIds(type, props), []);
            });
        }

        it("judges init containers, privilege escalation, capabilities and root like a pod's", () => {
            const init = withSecurity({ allowPrivilegeEscalation: true, runAsUser: 0 });
            init.name = "init";
            const ds = judge(
                ACI,
                group([withSecurity({ capabilities: { add: ["SYS_ADMIN"], drop: ["ALL"] } })], {
                    initContainers: [init],
                }),
            );
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.container]),
                [
                    ["allowPrivilegeEscalation", "init"],
                    ["capabilities_restricted", "web"],
                    ["runAsUser", "init"],
                ],
            );
            assert.ok(ds[0].message.includes('init container "init"'), ds[0].message);
            assert.ok(ds[0].message.includes("initContainers[0].securityContext.allowPrivilegeEscalation is true"));
            assert.ok(ds[1].message.includes('containers[0].securityContext.capabilities.add is ["SYS_ADMIN"]'));
        });

        it("without runAsUser, run-as-non-root asks for a non-zero runAsUser (ACI has no runAsNonRoot)", () => {
            const c = hardened();
            delete (c.securityContext as Props).runAsUser;
            const ds = judge(ACI, group([c]));
            assert.deepStrictEqual(
                ds.map((d) => [d.policy, d.check]),
                [["run-as-non-root", "runAsNonRoot"]],
            );
            assert.ok(ds[0].message.includes("containers[0].securityContext.runAsUser is unset"), ds[0].message);
        });

        it("takes a seccomp profile as the group's own (Localhost): no finding, and no RuntimeDefault object written", () => {
            const base64 = (profile: object) => Buffer.from(JSON.stringify(profile)).toString("base64");
            assert.deepStrictEqual(
                checkIds(ACI, group([withSecurity({ seccompProfile: base64({ defaultAction: "SCMP_ACT_ERRNO" }) })])),
                [],
            );
            // Decoded as ACI decodes it: a profile that allows by default is unconfined in all but name.
            assert.deepStrictEqual(
                checkIds(ACI, group([withSecurity({ seccompProfile: base64({ defaultAction: "SCMP_ACT_ALLOW" }) })])),
                ["seccompProfile_baseline"],
            );
            // Truncated: base64 of `{"defaultAction":"`, no profile.
            assert.deepStrictEqual(
                checkIds(ACI, group([withSecurity({ seccompProfile: "eyJkZWZhdWx0QWN0aW9uIjoi" })])),
                ["seccompProfile_baseline"],
            );
            const ds = judge(ACI, group([withSecurity({ seccompProfile: 7 })]));
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.advisory]),
                [["seccompProfile_baseline", false]],
            );
            assert.ok(ds[0].message.includes("cannot interpret"), ds[0].message);
        });

        it("defers a privileged flag unknown at preview; fail-closed rejects it", () => {
            const props = group([withSecurity({ privileged: UNKNOWN })]);
            assert.deepStrictEqual(
                judge(ACI, props).map((d) => [d.check, d.advisory]),
                [["unknownValues", true]],
            );
            const closed = judge(ACI, props, { "no-privileged-containers": { unknownValues: "fail-closed" } });
            assert.deepStrictEqual(
                closed.map((d) => [d.check, d.advisory]),
                [["privileged", false]],
            );
        });

        it('reports privileged: "true" (a string) as a value it cannot interpret, never as unprivileged', () => {
            const ds = judge(ACI, group([withSecurity({ privileged: "true" })]));
            assert.deepStrictEqual(
                ds.map((d) => d.check),
                ["privileged"],
            );
            assert.ok(ds[0].message.includes('containers[0].securityContext.privileged is "true"'), ds[0].message);
        });

        it("an exemption matching the container waives only that container", () => {
            const agent = withSecurity({ privileged: true });
            agent.name = "agent";
            const config = {
                "no-privileged-containers": {
                    exemptions: [
                        {
                            checks: ["privileged"],
                            match: { type: "azure-native:containerinstance*", container: "agent" },
                            reason: "needs /dev/fuse",
                            expires: "2999-01-01",
                        },
                    ],
                },
            };
            const ds = judge(ACI, group([agent, withSecurity({ privileged: true })]), config);
            assert.deepStrictEqual(
                ds.map((d) => [d.check, d.container, d.advisory]),
                [
                    ["privileged", "agent", true],
                    ["privileged", "web", false],
                ],
            );
        });

        it("remediate sets privileged to false and adds ALL to drop, leaving the rest as written", () => {
            const props = group([
                {
                    name: "agent",
                    image: "x",
                    securityContext: { privileged: true, capabilities: { add: ["NET_ADMIN"] } },
                },
            ]);
            const request = (p: Props) => ({
                type: ACI,
                name: "grp",
                urn: "urn:pulumi:dev::test::x::grp",
                props: p,
                getConfig: <T extends object>() => ({}) as T,
            });
            const fixed = remediateInputs(noPrivilegedContainers, request(props));
            assert.deepStrictEqual((fixed?.containers as Props[])[0].securityContext, {
                privileged: false,
                capabilities: { add: ["NET_ADMIN"] },
            });
            // The PSS restricted seccomp requirement has no ACI spelling: nothing to fix, no Kubernetes object written.
            const restricted = {
                ...request(props),
                getConfig: <T extends object>() => ({ checks: { seccompProfile_restricted: true } }) as T,
            };
            assert.strictEqual(remediateInputs(kernelHardening, restricted), undefined);
            const dropped = remediateInputs(dropCapabilities, request(props));
            assert.deepStrictEqual(((dropped?.containers as Props[])[0].securityContext as Props).capabilities, {
                add: [],
                drop: ["ALL"],
            });
        });

        it("a group tagged for two tenants is tenantSharedHost", () => {
            const { stack } = judgeStack([
                { type: ACI, name: "g", props: group([hardened()], { tags: { tenant: "a,b" } }) },
            ]);
            assert.deepStrictEqual(
                stack.map((d) => d.check),
                ["tenantSharedHost"],
            );
        });

        it("ignores other azure-native kinds without reading them", () => {
            const untouchable = new Proxy({}, { get: () => assert.fail("read"), ownKeys: () => assert.fail("read") });
            for (const type of [
                "azure-native:containerinstance:ContainerGroupProfile",
                "azure-native:storage:StorageAccount",
                "azure-native:containerinstance/v1:ContainerGroupX",
            ])
                assert.deepStrictEqual(toWorkloads(type, "x", untouchable), []);
        });
    });

    describe("AKS node pools", () => {
        const pool = (extra: Props): Props => ({
            resourceGroupName: "rg",
            resourceName: "aks",
            agentPoolName: "tenants",
            nodeLabels: MULTI_TENANT,
            ...extra,
        });

        it("done when: a multi-tenant pool without Kata fails sandboxedRuntime, naming the field", () => {
            for (const [extra, shown] of [
                [{}, "workloadRuntime is unset"],
                [{ workloadRuntime: "OCIContainer" }, 'workloadRuntime is "OCIContainer"'],
            ] as const) {
                const ds = judge(AGENT_POOL, pool(extra));
                assert.deepStrictEqual(
                    ds.map((d) => d.check),
                    ["sandboxedRuntime"],
                );
                assert.ok(ds[0].message.startsWith('[sandboxedRuntime] AgentPool "tenants" is multi-tenant'));
                assert.ok(ds[0].message.includes(`: ${shown}; set workloadRuntime to KataVmIsolation`), ds[0].message);
            }
        });

        it("done when: the Kata twin passes (KataVmIsolation, or its preview name KataMshvVmIsolation)", () => {
            for (const workloadRuntime of ["KataVmIsolation", "KataMshvVmIsolation", "katavmisolation"])
                assert.deepStrictEqual(checkIds(AGENT_POOL, pool({ workloadRuntime })), []);
        });

        it("reads pools inside a ManagedCluster with the cluster's tags, any API version", () => {
            const props = {
                resourceGroupName: "rg",
                resourceName: "aks",
                tags: MULTI_TENANT,
                agentPoolProfiles: [
                    { name: "system", mode: "System" },
                    { name: "kata", workloadRuntime: "KataVmIsolation" },
                ],
            };
            for (const type of [AKS, AKS_VERSIONED]) {
                const ds = judge(type, props);
                assert.deepStrictEqual(
                    ds.map((d) => d.check),
                    ["sandboxedRuntime"],
                );
                assert.ok(ds[0].message.includes('AgentPool "aks/system"'), ds[0].message);
                assert.ok(ds[0].message.includes("agentPoolProfiles[0].workloadRuntime is unset"), ds[0].message);
            }
        });

        it("defers a workloadRuntime unknown at preview", () => {
            assert.deepStrictEqual(
                judge(AGENT_POOL, pool({ workloadRuntime: UNKNOWN })).map((d) => [d.check, d.advisory]),
                [["unknownValues", true]],
            );
        });
    });

    describe("virtual machines", () => {
        it("a VM tagged for two tenants fails tenantSharedHost; one tenant passes", () => {
            const { stack } = judgeStack([
                { type: VM, name: "shared", props: { vmName: "shared", tags: { tenant: "acme, globex" } } },
                { type: VM, name: "own", props: { vmName: "own", tags: { tenant: "acme" } } },
            ]);
            assert.deepStrictEqual(
                stack.map((d) => [d.check, d.urn.split("::").pop()]),
                [["tenantSharedHost", "shared"]],
            );
            assert.ok(stack[0].message.includes('VirtualMachine "shared" is labelled with more than one tenant'));
        });
    });
});
