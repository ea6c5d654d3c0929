// `match.image` follows the glob rules of the other match fields (issue 22, part 8): `quay.io/prometheus/*` selects
// that registry path. Every documented prefix form keeps its meaning (a literal pattern is the prefix it always was:
// `nginx` covers `nginx:1.27`, `ghcr.io/acme/` everything under it, `nginx` never `nginx-evil`). In-process and over
// the analyzer protocol.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { evaluate } from "../../engine/evaluate";
import { NO_SECRETS } from "../../engine/format";
import { matchesImageGlob } from "../../engine/glob";
import { imageHasPrefix } from "../../engine/images";
import { Diagnostic } from "../../engine/types";
import { resourcePolicies } from "../../policies";
import { suitePack } from "../harness/engine";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";

const POLICY = resourcePolicies.find((p) => p.name === "no-privileged-containers")!;
const NOW = new Date("2026-06-15T12:00:00Z");

function privileged(image: string): Obj {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext.privileged = true;
    spec.containers[0].image = image;
    return DEPLOYMENT.wrap(spec);
}
const exemption = (image: string) => ({
    checks: ["privileged"],
    match: { image },
    reason: "vetted exporter",
    expires: "2099-12-31",
});
function waived(image: string, pattern: string): boolean {
    const ds: Diagnostic[] = evaluate(
        POLICY,
        toWorkloads(DEPLOYMENT.type, "exporter", privileged(image)),
        { exemptions: [exemption(pattern)] },
        NO_SECRETS,
        new Set(),
        {},
        { now: NOW },
    );
    return ds.every((d) => d.advisory);
}

/** [image, pattern, selected] */
const CASES: Array<[string, string, boolean]> = [
    // Globs.
    ["quay.io/prometheus/node-exporter:v1.8.2", "quay.io/prometheus/*", true],
    ["quay.io/prometheus/node-exporter@sha256:abc", "quay.io/prometheus/*", true],
    ["quay.io/prometheus-evil/node-exporter:v1", "quay.io/prometheus/*", false],
    ["quay.io/prometheus/node-exporter:v1.8.2", "quay.io/*/node-exporter", true],
    ["quay.io/acme/tools/node-exporter:v1", "quay.io/*/node-exporter", true],
    ["quay.io/prometheus/node-exporter-evil:v1", "quay.io/*/node-exporter", false],
    ["quay.io/prometheus/node-exporter:v1.8.2", "quay.io/prometheus/node-exporter:v1.?.?", true],
    ["quay.io/prometheus/node-exporter:v1.10.0", "quay.io/prometheus/node-exporter:v1.?.?", false],
    ["ghcr.io/acme/agent:2.1", "*.io/acme/agent", true],
    ["nginx:1.27", "ngin?", true],
    ["nginx:1.27", "docker.io/library/*", true],
    ["nginx:1.27", "*", true],
    ["ghcr.io/acme/agent:2.1", "*", false], // `*` is read as Docker Hub's library, as `nginx` is
    ["quay.io/prometheus/node-exporter", "quay.io/prometheus/node-exporter*", true],
    ["quay.io/prometheus/node-exporter:v1", "QUAY.io/prometheus/*", true],
    // The documented prefix forms, unchanged.
    ["nginx:1.27", "nginx", true],
    ["docker.io/library/nginx@sha256:abc", "nginx", true],
    ["registry-1.docker.io/library/nginx", "nginx", true],
    ["nginx:1.27", "docker.io/library/nginx:1.27", true],
    ["ghcr.io/acme/agent:2.1", "ghcr.io/acme/", true],
    ["ghcr.io/acme/agent:2.1", "ghcr.io/", true],
    ["ghcr.io/acme/agent:2.1", "ghcr.io/acme/agent", true],
    ["ghcr.io/acme/agent@sha256:abc", "ghcr.io/acme/agent@", true],
    ["nginx:1.27", "nginx:", true],
    ["nginx-evil:1", "nginx", false],
    ["evil.io/library/nginx", "nginx", false],
    ["ghcr.io/acme-evil/agent", "ghcr.io/acme", false],
    ["nginx:1.26", "nginx:1.27", false],
    ["nginx:1.27", "nginx:1", false],
    ["", "nginx", false],
    ["", "docker.io/library/", false],
];

describe("match.image is a glob over the normalized image reference", () => {
    for (const [image, pattern, selected] of CASES)
        it(`${JSON.stringify(pattern)} ${selected ? "selects" : "does not select"} ${JSON.stringify(image)}`, () => {
            assert.strictEqual(matchesImageGlob(image, pattern), selected);
            if (image !== "") assert.strictEqual(waived(image, pattern), selected);
        });

    it("without * or ? it is exactly the image prefix the docs have always described", () => {
        const images = ["nginx", "nginx:1.27", "ghcr.io/acme/agent:2.1", "localhost:5000/app", "acme/app@sha256:1"];
        const patterns = ["nginx", "nginx:1.27", "ghcr.io/", "ghcr.io/acme", "localhost:5000/", "acme/", "acme/app"];
        for (const i of images)
            for (const p of patterns) assert.strictEqual(matchesImageGlob(i, p), imageHasPrefix(i, p), `${i} ~ ${p}`);
    });
});

describe("match.image globs over the analyzer protocol", function () {
    this.timeout(60000);
    const pack = suitePack();

    it("quay.io/prometheus/* waives a node-exporter and not an image elsewhere", async () => {
        await pack().configurePack({
            "no-privileged-containers": { exemptions: [{ id: "MON-1", ...exemption("quay.io/prometheus/*") }] },
        });
        const of = async (image: string) =>
            (await pack().analyze(DEPLOYMENT.type, "exporter", privileged(image))).filter(
                (d) => d.policyName === "no-privileged-containers",
            );
        const exporter = await of("quay.io/prometheus/node-exporter:v1.8.2");
        assert.strictEqual(exporter.length, 1);
        assert.strictEqual(exporter[0].enforcementLevel, "advisory");
        assert.match(exporter[0].message, /waived by exemption "MON-1"/);
        const other = await of("quay.io/acme/node-exporter:v1.8.2");
        assert.strictEqual(other[0].enforcementLevel, "mandatory");
    });
});
