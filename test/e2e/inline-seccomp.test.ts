// Inline seccomp profiles over the analyzer protocol (issue 22 part 3): a Docker container or ECS task whose
// `seccomp=<JSON>` profile allows by default, or an Azure container group whose base64 `seccompProfile` does, fails
// preview under kernel-hardening; an unreadable one fails closed; a refusing one passes. In-process twins: test/checks/seccompProfile-inline.test.ts.
import * as assert from "assert";
import { EngineDiagnostic, suitePack } from "../harness/engine";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { TASK_DEFINITION, hardenedContainerDefinition } from "../fixtures/aws";

const seccomp = (ds: EngineDiagnostic[]) =>
    ds.filter((d) => d.policyName === "kernel-hardening" && d.message.includes("[seccompProfile_baseline]"));

function docker(option: string) {
    const c = hardenedContainer();
    c.securityOpts = ["no-new-privileges:true", option];
    return c;
}

function ecs(option: string) {
    const web = { ...hardenedContainerDefinition(), dockerSecurityOptions: ["no-new-privileges", option] };
    return {
        family: "web",
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "256",
        memory: "512",
        containerDefinitions: JSON.stringify([web]),
    };
}

/** An ACI container group whose container carries the profile `seccomp=<JSON>` names, base64-encoded as ACI takes it. */
function aci(option: string) {
    const json = option.slice("seccomp=".length);
    return {
        osType: "Linux",
        containers: [
            {
                name: "web",
                image: "example.com/web:1.0",
                resources: { requests: { cpu: 1, memoryInGB: 1 } },
                securityContext: {
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ["ALL"] },
                    runAsUser: 1000,
                    seccompProfile: Buffer.from(json).toString("base64"),
                },
            },
        ],
    };
}

describe("inline seccomp profiles over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    for (const [name, type, props] of [
        ["Docker container", DOCKER_CONTAINER, docker],
        ["ECS task definition", TASK_DEFINITION, ecs],
        ["Azure container group", "azure-native:containerinstance:ContainerGroup", aci],
    ] as const) {
        it(`${name}: a profile allowing by default fails preview (mandatory)`, async () => {
            const ds = seccomp(await pack().analyze(type, "res", props('seccomp={"defaultAction":"SCMP_ACT_ALLOW"}')));
            assert.deepStrictEqual(
                ds.map((d) => d.enforcementLevel),
                ["mandatory"],
            );
            assert.match(ds[0].message, /unconfined in all but name\): .* is "SCMP_ACT_ALLOW"/);
        });
        it(`${name}: an unreadable profile fails closed; a refusing one passes`, async () => {
            const bad = seccomp(await pack().analyze(type, "res", props('seccomp={"defaultAction":')));
            assert.deepStrictEqual(
                bad.map((d) => d.enforcementLevel),
                ["mandatory"],
            );
            assert.match(bad[0].message, /cannot interpret, which is treated as a violation/);
            const good = await pack().analyze(type, "res", props('seccomp={"defaultAction":"SCMP_ACT_ERRNO"}'));
            assert.deepStrictEqual(seccomp(good), []);
        });
    }

    it("Azure container group: a seccompProfile that is not base64 fails closed", async () => {
        const props = aci('seccomp={"defaultAction":"SCMP_ACT_ERRNO"}');
        props.containers[0].securityContext.seccompProfile = '{"defaultAction":"SCMP_ACT_ERRNO"}';
        const bad = seccomp(await pack().analyze("azure-native:containerinstance:ContainerGroup", "res", props));
        assert.deepStrictEqual(
            bad.map((d) => d.enforcementLevel),
            ["mandatory"],
        );
        assert.match(bad[0].message, /cannot interpret, which is treated as a violation/);
    });
});
