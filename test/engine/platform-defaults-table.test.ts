// data/platformDefaults.ts: every default the pack relies on names the field, what the platform does, and where the
// platform documents it (an AWS documentation URL).
import * as assert from "assert";
import * as defaults from "../../data/platformDefaults";

describe("platform defaults table", () => {
    const rows = Object.entries(defaults) as Array<[string, defaults.PlatformDefault]>;

    it("holds the AWS defaults the adapters read", () => {
        assert.deepStrictEqual(rows.map(([name]) => name).sort(), [
            "BATCH_EKS_CAPABILITIES",
            "BATCH_EKS_HOST_NETWORK",
            "EC2_IMDS_HOP_LIMIT",
            "EC2_IMDS_HTTP_TOKENS",
            "EKS_NODE_GROUP_METADATA",
        ]);
    });

    for (const [name, row] of rows)
        it(`${name}: a field, a behaviour and an AWS documentation source`, () => {
            assert.ok(/^[A-Za-z.[\]]+$/.test(row.field), row.field);
            assert.ok(row.behaviour.length > 20, row.behaviour);
            assert.ok(/^https:\/\/docs\.aws\.amazon\.com\/\S+/.test(row.source), row.source);
        });

    it("names the fields as the resources write them", () => {
        assert.deepStrictEqual(
            rows.map(([, r]) => r.field),
            [
                "eksProperties.podProperties.hostNetwork",
                "metadataOptions.httpTokens",
                "metadataOptions.httpPutResponseHopLimit",
                "launchTemplate",
                "eksProperties.podProperties.containers[].securityContext",
            ],
        );
        assert.ok(defaults.EC2_IMDS_HOP_LIMIT.behaviour.includes("2 on Amazon Linux 2023"));
        assert.ok(defaults.EC2_IMDS_HTTP_TOKENS.behaviour.includes("IMDSv1"));
        assert.ok(defaults.EKS_NODE_GROUP_METADATA.behaviour.includes("does not block pods"));
        assert.ok(defaults.BATCH_EKS_HOST_NETWORK.behaviour.includes("host network"));
        assert.ok(defaults.BATCH_EKS_CAPABILITIES.behaviour.includes("no capabilities field"));
    });
});
