// Seccomp actions as a profile's `defaultAction` names them (OCI runtime-spec config-linux.md "Seccomp": the values
// are libseccomp's action names), and which of them let a system call the profile does not list through. Data only.

/**
 * Every action the runtime accepts as a profile's `defaultAction`; any other string makes runc refuse the profile
 * ("invalid action"), so the pack cannot say what it allows. Source: runtime-spec config-linux.md, `syscalls[].action`
 * (the list `defaultAction` shares); runc libcontainer/seccomp ConvertStringToAction.
 */
export const SECCOMP_ACTIONS: ReadonlySet<string> = new Set([
    "SCMP_ACT_KILL",
    "SCMP_ACT_KILL_PROCESS",
    "SCMP_ACT_KILL_THREAD",
    "SCMP_ACT_TRAP",
    "SCMP_ACT_ERRNO",
    "SCMP_ACT_TRACE",
    "SCMP_ACT_ALLOW",
    "SCMP_ACT_LOG",
    "SCMP_ACT_NOTIFY",
]);

/**
 * Default actions under which a profile confines nothing it does not list: unconfined in all but name.
 * - SCMP_ACT_ALLOW runs the call (seccomp(2), SECCOMP_RET_ALLOW).
 * - SCMP_ACT_LOG runs the call and logs it (seccomp(2), SECCOMP_RET_LOG: "the system call is executed").
 * - SCMP_ACT_TRACE hands the call to a ptrace tracer, which may let it run (seccomp(2), SECCOMP_RET_TRACE); the
 *   profile names no tracer and cannot, and a process of the container that may ptrace another is one. Without a
 *   tracer the call fails with ENOSYS, but what confines it then is who traces, not the profile: fail closed.
 * Not here: SCMP_ACT_NOTIFY, which runc refuses as a default action (libcontainer/seccomp InitSeccomp: "SCMP_ACT_NOTIFY
 * cannot be used as default action"; crun and youki alike), so such a container never starts; and the KILL, TRAP and
 * ERRNO actions, which refuse the call.
 */
export const SECCOMP_ACTIONS_THAT_PERMIT: ReadonlySet<string> = new Set([
    "SCMP_ACT_ALLOW",
    "SCMP_ACT_LOG",
    "SCMP_ACT_TRACE",
]);
