// The seccomp profile `RuntimeDefault` stands for here. The real one is the container runtime's (containerd's and
// Docker's default profiles, an allow-list of ~350 syscalls). This one is a deny-list of the syscalls those profiles
// exist to block for an unprivileged container — kernel modules, kexec, mount and namespace manipulation, keyrings,
// BPF, perf, ptrace of other processes, clock and reboot control, open_by_handle_at (the "shocker" escape) — so
// the probe can measure that a filter is in force (Seccomp: 2) and that an Unconfined container has none. It is
// not a substitute for the runtime's profile and does not claim the same coverage.

/** Syscalls the stand-in RuntimeDefault profile makes fail with EPERM. */
export const DENIED_SYSCALLS: readonly string[] = [
    "acct",
    "add_key",
    "bpf",
    "clock_adjtime",
    "clock_settime",
    "create_module",
    "delete_module",
    "finit_module",
    "fsconfig",
    "fsmount",
    "fsopen",
    "fspick",
    "get_kernel_syms",
    "init_module",
    "ioperm",
    "iopl",
    "kcmp",
    "kexec_file_load",
    "kexec_load",
    "keyctl",
    "lookup_dcookie",
    "mount",
    "move_mount",
    "name_to_handle_at",
    "nfsservctl",
    "open_by_handle_at",
    "open_tree",
    "perf_event_open",
    "pivot_root",
    "process_vm_readv",
    "process_vm_writev",
    "ptrace",
    "query_module",
    "quotactl",
    "reboot",
    "request_key",
    "setns",
    "settimeofday",
    "swapoff",
    "swapon",
    "syslog",
    "umount2",
    "unshare",
    "uselib",
    "userfaultfd",
    "vhangup",
];

export interface LinuxSeccomp {
    defaultAction: string;
    architectures: string[];
    syscalls: Array<{ names: string[]; action: string; errnoRet?: number }>;
}

export function defaultSeccompProfile(): LinuxSeccomp {
    return {
        defaultAction: "SCMP_ACT_ALLOW",
        architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
        syscalls: [{ names: [...DENIED_SYSCALLS], action: "SCMP_ACT_ERRNO", errnoRet: 1 }],
    };
}
