// Linux capability tables. Data only: this folder imports nothing of the project (the bottom layer, below model/).
// Names as the kernel knows them, without the CAP_ prefix; engine/capabilities.ts normalizes what users write.

/**
 * Capabilities Docker and containerd grant by default (Docker keeps these 14 unless dropped).
 * Source: moby/moby `oci/caps/defaults.go` (DefaultCapabilities) and containerd `pkg/oci/spec.go`
 * (defaultUnixCaps): https://github.com/moby/moby/blob/master/oci/caps/defaults.go
 */
export const RUNTIME_DEFAULT_CAPABILITIES: readonly string[] = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "NET_RAW",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/**
 * PSS baseline: the only capabilities a container may add (the runtime defaults less NET_RAW).
 * Source: https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Baseline, "Capabilities") and
 * kubernetes/pod-security-admission `policy/check_capabilities_baseline.go` (capabilities_allowed_1_0).
 */
export const BASELINE_ALLOWED_CAPABILITIES: readonly string[] = RUNTIME_DEFAULT_CAPABILITIES.filter(
    (c) => c !== "NET_RAW",
);

/**
 * PSS restricted: the one capability a container may add back after dropping ALL; the default of the
 * drop-capabilities policy's `allowedCapabilities`.
 * Source: kubernetes/pod-security-admission `policy/check_capabilities_restricted.go` (capabilities_restricted_1_22).
 */
export const RESTRICTED_ALLOWED_CAPABILITIES: readonly string[] = ["NET_BIND_SERVICE"];
