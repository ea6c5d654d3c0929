// Managed and upstream sandbox runtimes (issue 10 part 3): the RuntimeClass names GKE Sandbox, AKS Pod Sandboxing and
// Kata Containers' kata-deploy create pass `sandboxedRuntime` by their exact names; names that only resemble them, and
// runtimes that share the host kernel, never do; a RuntimeClass declared in the stack is judged by its handler.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { MULTI_TENANT, runtimeClass, tenantDeployment } from "../fixtures/multitenancy";
import { judge, judgeStack, PackConfig } from "../helpers";
import {
    DEFAULT_SANDBOX_HANDLERS,
    DEFAULT_SANDBOX_RUNTIME_CLASSES,
    HOST_KERNEL_RUNTIMES,
    SANDBOX_SOURCES,
} from "../../engine/sandboxes";
import { PACK_DIR } from "../harness/engine";

const sandboxFindings = (runtimeClassName: string | undefined, config: PackConfig = {}) => {
    const spec = hardenedPodSpec();
    if (runtimeClassName !== undefined) spec.runtimeClassName = runtimeClassName;
    return judge(DEPLOYMENT.type, DEPLOYMENT.wrap(spec, { labels: MULTI_TENANT }), config).filter(
        (d) => d.check === "sandboxedRuntime",
    );
};

const handlerFindings = (name: string, handler: string, config: PackConfig = {}) =>
    judgeStack([runtimeClass(name, handler), tenantDeployment("acme", name)], config).stack.filter(
        (d) => d.check === "sandboxRuntimeClass",
    );

describe("managed sandbox runtimes", () => {
    const documented = [
        "gvisor", // GKE Sandbox, gVisor docs
        "kata-mshv-vm-isolation", // AKS Pod Sandboxing, exactly as Microsoft documents it
        "kata-vm-isolation",
        "kata",
        "kata-qemu",
        "kata-clh",
        "kata-fc",
        "kata-dragonball",
        "kata-qemu-snp",
        "kata-qemu-tdx",
        "kata-qemu-se",
        "kata-qemu-coco-dev",
        "kata-qemu-nvidia-gpu",
        "kata-qemu-nvidia-gpu-snp",
        "kata-qemu-nvidia-gpu-tdx",
        "kata-remote",
    ];
    for (const name of documented) {
        it(`a multi-tenant Deployment with runtimeClassName ${name} passes sandboxedRuntime`, () => {
            assert.deepStrictEqual(sandboxFindings(name), []);
        });
    }

    for (const name of ["gvisor-disabled", "kata-off", "not-gvisor", "kata-qemu-nvidia-gpu-off", "Gvisor ", "kata*"]) {
        it(`a name that merely resembles a sandbox (${JSON.stringify(name)}) does not pass`, () => {
            const ds = sandboxFindings(name);
            assert.strictEqual(ds.length, 1);
            assert.ok(ds[0].message.includes(`runtimeClassName is ${JSON.stringify(name)}`), ds[0].message);
        });
    }

    for (const runtime of ["runc", "crun", "youki", "sysbox-runc"]) {
        it(`${runtime} never counts, even when config lists it`, () => {
            const config: PackConfig = {
                "multi-tenant-isolation": {
                    sandboxRuntimeClasses: [runtime],
                    sandboxRuntimes: [runtime],
                    sandboxHandlers: ["*"],
                },
            };
            assert.strictEqual(sandboxFindings(runtime, config).length, 1);
            const c = hardenedContainer();
            c.labels = [{ label: "tenancy", value: "multi-tenant" }];
            c.runtime = runtime;
            assert.deepStrictEqual(
                judge(DOCKER_CONTAINER, c, config)
                    .filter((d) => d.check === "sandboxedRuntime")
                    .map((d) => d.check),
                ["sandboxedRuntime"],
            );
            // A RuntimeClass with a sandbox's name whose handler shares the host kernel is reported, a glob notwithstanding.
            assert.strictEqual(handlerFindings("kata", runtime, config).length, 1);
        });
    }

    it("when the stack holds the RuntimeClass, its handler decides: AKS's class with handler kata passes, with runc fails", () => {
        assert.deepStrictEqual(handlerFindings("kata-mshv-vm-isolation", "kata"), []);
        assert.deepStrictEqual(handlerFindings("gvisor", "gvisor"), []); // GKE Sandbox's own handler
        assert.deepStrictEqual(handlerFindings("kata-remote", "kata-remote"), []);
        const ds = handlerFindings("kata-mshv-vm-isolation", "runc");
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes('handler is "runc"'), ds[0].message);
    });

    it("handlers are exact by default: kata-off and kata-disabled are not sandboxes", () => {
        for (const handler of ["kata-off", "kata-disabled", "runsc-off"])
            assert.strictEqual(handlerFindings("kata", handler).length, 1, handler);
        // A user who wants a pattern can still configure one.
        assert.deepStrictEqual(
            handlerFindings("kata", "kata-custom", { "multi-tenant-isolation": { sandboxHandlers: ["kata-*"] } }),
            [],
        );
    });

    it("every default comes from a named source, and the defaults hold no pattern", () => {
        for (const s of SANDBOX_SOURCES) assert.ok(s.source.length > 20, JSON.stringify(s));
        for (const name of [...DEFAULT_SANDBOX_RUNTIME_CLASSES, ...DEFAULT_SANDBOX_HANDLERS])
            assert.match(name, /^[a-z0-9][a-z0-9.-]*$/, name);
    });

    it("docs/multi-tenancy.md lists every default RuntimeClass name and the runtimes that never count", () => {
        const doc = fs.readFileSync(path.join(PACK_DIR, "docs", "multi-tenancy.md"), "utf8");
        for (const name of [...DEFAULT_SANDBOX_RUNTIME_CLASSES, "runc", "crun", "youki", "sysbox-runc"])
            assert.ok(doc.includes(`\`${name}\``), name);
        assert.ok(HOST_KERNEL_RUNTIMES.has("crun"));
    });
});
