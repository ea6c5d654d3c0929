// Linux capability numbers and names (include/uapi/linux/capability.h), to decode /proc/<pid>/status masks and to
// spell a runtime spec's capability sets. Names are without the `CAP_` prefix, as checks and manifests spell them.
import * as fs from "fs";

export const CAPABILITY_NAMES: readonly string[] = [
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "KILL",
    "SETGID",
    "SETUID",
    "SETPCAP",
    "LINUX_IMMUTABLE",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_ADMIN",
    "NET_RAW",
    "IPC_LOCK",
    "IPC_OWNER",
    "SYS_MODULE",
    "SYS_RAWIO",
    "SYS_CHROOT",
    "SYS_PTRACE",
    "SYS_PACCT",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_NICE",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "MKNOD",
    "LEASE",
    "AUDIT_WRITE",
    "AUDIT_CONTROL",
    "SETFCAP",
    "MAC_OVERRIDE",
    "MAC_ADMIN",
    "SYSLOG",
    "WAKE_ALARM",
    "BLOCK_SUSPEND",
    "AUDIT_READ",
    "PERFMON",
    "BPF",
    "CHECKPOINT_RESTORE",
];

/**
 * Every capability a privileged container gets here: the verifier's own bounding set, as containerd grants "all"
 * (WithAllCurrentCapabilities: the capabilities of the process that starts the container) and runc can grant no
 * more. On a node that is every capability the kernel knows; inside a restricted environment it is fewer.
 */
export function hostCapabilities(): string[] {
    try {
        const m = /^CapBnd:\s*([0-9a-f]+)$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
        if (m) return decodeCapabilityMask(m[1]);
    } catch {
        // not Linux: the full table
    }
    return [...CAPABILITY_NAMES];
}

/** A hex mask from /proc/<pid>/status (`CapEff:\t000001ffffffffff`) → capability names, in bit order. */
export function decodeCapabilityMask(hex: string): string[] {
    const mask = BigInt(`0x${hex.trim() || "0"}`);
    const out: string[] = [];
    for (let bit = 0; bit < 64; bit++) {
        if ((mask >> BigInt(bit)) & BigInt(1)) out.push(CAPABILITY_NAMES[bit] ?? `CAP_${bit}`);
    }
    return out;
}
