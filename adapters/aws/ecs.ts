// ECS task definitions and services. Fargate runs each task in its own microVM (`vm`); EC2, the default, shares the
// instance's kernel between tasks (`container`).
import { Workload } from "../../model/workload";
import { JsonObject, Reader } from "../../model/read";
import { awsWorkload, jsonDocument } from "./workload";
import { speak } from "./dialect";
import { readContainerList, settleVolumeReadOnly } from "./containerDefinition";
import { readPlacementConstraints, readTaskSettings } from "./taskSettings";

const FARGATE_PROVIDERS = new Set(["FARGATE", "FARGATE_SPOT"]);

export function taskDefinitionWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "family", { path: "family", field: "other" }) ?? resourceName;
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const read = r.issues.length;
    const compat = r.strList(props, "requiresCompatibilities", { path: "requiresCompatibilities", field: "runtime" });
    // An entry unknown at preview or of the wrong shape may be EC2: only a list read whole proves Fargate.
    const fargateOnly =
        compat !== undefined &&
        r.issues.length === read &&
        compat.length > 0 &&
        compat.every((c) => c.trim() === "FARGATE");
    const w = awsWorkload(type, "TaskDefinition", name, fargateOnly ? "vm" : "container", tags, r);
    speak(w, "ecs");
    if (compat !== undefined) w.runtime = { value: compat.join(","), path: "requiresCompatibilities" };
    readTaskSettings(r, props, "", w);
    readContainerList(
        r,
        jsonDocument(r, props, "containerDefinitions", "containerDefinitions"),
        "containerDefinitions",
        w,
    );
    settleVolumeReadOnly(w);
    return w;
}

export function serviceWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const read = r.issues.length;
    const launchType = r.str(props, "launchType", { path: "launchType", field: "runtime" });
    const providers: string[] = [];
    (
        r.list(props, "capacityProviderStrategies", { path: "capacityProviderStrategies", field: "runtime" }) ?? []
    ).forEach((s, i) => {
        const cp = r.str(s, "capacityProvider", {
            path: `capacityProviderStrategies[${i}].capacityProvider`,
            field: "runtime",
        });
        if (cp !== undefined) providers.push(cp);
    });
    // A launch type or capacity provider unknown at preview or of the wrong shape may be EC2: it proves no Fargate.
    const fargate =
        r.issues.length === read &&
        (launchType !== undefined
            ? FARGATE_PROVIDERS.has(launchType.trim())
            : providers.length > 0 && providers.every((p) => FARGATE_PROVIDERS.has(p.trim())));
    const w = awsWorkload(type, "Service", name, fargate ? "vm" : "container", tags, r);
    speak(w, "ecs");
    if (launchType !== undefined) w.runtime = { value: launchType, path: "launchType" };
    else if (providers.length)
        w.runtime = { value: providers.join(","), path: "capacityProviderStrategies[0].capacityProvider" };
    readPlacementConstraints(r, props, "placementConstraints", "placementConstraints", w);
    return w;
}
