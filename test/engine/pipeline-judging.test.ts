// Pins for engine/pipeline.ts found by mutation testing: judgeWorkloads pairs every policy's diagnostics with the run
// that produced them (nothing for no workloads) and redacts the secrets it is given; judgeStack judges only the
// policies that run on the stack, and judges a prebuilt stack model as it judges the resources it was built from.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { stackModelOf } from "../../adapters/stack";
import { runsOnStack } from "../../engine/evaluate";
import { judgeStack, judgeWorkloads } from "../../engine/pipeline";
import { StackResource } from "../../model/stack";
import { resourcePolicies } from "../../policies";
import { DEPLOYMENT, privilegedDeployment } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { stackUrn } from "../helpers";

const policy = (name: string) => resourcePolicies.find((p) => p.name === name)!;

function stackResource(type: string, name: string, props: Record<string, unknown>): StackResource {
    return { urn: stackUrn(type, name), type, name, props: props as StackResource["props"] };
}

// A container mounting a Docker volume that binds /var/run: only the stack pass sees the host path.
function bindMountStack(): StackResource[] {
    const c = hardenedContainer();
    c.name = "app";
    c.mounts = [{ type: "volume", source: "sock", target: "/data" }];
    return [
        stackResource("docker:index/volume:Volume", "sock", {
            name: "sock",
            driver: "local",
            driverOpts: { type: "none", o: "bind", device: "/var/run" },
        }),
        stackResource(DOCKER_CONTAINER, "app-res", c),
    ];
}

describe("judging pipeline (pinned)", () => {
    const privileged = () => toWorkloads(DEPLOYMENT.type, "web", privilegedDeployment());

    it("judgeWorkloads: nothing for no workloads", () => {
        const runs = [{ def: policy("no-privileged-containers"), config: {} }];
        assert.deepStrictEqual(judgeWorkloads([], runs), []);
    });

    it("judgeWorkloads: each policy's diagnostics paired with its run, in policy order", () => {
        const workloads = privileged();
        assert.ok(workloads.length > 0);
        const first = { def: policy("no-privileged-containers"), config: {} };
        const second = { def: policy("drop-capabilities"), config: {} };
        const judged = judgeWorkloads(workloads, [first, second]);
        assert.ok(judged.length > 0);
        for (const j of judged) {
            assert.ok(j.run === first || j.run === second);
            assert.strictEqual(j.diagnostic.policy, j.run.def.name);
            assert.strictEqual(typeof j.diagnostic.check, "string");
        }
        assert.ok(judged.some((j) => j.run === first && j.diagnostic.check === "privileged"));
        const firstSecond = judged.findIndex((j) => j.run === second);
        if (firstSecond >= 0) assert.ok(judged.slice(firstSecond).every((j) => j.run === second));
    });

    it("judgeWorkloads redacts the secret values it is given", () => {
        const runs = [{ def: policy("no-privileged-containers"), config: {} }];
        const plain = judgeWorkloads(privileged(), runs);
        const container = plain.find((j) => j.diagnostic.container)?.diagnostic.container;
        assert.ok(container, "a diagnostic names its container");
        assert.ok(plain.some((j) => j.diagnostic.message.includes(container)));
        const redacted = judgeWorkloads(privileged(), runs, { secrets: new Set([container]) });
        assert.strictEqual(redacted.length, plain.length);
        assert.ok(!plain.some((j) => j.diagnostic.message.includes("[secret]")));
        for (const j of redacted) assert.match(j.diagnostic.message, /container "\[secret\]"/);
    });

    it("judgeStack judges only the policies that run on the stack", () => {
        const hostMounts = policy("no-sensitive-host-mounts");
        const stack = bindMountStack();
        // Sanity: the stack-running policy finds the host path only the stack shows.
        assert.ok(
            judgeStack(stack, [{ def: hostMounts, config: {} }]).some(
                (j) => j.diagnostic.check === "sensitiveHostPath",
            ),
        );
        // The same checks in a policy that does not run on the stack: no stack pass, so nothing.
        const notOnStack = { ...hostMounts, stackAware: false, stackChecks: [] };
        assert.strictEqual(runsOnStack(notOnStack), false);
        assert.deepStrictEqual(judgeStack(stack, [{ def: notOnStack, config: {} }]), []);
    });

    it("judgeStack judges a prebuilt stack model as the resources it was built from", () => {
        const stack = bindMountStack();
        const runs = [{ def: policy("no-sensitive-host-mounts"), config: {} }];
        const fromResources = judgeStack(stack, runs);
        assert.ok(fromResources.length > 0);
        assert.deepStrictEqual(judgeStack(stackModelOf(stack), runs), fromResources);
    });
});
