import { PolicyDefinition } from "../engine/types";
import { DEFAULT_CHECK_OPTIONS } from "../engine/defaults";
import { allowPrivilegeEscalation } from "../checks/allowPrivilegeEscalation";
import { privileged } from "../checks/privileged";
import { windowsHostProcess } from "../checks/windowsHostProcess";

export const noPrivilegedContainers: PolicyDefinition = {
    name: "no-privileged-containers",
    displayName: "No privileged containers",
    description: "Containers must not run privileged, as Windows HostProcess, or with privilege escalation allowed.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Remove securityContext.privileged (Docker: privileged) and windowsOptions.hostProcess; set " +
        'securityContext.allowPrivilegeEscalation to false (Docker: securityOpts ["no-new-privileges:true"]). ' +
        "Grant the few capabilities the workload needs instead of privileged mode.",
    checks: [privileged, windowsHostProcess, allowPrivilegeEscalation],
    defaultChecks: ["privileged", "windowsHostProcess", "allowPrivilegeEscalation"],
    config: {
        allowPrivilegeEscalation: {
            type: "string",
            enum: ["forbid-true", "require-false"],
            default: DEFAULT_CHECK_OPTIONS.allowPrivilegeEscalation,
            description:
                '"forbid-true": only an explicit allowPrivilegeEscalation: true fails. "require-false" (PSS restricted): it must be explicitly false (Docker: no-new-privileges).',
        },
    },
    options: (c) =>
        c.allowPrivilegeEscalation === "require-false" ? { allowPrivilegeEscalation: "require-false" } : {},
};
