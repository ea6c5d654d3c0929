// Which runtimes are sandboxes: the sourced tables are data (data/sandboxes.ts, re-exported here); this file holds
// the reading of them.
import { HOST_KERNEL_RUNTIMES } from "../data/sandboxes";

export {
    DEFAULT_SANDBOX_HANDLERS,
    DEFAULT_SANDBOX_RUNTIME_CLASSES,
    DEFAULT_SANDBOX_RUNTIMES,
    HOST_KERNEL_RUNTIMES,
    SANDBOX_SOURCES,
} from "../data/sandboxes";
export type { SandboxSource } from "../data/sandboxes";

/** Whether a runtime name is one that shares the host kernel (compared trimmed, case-insensitively). */
export function isHostKernelRuntime(name: string): boolean {
    return HOST_KERNEL_RUNTIMES.has(name.trim().toLowerCase());
}

/** A few entries of a long list, for messages: the whole list is in the docs and the config schema. */
export function someOf(list: readonly string[], count = 5): string {
    return list.length > count ? `${list.slice(0, count).join(", ")}, …` : list.join(", ");
}
