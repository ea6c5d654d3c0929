// Which kernel namespace holds a sysctl, from the runtime's own list (data/namespacedSysctls.ts): what a Docker-shaped
// runtime accepts inside a container, and what therefore stays off the host unless that namespace is the host's.
import { NAMESPACED_SYSCTLS, SysctlNamespace } from "../data/namespacedSysctls";

export type { SysctlNamespace } from "../data/namespacedSysctls";

/** The namespace that holds `name` (an exact row, or a tree such as `net.`), or undefined when it is the host's. */
export function sysctlNamespace(name: string): SysctlNamespace | undefined {
    const key = name.trim();
    for (const row of NAMESPACED_SYSCTLS)
        if (row.name.endsWith(".") ? key.startsWith(row.name) && key.length > row.name.length : key === row.name)
            return row.namespace;
    return undefined;
}
