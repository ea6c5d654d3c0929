import { AllowedHostPath, PolicyDefinition } from "../engine/types";
import { DEFAULT_CHECK_OPTIONS } from "../engine/defaults";
import { isPlainObject } from "../model/read";
import { hostDevices } from "../checks/hostDevices";
import { hostPathVolumes } from "../checks/hostPathVolumes";
import { mountPropagation } from "../checks/mountPropagation";
import { restrictedVolumes } from "../checks/restrictedVolumes";
import { sensitiveHostPath } from "../checks/sensitiveHostPath";

export const noSensitiveHostMounts: PolicyDefinition = {
    name: "no-sensitive-host-mounts",
    displayName: "No sensitive host mounts",
    description:
        "Workloads must not mount sensitive host paths or runtime sockets, pass host devices through, or propagate mounts to the host.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Replace hostPath volumes and bind mounts of system paths or runtime sockets with the platform's own storage " +
        "(Kubernetes: volumes, ConfigMaps, Secrets or emptyDir; Docker: named volumes or tmpfs; ECS and Batch: EFS " +
        "volumes, secrets through the container definition; KubeVirt: PVCs, DataVolumes or containerDisks); remove " +
        "host devices; use mount propagation None/HostToContainer (Docker: private). If a host " +
        "path is truly needed, allow its exact prefix in allowedHostPaths, read-only where possible.",
    checks: [sensitiveHostPath, hostDevices, mountPropagation, restrictedVolumes, hostPathVolumes],
    defaultChecks: ["sensitiveHostPath", "hostDevices", "mountPropagation"],
    // A container that mounts by name a Docker volume binding a host path is judged once the stack is known.
    stackAware: true,
    config: {
        vmDevicePassthrough: {
            type: "string",
            enum: ["advisory", "mandatory"],
            default: DEFAULT_CHECK_OPTIONS.vmDevicePassthrough,
            description:
                'KubeVirt PCI host device and GPU passthrough (hostDevices): "advisory" notes it, "mandatory" rejects it.',
        },
        sensitiveHostPaths: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: `Extra host paths to treat as sensitive, besides the built-in list (${DEFAULT_CHECK_OPTIONS.sensitiveHostPaths.join(", ")}), any .ssh directory, and runtime sockets by name or by path (LXD, Incus, Windows named pipes). Windows paths compare case-insensitively and every drive root is as sensitive as /. Each entry's source is in data/hostPaths.ts.`,
        },
        harmlessReadOnlyFiles: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: `Extra host files sensitiveHostPath accepts when every mount of them is read-only, besides the built-in list (${DEFAULT_CHECK_OPTIONS.harmlessReadOnlyFiles.join(", ")}). Exact paths after normalization; a trailing /** also accepts everything beneath. Runtime sockets never pass.`,
        },
        defaultHarmlessReadOnlyFiles: {
            type: "boolean",
            default: true,
            description:
                "Whether the built-in list of harmless read-only host files applies; false judges a read-only /etc/localtime like any other file under /etc.",
        },
        allowedHostPaths: {
            type: "array",
            default: DEFAULT_CHECK_OPTIONS.allowedHostPaths,
            description:
                "Host path prefixes exempt from sensitiveHostPath (segment-wise); readOnly: true allows them only when every mount is read-only. Runtime sockets are never exempt.",
            items: {
                type: "object",
                properties: {
                    pathPrefix: { type: "string", description: "Absolute host path prefix." },
                    readOnly: {
                        type: "boolean",
                        description: "Allow only read-only mounts of this prefix.",
                        default: false,
                    },
                },
                required: ["pathPrefix"],
                additionalProperties: false,
            },
        },
    },
    options: (c) => {
        const extra = Array.isArray(c.sensitiveHostPaths)
            ? c.sensitiveHostPaths.filter((p): p is string => typeof p === "string")
            : [];
        const allowed: AllowedHostPath[] = Array.isArray(c.allowedHostPaths)
            ? c.allowedHostPaths
                  .filter(isPlainObject)
                  .filter((a) => typeof a.pathPrefix === "string")
                  .map((a) => ({ pathPrefix: a.pathPrefix as string, readOnly: a.readOnly === true }))
            : [];
        const harmless = Array.isArray(c.harmlessReadOnlyFiles)
            ? c.harmlessReadOnlyFiles.filter((p): p is string => typeof p === "string")
            : [];
        return {
            sensitiveHostPaths: [...DEFAULT_CHECK_OPTIONS.sensitiveHostPaths, ...extra],
            harmlessReadOnlyFiles: [
                ...(c.defaultHarmlessReadOnlyFiles === false ? [] : DEFAULT_CHECK_OPTIONS.harmlessReadOnlyFiles),
                ...harmless,
            ],
            allowedHostPaths: allowed,
            vmDevicePassthrough:
                c.vmDevicePassthrough === "mandatory" ? "mandatory" : DEFAULT_CHECK_OPTIONS.vmDevicePassthrough,
        };
    },
};
