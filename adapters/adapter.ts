// What every platform adapter is: the type tokens it reads, the workloads it maps them to, and what its resources say
// about the rest of a stack. One object per platform (adapters/<platform>/index.ts), listed once in registry.ts; the
// router, the stack pass and the generated table of supported resource types (docs/resource-types.md) all read the
// registry, so a new platform is its folder, its tests and its examples, plus one line there.
import { Workload } from "../model/workload";
import { Dialect } from "../model/dialect";
import { JsonObject } from "../model/read";
import { StackModel, StackResource, StackWorkload } from "../model/stack";

/** Explicit pod spec locations for one kind of custom resource (config `customResourcePodSpecs`). */
export interface CustomResourcePodSpecs {
    apiGroup: string;
    kind: string;
    /** Paths to a PodTemplateSpec (metadata + spec) or a PodSpec; `*` = every list element or map value. */
    paths: string[];
}

/**
 * One stack pass's view of a platform's links between resources. Made fresh for each pass (stackLinks()), so state
 * never outlives the stack it was built from.
 */
export interface StackLinks {
    /**
     * A resource of this platform that only says something about others (a Namespace, a RuntimeClass, an EKS Fargate
     * profile): recorded, and true when it maps to no workload of its own.
     */
    consume?(res: StackResource, model: StackModel): boolean;
    /** What the stack adds to one workload of this platform's resource (the Docker daemon it runs on). */
    place?(res: StackResource, sw: StackWorkload): void;
    /** Relates what was recorded to the whole model once every resource is read (in registry order). */
    finish?(model: StackModel): void;
}

/** One row of the generated table of supported resource types. */
export interface ResourceTypesDoc {
    /** The platform as users know it, e.g. `Docker`, `Kubernetes storage`. */
    platform: string;
    /** Markdown: the type tokens and what is read of them. */
    types: string;
}

export interface PlatformAdapter {
    /** Short name for tests and messages: the adapter's folder. */
    name: string;
    /**
     * Pulumi packages whose type tokens it may read: the part of the token before the first colon (`kubernetes`,
     * `aws`, `awsx`). The router narrows to these first, so an adapter costs nothing for other packages' resources.
     */
    packages: readonly string[];
    /** Whether it reads this type token. Cheap: the router asks it for every resource of its packages. */
    reads(type: string): boolean;
    /** The workloads a resource maps to (a `…List` yields one per item); [] when nothing in it runs or is mounted. */
    workloads(
        type: string,
        resourceName: string,
        props: JsonObject,
        podSpecs?: readonly CustomResourcePodSpecs[],
    ): Workload[];
    /** Links between this platform's resources and others, for the stack pass (AnalyzeStack, `scan`). */
    stackLinks?(): StackLinks;
    /**
     * The dialects its workloads speak (model/dialect.ts): what checks say and know about this platform's settings.
     * A workload names its dialect (`Workload.dialect`) or speaks its platform's.
     */
    dialects: readonly Dialect[];
    /** The rows it contributes to docs/resource-types.md. */
    docs: readonly ResourceTypesDoc[];
}

/** The package part of a type token (`aws:ecs/service:Service` → `aws`). */
export function packageOf(type: string): string {
    const colon = type.indexOf(":");
    return colon < 0 ? type : type.slice(0, colon);
}
