// Over the real protocol: secrets are seen through but never printed, and a sample of the hostile inputs of
// never-crash.test.ts reaches the pack as the engine would send them without one "[internal]" report.
import * as assert from "assert";
import fc from "fast-check";
import { EngineDiagnostic, PackProcess, secret } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { mutatedResource, randomResource } from "./generators";

const summary = (ds: EngineDiagnostic[]) => JSON.stringify(ds.map((d) => d.message));
const line = (d: EngineDiagnostic) => d.message.slice(d.message.lastIndexOf("\n") + 1);
const ids = (ds: EngineDiagnostic[]) => ds.map((d) => /^\[(\w+)\]/.exec(line(d))?.[1]).sort();

describe("over the analyzer protocol: secrets and hostile inputs", function () {
    this.timeout(300000);
    let pack: PackProcess;
    before(async () => {
        pack = await PackProcess.start();
        await pack.configureStack({}, { dryRun: true });
        await pack.configurePack({});
    });
    after(async () => pack && pack.stop());

    describe("secrets: judged, never printed", () => {
        const cases: Array<{
            name: string;
            check: string;
            leak: string;
            props(): Record<string, unknown>;
            type: string;
        }> = [
            {
                name: "privileged as a secret",
                check: "privileged",
                leak: "",
                type: DEPLOYMENT.type,
                props: () => withSc("privileged", secret(true)),
            },
            {
                name: "a capability name",
                check: "capabilities_restricted",
                leak: "SYS_PTRACE",
                type: DEPLOYMENT.type,
                props: () => withSc("capabilities", { drop: ["ALL"], add: [secret("SYS_PTRACE")] }),
            },
            {
                name: "the whole capability list",
                check: "capabilities_restricted",
                leak: "SYS_MODULE",
                type: DEPLOYMENT.type,
                props: () => withSc("capabilities", secret({ drop: ["ALL"], add: ["SYS_MODULE"] })),
            },
            {
                name: "a host path",
                check: "sensitiveHostPath",
                leak: "/var/lib/kubelet/secret-dir",
                type: DEPLOYMENT.type,
                props: () => withVolume({ name: "h", hostPath: secret({ path: "/var/lib/kubelet/secret-dir" }) }),
            },
            {
                name: "a container name",
                check: "privileged",
                leak: "payments-sidecar",
                type: DEPLOYMENT.type,
                props: () => {
                    const spec = hardenedPodSpec();
                    spec.containers[0].name = secret("payments-sidecar");
                    spec.containers[0].securityContext.privileged = true;
                    return DEPLOYMENT.wrap(spec);
                },
            },
            {
                name: "a host port",
                check: "hostPorts",
                leak: "31337",
                type: DEPLOYMENT.type,
                props: () => {
                    const spec = hardenedPodSpec();
                    spec.containers[0].ports = [{ containerPort: 8080, hostPort: secret(31337) }];
                    return DEPLOYMENT.wrap(spec);
                },
            },
            {
                name: "a Docker namespace mode",
                check: "hostNamespaces",
                leak: "pidMode=host",
                type: DOCKER_CONTAINER,
                props: () => ({ ...hardenedContainer(), pidMode: secret("host") }),
            },
            {
                name: "a Docker bind source",
                check: "sensitiveHostPath",
                leak: "/run/containerd/containerd.sock",
                type: DOCKER_CONTAINER,
                props: () => ({
                    ...hardenedContainer(),
                    mounts: [{ type: "bind", source: secret("/run/containerd/containerd.sock"), target: "/c.sock" }],
                }),
            },
        ];
        for (const c of cases) {
            it(`${c.name}: ${c.check} fires and the value is redacted`, async () => {
                const ds = await pack.analyze(c.type, "web", c.props());
                assert.ok(ids(ds).includes(c.check), summary(ds));
                const d = ds.find((x) => line(x).startsWith(`[${c.check}]`))!;
                assert.ok(line(d).includes("[secret]"), summary(ds));
                if (c.leak)
                    for (const x of ds) assert.ok(!line(x).includes(c.leak), `leaked ${c.leak}: ${summary(ds)}`);
            });
        }

        it("a secret that is not part of any finding does not hide the finding", async () => {
            const spec = hardenedPodSpec();
            spec.containers[0].env = [{ name: "TOKEN", value: secret("hunter2") }];
            spec.containers[0].securityContext.privileged = true;
            const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
            assert.deepStrictEqual(ids(ds), ["privileged"]);
            assert.ok(!summary(ds).includes("hunter2"));
        });
    });

    it("a sample of hostile resources: no [internal] report, the pack stays up", async () => {
        // Sizes the wire can carry in reasonable time; the in-process properties cover the rest.
        const sample = [
            ...fc.sample(mutatedResource, { numRuns: 300, seed: 7 }),
            ...fc.sample(randomResource, { numRuns: 100, seed: 7 }),
        ];
        let sent = 0;
        for (const k of sample) {
            const props = JSON.parse(JSON.stringify(k.props));
            const ds = await pack.analyze(k.type, "res", props);
            sent++;
            for (const d of ds) assert.ok(!line(d).startsWith("[internal]"), `${k.type}: ${line(d).slice(0, 500)}`);
        }
        assert.strictEqual(pack.child.exitCode, null);
        assert.deepStrictEqual(await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(hardenedPodSpec())), []);
        console.log(`      sent ${sent} hostile resources over gRPC`);
    });

    it("own __proto__ and constructor keys over the wire hide nothing", async () => {
        const text = `{"__proto__": {"privileged": false}, "constructor": {"name": "Secret"}, "value": {}, "privileged": true}`;
        const spec = hardenedPodSpec();
        spec.containers[0].securityContext = JSON.parse(text);
        const ds = await pack.analyze(DEPLOYMENT.type, "web", DEPLOYMENT.wrap(spec));
        assert.ok(ids(ds).includes("privileged"), summary(ds));
    });
});

function withSc(key: string, v: unknown): Record<string, unknown> {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext[key] = v;
    return DEPLOYMENT.wrap(spec);
}

function withVolume(v: Record<string, unknown>): Record<string, unknown> {
    const spec = hardenedPodSpec();
    spec.volumes.push(v);
    return DEPLOYMENT.wrap(spec);
}
