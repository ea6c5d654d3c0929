// Default tenancy markers. Data only: this folder imports nothing of the project outside data/. How they are read is
// engine/tenancy.ts; the multi-tenant-isolation policy's config overrides them.

/**
 * A workload is multi-tenant when one of `keys` (label, annotation or stack tag) has one of `values`.
 * Source: docs/multi-tenancy.md ("Which workloads are multi-tenant"), the pack's own convention; the key follows the
 * Kubernetes label syntax (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set).
 */
export const DEFAULT_MULTI_TENANT_SELECTOR: { keys: string[]; values: string[] } = {
    keys: ["tenancy"],
    values: ["multi-tenant"],
};

/**
 * Label, annotation or stack tag keys whose value names the tenant. Source: docs/multi-tenancy.md ("Which workloads are
 * multi-tenant"; "AWS: Fargate, placement constraints, instances" for the ECS `attribute:tenant` constraint).
 */
export const DEFAULT_TENANT_KEYS: string[] = ["tenant"];
