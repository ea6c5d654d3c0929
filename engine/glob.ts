// The one glob dialect config uses (exemption selectors, sandbox handlers): `*` any run of characters, `?` one
// character, everything else literal, anchored at both ends. Images are globbed the same way, over the reference as a
// registry resolves it (engine/images.ts).
import { normalizeImage } from "./images";

function globRegExp(glob: string): RegExp {
    const source = glob
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${source}$`, "s");
}

export function matchesGlob(value: string, glob: string): boolean {
    return globRegExp(glob).test(value);
}

/** Where an image reference may be cut and still name something: before a component, tag or digest. */
const IMAGE_BOUNDARY = /[/:@]/;

/**
 * Whether `image` is selected by the image glob `pattern`. Both are read as registry references first (`nginx` =
 * `docker.io/library/nginx`; the registry is the first component only if it has a dot or a port, or is localhost — so
 * `*` alone is Docker Hub's official images, never every registry). The glob must then match the whole reference, or
 * the reference cut before a component, tag or digest (`nginx` covers `nginx:1.27` and `nginx@sha256:…`, never
 * `nginx-evil`); a pattern that ends in `/`, `:` or `@` covers everything under it (`ghcr.io/acme/`). Without `*` or
 * `?` this is exactly the image prefix the exemption docs have always described.
 */
export function matchesImageGlob(image: string, pattern: string): boolean {
    const p = normalizeImage(pattern);
    const i = normalizeImage(image);
    const re = globRegExp(IMAGE_BOUNDARY.test(p.slice(-1)) ? `${p}*` : p);
    for (let cut = i.length; cut > 0; cut--) {
        if ((cut === i.length || IMAGE_BOUNDARY.test(i[cut])) && re.test(i.slice(0, cut))) return true;
    }
    return false;
}
