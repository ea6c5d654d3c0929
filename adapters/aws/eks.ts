// The pulumi-eks components that build EKS nodes (`eks:index:Cluster`, `NodeGroup`, `NodeGroupV2`,
// `ManagedNodeGroup`): remote components, so under Pulumi's mocks and in a program's first pass only the component
// reaches the pack, with the inputs the program wrote. What their nodes hand to containers is decided by those inputs
// and by what pulumi-eks writes for them (data/pulumiEksDefaults.ts cites its source), so each maps to one container
// host judged on that. In a real preview the engine also sends the children pulumi-eks builds (launch templates,
// launch configurations, `aws:eks/nodeGroup:NodeGroup`): the stack pass then judges those and drops the component's
// host (aws/stack.ts), so a fault is reported once. Field names: pulumi-eks's schema.json.
import { Workload } from "../../model/workload";
import { JsonObject, Reader, isUnknown, own, unwrapSecret } from "../../model/read";
import { EKS_NODE_GROUP_METADATA } from "../../data/platformDefaults";
import {
    PULUMI_EKS_ENABLE_IMDSV2,
    PULUMI_EKS_MANAGED_TEMPLATE_ARGS,
    PULUMI_EKS_MANAGED_TEMPLATE_METADATA,
    PULUMI_EKS_SELF_MANAGED_METADATA,
} from "../../data/pulumiEksDefaults";
import {
    EKS_CLUSTER_COMPONENT,
    EKS_MANAGED_NODE_GROUP_COMPONENT,
    EKS_NODE_GROUP_COMPONENT,
    EKS_NODE_GROUP_V2_COMPONENT,
} from "./types";
import { awsWorkload } from "./workload";
import { readMetadataOptions } from "./ec2";

/** Written: neither absent nor null (pulumi-eks tests `!== undefined`; the wire drops what a program leaves undefined). */
function written(props: unknown, key: string): boolean {
    const v = own(props, key);
    return v !== undefined && v !== null;
}

/** A node host of a component: a VM that runs the cluster's pods. The stack pass decides whether it is judged. */
function nodeHost(type: string, kind: string, name: string, tags: Record<string, string>, r: Reader): Workload {
    const w = awsWorkload(type, kind, name, "vm", tags, r);
    w.containerHost = true;
    // Judged in the stack pass, which drops it when the children pulumi-eks builds are in the stack (aws/stack.ts).
    w.stackDecides = ["instanceMetadata"];
    return w;
}

/**
 * Self-managed nodes (NodeGroup, NodeGroupV2, a Cluster's default node group): the metadata options pulumi-eks
 * passes to the launch template, where a `metadataOptions` input reaches it (`path`; NodeGroupV2 and a Cluster's
 * nodeGroupOptions, though no schema declares it), else the AMI's defaults as pulumi-eks leaves them.
 */
function selfManaged(w: Workload, r: Reader, holder: unknown, path: string | undefined, field: string): void {
    w.hostMetadata =
        path !== undefined && written(holder, "metadataOptions")
            ? readMetadataOptions(r, holder, path)
            : {
                  path: field,
                  platformDefault: { field, behaviour: PULUMI_EKS_SELF_MANAGED_METADATA.behaviour },
              };
}

/**
 * A Cluster makes a default node group (createNodeGroupV2 over `nodeGroupOptions`) unless `skipDefaultNodeGroup`,
 * `fargate` or `autoMode.enabled` says otherwise: none of them set, one host; one of them unknown, a host whose
 * verdict waits for it.
 */
function clusterWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    const r = new Reader();
    const at = (path: string) => ({ path, field: "instanceMetadata" as const });
    const skip = r.bool(props, "skipDefaultNodeGroup", at("skipDefaultNodeGroup"));
    // `fargate` is `true` or a profile object; either makes the cluster Fargate-only.
    const fargate = unwrapSecret(own(props, "fargate"));
    if (isUnknown(fargate)) r.unknown(at("fargate"));
    const autoMode = r.obj(props, "autoMode", at("autoMode"));
    const auto = r.bool(autoMode, "enabled", at("autoMode.enabled"));
    if (skip === true || (fargate !== undefined && fargate !== null && fargate !== false && !isUnknown(fargate)))
        return [];
    if (auto === true) return [];
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const name = r.str(props, "name", { path: "name", field: "other" }) ?? resourceName;
    const w = nodeHost(type, "Cluster", name, tags, r);
    const options = r.obj(props, "nodeGroupOptions", at("nodeGroupOptions"));
    selfManaged(w, r, options, "nodeGroupOptions.metadataOptions", "nodeGroupOptions.metadataOptions");
    return [w];
}

/**
 * A ManagedNodeGroup with a `launchTemplate` runs on that template, judged where it is declared (aws/stack.ts links
 * it): nothing here. Without one, pulumi-eks builds its own template when any of PULUMI_EKS_MANAGED_TEMPLATE_ARGS is
 * written, with the metadata options `enableIMDSv2` decides; else the group runs on EKS's default template.
 */
function managedNodeGroupWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    if (written(props, "launchTemplate")) return [];
    const r = new Reader();
    const tags = r.strMap(props, "tags", { path: "tags", field: "labels" });
    const name = r.str(props, "nodeGroupName", { path: "nodeGroupName", field: "other" }) ?? resourceName;
    const w = nodeHost(type, "ManagedNodeGroup", name, tags, r);
    const field = PULUMI_EKS_ENABLE_IMDSV2.field;
    if (!PULUMI_EKS_MANAGED_TEMPLATE_ARGS.some((k) => written(props, k))) {
        const { field: f, behaviour } = EKS_NODE_GROUP_METADATA;
        w.hostMetadata = { path: f, platformDefault: { field: f, behaviour } };
    } else if (!written(props, field)) {
        const { behaviour } = PULUMI_EKS_MANAGED_TEMPLATE_METADATA;
        w.hostMetadata = { path: field, platformDefault: { field, behaviour } };
    } else {
        const imdsv2 = r.bool(props, field, { path: field, field: "instanceMetadata" });
        w.hostMetadata = {
            path: field,
            httpTokens: imdsv2 === undefined ? undefined : imdsv2 ? "required" : "optional",
            httpPutResponseHopLimit: PULUMI_EKS_ENABLE_IMDSV2.httpPutResponseHopLimit,
            httpEndpoint: PULUMI_EKS_ENABLE_IMDSV2.httpEndpoint,
            decidedBy: { field, value: imdsv2 === true, fix: PULUMI_EKS_ENABLE_IMDSV2.fix },
        };
    }
    return [w];
}

/** The node hosts a pulumi-eks component builds, judged on its inputs; [] for a type that builds none. */
export function eksComponentWorkloads(type: string, resourceName: string, props: JsonObject): Workload[] {
    switch (type) {
        case EKS_CLUSTER_COMPONENT:
            return clusterWorkloads(type, resourceName, props);
        case EKS_MANAGED_NODE_GROUP_COMPONENT:
            return managedNodeGroupWorkloads(type, resourceName, props);
        case EKS_NODE_GROUP_COMPONENT:
        case EKS_NODE_GROUP_V2_COMPONENT: {
            const r = new Reader();
            const kind = type === EKS_NODE_GROUP_COMPONENT ? "NodeGroup" : "NodeGroupV2";
            const w = nodeHost(type, kind, resourceName, {}, r);
            // NodeGroup's launch configuration never takes metadata options; NodeGroupV2's template takes them.
            selfManaged(w, r, props, kind === "NodeGroupV2" ? "metadataOptions" : undefined, "metadataOptions");
            return [w];
        }
        default:
            return [];
    }
}
