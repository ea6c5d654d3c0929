// Pins for engine/images.ts (image prefixes of exemptions) found by mutation testing: every Docker Hub alias, the
// localhost registry, whitespace, an empty image, and prefixes that are a bare registry host or a Docker Hub path.
import * as assert from "assert";
import { imageHasPrefix, normalizeImage } from "../../engine/images";

describe("image normalization and prefixes (pinned)", () => {
    it("maps each Docker Hub alias to docker.io, official images under library/", () => {
        for (const host of ["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]) {
            assert.strictEqual(normalizeImage(`${host}/nginx:1.27`), "docker.io/library/nginx:1.27", host);
            assert.strictEqual(normalizeImage(`${host}/acme/app`), "docker.io/acme/app", host);
        }
    });

    it("reads localhost as a registry host, with or without a port", () => {
        assert.strictEqual(normalizeImage("localhost/app:1"), "localhost/app:1");
        assert.strictEqual(normalizeImage("localhost:5000/app"), "localhost:5000/app");
        assert.ok(!imageHasPrefix("localhost/app", "docker.io/localhost/app"));
    });

    it("ignores whitespace around the image and the prefix", () => {
        assert.ok(imageHasPrefix(" nginx:1.27 ", "nginx"));
        assert.ok(imageHasPrefix("ghcr.io/acme/app", " ghcr.io/"));
    });

    it("an empty image lies under no repository", () => {
        assert.strictEqual(normalizeImage(""), "docker.io/");
        assert.ok(!imageHasPrefix("", "docker.io/library/"));
        assert.ok(!imageHasPrefix("", "nginx"));
    });

    it("a bare registry host is a prefix of every image on it, and only of those", () => {
        assert.ok(imageHasPrefix("nginx", "index.docker.io/"));
        assert.ok(imageHasPrefix("localhost:5000/app", "localhost:5000/"));
        assert.ok(imageHasPrefix("localhost/app", "localhost/"));
        assert.ok(imageHasPrefix("GHCR.io/acme/app", "ghcr.IO/"));
        assert.ok(!imageHasPrefix("ghcr.io/acme/app", "index.docker.io/"));
    });

    it("a prefix without a registry host is a Docker Hub path, dots in later components included", () => {
        assert.ok(imageHasPrefix("acme/app:1", "acme/"));
        assert.ok(!imageHasPrefix("ghcr.io/acme/app", "acme/"));
        assert.ok(imageHasPrefix("acme/tools.v2/lint:1", "acme/tools.v2/"));
        assert.ok(!imageHasPrefix("tools.v2/lint:1", "acme/tools.v2/"));
    });
});
