// Container image references compared the way a registry resolves them, so an exemption for `nginx` covers
// `docker.io/library/nginx:1.27` and `index.docker.io/library/nginx@sha256:…` but never `nginx-evil` or
// `evil.io/nginx`. Images are what a platform team vets; the container names around them are the deployer's choice.

const DOCKER_HUB = "docker.io";
const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set([
    "docker.io",
    "index.docker.io",
    "registry-1.docker.io",
    "registry.hub.docker.com",
]);

/** `nginx` → `docker.io/library/nginx`; `ghcr.io/org/app:1` unchanged (registry host lower-cased). */
export function normalizeImage(ref: string): string {
    const image = ref.trim();
    const slash = image.indexOf("/");
    const first = slash < 0 ? "" : image.slice(0, slash);
    // Docker's rule: the first component is a registry host only if it has a dot or a port, or is localhost.
    const hasRegistry = first !== "" && (first.includes(".") || first.includes(":") || first === "localhost");
    let registry = hasRegistry ? first.toLowerCase() : DOCKER_HUB;
    let rest = hasRegistry ? image.slice(slash + 1) : image;
    if (DOCKER_HUB_ALIASES.has(registry)) {
        registry = DOCKER_HUB;
        // Official images live under library/ on Docker Hub.
        if (rest !== "" && !rest.includes("/")) rest = `library/${rest}`;
    }
    return `${registry}/${rest}`;
}

/**
 * Whether `image` lies under `prefix`: equal after normalization, or continuing at a component, tag or digest
 * boundary (`/`, `:`, `@`). A prefix that itself ends in `/`, `:` or `@` (e.g. `ghcr.io/acme/`) matches anything under it.
 * A bare registry host (`ghcr.io/`, `index.docker.io/`) normalizes to itself (`docker.io/` for Docker Hub's aliases):
 * its first component has a dot or a port, or is localhost, and nothing follows it.
 */
export function imageHasPrefix(image: string, prefix: string): boolean {
    const p = normalizeImage(prefix);
    const i = normalizeImage(image);
    if (!i.startsWith(p)) return false;
    if (i.length === p.length || /[/:@]$/.test(p)) return true;
    return "/:@".includes(i[p.length]);
}
