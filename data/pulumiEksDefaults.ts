// What pulumi-eks (the `eks:index:*` components, https://github.com/pulumi/pulumi-eks) writes onto the EKS nodes it
// builds, as data: the metadata options of the launch templates and configurations it creates for each component's
// inputs. Read from its source at commit 7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd (2026-08-12); each row cites the
// file and lines. The adapters judge a component's nodes on these until the nodes themselves reach the pack
// (adapters/aws/eks.ts). Data only: imports nothing of the project outside data/.
import { PlatformDefault } from "./platformDefaults";

/**
 * pulumi-eks (the `eks:index:*` components) builds its self-managed nodes' launch configuration (`NodeGroup`) and
 * launch template (`NodeGroupV2`, and the default node group a `Cluster` makes with `createNodeGroupV2`) without
 * metadata options unless a `metadataOptions` input reaches it, which none of the three components' schemas declares:
 * the AMI's registered defaults then apply. Read at pulumi/pulumi-eks 7bf0c1b1 (2026-08-12).
 */
export const PULUMI_EKS_SELF_MANAGED_METADATA: PlatformDefault = {
    field: "metadataOptions",
    behaviour:
        "pulumi-eks builds the nodes' launch template or configuration without metadataOptions, so the AMI's registered defaults apply (older AMIs answer IMDSv1; AL2023, EKS-optimized and Bottlerocket AMIs set a hop limit of 2, which lets the token reach containers)",
    source: "https://github.com/pulumi/pulumi-eks/blob/7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd/nodejs/eks/nodes/nodegroup.ts (L924-946 NodeGroup's aws.ec2.LaunchConfiguration has no metadataOptions; L1422-1450 NodeGroupV2's aws.ec2.LaunchTemplate takes `metadataOptions: args.metadataOptions`); nodejs/eks/cluster/cluster.ts L2150-2163 (the default node group is createNodeGroupV2 over nodeGroupOptions unless skipDefaultNodeGroup, fargate or autoMode.enabled); provider/cmd/pulumi-resource-eks/schema.json (no metadataOptions among the inputProperties of eks:index:NodeGroup, NodeGroupV2, Cluster, nor ClusterNodeGroupOptions)",
};

/**
 * A pulumi-eks `ManagedNodeGroup` without a `launchTemplate` builds one of its own when any of `kubeletExtraArgs`,
 * `bootstrapExtraArgs`, `bottlerocketSettings`, `nodeadmExtraOptions`, `enableIMDSv2`, `userData`, `amiId` or
 * `enableEfaSupport` is set; its metadata options follow `enableIMDSv2` alone. Source: nodejs/eks/nodes/nodegroup.ts
 * L2128-2138 (customLaunchTemplateArgs, requiresCustomLaunchTemplate) and nodejs/eks/nodes/userdata.ts L135-140
 * (customUserDataArgs), at the commit above.
 */
export const PULUMI_EKS_MANAGED_TEMPLATE_ARGS: readonly string[] = [
    "kubeletExtraArgs",
    "bootstrapExtraArgs",
    "bottlerocketSettings",
    "nodeadmExtraOptions",
    "enableIMDSv2",
    "userData",
    "amiId",
    "enableEfaSupport",
];

/** The launch template pulumi-eks builds for a `ManagedNodeGroup` with `enableIMDSv2` unset: no metadata options. */
export const PULUMI_EKS_MANAGED_TEMPLATE_METADATA: PlatformDefault = {
    field: "enableIMDSv2",
    behaviour:
        "pulumi-eks builds the group's launch template without metadataOptions when enableIMDSv2 is unset, so the AMI's registered defaults apply (AL2 answers IMDSv1; AL2023 and Bottlerocket set a hop limit of 2, which lets the token reach containers)",
    source: "https://github.com/pulumi/pulumi-eks/blob/7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd/nodejs/eks/nodes/nodegroup.ts (L2128-2138 customLaunchTemplateArgs and requiresCustomLaunchTemplate (`args[key] !== undefined`); L2016-2023 a `launchTemplate` with any of them is refused; L2048-2059 the template is built; L2234-2242 metadataOptions undefined unless enableIMDSv2 is set; nodejs/eks/nodes/userdata.ts L135-140 customUserDataArgs)",
};

/**
 * What pulumi-eks writes into a `ManagedNodeGroup`'s own launch template when `enableIMDSv2` is set: `httpTokens`
 * "required" (true) or "optional" (false), always `httpPutResponseHopLimit: 2` and `httpEndpoint: "enabled"`.
 */
export const PULUMI_EKS_ENABLE_IMDSV2 = {
    field: "enableIMDSv2",
    httpPutResponseHopLimit: 2,
    httpEndpoint: "enabled",
    fix: 'pulumi-eks writes a hop limit of 2 whatever enableIMDSv2 says: leave enableIMDSv2 unset and give the group a launchTemplate whose metadataOptions set httpTokens to "required" and httpPutResponseHopLimit to 1 (with the user data the group would have built)',
    source: 'https://github.com/pulumi/pulumi-eks/blob/7bf0c1b179932ce51cb02dfc4f9bd0d7550cb0cd/nodejs/eks/nodes/nodegroup.ts L2234-2242 (metadataOptions = enableIMDSv2 !== undefined ? { httpTokens: enableIMDSv2 ? "required" : "optional", httpPutResponseHopLimit: 2, httpEndpoint: "enabled" } : undefined)',
} as const;
