// Every config default, defined once: what a check option is when no policy config sets it, and what the config
// schemas advertise as `default` (engine/evaluate.ts configSchemaOf for the common properties, each policy's own
// schema for its knobs). The lists themselves are sourced data (data/).
import { RESTRICTED_ALLOWED_CAPABILITIES } from "../data/capabilities";
import { DEFAULT_HARMLESS_READ_ONLY_FILES, DEFAULT_SENSITIVE_HOST_PATHS } from "../data/hostPaths";
import { DEFAULT_SANDBOX_HANDLERS, DEFAULT_SANDBOX_RUNTIME_CLASSES, DEFAULT_SANDBOX_RUNTIMES } from "../data/sandboxes";
import { DEFAULT_MULTI_TENANT_SELECTOR, DEFAULT_TENANT_KEYS } from "../data/tenancy";
import { CheckOptions, LATEST, MalformedValues, UnknownValues } from "./types";
import { NO_CLUSTER_CONTEXT } from "../model/stack";

/** The check options no config changed. */
export const DEFAULT_CHECK_OPTIONS: Readonly<CheckOptions> = {
    pssVersion: LATEST,
    allowedCapabilities: [...RESTRICTED_ALLOWED_CAPABILITIES],
    allowPrivilegeEscalation: "forbid-true",
    sensitiveHostPaths: DEFAULT_SENSITIVE_HOST_PATHS,
    allowedHostPaths: [],
    harmlessReadOnlyFiles: DEFAULT_HARMLESS_READ_ONLY_FILES,
    vmDevicePassthrough: "advisory",
    multiTenantSelector: DEFAULT_MULTI_TENANT_SELECTOR,
    tenantKeys: DEFAULT_TENANT_KEYS,
    sandboxRuntimeClasses: DEFAULT_SANDBOX_RUNTIME_CLASSES,
    sandboxRuntimes: DEFAULT_SANDBOX_RUNTIMES,
    sandboxHandlers: DEFAULT_SANDBOX_HANDLERS,
    imdsHopLimit: 1,
    clusterContext: NO_CLUSTER_CONTEXT,
};

/** Defaults of the config every policy accepts besides its own knobs (engine/types.ts CommonConfig). */
export const DEFAULT_COMMON_CONFIG: Readonly<{
    pssVersion: "latest";
    unknownValues: UnknownValues;
    malformedValues: MalformedValues;
}> = {
    pssVersion: "latest",
    unknownValues: "defer",
    malformedValues: "fail-closed",
};
