// What a cloud platform does with a setting a resource leaves unset, as data: each row is one default the pack relies
// on, with the documentation that states it. An adapter that meets an unset field reads the row instead of assuming a
// value, and a finding built on a default names the row's wording, so a message says what is known and where it is
// written down. Data only: this folder imports nothing of the project outside data/.

export interface PlatformDefault {
    /** The field as the resource writes it, for messages (`eksProperties.podProperties.hostNetwork`). */
    field: string;
    /** What the platform does when the field is unset, in a clause a message can quote. */
    behaviour: string;
    /** Where the platform documents it. */
    source: string;
}

/** AWS Batch on EKS: a job's pod uses the node's network namespace unless `hostNetwork` is false. */
export const BATCH_EKS_HOST_NETWORK: PlatformDefault = {
    field: "eksProperties.podProperties.hostNetwork",
    behaviour: "AWS Batch runs the pod on the host network when hostNetwork is unset (its default is true)",
    source: "https://docs.aws.amazon.com/batch/latest/APIReference/API_EksPodProperties.html (hostNetwork: default true)",
};

/**
 * EC2 IMDS options left unset on an instance or launch template take the AMI's registered defaults: an AMI registered
 * with `ImdsSupport: v2.0` (Amazon Linux 2023, the EKS-optimized and Bottlerocket AMIs) requires tokens and sets a hop
 * limit of 2, which lets the token cross into a container's network namespace; older AMIs leave IMDSv1 on.
 */
export const EC2_IMDS_HTTP_TOKENS: PlatformDefault = {
    field: "metadataOptions.httpTokens",
    behaviour: "the AMI's registered default decides whether IMDSv1 answers (older AMIs leave it on)",
    source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html (instance metadata defaults: AMI ImdsSupport)",
};

export const EC2_IMDS_HOP_LIMIT: PlatformDefault = {
    field: "metadataOptions.httpPutResponseHopLimit",
    behaviour:
        "the AMI's registered default applies (2 on Amazon Linux 2023, EKS-optimized and Bottlerocket AMIs), which lets the IMDSv2 token reach containers",
    source: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html (hop limit 2 for AMIs with ImdsSupport v2.0)",
};

/**
 * An EKS managed node group without a launch template gets EKS's own launch template, whose metadata settings AWS
 * documents as not blocking pods from the instance role's credentials: to block them, a custom launch template must set
 * IMDSv2 with a hop limit of 1.
 */
export const EKS_NODE_GROUP_METADATA: PlatformDefault = {
    field: "launchTemplate",
    behaviour:
        "EKS's default launch template does not block pods from the node's instance metadata (the node role's credentials)",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html (metadata options; https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node)",
};

/**
 * AWS Batch on EKS takes a container security context without capabilities: a job's containers keep the runtime's
 * default set, and no field of the job definition can drop or add one.
 */
export const BATCH_EKS_CAPABILITIES: PlatformDefault = {
    field: "eksProperties.podProperties.containers[].securityContext",
    behaviour:
        "AWS Batch's EKS container security context has no capabilities field (allowPrivilegeEscalation, privileged, readOnlyRootFilesystem, runAsGroup, runAsNonRoot, runAsUser only)",
    source: "https://docs.aws.amazon.com/batch/latest/APIReference/API_EksContainerSecurityContext.html",
};
