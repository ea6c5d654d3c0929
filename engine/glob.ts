// The one glob dialect config uses (exemption selectors, sandbox handlers): `*` any run of characters, `?` one
// character, everything else literal, anchored at both ends.

export function matchesGlob(value: string, glob: string): boolean {
    const source = glob
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${source}$`, "s").test(value);
}
