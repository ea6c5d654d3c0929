import * as assert from "assert";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedService } from "../fixtures/docker";
import {
    MULTI_TENANT,
    VM_CARRIERS,
    cleanVmiSpec,
    dockerProvider,
    tenantContainer,
    tenantVm,
} from "../fixtures/multitenancy";
import { PackConfig, StackInput, judgeStack, stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const POLICY = "multi-tenant-isolation";

function reported(inputs: StackInput[], config: PackConfig = {}, stackTags: Record<string, string> = {}) {
    return judgeStack(inputs, config, stackTags).stack.filter(
        (d) => d.check === "tenantSharedHost" || d.check === "unknownValues",
    );
}

function tenantService(tenant: string, provider?: StackInput["provider"]): StackInput {
    const s = hardenedService();
    s.name = `${tenant}-svc`;
    s.labels = [{ label: "tenant", value: tenant }];
    return { type: DOCKER_SERVICE, name: `${tenant}-svc`, props: s, provider };
}

describe("check tenantSharedHost (stack)", () => {
    it("reports each unsandboxed container of two tenants on the default Docker host", () => {
        const ds = reported([tenantContainer("acme"), tenantContainer("globex")]);
        assert.deepStrictEqual(
            ds.map((d) => d.urn),
            [stackUrn(DOCKER_CONTAINER, "acme-web"), stackUrn(DOCKER_CONTAINER, "globex-web")],
        );
        assert.strictEqual(ds[0].policy, POLICY);
        assert.strictEqual(
            ds[0].message,
            '[tenantSharedHost] Container "acme-web" of tenant "acme" shares Docker host "unix:///var/run/docker.sock" with tenant "globex" without a sandbox runtime: runtime is unset; set runtime to a sandbox runtime (runsc, io.containerd.runsc.v1, kata-runtime, io.containerd.kata.v2, io.containerd.kata-qemu.v2, …), or give each tenant its own host or VM',
        );
    });

    it("reports only the unsandboxed one when one tenant uses runsc", () => {
        const ds = reported([tenantContainer("acme", "runsc"), tenantContainer("globex", "runc")]);
        assert.deepStrictEqual(
            ds.map((d) => d.urn),
            [stackUrn(DOCKER_CONTAINER, "globex-web")],
        );
        assert.ok(ds[0].message.includes('runtime is "runc"'), ds[0].message);
    });

    it("passes when every tenant's container is sandboxed, or one tenant has the host", () => {
        assert.deepStrictEqual(
            reported([tenantContainer("acme", "runsc"), tenantContainer("globex", "kata-runtime")]),
            [],
        );
        const second = tenantContainer("acme");
        second.name = "acme-worker";
        assert.deepStrictEqual(reported([tenantContainer("acme"), second]), []);
    });

    it("tells Docker hosts apart by provider host, and matches providers that point at the same daemon", () => {
        const a = dockerProvider("a", "ssh://ops@host-a");
        const b = dockerProvider("b", "ssh://ops@host-b");
        const a2 = dockerProvider("a2", "ssh://ops@host-a/");
        assert.deepStrictEqual(
            reported([tenantContainer("acme", undefined, a), tenantContainer("globex", undefined, b)]),
            [],
        );
        assert.strictEqual(
            reported([tenantContainer("acme", undefined, a), tenantContainer("globex", undefined, a2)]).length,
            2,
        );
        // An explicit provider without host talks to the same local daemon as the default provider.
        assert.strictEqual(
            reported([tenantContainer("acme", undefined, dockerProvider("local")), tenantContainer("globex")]).length,
            2,
        );
    });

    it("falls back to the provider URN when the provider's host is unknown at preview", () => {
        const u1 = dockerProvider("u1", UNKNOWN);
        const u2 = dockerProvider("u2", UNKNOWN);
        assert.deepStrictEqual(
            reported([tenantContainer("acme", undefined, u1), tenantContainer("globex", undefined, u2)]),
            [],
        );
        assert.strictEqual(
            reported([tenantContainer("acme", undefined, u1), tenantContainer("globex", undefined, u1)]).length,
            2,
        );
    });

    it("counts swarm services on the same host", () => {
        const ds = reported([tenantService("acme"), tenantContainer("globex")]);
        assert.deepStrictEqual(
            ds.map((d) => d.urn),
            [stackUrn(DOCKER_SERVICE, "acme-svc"), stackUrn(DOCKER_CONTAINER, "globex-web")],
        );
        assert.ok(ds[0].message.includes("taskSpec.runtime is unset"), ds[0].message);
    });

    it("reports a container that itself serves two tenants", () => {
        const both = tenantContainer("acme");
        (both.props.labels as Array<{ label: string; value: string }>)[1].value = "acme,globex";
        const ds = reported([both]);
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes('serves tenants "acme", "globex"'), ds[0].message);
    });

    it("takes the tenant from the stack tags when a workload names none", () => {
        const unnamed = tenantContainer("x");
        unnamed.props.labels = [];
        assert.deepStrictEqual(reported([unnamed, tenantContainer("globex")]), []);
        assert.strictEqual(reported([unnamed, tenantContainer("globex")], {}, { tenant: "acme" }).length, 2);
    });

    it("honours configured tenant keys", () => {
        const a = tenantContainer("acme");
        const g = tenantContainer("globex");
        for (const c of [a, g])
            c.props.labels = (c.props.labels as Array<{ label: string; value: string }>).map((l) =>
                l.label === "tenant" ? { ...l, label: "customer" } : l,
            );
        assert.deepStrictEqual(reported([a, g]), []);
        assert.strictEqual(reported([a, g], { [POLICY]: { tenantKeys: ["customer"] } }).length, 2);
    });

    it("defers a container whose runtime is unknown at preview", () => {
        const c = tenantContainer("acme", UNKNOWN);
        const ds = reported([c, tenantContainer("globex", "runsc")]);
        assert.strictEqual(ds.length, 1);
        assert.strictEqual(ds[0].check, "unknownValues");
        assert.strictEqual(ds[0].advisory, true);
        assert.strictEqual(
            reported([c, tenantContainer("globex", "runsc")], { [POLICY]: { unknownValues: "fail-closed" } })[0].check,
            "tenantSharedHost",
        );
    });

    describe("VMs", () => {
        it("reports one VM labelled with two tenants (VM and template labels)", () => {
            const ds = reported([tenantVm("umbrella", cleanVmiSpec(), "hooli")]);
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(
                ds[0].message,
                '[tenantSharedHost] VirtualMachine "umbrella-vm" is labelled with more than one tenant ("hooli", "umbrella"); run one VM per tenant',
            );
        });
        for (const carrier of VM_CARRIERS) {
            it(`reports a ${carrier.kind} annotated with two tenants, passes one with a single tenant`, () => {
                const shared = carrier.wrap(cleanVmiSpec(), {
                    labels: MULTI_TENANT,
                    annotations: { tenant: "acme, globex" },
                });
                assert.strictEqual(reported([{ type: carrier.type, name: "vm", props: shared }]).length, 1);
                const single = carrier.wrap(
                    cleanVmiSpec(),
                    { labels: { ...MULTI_TENANT, tenant: "acme" } },
                    { labels: { tenant: "acme" } },
                );
                assert.deepStrictEqual(reported([{ type: carrier.type, name: "vm", props: single }]), []);
            });
        }
        it("does not count VMs of different tenants as sharing a host", () => {
            assert.deepStrictEqual(reported([tenantVm("acme"), tenantVm("globex")]), []);
        });
    });

    it("can be switched off by config", () => {
        assert.deepStrictEqual(
            reported([tenantContainer("acme"), tenantContainer("globex")], {
                [POLICY]: { checks: { tenantSharedHost: false } },
            }),
            [],
        );
    });
});
