import * as assert from "assert";
import { CARRIERS, DEPLOYMENT, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { MULTI_TENANT, VM_CARRIERS, cleanVmiSpec, namespace } from "../fixtures/multitenancy";
import { PackConfig, judge, judgeStack, stackUrn } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const POLICY = "multi-tenant-isolation";

function sandboxed(
    type: string,
    props: Record<string, unknown>,
    config: PackConfig = {},
    stackTags: Record<string, string> = {},
) {
    return judge(type, props, config, "res", stackTags).filter(
        (d) => d.check === "sandboxedRuntime" || (d.policy === POLICY && d.check === "unknownValues"),
    );
}

function withRuntime(runtimeClassName?: string) {
    const spec = hardenedPodSpec();
    if (runtimeClassName !== undefined) spec.runtimeClassName = runtimeClassName;
    return spec;
}

describe("check sandboxedRuntime", () => {
    for (const carrier of CARRIERS) {
        describe(carrier.type, () => {
            it("rejects a multi-tenant pod template without runtimeClassName", () => {
                const ds = sandboxed(carrier.type, carrier.wrap(withRuntime(), { labels: MULTI_TENANT }));
                assert.strictEqual(ds.length, 1);
                assert.strictEqual(ds[0].policy, POLICY);
                assert.ok(ds[0].message.includes(`${carrier.specPath}.runtimeClassName is unset`), ds[0].message);
            });
            it("rejects a non-sandbox runtimeClassName", () => {
                const ds = sandboxed(carrier.type, carrier.wrap(withRuntime("runc"), { labels: MULTI_TENANT }));
                assert.strictEqual(ds.length, 1);
                assert.ok(ds[0].message.includes(`${carrier.specPath}.runtimeClassName is "runc"`), ds[0].message);
            });
            for (const rc of ["gvisor", "kata-qemu"]) {
                it(`passes runtimeClassName: ${rc}`, () => {
                    assert.deepStrictEqual(
                        sandboxed(carrier.type, carrier.wrap(withRuntime(rc), { labels: MULTI_TENANT })),
                        [],
                    );
                });
            }
            it("leaves single-tenant workloads alone", () => {
                assert.deepStrictEqual(sandboxed(carrier.type, carrier.wrap(withRuntime())), []);
            });
            it("makes every workload of a stack tagged multi-tenant multi-tenant", () => {
                assert.strictEqual(sandboxed(carrier.type, carrier.wrap(withRuntime()), {}, MULTI_TENANT).length, 1);
                assert.deepStrictEqual(
                    sandboxed(carrier.type, carrier.wrap(withRuntime("gvisor")), {}, MULTI_TENANT),
                    [],
                );
            });
        });
    }

    for (const carrier of PATCH_CARRIERS) {
        describe(carrier.type, () => {
            it("rejects a patch that sets a non-sandbox runtimeClassName on a multi-tenant workload", () => {
                assert.strictEqual(
                    sandboxed(carrier.type, carrier.wrap(withRuntime("runc"), { labels: MULTI_TENANT })).length,
                    1,
                );
            });
            it("does not judge a runtimeClassName the patch leaves unchanged", () => {
                assert.deepStrictEqual(
                    sandboxed(carrier.type, carrier.wrap(withRuntime(), { labels: MULTI_TENANT })),
                    [],
                );
            });
        });
    }

    describe("done when", () => {
        it("rejects a Deployment labelled tenancy: multi-tenant without a sandbox runtimeClassName, passes it with gvisor", () => {
            const props = DEPLOYMENT.wrap(withRuntime());
            props.metadata.labels = { ...MULTI_TENANT };
            const ds = sandboxed(DEPLOYMENT.type, props);
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(
                ds[0].message,
                '[sandboxedRuntime] Deployment "web" is multi-tenant (label tenancy=multi-tenant) and must run in a sandboxed runtime: spec.template.spec.runtimeClassName is unset; set runtimeClassName to a sandbox RuntimeClass (gvisor, kata-vm-isolation, kata-mshv-vm-isolation, kata-cc-isolation, kata, …), or run the tenant in a KubeVirt VM',
            );
            props.spec.template.spec.runtimeClassName = "gvisor";
            assert.deepStrictEqual(sandboxed(DEPLOYMENT.type, props), []);
        });

        it("rejects a Pod in a Namespace labelled multi-tenant once, in AnalyzeStack; passes it with gvisor", () => {
            const pod = { type: POD.type, name: "web", props: POD.wrap(withRuntime()) };
            const { resource, stack } = judgeStack([namespace("apps", MULTI_TENANT), pod]);
            assert.deepStrictEqual(resource, []);
            assert.strictEqual(stack.length, 1);
            assert.strictEqual(stack[0].check, "sandboxedRuntime");
            assert.strictEqual(stack[0].urn, stackUrn(POD.type, "web"));
            assert.ok(stack[0].message.includes('(Namespace "apps" label tenancy=multi-tenant)'), stack[0].message);
            const ok = { ...pod, props: POD.wrap(withRuntime("gvisor")) };
            assert.deepStrictEqual(judgeStack([namespace("apps", MULTI_TENANT), ok]), { resource: [], stack: [] });
        });

        it("rejects a Docker container labelled multi-tenant without a sandbox runtime; passes it with runsc", () => {
            const c = hardenedContainer();
            c.labels.push({ label: "tenancy", value: "multi-tenant" });
            const ds = sandboxed(DOCKER_CONTAINER, c);
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.startsWith(
                    '[sandboxedRuntime] Container "web" is multi-tenant (label tenancy=multi-tenant)',
                ),
                ds[0].message,
            );
            assert.ok(ds[0].message.includes("runtime is unset"), ds[0].message);
            c.runtime = "runc";
            assert.ok(sandboxed(DOCKER_CONTAINER, c)[0].message.includes('runtime is "runc"'));
            for (const r of ["runsc", "kata-runtime", "io.containerd.kata.v2"]) {
                c.runtime = r;
                assert.deepStrictEqual(sandboxed(DOCKER_CONTAINER, c), [], r);
            }
        });

        it("rejects any workload in a stack tagged multi-tenant", () => {
            const ds = sandboxed(DOCKER_CONTAINER, hardenedContainer(), {}, MULTI_TENANT);
            assert.strictEqual(ds.length, 1);
            assert.ok(ds[0].message.includes("(stack tag tenancy=multi-tenant)"), ds[0].message);
            assert.strictEqual(sandboxed(DEPLOYMENT.type, DEPLOYMENT.wrap(withRuntime()), {}, MULTI_TENANT).length, 1);
            assert.strictEqual(sandboxed(DOCKER_SERVICE, hardenedService(), {}, MULTI_TENANT).length, 1);
        });
    });

    it("judges a swarm service by its labels or its container spec's labels", () => {
        const s = hardenedService();
        s.labels.push({ label: "tenancy", value: "multi-tenant" });
        const [d] = sandboxed(DOCKER_SERVICE, s);
        assert.ok(d.message.includes("taskSpec.runtime is unset"), d.message);
        const t = hardenedService();
        t.taskSpec.containerSpec.labels = [{ label: "tenancy", value: "multi-tenant" }];
        assert.ok(sandboxed(DOCKER_SERVICE, t)[0].message.includes("(container spec label tenancy=multi-tenant)"));
    });

    it("reads tenancy from annotations, case-insensitively, and from configured keys and values", () => {
        const byAnnotation = DEPLOYMENT.wrap(withRuntime());
        byAnnotation.metadata.annotations = { tenancy: "Multi-Tenant" };
        assert.strictEqual(sandboxed(DEPLOYMENT.type, byAnnotation).length, 1);
        const custom = DEPLOYMENT.wrap(withRuntime(), { labels: { "example.com/isolation": "untrusted" } });
        assert.deepStrictEqual(sandboxed(DEPLOYMENT.type, custom), []);
        const config = {
            [POLICY]: { multiTenantSelector: { keys: ["example.com/isolation"], values: ["untrusted"] } },
        };
        assert.strictEqual(sandboxed(DEPLOYMENT.type, custom, config).length, 1);
    });

    it("accepts configured sandbox RuntimeClass and Docker runtime names", () => {
        const props = DEPLOYMENT.wrap(withRuntime("my-sandbox"), { labels: MULTI_TENANT });
        assert.strictEqual(sandboxed(DEPLOYMENT.type, props).length, 1);
        assert.deepStrictEqual(
            sandboxed(DEPLOYMENT.type, props, { [POLICY]: { sandboxRuntimeClasses: ["my-sandbox"] } }),
            [],
        );
        const c = hardenedContainer();
        c.labels.push({ label: "tenancy", value: "multi-tenant" });
        c.runtime = "my-runsc";
        assert.deepStrictEqual(sandboxed(DOCKER_CONTAINER, c, { [POLICY]: { sandboxRuntimes: ["my-runsc"] } }), []);
    });

    for (const carrier of VM_CARRIERS) {
        it(`is satisfied by a multi-tenant KubeVirt ${carrier.kind}`, () => {
            assert.deepStrictEqual(
                judge(carrier.type, carrier.wrap(cleanVmiSpec(), { labels: MULTI_TENANT }), {}, "vm", MULTI_TENANT),
                [],
            );
        });
    }

    describe("a multi-tenant KubeVirt VM needs no runtime, even when its spec cannot be read", () => {
        for (const carrier of VM_CARRIERS) {
            it(`${carrier.kind}: a malformed spec is not a sandboxedRuntime finding`, () => {
                const props = { ...carrier.wrap(cleanVmiSpec(), { labels: MULTI_TENANT }), spec: "not an object" };
                const ds = judge(carrier.type, props, {}, "vm", MULTI_TENANT);
                assert.ok(ds.length > 0, "other checks report the malformed spec");
                assert.deepStrictEqual(sandboxed(carrier.type, props, {}, MULTI_TENANT), []);
            });
            it(`${carrier.kind}: an unknown domain is not a sandboxedRuntime finding under fail-closed`, () => {
                const props = carrier.wrap({ ...cleanVmiSpec(), domain: UNKNOWN }, { labels: MULTI_TENANT });
                const config = { [POLICY]: { unknownValues: "fail-closed" as const } };
                assert.deepStrictEqual(sandboxed(carrier.type, props, config, MULTI_TENANT), []);
            });
        }
    });

    describe("unknown runtime at preview", () => {
        const props = () => DEPLOYMENT.wrap(withRuntime(UNKNOWN), { labels: MULTI_TENANT });
        it("defers by default: no violation, one advisory note", () => {
            const ds = sandboxed(DEPLOYMENT.type, props());
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(ds[0].check, "unknownValues");
            assert.strictEqual(ds[0].advisory, true);
            assert.ok(ds[0].message.includes("spec.template.spec.runtimeClassName"), ds[0].message);
        });
        it("fails closed when configured", () => {
            const ds = sandboxed(DEPLOYMENT.type, props(), { [POLICY]: { unknownValues: "fail-closed" } });
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(ds[0].check, "sandboxedRuntime");
            assert.strictEqual(ds[0].advisory, false);
        });
        it("notes nothing for a single-tenant workload", () => {
            assert.deepStrictEqual(sandboxed(DEPLOYMENT.type, DEPLOYMENT.wrap(withRuntime(UNKNOWN))), []);
        });
        it("defers a Docker runtime unknown at preview", () => {
            const c = hardenedContainer();
            c.labels.push({ label: "tenancy", value: "multi-tenant" });
            c.runtime = UNKNOWN;
            assert.deepStrictEqual(
                sandboxed(DOCKER_CONTAINER, c).map((d) => d.check),
                ["unknownValues"],
            );
        });
    });

    it("does not report twice a workload multi-tenant both by label and through its Namespace", () => {
        const d = {
            type: DEPLOYMENT.type,
            name: "web",
            props: DEPLOYMENT.wrap(withRuntime(), { labels: MULTI_TENANT }),
        };
        const { resource, stack } = judgeStack([namespace("apps", MULTI_TENANT), d]);
        // Once, in AnalyzeStack: a pod's sandbox is also other resources' to say (a RuntimeClass, a Fargate profile).
        assert.deepStrictEqual(resource, []);
        assert.strictEqual(stack.filter((x) => x.check === "sandboxedRuntime").length, 1);
    });

    it("links a workload whose namespace is unknown at preview to the one Namespace it depends on", () => {
        const ns = namespace("apps", MULTI_TENANT);
        const props = POD.wrap(withRuntime());
        props.metadata.namespace = UNKNOWN;
        const pod = { type: POD.type, name: "web", props, dependencies: [stackUrn(ns.type, ns.name)] };
        assert.deepStrictEqual(
            judgeStack([ns, pod]).stack.map((d) => d.check),
            ["sandboxedRuntime"],
        );
        // Issue 23: no link, or several, is not `default`: it may be a multi-tenant Namespace, so it is unknown.
        const notes = (r: ReturnType<typeof judgeStack>) => r.stack.map((d) => [d.check, d.advisory]);
        assert.deepStrictEqual(notes(judgeStack([ns, { ...pod, dependencies: [] }])), [["unknownValues", true]]);
        const other = namespace("other", MULTI_TENANT);
        const ambiguous = { ...pod, dependencies: [stackUrn(ns.type, ns.name), stackUrn(other.type, other.name)] };
        assert.deepStrictEqual(notes(judgeStack([ns, other, ambiguous])), [["unknownValues", true]]);
    });

    it("ignores a Namespace of another name, and one not labelled multi-tenant", () => {
        const pod = { type: POD.type, name: "web", props: POD.wrap(withRuntime()) };
        assert.deepStrictEqual(judgeStack([namespace("other", MULTI_TENANT), pod]).stack, []);
        assert.deepStrictEqual(judgeStack([namespace("apps", { team: "a" }), pod]).stack, []);
    });

    it("can be switched off by config", () => {
        const props = DEPLOYMENT.wrap(withRuntime(), { labels: MULTI_TENANT });
        assert.deepStrictEqual(
            sandboxed(DEPLOYMENT.type, props, { [POLICY]: { checks: { sandboxedRuntime: false } } }),
            [],
        );
    });
});
