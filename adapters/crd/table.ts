// The well-known CRD table as the adapter uses it: the rows of data/customResources.ts (plain data, each with its
// upstream source) indexed by API group and kind once at load, and each row's assembling-reader key mapped to its
// function. The data stays free of functions so it can sit below every other layer; this is the one place that ties
// a key to code, and the compiler checks that every key has a reader.
import { CUSTOM_RESOURCE_TABLE, CustomResourceKind, CustomResourceReaderKey } from "../../data/customResources";
import { AssemblingReader } from "./context";
import { readArgoWorkflowSpec } from "./argo";
import { readTektonPipeline, readTektonPipelineRun, readTektonTask, readTektonTaskRun } from "./tekton";
import { readSparkApplication } from "./spark";
import { readContainerPod } from "./pods";
import {
    readActionsRunner,
    readActionsRunnerSet,
    readCnpgCluster,
    readCrossplaneControllerConfig,
    readRayCluster,
    readStrimziTemplate,
} from "./operators";

/** The function behind every reader key of the table. */
export const ASSEMBLING_READERS: Readonly<Record<CustomResourceReaderKey, AssemblingReader>> = {
    argoWorkflowSpec: readArgoWorkflowSpec,
    tektonTask: readTektonTask,
    tektonTaskRun: readTektonTaskRun,
    tektonPipeline: readTektonPipeline,
    tektonPipelineRun: readTektonPipelineRun,
    sparkApplication: readSparkApplication,
    containerPod: readContainerPod,
    rayCluster: readRayCluster,
    strimziTemplate: readStrimziTemplate,
    cnpgCluster: readCnpgCluster,
    actionsRunner: readActionsRunner,
    actionsRunnerSet: readActionsRunnerSet,
    crossplaneControllerConfig: readCrossplaneControllerConfig,
};

/** How to read one kind, with its reader resolved. */
export interface KindSpec {
    /** Paths to PodTemplateSpecs (metadata + spec). */
    templates: readonly string[];
    /** Paths to PodSpecs (no metadata of their own). */
    podSpecs: readonly string[];
    /** A family reader for pods assembled from parts (Argo Workflows, Tekton, Spark). */
    read?: AssemblingReader;
    /** Where `read` starts, e.g. `spec` or `spec.workflowSpec`. */
    at: string;
}

function kindSpec(k: CustomResourceKind): KindSpec {
    return {
        templates: k.templates ?? [],
        podSpecs: k.podSpecs ?? [],
        read: k.reader === undefined ? undefined : ASSEMBLING_READERS[k.reader],
        at: k.at ?? "spec",
    };
}

/**
 * Group → kind → how to read it, built once: a lookup is two Map gets, and a kind a row only inherits from
 * Object.prototype (`constructor`, `toString`) is never mistaken for one of the table.
 */
const BY_GROUP: ReadonlyMap<string, ReadonlyMap<string, KindSpec>> = (() => {
    const groups = new Map<string, Map<string, KindSpec>>();
    for (const row of CUSTOM_RESOURCE_TABLE) {
        const kinds = groups.get(row.group) ?? new Map<string, KindSpec>();
        for (const [kind, k] of Object.entries(row.kinds)) kinds.set(kind, kindSpec(k));
        groups.set(row.group, kinds);
    }
    return groups;
})();

/** How the table reads a group's kind, or undefined when the table does not name it. */
export function wellKnown(group: string, kind: string): KindSpec | undefined {
    return BY_GROUP.get(group)?.get(kind);
}

/** The API groups and kinds of the table (tests check that each has a realistic fixture). */
export function wellKnownKinds(): Array<{ group: string; kinds: string[] }> {
    return [...BY_GROUP].map(([group, kinds]) => ({ group, kinds: [...kinds.keys()] }));
}
