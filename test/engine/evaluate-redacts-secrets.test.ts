// engine/evaluate.ts: the secret values a request carries are kept out of every message it reports, and a positional
// call that passes no workloads judges none.
import * as assert from "assert";
import { evaluate } from "../../engine/evaluate";
import { NO_SECRETS } from "../../engine/format";
import { PolicyDefinition } from "../../engine/types";
import { Workload } from "../../model/workload";
import { toWorkloads } from "../../adapters";
import { resourcePolicies } from "../../policies";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";

const SECRET = "s3cr3t-dir";

function workloads(): Workload[] {
    const spec = hardenedPodSpec();
    // A malformed value is printed in the violation that reports it.
    spec.containers[0].securityContext.privileged = SECRET;
    return toWorkloads(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
}

function messages(secrets?: ReadonlySet<string>): string[] {
    return resourcePolicies.flatMap((policy: PolicyDefinition) =>
        evaluate({ policy, workloads: workloads(), config: {}, secrets }).map((d) => d.message),
    );
}

describe("evaluate: secrets and absent inputs", () => {
    it("prints the value without secrets, and never with it listed as one", () => {
        assert.ok(
            messages().some((m) => m.includes(SECRET)),
            "the value is printed",
        );
        const redacted = messages(new Set([SECRET]));
        assert.ok(redacted.length > 0);
        for (const m of redacted) assert.ok(!m.includes(SECRET), m);
    });

    it("a positional call without workloads judges none", () => {
        for (const policy of resourcePolicies)
            assert.deepStrictEqual(evaluate(policy, undefined as unknown as Workload[], {}, NO_SECRETS), []);
    });
});
