import { PolicyDefinition } from "../engine/types";
import { hostNamespaces } from "../checks/hostNamespaces";
import { hostPorts } from "../checks/hostPorts";
import { hostProbesAndHostLifecycle } from "../checks/hostProbesAndHostLifecycle";

export const noHostNamespaces: PolicyDefinition = {
    name: "no-host-namespaces",
    displayName: "No host namespaces, ports or probes",
    description: "Workloads must not share the host's namespaces or bind host ports.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Remove hostNetwork, hostPID and hostIPC (Docker: pidMode, ipcMode, networkMode, usernsMode, cgroupnsMode " +
        '"host"); expose ports through a Service or published ports instead of hostPort; remove host from probes and ' +
        "lifecycle handlers.",
    checks: [hostNamespaces, hostPorts, hostProbesAndHostLifecycle],
    // hostProbesAndHostLifecycle is PSS baseline (v1.34+): a probe host lets the kubelet reach any address from the node.
    defaultChecks: ["hostNamespaces", "hostPorts", "hostProbesAndHostLifecycle"],
    config: {},
    options: () => ({}),
    // A Docker container that joins another's namespace (`pidMode: container:<name>`) has the host's when that one
    // does: only the stack knows (AnalyzeStack).
    stackAware: true,
};
