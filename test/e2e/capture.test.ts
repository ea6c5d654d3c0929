// The capture side of the engine path: programs under mocks, inputs reduced to what the engine sends, and the
// state file the CLI reads.
import * as assert from "assert";
import { captureExample, kubernetesAutoname, toEngineWire } from "../harness/program";
import { toDeployment } from "../harness/state";
import { secret, UNKNOWN } from "../harness/engine";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

describe("capturing example programs as the engine sees them", function () {
    this.timeout(60000);

    it("reduces SDK wire values to what the engine sends a pack", () => {
        const outputValue = (v: object) => ({ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", ...v });
        const wire = toEngineWire({
            a: outputValue({ value: 1, dependencies: ["urn:x"] }),
            b: outputValue({ dependencies: ["urn:x"] }),
            c: outputValue({ value: "p", secret: true }),
            d: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:dev::p::t::n", id: "i-1" },
            e: { [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi:dev::p::t::n" },
            __internal: true,
            nested: { __hidden: 1, kept: [{ [SIG]: SECRET, value: "s" }] },
        });
        assert.deepStrictEqual(wire, {
            a: 1,
            b: UNKNOWN,
            c: secret("p"),
            d: "i-1",
            e: "urn:pulumi:dev::p::t::n",
            nested: { kept: [secret("s")] },
        });
    });

    it("autonames an unnamed Kubernetes object deterministically, and leaves named ones alone", () => {
        const urn = "urn:pulumi:dev::p::kubernetes:core/v1:Namespace::web";
        const named = kubernetesAutoname("kubernetes:core/v1:Namespace", "web", urn, { metadata: { name: "fixed" } });
        assert.deepStrictEqual(named, { metadata: { name: "fixed" } });
        const a = kubernetesAutoname("kubernetes:core/v1:Namespace", "web", urn, { metadata: { labels: { x: "y" } } });
        assert.deepStrictEqual(
            a,
            kubernetesAutoname("kubernetes:core/v1:Namespace", "web", urn, { metadata: { labels: { x: "y" } } }),
        );
        const metadata = a.metadata as Record<string, unknown>;
        assert.match(String(metadata.name), /^web-[0-9a-f]{8}$/);
        assert.deepStrictEqual(metadata.annotations, { "pulumi.com/autonamed": "true" });
        assert.deepStrictEqual(kubernetesAutoname("docker:index/container:Container", "c", "u", {}), {});
    });

    it("captures registrations in order with engine URNs, the stack as root parent and resolved references", async () => {
        const { project, resources } = await captureExample("k8s-hardened-app");
        assert.strictEqual(project, "k8s-hardened-app");
        const [stack, ...rest] = resources;
        assert.strictEqual(stack.type, "pulumi:pulumi:Stack");
        assert.ok(
            rest.every((r) => r.parent === stack.urn),
            JSON.stringify(rest.map((r) => r.parent)),
        );
        const ns = rest.find((r) => r.type === "kubernetes:core/v1:Namespace");
        const dep = rest.find((r) => r.type === "kubernetes:apps/v1:Deployment");
        assert.strictEqual(dep?.urn, "urn:pulumi:dev::k8s-hardened-app::kubernetes:apps/v1:Deployment::web");
        const nsName = (ns?.properties.metadata as Record<string, unknown>).name;
        assert.strictEqual((dep?.properties.metadata as Record<string, unknown>).namespace, nsName);
    });

    it("nests a component's children under its qualified type, as the engine does", async () => {
        const { resources } = await captureExample("k8s-rendered-manifests");
        const ds = resources.find((r) => r.type === "kubernetes:apps/v1:DaemonSet");
        assert.strictEqual(
            ds?.urn,
            "urn:pulumi:dev::k8s-rendered-manifests::kubernetes:yaml:ConfigGroup$kubernetes:apps/v1:DaemonSet::shop/log-shipper",
        );
        assert.strictEqual(ds?.parent, "urn:pulumi:dev::k8s-rendered-manifests::kubernetes:yaml:ConfigGroup::shop");
    });

    it("writes a state file with plaintext secrets, unknown placeholders and provider references", () => {
        const stackUrn = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
        const provUrn = "urn:pulumi:dev::p::pulumi:providers:docker::host";
        const state = toDeployment([
            { type: "pulumi:pulumi:Stack", name: "p-dev", urn: stackUrn, custom: false, properties: {} },
            {
                type: "pulumi:providers:docker",
                name: "host",
                urn: provUrn,
                parent: stackUrn,
                custom: true,
                properties: { host: "ssh://h" },
            },
            {
                type: "docker:index/container:Container",
                name: "c",
                urn: "urn:pulumi:dev::p::docker:index/container:Container::c",
                parent: stackUrn,
                custom: true,
                properties: { privileged: UNKNOWN, volumes: [{ hostPath: secret("/var/run/docker.sock") }] },
                provider: {
                    type: "pulumi:providers:docker",
                    name: "host",
                    urn: provUrn,
                    properties: { host: "ssh://h" },
                },
            },
        ]);
        const c = state.deployment.resources[2];
        assert.deepStrictEqual(c.inputs, {
            privileged: UNKNOWN,
            volumes: [{ hostPath: { [SIG]: SECRET, plaintext: '"/var/run/docker.sock"' } }],
        });
        assert.deepStrictEqual(c.outputs, c.inputs);
        assert.strictEqual(c.provider, `${provUrn}::host-id`);
        assert.strictEqual(state.deployment.resources[1].id, "host-id");
        assert.strictEqual(state.deployment.resources[0].id, undefined);
    });
});
