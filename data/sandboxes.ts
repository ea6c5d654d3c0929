// Which runtimes are sandboxes, as data: every default RuntimeClass name, CRI handler and Docker runtime the pack
// trusts comes from a row naming the platform or project that documents it. Names are matched exactly (a name that
// merely resembles one, `gvisor-disabled` or `kata-off`, is not a sandbox); when the stack declares the RuntimeClass a
// workload names, its handler decides (checks/sandboxRuntimeClass.ts). Users add their own names through config.
// Data only: this folder imports nothing of the project outside data/; engine/sandboxes.ts reads these tables.

export interface SandboxSource {
    /** Who documents these names, precisely enough to look them up again. */
    source: string;
    /** Kubernetes RuntimeClass names (`runtimeClassName`). */
    runtimeClasses: readonly string[];
    /** CRI handlers those classes (or this platform's classes) name. */
    handlers: readonly string[];
    /** Docker `--runtime` names (daemon runtimes and containerd shim runtime types). */
    dockerRuntimes: readonly string[];
}

/** The shims Kata Containers' kata-deploy installs; each gets RuntimeClass and handler `kata-<shim>`. */
const KATA_DEPLOY_SHIMS = [
    "qemu",
    "clh",
    "fc",
    "dragonball",
    "cloud-hypervisor",
    "firecracker",
    "stratovirt",
    "remote",
    "qemu-runtime-rs",
    "qemu-coco-dev",
    "qemu-coco-dev-runtime-rs",
    "qemu-runtime-rs-coco-dev",
    "qemu-snp",
    "qemu-sev",
    "qemu-tdx",
    "qemu-se",
    "qemu-se-runtime-rs",
    "qemu-cca",
    "clh-tdx",
    "qemu-nvidia-gpu",
    "qemu-nvidia-gpu-snp",
    "qemu-nvidia-gpu-tdx",
    "qemu-nvidia-gpu-nvcf",
] as const;

export const SANDBOX_SOURCES: readonly SandboxSource[] = [
    {
        source: "gVisor documentation, Kubernetes and Docker quick starts (RuntimeClass gvisor, handler and runtime runsc, containerd shim io.containerd.runsc.v1)",
        runtimeClasses: ["gvisor"],
        handlers: ["runsc"],
        dockerRuntimes: ["runsc", "io.containerd.runsc.v1"],
    },
    {
        source: "Google Kubernetes Engine, GKE Sandbox (RuntimeClass gvisor created on sandbox node pools, handler gvisor)",
        runtimeClasses: ["gvisor"],
        handlers: ["gvisor"],
        dockerRuntimes: [],
    },
    {
        source: "Microsoft Azure Kubernetes Service, Pod Sandboxing (RuntimeClass kata-vm-isolation; kata-mshv-vm-isolation in the preview-era docs) and Confidential Containers (kata-cc-isolation); handler kata",
        runtimeClasses: ["kata-vm-isolation", "kata-mshv-vm-isolation", "kata-cc-isolation"],
        handlers: ["kata"],
        dockerRuntimes: [],
    },
    {
        source: "Kata Containers, Docker and containerd how-tos (runtime kata-runtime, shim io.containerd.kata.v2)",
        runtimeClasses: [],
        handlers: [],
        dockerRuntimes: ["kata-runtime", "io.containerd.kata.v2"],
    },
    {
        source: "Kata Containers, kata-deploy Helm chart and tools/packaging/kata-deploy/runtimeclasses (RuntimeClass and handler kata-<shim> per shim; the chart's default class kata)",
        runtimeClasses: ["kata", ...KATA_DEPLOY_SHIMS.map((s) => `kata-${s}`)],
        handlers: KATA_DEPLOY_SHIMS.map((s) => `kata-${s}`),
        dockerRuntimes: KATA_DEPLOY_SHIMS.map((s) => `io.containerd.kata-${s}.v2`),
    },
];

/**
 * OCI runtimes that run containers on the host's kernel (sources: runc, crun, youki and Sysbox project docs; NVIDIA
 * Container Toolkit, whose runtime wraps runc; containerd's runc shim names, containerd docs/runtime-v2.md). However a class or runtime is named or configured (a user's
 * glob `*`, a RuntimeClass called `kata` whose handler is one of these), they never count as a sandbox.
 */
export const HOST_KERNEL_RUNTIMES: ReadonlySet<string> = new Set([
    "runc",
    "crun",
    "youki",
    "sysbox-runc",
    "nvidia",
    "nvidia-container-runtime",
    "io.containerd.runc.v1",
    "io.containerd.runc.v2",
    "io.containerd.runtime.v1.linux",
]);

function unique(values: Iterable<string>): string[] {
    return [...new Set(values)];
}

export const DEFAULT_SANDBOX_RUNTIME_CLASSES: string[] = unique(SANDBOX_SOURCES.flatMap((s) => s.runtimeClasses));
export const DEFAULT_SANDBOX_RUNTIMES: string[] = unique(SANDBOX_SOURCES.flatMap((s) => s.dockerRuntimes));
/** Exact names by default; config may add globs (`*` any run of characters, `?` one character). */
export const DEFAULT_SANDBOX_HANDLERS: string[] = unique(SANDBOX_SOURCES.flatMap((s) => s.handlers));
