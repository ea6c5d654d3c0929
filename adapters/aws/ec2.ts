// EC2 instances, launch templates and launch configurations: VMs, and container hosts when their tags or user data say
// ECS or EKS runs on them; their instance metadata options are what a container on such a host can reach. An EKS
// managed node group without a launch template is a container host whose metadata settings are EKS's own.
import { HostMetadataSettings, Workload } from "../../model/workload";
import { JsonObject, Reader, own } from "../../model/read";
import { EC2_IMDS_HOP_LIMIT, EC2_IMDS_HTTP_TOKENS, EKS_NODE_GROUP_METADATA } from "../../data/platformDefaults";
import { EC2_LAUNCH_CONFIGURATION, EC2_LAUNCH_TEMPLATE } from "./types";
import { awsWorkload } from "./workload";

/** Tag keys EKS and ECS put on (or require of) the instances they run containers on. */
const CONTAINER_HOST_TAG = /^(kubernetes\.io\/cluster\/.+|eks:cluster-name|eks:nodegroup-name|AmazonECSManaged)$/;
/**
 * User-data markers of the ECS agent and the EKS node bootstraps, and Bottlerocket's TOML settings for them: a
 * `[settings.ecs]` or `[settings.kubernetes]` table (or a sub-table, or a dotted `settings.kubernetes.…` key), as
 * https://bottlerocket.dev/en/os/latest/api/settings/ documents them.
 */
const CONTAINER_HOST_USER_DATA =
    /ECS_CLUSTER=|\/etc\/ecs\/ecs\.config|\/etc\/eks\/bootstrap\.sh|node\.eks\.aws|^[ \t]*\[[ \t]*settings\.(?:ecs|kubernetes)[ \t]*[.\]]|^[ \t]*settings\.(?:ecs|kubernetes)\./m;

function userDataMarksContainerHost(text: string | undefined): boolean {
    if (!text) return false;
    if (CONTAINER_HOST_USER_DATA.test(text)) return true;
    // Launch templates take user data base64-encoded.
    return (
        /^[A-Za-z0-9+/=\s]+$/.test(text) && CONTAINER_HOST_USER_DATA.test(Buffer.from(text, "base64").toString("utf8"))
    );
}

const MACHINE_KINDS: ReadonlyMap<string, string> = new Map([
    [EC2_LAUNCH_TEMPLATE, "LaunchTemplate"],
    [EC2_LAUNCH_CONFIGURATION, "LaunchConfiguration"],
]);

/**
 * An EC2 instance, launch template or launch configuration (awsx classic and eks v1 node groups build their hosts
 * from one; it has no tags): a VM; a container host when its tags or user data say so.
 */
export function machineWorkload(type: string, resourceName: string, props: JsonObject): Workload {
    const r = new Reader();
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const template = MACHINE_KINDS.get(type);
    const name =
        (template ? r.str(props, "name", { path: "name", field: "other" }) : undefined) ?? tags["Name"] ?? resourceName;
    const w = awsWorkload(type, template ?? "Instance", name, "vm", tags, r);
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
    w.hostMetadata = readMetadataOptions(r, props, "metadataOptions");
    const tagged = [...Object.keys(tags), ...Object.keys(w.podLabels)].some((k) => CONTAINER_HOST_TAG.test(k));
    const userData = r.str(props, "userData", { path: "userData", field: "other" });
    const userDataBase64 = r.str(props, "userDataBase64", { path: "userDataBase64", field: "other" });
    w.containerHost = tagged || userDataMarksContainerHost(userData) || userDataMarksContainerHost(userDataBase64);
    return w;
}

/**
 * An EC2 `metadataOptions` block (`InstanceMetadataOptions`) at `path` of `props` (`metadataOptions`, or a component's
 * `nodeGroupOptions.metadataOptions`): what is written, and what the AMI does with what is not.
 */
export function readMetadataOptions(r: Reader, props: unknown, path: string): HostMetadataSettings {
    const key = path.slice(path.lastIndexOf(".") + 1);
    const md = r.obj(props, key, { path, field: "instanceMetadata" });
    return {
        path,
        httpTokens: r.str(md, "httpTokens", { path: `${path}.httpTokens`, field: "instanceMetadata" }),
        httpPutResponseHopLimit: r.num(md, "httpPutResponseHopLimit", {
            path: `${path}.httpPutResponseHopLimit`,
            field: "instanceMetadata",
        }),
        httpEndpoint: r.str(md, "httpEndpoint", { path: `${path}.httpEndpoint`, field: "instanceMetadata" }),
        unsetMeans: {
            httpTokens: EC2_IMDS_HTTP_TOKENS.behaviour,
            httpPutResponseHopLimit: EC2_IMDS_HOP_LIMIT.behaviour,
        },
    };
}

/**
 * An EKS managed node group that names no launch template runs on EKS's own, whose metadata settings do not block
 * pods from the node role's credentials (data/platformDefaults.ts): a container host judged on that default. One
 * that names a launch template is judged through it (aws/stack.ts links them), so it maps to nothing here.
 */
export function nodeGroupWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    const launchTemplate = own(props, "launchTemplate");
    if (launchTemplate !== undefined && launchTemplate !== null) return [];
    const r = new Reader();
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const name = r.str(props, "nodeGroupName", { path: "nodeGroupName", field: "other" }) ?? resourceName;
    const w = awsWorkload(type, "NodeGroup", name, "vm", tags, r);
    w.containerHost = true;
    w.hostMetadata = {
        path: EKS_NODE_GROUP_METADATA.field,
        platformDefault: { field: EKS_NODE_GROUP_METADATA.field, behaviour: EKS_NODE_GROUP_METADATA.behaviour },
    };
    return [w];
}
