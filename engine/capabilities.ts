// Capability names as the kernel knows them. Users write `sys_admin`, `CAP_SYS_ADMIN`, ` SYS_ADMIN `; all are one.

export function normalizeCapability(name: string): string {
    const n = name.trim().toUpperCase();
    return n.startsWith("CAP_") ? n.slice(4) : n;
}

/** Capabilities Docker and containerd grant by default (Docker keeps these 14 unless dropped). */
export const RUNTIME_DEFAULT_CAPABILITIES: readonly string[] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/** PSS baseline: the only capabilities a container may add (the runtime defaults less NET_RAW). */
export const BASELINE_ALLOWED_CAPABILITIES: readonly string[] = RUNTIME_DEFAULT_CAPABILITIES.filter(
    (c) => c !== "NET_RAW",
);
