// Every policy of the pack, in the order the engine runs them. Policy names are a public contract (config,
// exemptions, Pulumi Cloud): never rename one.
import { PolicyDefinition } from "../engine/types";
import { DEFINITION_CHECK_IDS, registeredPolicyOf, validateRegistry } from "../engine/registry";
import { dropCapabilities } from "./drop-capabilities";
import { kernelHardening } from "./kernel-hardening";
import { multiTenantIsolation } from "./multi-tenant-isolation";
import { noHostCredentials } from "./no-host-credentials";
import { noHostNamespaces } from "./no-host-namespaces";
import { noPrivilegedContainers } from "./no-privileged-containers";
import { noSensitiveHostMounts } from "./no-sensitive-host-mounts";
import { runAsNonRootPolicy } from "./run-as-non-root";

export const resourcePolicies: PolicyDefinition[] = [
    noPrivilegedContainers,
    dropCapabilities,
    noSensitiveHostMounts,
    noHostNamespaces,
    multiTenantIsolation,
    kernelHardening,
    runAsNonRootPolicy,
    noHostCredentials,
];

// Fail at load, naming the offender, when a definition breaks the registry's rules (engine/registry.ts).
validateRegistry(resourcePolicies.map(registeredPolicyOf), DEFINITION_CHECK_IDS);
