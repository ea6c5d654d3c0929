// Which control of which compliance framework each check enforces, for the metadata Pulumi Cloud shows and filters by
// (policies/metadata.ts turns these rows into each policy's `framework` and `tags`). A row maps a check to controls
// only where the control asks for what the check verifies; a check the frameworks do not cover (the multi-tenant
// sandbox rule, cloud instance metadata) has no row. Data only: this folder imports nothing of the project outside
// data/. test/policies/compliance-metadata.test.ts pins every mapping.

/** A framework as its publisher names and versions it, with where its numbering was read. */
export interface Framework {
    name: string;
    version: string;
    /** Where the framework is published. */
    specification: string;
    /** Where the control numbers and titles below were taken from. */
    source: string;
}

/**
 * The Pod Security Standards. Its version is the PSS version the pack implements (engine/pssVersion.ts, derived from
 * data/pss.ts), so it is not written here.
 */
export const POD_SECURITY_STANDARDS = {
    name: "Pod Security Standards",
    specification: "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    source: "the control names of the Baseline and Restricted tables at the specification's address",
} as const;

export const CIS_KUBERNETES: Framework = {
    name: "CIS Kubernetes Benchmark",
    version: "1.9.0",
    specification: "https://www.cisecurity.org/benchmark/kubernetes",
    source: "section 5 as numbered in aquasecurity/kube-bench cfg/cis-1.9/policies.yaml (5.2 Pod Security Standards, 5.7 General Policies)",
};

export const CIS_DOCKER: Framework = {
    name: "CIS Docker Benchmark",
    version: "1.6.0",
    specification: "https://www.cisecurity.org/benchmark/docker",
    source: "section 5 (Container Runtime Configuration) as numbered by docker/docker-bench-security tests/5_container_runtime.sh and turbot/steampipe-mod-docker-compliance cis_v160/section_5.sp",
};

export type PssLevel = "baseline" | "restricted";

export interface CheckControls {
    /** The PSS level and control (as the specification's tables name it) the check implements. */
    pss?: { level: PssLevel; control: string };
    /** CIS Kubernetes Benchmark recommendation numbers. */
    cisKubernetes?: readonly string[];
    /** CIS Docker Benchmark recommendation numbers. */
    cisDocker?: readonly string[];
}

/** Check ID → the controls it enforces. */
export const CHECK_CONTROLS: Readonly<Record<string, CheckControls>> = {
    // 5.2.2 Minimize the admission of privileged containers; Docker 5.5 Ensure that privileged containers are not used.
    privileged: {
        pss: { level: "baseline", control: "Privileged Containers" },
        cisKubernetes: ["5.2.2"],
        cisDocker: ["5.5"],
    },
    // 5.2.11 Minimize the admission of Windows HostProcess containers.
    windowsHostProcess: { pss: { level: "baseline", control: "HostProcess" }, cisKubernetes: ["5.2.11"] },
    // 5.2.6 … with allowPrivilegeEscalation; Docker 5.26 … restricted from acquiring additional privileges.
    allowPrivilegeEscalation: {
        pss: { level: "restricted", control: "Privilege Escalation" },
        cisKubernetes: ["5.2.6"],
        cisDocker: ["5.26"],
    },
    // 5.2.8 NET_RAW, 5.2.9 added capabilities, 5.2.10 capabilities assigned; Docker 5.4 capabilities restricted.
    capabilities_restricted: {
        pss: { level: "restricted", control: "Capabilities" },
        cisKubernetes: ["5.2.8", "5.2.9", "5.2.10"],
        cisDocker: ["5.4"],
    },
    capabilities_baseline: {
        pss: { level: "baseline", control: "Capabilities" },
        cisKubernetes: ["5.2.9"],
        cisDocker: ["5.4"],
    },
    // 5.2.12 Minimize the admission of HostPath volumes; Docker 5.6 sensitive host system directories not mounted,
    // 5.32 the Docker socket not mounted inside any containers. Not a PSS control: PSS forbids every hostPath
    // (hostPathVolumes below), this check the sensitive ones.
    sensitiveHostPath: { cisKubernetes: ["5.2.12"], cisDocker: ["5.6", "5.32"] },
    // Docker 5.18 Ensure that host devices are not directly exposed to containers.
    hostDevices: { cisDocker: ["5.18"] },
    // Docker 5.20 Ensure mount propagation mode is not set to shared.
    mountPropagation: { cisDocker: ["5.20"] },
    restrictedVolumes: { pss: { level: "restricted", control: "Volume Types" } },
    hostPathVolumes: { pss: { level: "baseline", control: "HostPath Volumes" }, cisKubernetes: ["5.2.12"] },
    // 5.2.3 hostPID, 5.2.4 hostIPC, 5.2.5 hostNetwork; Docker 5.10 network, 5.16 PID, 5.17 IPC, 5.21 UTS, 5.31 user.
    hostNamespaces: {
        pss: { level: "baseline", control: "Host Namespaces" },
        cisKubernetes: ["5.2.3", "5.2.4", "5.2.5"],
        cisDocker: ["5.10", "5.16", "5.17", "5.21", "5.31"],
    },
    // 5.2.13 Minimize the admission of containers which use HostPorts.
    hostPorts: { pss: { level: "baseline", control: "Host Ports" }, cisKubernetes: ["5.2.13"] },
    hostProbesAndHostLifecycle: { pss: { level: "baseline", control: "Host Probes / Lifecycle Hooks" } },
    // 5.7.2 Ensure that the seccomp profile is set to docker/default (RuntimeDefault); Docker 5.22 the default seccomp
    // profile is not disabled.
    seccompProfile_restricted: {
        pss: { level: "restricted", control: "Seccomp" },
        cisKubernetes: ["5.7.2"],
        cisDocker: ["5.22"],
    },
    seccompProfile_baseline: { pss: { level: "baseline", control: "Seccomp" }, cisDocker: ["5.22"] },
    // Docker 5.2 Ensure that, if applicable, an AppArmor Profile is enabled.
    appArmorProfile: { pss: { level: "baseline", control: "AppArmor" }, cisDocker: ["5.2"] },
    // Docker 5.3 Ensure that, if applicable, SELinux security options are set.
    seLinuxOptions: { pss: { level: "baseline", control: "SELinux" }, cisDocker: ["5.3"] },
    procMount: { pss: { level: "baseline", control: "/proc Mount Type" } },
    procMount_restricted: { pss: { level: "restricted", control: "/proc Mount Type" } },
    sysctls: { pss: { level: "baseline", control: "Sysctls" } },
    // 5.2.7 Minimize the admission of root containers.
    runAsNonRoot: { pss: { level: "restricted", control: "Running as Non-root" }, cisKubernetes: ["5.2.7"] },
    runAsUser: { pss: { level: "restricted", control: "Running as Non-root user" }, cisKubernetes: ["5.2.7"] },
};
