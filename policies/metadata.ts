// What Pulumi Cloud shows and filters by: each policy's display name, compliance framework, docs address and tags, and
// the pack's own. Derived from the checks each policy registers (data/compliance.ts), so a check added to a policy
// brings its controls with it; the test in test/policies/compliance-metadata.test.ts pins every mapping.
//
// Pulumi Cloud takes one `framework` per policy. The one given is the Pod Security Standards (the pack implements
// every PSS control, and PSA's own check IDs name ours), with the policy's PSS controls as its `reference`. The CIS
// benchmarks' recommendations a policy covers are tags (`cis-kubernetes-1.9.0:5.2.2`, `cis-docker-1.6.0:5.5`), which
// the Cloud's views filter by too. A policy no framework covers (multi-tenant-isolation, no-host-credentials) has no
// framework rather than a made-up one.
import type { PolicyComplianceFramework, PolicyPackArgs } from "@pulumi/policy";
import { CHECK_CONTROLS, CIS_DOCKER, CIS_KUBERNETES, POD_SECURITY_STANDARDS, PssLevel } from "../data/compliance";
import { NEWEST_KNOWN_PSS_VERSION } from "../engine/pssTables";

/** Where the pack's source and docs live (package.json `repository` says the same; a test keeps them equal). */
export const PACK_REPOSITORY = "https://github.com/isolation-guard/isolation-guard";

/** The docs page every policy has a section in; its headings are the policy names. */
export const POLICY_DOCS = `${PACK_REPOSITORY}/blob/main/docs/policies.md`;

/** The platforms the adapters read, as tags: what a Cloud user searches for. */
const PLATFORM_TAGS = ["kubernetes", "docker", "kubevirt", "aws", "gcp", "azure"];

export interface PolicyMetadata {
    displayName: string;
    framework?: PolicyComplianceFramework;
    url: string;
    tags: string[];
}

const LEVEL_ORDER: readonly PssLevel[] = ["baseline", "restricted"];

/** `baseline: Privileged Containers, HostProcess; restricted: Privilege Escalation`, each control once. */
function pssReference(checkIds: readonly string[]): string | undefined {
    const byLevel = new Map<PssLevel, string[]>();
    for (const id of checkIds) {
        const pss = CHECK_CONTROLS[id]?.pss;
        if (!pss) continue;
        const controls = byLevel.get(pss.level) ?? [];
        if (!controls.includes(pss.control)) controls.push(pss.control);
        byLevel.set(pss.level, controls);
    }
    const parts = LEVEL_ORDER.filter((l) => byLevel.has(l)).map((l) => `${l}: ${byLevel.get(l)!.join(", ")}`);
    return parts.length ? parts.join("; ") : undefined;
}

/** Tags naming the PSS levels and CIS recommendations the checks cover, each once, in a stable order. */
function complianceTags(checkIds: readonly string[]): string[] {
    const tags = new Set<string>();
    for (const id of checkIds) {
        const c = CHECK_CONTROLS[id];
        if (!c) continue;
        if (c.pss) tags.add(`pss-${c.pss.level}`);
        for (const n of c.cisKubernetes ?? []) tags.add(`cis-kubernetes-${CIS_KUBERNETES.version}:${n}`);
        for (const n of c.cisDocker ?? []) tags.add(`cis-docker-${CIS_DOCKER.version}:${n}`);
    }
    return [...tags];
}

/** The metadata of one policy, from its name, display name and the IDs of every check it registers. */
export function policyMetadata(name: string, displayName: string, checkIds: readonly string[]): PolicyMetadata {
    const reference = pssReference(checkIds);
    const framework: PolicyComplianceFramework | undefined = reference
        ? {
              name: POD_SECURITY_STANDARDS.name,
              version: `v1.${NEWEST_KNOWN_PSS_VERSION}`,
              reference,
              specification: POD_SECURITY_STANDARDS.specification,
          }
        : undefined;
    return {
        displayName,
        ...(framework ? { framework } : {}),
        url: `${POLICY_DOCS}#${name}`,
        tags: ["container-isolation", ...complianceTags(checkIds)],
    };
}

/**
 * The pack's own metadata: what Pulumi Cloud lists it by. `provider` takes one platform: Kubernetes, which most of the
 * checks are written for (PSS); the tags name every platform the pack reads.
 */
export function packMetadata(
    policies: ReadonlyArray<{ name: string; description: string; displayName?: string }>,
): Pick<PolicyPackArgs, "displayName" | "readme" | "provider" | "tags" | "repository"> {
    const rows = policies.map((p) => `| [${p.displayName ?? p.name}](${POLICY_DOCS}#${p.name}) | ${p.description} |`);
    const readme = [
        "# Isolation Guard",
        "",
        "Rejects container escapes before deployment: privileged containers, kept capabilities, sensitive host mounts " +
            "and shared host namespaces, on Kubernetes (including custom resources), Docker, KubeVirt, AWS, Google " +
            "Cloud and Azure. Multi-tenant workloads must run in a sandboxed runtime (gVisor, Kata Containers) or a VM.",
        "",
        "| Policy | What it rejects |",
        "| --- | --- |",
        ...rows,
        "",
        `Configuration, exemptions and rollout: ${PACK_REPOSITORY}#readme`,
    ].join("\n");
    return {
        displayName: "Isolation Guard",
        readme,
        provider: "kubernetes",
        tags: ["container-isolation", "security", "pod-security-standards", ...PLATFORM_TAGS],
        repository: PACK_REPOSITORY,
    };
}
