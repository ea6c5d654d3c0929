// Seccomp reasoning the checks share: whether an inline profile's default action confines anything
// (data/seccomp.ts, re-exported here so checks need not reach into data/).
import { SECCOMP_ACTIONS_THAT_PERMIT } from "../data/seccomp";

export { SECCOMP_ACTIONS, SECCOMP_ACTIONS_THAT_PERMIT } from "../data/seccomp";

/** Whether a profile whose `defaultAction` is `action` lets every call it does not list through. */
export function permitsByDefault(action: string): boolean {
    return SECCOMP_ACTIONS_THAT_PERMIT.has(action);
}
