// Linux capability add/drop lists, read one way for every platform that takes them. Platforms differ only in where
// the two lists sit and what they are called, so each names its keys once (the constants below) and the reader does
// the rest: same fields, same issue keys, same paths as each platform's own schema spells them.
import { ContainerSecurity } from "../../model/workload";
import { Reader } from "../../model/read";
import { join } from "./common";

/** Where a platform keeps a container's capability lists. */
export interface CapabilityKeys {
    /** The object holding both lists (`capabilities`); undefined when they sit on the container itself (swarm). */
    object?: string;
    add: string;
    drop: string;
    /**
     * True when the lists are read only if the holding object is present: a Kubernetes securityContext without
     * `capabilities` leaves `capAdd`/`capDrop` absent from the model, as the PodSpec reader always has; the other
     * platforms set both (to undefined when unset).
     */
    onlyWithObject: boolean;
    /** Each list's path below the container's settings (`capabilities.add`), joined once here, not per container. */
    addPath: string;
    dropPath: string;
}

function capabilityKeys(object: string | undefined, add: string, drop: string, onlyWithObject = false): CapabilityKeys {
    const holder = object === undefined ? "" : `${object}.`;
    return { object, add, drop, onlyWithObject, addPath: holder + add, dropPath: holder + drop };
}

/** Kubernetes `securityContext.capabilities.{add,drop}`. */
export const KUBERNETES_CAPABILITIES = capabilityKeys("capabilities", "add", "drop", true);
/** ECS `linuxParameters.capabilities.{add,drop}` and ACI `securityContext.capabilities.{add,drop}`. */
export const ADD_DROP_CAPABILITIES = capabilityKeys("capabilities", "add", "drop");
/** The Docker provider's container `capabilities.{adds,drops}`. */
export const DOCKER_CAPABILITIES = capabilityKeys("capabilities", "adds", "drops");
/** The Docker provider's swarm `containerSpec.{capAdds,capDrops}`. */
export const SWARM_CAPABILITIES = capabilityKeys(undefined, "capAdds", "capDrops");

/**
 * The path of one list, for `ContainerSecurity.paths`, when the container's settings start at `ownerPath`. A
 * platform whose `ownerPath` is fixed computes it once, at module load: it is a string built per container otherwise.
 */
export function capabilityPath(ownerPath: string, keys: CapabilityKeys, list: "add" | "drop"): string {
    return join(ownerPath, list === "add" ? keys.addPath : keys.dropPath);
}

/**
 * Reads the add and drop lists of the container settings `owner` (at `ownerPath`) into `s.capAdd`/`s.capDrop`. An
 * unknown or malformed holder or list is recorded under the `capabilities` field key for `container`.
 */
export function readCapabilities(
    r: Reader,
    owner: unknown,
    ownerPath: string,
    keys: CapabilityKeys,
    container: string,
    s: ContainerSecurity,
): void {
    let holder = owner;
    let holderPath = ownerPath;
    if (keys.object !== undefined) {
        holderPath = join(ownerPath, keys.object);
        holder = r.obj(owner, keys.object, { path: holderPath, field: "capabilities", container });
        if (holder === undefined && keys.onlyWithObject) return;
    }
    s.capAdd = r.strList(holder, keys.add, { path: join(holderPath, keys.add), field: "capabilities", container });
    s.capDrop = r.strList(holder, keys.drop, { path: join(holderPath, keys.drop), field: "capabilities", container });
}
