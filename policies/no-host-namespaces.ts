import { PolicyDefinition } from "../engine/evaluate";
import { hostNamespaces } from "../checks/hostNamespaces";
import { hostPorts } from "../checks/hostPorts";

export const noHostNamespaces: PolicyDefinition = {
    name: "no-host-namespaces",
    description: "Workloads must not share the host's namespaces or bind host ports.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Remove hostNetwork, hostPID and hostIPC (Docker: pidMode, ipcMode, networkMode, usernsMode, cgroupnsMode " +
        "\"host\"); expose ports through a Service or published ports instead of hostPort.",
    checks: [hostNamespaces, hostPorts],
    defaultChecks: ["hostNamespaces", "hostPorts"],
    config: {},
    options: () => ({}),
};
