import { PolicyDefinition } from "../engine/types";
import { appArmorProfile } from "../checks/appArmorProfile";
import { procMount } from "../checks/procMount";
import { procMount_restricted } from "../checks/procMount_restricted";
import { seccompProfile_baseline } from "../checks/seccompProfile_baseline";
import { seccompProfile_restricted } from "../checks/seccompProfile_restricted";
import { seLinuxOptions } from "../checks/seLinuxOptions";
import { sysctls } from "../checks/sysctls";

export const kernelHardening: PolicyDefinition = {
    name: "kernel-hardening",
    displayName: "Kernel hardening (seccomp, AppArmor, SELinux, /proc, sysctls)",
    description:
        "Containers must keep the kernel's confinement: no unconfined seccomp or AppArmor, no custom SELinux user/role/type, the default /proc mask, and only safe sysctls.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Remove Unconfined seccomp and AppArmor profiles (Docker: seccomp=unconfined, apparmor=unconfined in securityOpts) " +
        "or set them to RuntimeDefault; give an inline seccomp profile (Docker, ECS: seccomp=<JSON>; ACI: the base64 seccompProfile) a refusing " +
        "defaultAction such as SCMP_ACT_ERRNO, not SCMP_ACT_ALLOW, SCMP_ACT_LOG or SCMP_ACT_TRACE; remove seLinuxOptions user and role and any type other than container_t " +
        "(Docker: label=disable); remove procMount: Unmasked; set only the PSS safe sysctls. Under PSS restricted, also " +
        "set securityContext.seccompProfile.type: RuntimeDefault on the pod.",
    checks: [
        seccompProfile_restricted,
        seccompProfile_baseline,
        appArmorProfile,
        seLinuxOptions,
        procMount_restricted,
        procMount,
        sysctls,
    ],
    // Baseline-level faults are explicit weakenings and fail by default; the restricted requirements are opt-in.
    defaultChecks: ["seccompProfile_baseline", "appArmorProfile", "seLinuxOptions", "procMount", "sysctls"],
    config: {},
    options: () => ({}),
};
