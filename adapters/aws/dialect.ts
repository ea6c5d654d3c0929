// AWS speaks two dialects. ECS task and Batch container definitions are Docker-shaped JSON (`ecs`): security options
// in `dockerSecurityOptions` (where AWS documents `no-new-privileges` bare), a `user` string, no seccomp profile to
// ask for; the sandbox is Fargate or a tenant's own instances, not a runtime. A Batch-on-EKS pod spec and the EC2
// machines (`aws`) are pod-shaped but run by no kubelet the stack controls: the PSA-only settings stay off.
import { Dialect, SandboxAdvice } from "../../model/dialect";
import { Workload } from "../../model/workload";
import { podSpecDialect, runtimeClassSandbox, SANDBOXED_RUNTIME, SandboxHint } from "../shared/dialect";
import { dockerOptionWording } from "../shared/dialect";
import {
    AWSX_EC2_SERVICE,
    AWSX_EC2_TASK_DEFINITION,
    AWSX_FARGATE_SERVICE,
    AWSX_FARGATE_TASK_DEFINITION,
    BATCH_JOB_DEFINITION,
    ECS_SERVICE,
    ECS_TASK_DEFINITION,
} from "./types";

const ECS_SANDBOX_FIX =
    'run it on Fargate (requiresCompatibilities ["FARGATE"], launchType FARGATE), where each task gets its own ' +
    "microVM, or confine it to one tenant's EC2 instances with a memberOf placement constraint on the tenant attribute " +
    '(expression "attribute:tenant == <tenant>")';

const AWSX_TYPES: ReadonlySet<string> = new Set([
    AWSX_FARGATE_SERVICE,
    AWSX_EC2_SERVICE,
    AWSX_FARGATE_TASK_DEFINITION,
    AWSX_EC2_TASK_DEFINITION,
]);

/** Where an ECS task, service or Batch container job gets a VM boundary, by resource type. */
function ecsSandboxHint(w: Workload): SandboxHint | undefined {
    if (w.type === ECS_TASK_DEFINITION) return { field: "requiresCompatibilities", fix: ECS_SANDBOX_FIX };
    if (w.type === ECS_SERVICE) return { field: w.runtime?.path ?? "launchType", fix: ECS_SANDBOX_FIX };
    // An awsx component chooses Fargate by its type: no field of it says so.
    if (AWSX_TYPES.has(w.type))
        return {
            field: "",
            fix: "use awsx.ecs.FargateService (each task in its own microVM), or confine the tasks to one tenant's instances with a memberOf placement constraint on the tenant attribute",
        };
    if (w.type === BATCH_JOB_DEFINITION)
        return {
            field: "platformCapabilities",
            fix: 'run it on Fargate (platformCapabilities ["FARGATE"]), where each job gets its own microVM, or on a compute environment whose instances serve one tenant',
        };
    return undefined;
}

/** A Batch-on-EKS job runs where its compute environment puts it: no RuntimeClass of the stack reaches it. */
function eksJobSandboxHint(w: Workload): SandboxHint | undefined {
    if (w.type !== BATCH_JOB_DEFINITION) return undefined;
    return {
        field: "eksProperties.podProperties",
        fix: "run the job on a Batch compute environment whose EKS nodes serve one tenant, or on Fargate (containerProperties with platformCapabilities FARGATE)",
    };
}

function hinted(hint: (w: Workload) => SandboxHint | undefined) {
    return (w: Workload, examples: string): SandboxAdvice => {
        const h = hint(w);
        return h
            ? { must: SANDBOXED_RUNTIME, field: w.runtime?.path ?? h.field, fix: h.fix }
            : runtimeClassSandbox(w, examples);
    };
}

export const ecsDialect: Dialect = {
    ...podSpecDialect("ecs", "aws"),
    securityOptions: dockerOptionWording("no-new-privileges"),
    user: "docker-user",
    // The baseline list compares names as written; beside it, `ALL` in a drop list is read in any spelling, as the
    // Docker engine under the ECS agent reads it.
    capabilitySpelling: { baseline: "exact", dropAll: "normalized" },
    requiresSeccompProfile: false,
    seccompProfileWritable: false,
    // The ECS agent hands systemControls to Docker as sysctls: judged by what the runtime accepts, as on Docker.
    sysctls: "runtime-namespaces",
    sandbox: hinted(ecsSandboxHint),
    // What both ECS task definitions and Batch container jobs offer besides a host path: an EFS volume
    // (efsVolumeConfiguration in either) or the container's own storage; secrets come through the container
    // definition's `secrets` (Secrets Manager, SSM Parameter Store), not a file of the host.
    hostPathInstead: {
        sensitive: "an EFS volume or the container's own storage (secrets through the container definition's secrets)",
        any: "an EFS volume or the container's own storage",
    },
};

export const awsDialect: Dialect = {
    ...podSpecDialect("aws", "aws"),
    // A Batch-on-EKS pod is on the host network unless it says otherwise (data/platformDefaults.ts): removing the
    // field is not the fix there.
    hostNamespaceFix:
        "set hostNetwork to false (AWS Batch's default is true) and remove hostPID and hostIPC or set them to false",
    sandbox: hinted(eksJobSandboxHint),
    // A Batch job on EKS declares only emptyDir, hostPath and secret volumes (EksVolume); the EC2 machines have none.
    hostPathInstead: { sensitive: "an emptyDir or secret volume", any: "an emptyDir or secret volume" },
};

const HINTS = { ecs: ecsSandboxHint, aws: eksJobSandboxHint } as const;

/**
 * Marks a workload with the AWS dialect it was read in. The fields that dialect replaces, `dockerConfigured` and
 * `sandboxHint`, stay readable (not enumerable, so copies and comparisons of workloads ignore them) for code written
 * before it.
 */
export function speak(w: Workload, dialect: keyof typeof HINTS): Workload {
    w.dialect = dialect;
    Object.defineProperties(w, {
        dockerConfigured: { get: () => (dialect === "ecs" ? true : undefined), configurable: true },
        sandboxHint: { get: () => HINTS[dialect](w), configurable: true },
    });
    return w;
}
