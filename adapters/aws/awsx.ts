// The @pulumi/awsx ECS components (FargateService, EC2Service, FargateTaskDefinition, EC2TaskDefinition), whose task
// definition arguments hold container settings as objects rather than JSON.
import { Workload } from "../../model/workload";
import { JsonObject, Reader } from "../../model/read";
import { AWSX_EC2_SERVICE, AWSX_FARGATE_SERVICE, AWSX_FARGATE_TASK_DEFINITION } from "./types";
import { awsWorkload } from "./workload";
import { speak } from "./dialect";
import { readContainerDefinition, settleVolumeReadOnly } from "./containerDefinition";
import { readPlacementConstraints, readTaskSettings } from "./taskSettings";
import { viewAsGo } from "./goJson";

/** awsx ECS components: container settings as objects (`container`, or `containers` keyed by name), not JSON. */
export function awsxWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const isService = type === AWSX_FARGATE_SERVICE || type === AWSX_EC2_SERVICE;
    const fargate = type === AWSX_FARGATE_SERVICE || type === AWSX_FARGATE_TASK_DEFINITION;
    const prefix = isService ? "taskDefinitionArgs" : "";
    const args = isService ? r.obj(props, "taskDefinitionArgs", { path: prefix, field: "all" }) : props;
    const tags = { ...r.strMap(props, "tags", { path: "tags", field: "labels" }) };
    const kind = type.slice("awsx:ecs:".length);
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const w = awsWorkload(type, kind, name, fargate ? "vm" : "container", tags, r);
    speak(w, "ecs");
    if (isService) {
        w.podLabels = r.strMap(args, "tags", { path: `${prefix}.tags`, field: "labels" });
        readPlacementConstraints(r, props, "placementConstraints", "placementConstraints", w);
    }
    const p = (k: string) => (prefix ? `${prefix}.${k}` : k);
    if (args) {
        readTaskSettings(r, args, prefix, w);
        // awsx writes its containers into the task definition's containerDefinitions JSON, which the provider
        // decodes as Go does: read them so (./goJson.ts).
        const single = r.obj(args, "container", { path: p("container"), field: "all" });
        if (single) readContainerDefinition(r, viewAsGo(single), p("container"), "container", w);
        const many = r.obj(args, "containers", { path: p("containers"), field: "all" });
        for (const key of Object.keys(many ?? {})) {
            const c = r.obj(many, key, { path: p(`containers.${key}`), field: "all" });
            // awsx names each container by its key, whatever `name` the object carries.
            if (c)
                readContainerDefinition(
                    r,
                    { ...(viewAsGo(c) as JsonObject), name: key },
                    p(`containers.${key}`),
                    key,
                    w,
                );
        }
    }
    settleVolumeReadOnly(w);
    return w;
}
