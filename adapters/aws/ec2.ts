// EC2 instances and launch templates: VMs, and container hosts when their tags or user data say ECS or EKS runs on
// them; their instance metadata options are what a container on such a host can reach.
import { Workload } from "../../model/workload";
import { JsonObject, Reader } from "../../model/read";
import { EC2_LAUNCH_TEMPLATE } from "./types";
import { awsWorkload } from "./workload";

/** Tag keys EKS and ECS put on (or require of) the instances they run containers on. */
const CONTAINER_HOST_TAG = /^(kubernetes\.io\/cluster\/.+|eks:cluster-name|eks:nodegroup-name|AmazonECSManaged)$/;
/** User-data markers of the ECS agent and the EKS node bootstraps. */
const CONTAINER_HOST_USER_DATA = /ECS_CLUSTER=|\/etc\/ecs\/ecs\.config|\/etc\/eks\/bootstrap\.sh|node\.eks\.aws/;

function userDataMarksContainerHost(text: string | undefined): boolean {
    if (!text) return false;
    if (CONTAINER_HOST_USER_DATA.test(text)) return true;
    // Launch templates take user data base64-encoded.
    return (
        /^[A-Za-z0-9+/=\s]+$/.test(text) && CONTAINER_HOST_USER_DATA.test(Buffer.from(text, "base64").toString("utf8"))
    );
}

/** An EC2 instance or launch template: a VM; a container host when its tags or user data say so. */
export function machineWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const template = type === EC2_LAUNCH_TEMPLATE;
    const name =
        (template ? r.str(props, "name", { path: "name", field: "other" }) : undefined) ?? tags["Name"] ?? resourceName;
    const w = awsWorkload(type, template ? "LaunchTemplate" : "Instance", name, "vm", tags, r);
    if (template) {
        // The tags a launch template gives its instances are the instances' tenancy.
        const instanceTags: Record<string, string> = Object.create(null);
        (r.list(props, "tagSpecifications", { path: "tagSpecifications", field: "labels" }) ?? []).forEach((s, i) => {
            const sp = `tagSpecifications[${i}]`;
            const kind = r.str(s, "resourceType", { path: `${sp}.resourceType`, field: "labels" });
            if (kind !== undefined && kind !== "instance") return;
            Object.assign(instanceTags, r.strMap(s, "tags", { path: `${sp}.tags`, field: "labels" }));
        });
        if (Object.keys(instanceTags).length) w.podLabels = instanceTags;
    }
    const mp = "metadataOptions";
    const md = r.obj(props, "metadataOptions", { path: mp, field: "instanceMetadata" });
    w.hostMetadata = {
        path: mp,
        httpTokens: r.str(md, "httpTokens", { path: `${mp}.httpTokens`, field: "instanceMetadata" }),
        httpPutResponseHopLimit: r.num(md, "httpPutResponseHopLimit", {
            path: `${mp}.httpPutResponseHopLimit`,
            field: "instanceMetadata",
        }),
        httpEndpoint: r.str(md, "httpEndpoint", { path: `${mp}.httpEndpoint`, field: "instanceMetadata" }),
    };
    const tagged = [...Object.keys(tags), ...Object.keys(w.podLabels)].some((k) => CONTAINER_HOST_TAG.test(k));
    const userData = r.str(props, "userData", { path: "userData", field: "other" });
    const userDataBase64 = r.str(props, "userDataBase64", { path: "userDataBase64", field: "other" });
    w.containerHost = tagged || userDataMarksContainerHost(userData) || userDataMarksContainerHost(userDataBase64);
    return w;
}
