// Capability names as the kernel knows them. Users write `sys_admin`, `CAP_SYS_ADMIN`, ` SYS_ADMIN `; all are one.
// The tables live in data/capabilities.ts; re-exported here for the checks and tools that read them with the logic.
export { BASELINE_ALLOWED_CAPABILITIES, RUNTIME_DEFAULT_CAPABILITIES } from "../data/capabilities";

export function normalizeCapability(name: string): string {
    const n = name.trim().toUpperCase();
    return n.startsWith("CAP_") ? n.slice(4) : n;
}
