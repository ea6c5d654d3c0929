import { PolicyDefinition } from "../engine/types";
import { runAsNonRoot } from "../checks/runAsNonRoot";
import { runAsUser } from "../checks/runAsUser";

export const runAsNonRootPolicy: PolicyDefinition = {
    name: "run-as-non-root",
    displayName: "Run as non-root",
    description: "Containers should run as a non-root user (PSS restricted runAsNonRoot and runAsUser).",
    // Advisory by default: many images still need root; the PSS restricted preset makes it mandatory.
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Set securityContext.runAsNonRoot: true on the pod (or every container) and a non-zero runAsUser, using an image " +
        'built to run as a non-root user; Docker: set user to a non-root UID such as "1000:1000". Pods with ' +
        "hostUsers: false (a user namespace) are exempt from PSS v1.35.",
    checks: [runAsNonRoot, runAsUser],
    defaultChecks: ["runAsNonRoot", "runAsUser"],
    config: {},
    options: () => ({}),
};
