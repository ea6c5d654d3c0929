// Azure Container Instances' base64 `seccompProfile` read as strict RFC 4648 (padded; whitespace ignored), and a GKE
// Cluster whose node pools cannot be read judged for instance metadata on `nodePools` only.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { checkIds, judge } from "../helpers";
import { UNKNOWN } from "../harness/engine";

const ACI = "azure-native:containerinstance:ContainerGroup";
const CLUSTER = "gcp:container/cluster:Cluster";

function aciWith(seccompProfile: string): Record<string, unknown> {
    return {
        resourceGroupName: "rg",
        containerGroupName: "grp",
        osType: "Linux",
        containers: [
            {
                name: "web",
                image: "example.com/web:2",
                securityContext: {
                    privileged: false,
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ["ALL"] },
                    runAsUser: 10001,
                    seccompProfile,
                },
            },
        ],
    };
}

// Standard base64 of this profile holds a `/` (from "???") and ends in one `=`.
const PROFILE = JSON.stringify({ defaultAction: "SCMP_ACT_ERRNO", note: "???" });
const STANDARD = Buffer.from(PROFILE).toString("base64");

describe("Azure ACI seccompProfile: strict base64", () => {
    it("the refusing profile in standard padded base64 passes", () => {
        assert.ok(STANDARD.includes("/") && STANDARD.endsWith("="), STANDARD);
        assert.deepStrictEqual(checkIds(ACI, aciWith(STANDARD)), []);
    });

    it("line breaks and spaces in the text are ignored", () => {
        const wrapped = `${STANDARD.slice(0, 20)}\n${STANDARD.slice(20, 40)}\r\n  ${STANDARD.slice(40)}`;
        assert.deepStrictEqual(checkIds(ACI, aciWith(wrapped)), []);
    });

    it("unpadded base64 is malformed: fails closed", () => {
        const unpadded = STANDARD.replace(/=+$/, "");
        assert.notStrictEqual(unpadded.length % 4, 0);
        assert.deepStrictEqual(checkIds(ACI, aciWith(unpadded)), ["seccompProfile_baseline"]);
    });

    it("the URL-safe alphabet is malformed, padded or not: fails closed", () => {
        const urlSafe = STANDARD.replace(/\+/g, "-").replace(/\//g, "_");
        assert.strictEqual(urlSafe.length % 4, 0);
        assert.deepStrictEqual(checkIds(ACI, aciWith(urlSafe)), ["seccompProfile_baseline"]);
    });

    it("text that is not base64 is recorded malformed with the text as written", () => {
        const issues = toWorkloads(ACI, "g", aciWith("not base64!"))[0].issues;
        assert.deepStrictEqual(
            issues.map((i) => [i.kind, i.path, i.value]),
            [["malformed", "containers[0].securityContext.seccompProfile", "not base64!"]],
        );
    });
});

describe("GKE Cluster: instance metadata judged on nodePools only when nodePools cannot be read", () => {
    const FAIL_CLOSED = { "no-host-credentials": { unknownValues: "fail-closed" as const } };
    const hostCredentials = (props: Record<string, unknown>) =>
        judge(CLUSTER, props, FAIL_CLOSED, "res")
            .filter((d) => d.policy === "no-host-credentials")
            .map((d) => d.check);

    it("nodePools unknown along with another field: still judged, on nodePools", () => {
        const props = { removeDefaultNodePool: true, nodePools: UNKNOWN, name: UNKNOWN };
        assert.deepStrictEqual(hostCredentials(props), ["instanceMetadata"]);
        assert.deepStrictEqual(toWorkloads(CLUSTER, "res", props)[0].hostMetadata, { path: "nodePools" });
    });

    it("no pools at all (default removed, none declared) and another field unknown: no host to judge", () => {
        const props = { removeDefaultNodePool: true, name: UNKNOWN };
        assert.deepStrictEqual(hostCredentials(props), []);
        assert.strictEqual(toWorkloads(CLUSTER, "res", props)[0].hostMetadata, undefined);
    });
});
