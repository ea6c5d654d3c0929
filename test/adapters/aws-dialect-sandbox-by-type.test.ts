// The AWS dialects' sandbox advice goes by resource type: only the types that have a cloud setting for it (ECS task
// definitions and services, awsx components, Batch job definitions) get that setting; any other workload speaking the
// dialect falls back to a RuntimeClass. And `speak` can mark a workload again in the other dialect.
import * as assert from "assert";
import { newWorkload } from "../../adapters/shared/common";
import { speak } from "../../adapters/aws/dialect";
import { dialectOf } from "../../engine/dialect";
import { Workload } from "../../model/workload";
import { Reader } from "../../model/read";

function awsWorkload(type: string, extra: Partial<Workload> = {}): Workload {
    const w = newWorkload(
        { platform: "aws", isolation: "container", type, kind: "Thing", name: "n", isPatch: false, specPath: "spec" },
        new Reader(),
    );
    return Object.assign(w, extra);
}

describe("AWS dialects: sandbox advice by resource type", () => {
    it("an ECS-dialect workload of another type is told to set a RuntimeClass, not Batch's platformCapabilities", () => {
        const w = awsWorkload("aws:other/thing:Thing", { dialect: "ecs" });
        const advice = dialectOf(w).sandbox(w, "EX");
        assert.strictEqual(advice.field, "spec.runtimeClassName");
        assert.ok(advice.fix.startsWith("set runtimeClassName"), advice.fix);
    });

    it("a hand-built dockerConfigured AWS workload of another type is told to set a RuntimeClass", () => {
        const w = awsWorkload("t", { dockerConfigured: true });
        assert.strictEqual(dialectOf(w).name, "ecs");
        assert.strictEqual(dialectOf(w).sandbox(w, "EX").field, "spec.runtimeClassName");
    });

    it("an AWS-dialect workload that is no Batch job is told to set a RuntimeClass, not eksProperties", () => {
        const w = awsWorkload("aws:ec2/instance:Instance", { dialect: "aws" });
        const advice = dialectOf(w).sandbox(w, "EX");
        assert.strictEqual(advice.field, "spec.runtimeClassName");
        assert.ok(advice.fix.startsWith("set runtimeClassName"), advice.fix);
        const bare = awsWorkload("t");
        assert.strictEqual(dialectOf(bare).sandbox(bare, "EX").field, "spec.runtimeClassName");
    });

    it("speak marks a workload again: the later dialect's dockerConfigured and sandboxHint answer", () => {
        const w = awsWorkload("aws:batch/jobDefinition:JobDefinition");
        speak(w, "ecs");
        assert.strictEqual(w.dockerConfigured, true);
        assert.strictEqual(w.sandboxHint?.field, "platformCapabilities");
        speak(w, "aws");
        assert.strictEqual(w.dialect, "aws");
        assert.strictEqual(w.dockerConfigured, undefined);
        assert.strictEqual(w.sandboxHint?.field, "eksProperties.podProperties");
        assert.strictEqual(dialectOf(w).name, "aws");
    });
});
