import { PolicyDefinition } from "../engine/types";
import { DEFAULT_CHECK_OPTIONS } from "../engine/defaults";
import { capabilities_baseline } from "../checks/capabilities_baseline";
import { capabilities_restricted } from "../checks/capabilities_restricted";

function stringList(v: unknown): string[] | undefined {
    return Array.isArray(v) && v.every((e) => typeof e === "string") ? v : undefined;
}

export const dropCapabilities: PolicyDefinition = {
    name: "drop-capabilities",
    displayName: "Drop capabilities",
    description: "Containers must drop ALL Linux capabilities and add back only an allowed few.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Set securityContext.capabilities.drop to ["ALL"] (Docker: capabilities.drops ["ALL"]) and add back only ' +
        "what the workload needs from allowedCapabilities, e.g. NET_BIND_SERVICE to bind ports below 1024.",
    checks: [capabilities_restricted, capabilities_baseline],
    defaultChecks: ["capabilities_restricted"],
    config: {
        allowedCapabilities: {
            type: "array",
            items: { type: "string" },
            default: DEFAULT_CHECK_OPTIONS.allowedCapabilities,
            description:
                "Capabilities a container may add under capabilities_restricted (case-insensitive, CAP_ prefix optional).",
        },
    },
    options: (c) => {
        const allowed = stringList(c.allowedCapabilities);
        return allowed ? { allowedCapabilities: allowed } : {};
    },
};
