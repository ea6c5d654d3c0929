// ECS containerDefinitions over the analyzer protocol, read as the provider decodes them with Go's encoding/json:
// keys in any case, the last match winning (adapters/aws/goJson.ts).
import * as assert from "assert";
import { EngineDiagnostic, suitePack } from "../harness/engine";
import { TASK_DEFINITION, hardenedContainerDefinition, hardenedFargateTask } from "../fixtures/aws";

function checksOf(ds: EngineDiagnostic[]): string[] {
    return ds
        .filter((d) => d.enforcementLevel === "mandatory")
        .map((d) => `${d.policyName}/${/\[(\w+)\]/.exec(d.message)?.[1]}`)
        .sort();
}

describe("ECS JSON as Go decodes it, over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();
    const base = JSON.stringify(hardenedContainerDefinition()).slice(1, -1);
    const task = (text: string) => ({
        ...hardenedFargateTask(),
        requiresCompatibilities: ["EC2"],
        containerDefinitions: text,
    });

    it('"privileged": false, "Privileged": true is a privileged container; the other order is not', async () => {
        assert.deepStrictEqual(
            checksOf(
                await pack().analyze(
                    TASK_DEFINITION,
                    "t",
                    task(`[{${base}, "privileged": false, "Privileged": true}]`),
                ),
            ),
            ["no-privileged-containers/privileged"],
        );
        assert.deepStrictEqual(
            await pack().analyze(TASK_DEFINITION, "t", task(`[{${base}, "Privileged": true, "privileged": false}]`)),
            [],
        );
    });

    it("a capability added under LinuxParameters.Capabilities is read", async () => {
        const ds = await pack().analyze(
            TASK_DEFINITION,
            "t",
            task(`[{${base}, "LinuxParameters": {"Capabilities": {"Add": ["SYS_ADMIN"]}}}]`),
        );
        assert.deepStrictEqual(checksOf(ds), ["drop-capabilities/capabilities_restricted"]);
    });
});
