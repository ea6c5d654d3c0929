// The Docker dialect: security settings are options in a list (`securityOpts`), the user a `user` string, any
// capability spelling is accepted (`chown`, `CAP_CHOWN`), and a `runtime` names the sandbox. Docker applies its
// default seccomp profile when none is named. Containers of one daemon share its host.
import { Dialect } from "../../model/dialect";
import { dockerOptionWording, podSpecDialect, SANDBOXED_RUNTIME } from "../shared/dialect";

export { dockerOptionWording } from "../shared/dialect";

export const dockerDialect: Dialect = {
    ...podSpecDialect("docker", "docker"),
    securityOptions: dockerOptionWording("no-new-privileges:true"),
    user: "docker-user",
    capabilitySpelling: { baseline: "normalized", dropAll: "normalized" },
    // A Docker mount is read at its `bindOptions.propagation`: its path is the setting itself.
    mountPropagation: { field: (mountPath) => mountPath, fix: "use private or rprivate propagation" },
    hostNamespaceFix: "remove the host mode settings",
    // dockerd reads `systempaths=unconfined` (daemon/create.go, SecurityOpt): empty MaskedPaths and ReadonlyPaths.
    unmaskedProcOption: true,
    // The daemon hands `sysctls` to runc, which refuses any that is not namespaced or whose namespace is the host's.
    sysctls: "runtime-namespaces",
    requiresSeccompProfile: false,
    seccompProfileWritable: false,
    sandboxNames: "sandboxRuntimes",
    sandbox: (w, examples) => ({
        must: SANDBOXED_RUNTIME,
        // A swarm service sets it on its task spec.
        field: w.runtime?.path ?? (w.kind === "Service" ? "taskSpec.runtime" : "runtime"),
        fix: `set runtime to a sandbox runtime (${examples}), or run each tenant in its own VM`,
    }),
    sharesDaemonHost: true,
    templateLabels: () => "container spec",
    containerIsResource: true,
    // Docker resources have labels, no annotations.
    exemptionsIn: "labels",
    // What the Docker provider offers besides a bind mount: a named volume (a docker.Volume's name as
    // volumes[].volumeName, or mounts[] of type volume) and tmpfs mounts (mounts[] of type tmpfs).
    hostPathInstead: {
        sensitive: "a named Docker volume or a tmpfs mount",
        any: "a named Docker volume or a tmpfs mount",
    },
};
