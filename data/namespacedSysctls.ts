// Which sysctls a container runtime accepts inside a container, as data: only those the kernel keeps per namespace,
// each with the namespace that holds it. runc refuses any other sysctl ("is not in a separate kernel namespace"),
// and, as far as it can tell, a namespaced one whose namespace the container shares with the host (a `net.*` sysctl
// under host networking, an IPC sysctl under the host's IPC namespace); a runtime that does not check would set the
// host's, so the pack judges those the host's. Data only: this folder imports nothing of the project outside data/.

export type SysctlNamespace = "ipc" | "network" | "uts";

export interface NamespacedSysctl {
    /** The sysctl name, or a prefix ending in `.` that covers a tree (`net.`). */
    name: string;
    namespace: SysctlNamespace;
    source: string;
}

const RUNC =
    "runc libcontainer/configs/validate/validator.go (sysctl: validSysctlMap, fs.mqueue., net., kernel.domainname)";
const DOCKER = 'docs.docker.com/reference/cli/docker/container/run/#sysctl ("Currently supported sysctls")';

export const NAMESPACED_SYSCTLS: readonly NamespacedSysctl[] = [
    { name: "kernel.msgmax", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "kernel.msgmnb", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "kernel.msgmni", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "kernel.sem", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "kernel.shmall", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "kernel.shmmax", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "kernel.shmmni", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "kernel.shm_rmid_forced", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "fs.mqueue.", namespace: "ipc", source: `${RUNC}; ${DOCKER}` },
    { name: "net.", namespace: "network", source: `${RUNC}; ${DOCKER}` },
    // runc accepts kernel.domainname in a UTS namespace of the container's own; kernel.hostname it refuses (use
    // the hostname setting), so only the first is listed.
    { name: "kernel.domainname", namespace: "uts", source: RUNC },
];
