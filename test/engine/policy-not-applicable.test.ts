// engine/policy.ts declares a policy not applicable to a resource no adapter reads (Pulumi Cloud then counts it as
// such, not as compliant), in process: the gRPC twin is in test/policies/compliance-metadata.test.ts.
import * as assert from "assert";
import { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { resourcePolicy } from "../../engine/policy";
import { resourcePolicies } from "../../policies";
import { opaqueHelmReleases } from "../../policies/opaque-helm-releases";

class NotApplicable extends Error {}

function run(validate: ResourceValidation, type: string, props: Record<string, unknown>, withCall = true) {
    const reasons: string[] = [];
    const reported: string[] = [];
    const args = {
        type,
        name: "r",
        urn: `urn:pulumi:dev::p::${type}::r`,
        props,
        getConfig: () => ({}),
        stackTags: new Map<string, string>(),
        ...(withCall
            ? {
                  notApplicable: (reason?: string): never => {
                      reasons.push(reason ?? "");
                      throw new NotApplicable(reason);
                  },
              }
            : {}),
    } as unknown as ResourceValidationArgs;
    let threw = false;
    try {
        void validate(args, (m: unknown) => reported.push(String(m)));
    } catch (e) {
        // Only the engine's own signal is expected; anything else (a call to a missing function) fails the test.
        if (!(e instanceof NotApplicable)) throw e;
        threw = true;
    }
    return { reasons, reported, threw };
}

const POD = {
    metadata: { name: "p" },
    spec: { containers: [{ name: "c", image: "nginx", securityContext: { privileged: true } }] },
};

describe("engine/policy.ts: not applicable to what no adapter reads", () => {
    const def = resourcePolicies.find((d) => d.name === "no-privileged-containers")!;
    const validate = resourcePolicy(def).validateResource as ResourceValidation;

    it("an S3 bucket: the policy says why and judges nothing", () => {
        const r = run(validate, "aws:s3/bucket:Bucket", { bucket: "b" });
        assert.deepStrictEqual(r.reasons, [
            "no-privileged-containers judges containers, pods and their hosts; it reads no aws:s3/bucket:Bucket",
        ]);
        assert.ok(r.threw);
        assert.deepStrictEqual(r.reported, []);
    });

    it("a privileged Pod: applicable, and judged", () => {
        const r = run(validate, "kubernetes:core/v1:Pod", POD);
        assert.deepStrictEqual(r.reasons, []);
        assert.strictEqual(r.reported.length, 1);
        assert.match(r.reported[0], /\[privileged\]/);
    });

    it("an engine without the call (an older @pulumi/policy): the bucket passes as before", () => {
        const r = run(validate, "aws:s3/bucket:Bucket", { bucket: "b" }, false);
        assert.deepStrictEqual([r.reasons, r.reported, r.threw], [[], [], false]);
    });
});

describe("opaque-helm-releases: applicable to Helm v3 Releases only", () => {
    const validate = opaqueHelmReleases.validateResource as ResourceValidation;

    it("a Pod: not applicable, with the reason", () => {
        const r = run(validate, "kubernetes:core/v1:Pod", POD);
        assert.deepStrictEqual(r.reasons, [
            "opaque-helm-releases concerns Helm v3 Releases only, not kubernetes:core/v1:Pod",
        ]);
    });

    it("a Release: applicable, and reported", () => {
        const r = run(validate, "kubernetes:helm.sh/v3:Release", { chart: "nginx" });
        assert.deepStrictEqual(r.reasons, []);
        assert.strictEqual(r.reported.length, 1);
    });

    it("a Pod under an engine without the call: nothing reported", () => {
        const r = run(validate, "kubernetes:core/v1:Pod", POD, false);
        assert.deepStrictEqual([r.reasons, r.reported], [[], []]);
    });
});
