// checks/fixes.ts in-process: each safe fix the `remediate` level applies, called as engine/remediation.ts calls it
// (the adapter's workload and container, an editor over the resource inputs, the policy's options). The rewritten
// inputs are what the engine deploys, so each test asserts the exact inputs after the fix and whether it reported a
// change. test/rollout/remediation.test.ts proves the same over the analyzer protocol.
import * as assert from "assert";
import { toWorkloads } from "../../adapters";
import { optionsFor } from "../../engine/evaluate";
import { inputEditor } from "../../engine/remediation";
import type { CheckOptions, InputEditor, PolicyConfig } from "../../engine/types";
import type { Container, Workload } from "../../model/workload";
import {
    fixAllowPrivilegeEscalation,
    fixCapabilitiesBaseline,
    fixCapabilitiesRestricted,
    fixPrivileged,
    fixSeccompRuntimeDefault,
} from "../../checks/fixes";
import { resourcePolicies } from "../../policies";
import { DEPLOYMENT, hardenedPodSpec, Obj } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { hardenedContainerDefinition, TASK_DEFINITION } from "../fixtures/aws";

type Fix = (w: Workload, c: Container | undefined, edit: InputEditor, o: CheckOptions) => boolean;

const options = (policy: string, config: PolicyConfig = {}): CheckOptions => {
    const def = resourcePolicies.find((d) => d.name === policy);
    assert.ok(def, policy);
    return optionsFor(def, config);
};

/**
 * Runs `fix` on container `container` (by name; undefined for none) of the first workload of `props` and returns
 * what it reported and the inputs after it.
 */
function applyFix(
    fix: Fix,
    type: string,
    props: Obj,
    container: string | undefined,
    o: CheckOptions = options("drop-capabilities"),
    tweak: (w: Workload) => Workload = (w) => w,
): { changed: boolean; props: Obj } {
    const [w] = toWorkloads(type, "res", props);
    assert.ok(w, type);
    const c = container === undefined ? undefined : w.containers.find((x) => x.name === container);
    assert.ok(container === undefined || c, `container ${container}`);
    const changed = fix(tweak(w), c, inputEditor(props), o);
    return { changed, props };
}

/** A Deployment whose container "app" has `sc` as its securityContext (and the pod its own `podSc`). */
function deployment(sc: Obj, podSc?: Obj): Obj {
    const spec = hardenedPodSpec();
    spec.containers[0].securityContext = sc;
    if (podSc) spec.securityContext = podSc;
    else delete spec.securityContext.seccompProfile;
    return DEPLOYMENT.wrap(spec);
}
const appSc = (props: Obj): Obj => props.spec.template.spec.containers[0].securityContext;

function dockerContainer(extra: Obj): Obj {
    return { ...hardenedContainer(), ...extra };
}

function ecsTask(def: Obj): Obj {
    return { family: "web", containerDefinitions: JSON.stringify([{ ...hardenedContainerDefinition(), ...def }]) };
}
const ecsContainer = (props: Obj): Obj => (JSON.parse(props.containerDefinitions as string) as Obj[])[0];

describe("checks/fixes.ts: privileged", () => {
    it("sets privileged: false, in place", () => {
        const { changed, props } = applyFix(
            fixPrivileged,
            DEPLOYMENT.type,
            deployment({ privileged: true, x: 1 }),
            "app",
        );
        assert.strictEqual(changed, true);
        assert.deepStrictEqual(appSc(props), { privileged: false, x: 1 });
    });

    it("sets an unset privileged to false", () => {
        const { changed, props } = applyFix(fixPrivileged, DEPLOYMENT.type, deployment({}), "app");
        assert.strictEqual(changed, true);
        assert.deepStrictEqual(appSc(props), { privileged: false });
    });

    it("reports no change when privileged is already false, and does nothing without a container", () => {
        const input = deployment({ privileged: false });
        const before = structuredClone(input);
        assert.strictEqual(applyFix(fixPrivileged, DEPLOYMENT.type, input, "app").changed, false);
        assert.strictEqual(applyFix(fixPrivileged, DEPLOYMENT.type, input, undefined).changed, false);
        assert.deepStrictEqual(input, before);
    });
});

describe("checks/fixes.ts: allowPrivilegeEscalation", () => {
    it("Kubernetes: sets allowPrivilegeEscalation: false; no change when it is false already", () => {
        const fixed = applyFix(
            fixAllowPrivilegeEscalation,
            DEPLOYMENT.type,
            deployment({ allowPrivilegeEscalation: true }),
            "app",
        );
        assert.strictEqual(fixed.changed, true);
        assert.deepStrictEqual(appSc(fixed.props), { allowPrivilegeEscalation: false });
        const unset = applyFix(fixAllowPrivilegeEscalation, DEPLOYMENT.type, deployment({}), "app");
        assert.strictEqual(unset.changed, true);
        assert.deepStrictEqual(appSc(unset.props), { allowPrivilegeEscalation: false });
        const already = applyFix(
            fixAllowPrivilegeEscalation,
            DEPLOYMENT.type,
            deployment({ allowPrivilegeEscalation: false }),
            "app",
        );
        assert.strictEqual(already.changed, false);
        assert.deepStrictEqual(appSc(already.props), { allowPrivilegeEscalation: false });
    });

    it("does nothing without a container, or where the platform has no such setting (swarm services)", () => {
        assert.strictEqual(
            applyFix(
                fixAllowPrivilegeEscalation,
                DEPLOYMENT.type,
                deployment({ allowPrivilegeEscalation: true }),
                undefined,
            ).changed,
            false,
        );
        const service = hardenedService();
        const before = structuredClone(service);
        assert.strictEqual(applyFix(fixAllowPrivilegeEscalation, DOCKER_SERVICE, service, "web").changed, false);
        assert.deepStrictEqual(service, before);
    });

    // Docker securityOpts: [before, after]. A no-new-privileges set to false (any spelling the adapter reads) is
    // turned into no-new-privileges:true where it is; with none, one is appended; everything else stays as written.
    const dockerRows: Array<[string, unknown[] | undefined, string[]]> = [
        ["none: appended", undefined, ["no-new-privileges:true"]],
        ["an empty list: appended", [], ["no-new-privileges:true"]],
        [
            "other options: appended after them",
            ["label=type:container_t"],
            ["label=type:container_t", "no-new-privileges:true"],
        ],
        [
            "`:false` replaced in place",
            ["label=type:container_t", "no-new-privileges:false", "apparmor=x"],
            ["label=type:container_t", "no-new-privileges:true", "apparmor=x"],
        ],
        ["`=false`", ["no-new-privileges=false"], ["no-new-privileges:true"]],
        ["upper case", ["NO-NEW-PRIVILEGES:FALSE"], ["no-new-privileges:true"]],
        ["spaces around", ["  no-new-privileges : false "], ["no-new-privileges:true"]],
        ["a tab after the separator", ["no-new-privileges:\tfalse"], ["no-new-privileges:true"]],
        [
            "only the false one of two",
            ["no-new-privileges", "no-new-privileges:false"],
            ["no-new-privileges", "no-new-privileges:true"],
        ],
        [
            "every false one",
            ["no-new-privileges:false", "no-new-privileges=False"],
            ["no-new-privileges:true", "no-new-privileges:true"],
        ],
        [
            "a longer option name is not it",
            ["xno-new-privileges:false"],
            ["xno-new-privileges:false", "no-new-privileges:true"],
        ],
        [
            "a value other than false is not it",
            ["no-new-privileges:falsey"],
            ["no-new-privileges:falsey", "no-new-privileges:true"],
        ],
        [
            "a second line is not part of it",
            ["no-new-privileges:false\nx"],
            ["no-new-privileges:false\nx", "no-new-privileges:true"],
        ],
    ];
    for (const [what, opts, expected] of dockerRows) {
        it(`Docker securityOpts, ${what}`, () => {
            const c = dockerContainer({});
            if (opts === undefined) delete c.securityOpts;
            else c.securityOpts = opts;
            const { changed, props } = applyFix(fixAllowPrivilegeEscalation, DOCKER_CONTAINER, c, "web");
            assert.strictEqual(changed, true);
            assert.deepStrictEqual(props.securityOpts, expected);
        });
    }

    it("Docker: leaves securityOpts that are not a list of strings alone", () => {
        for (const opts of ["no-new-privileges:false", ["no-new-privileges:false", 1]]) {
            const c = dockerContainer({ securityOpts: opts });
            const { changed, props } = applyFix(fixAllowPrivilegeEscalation, DOCKER_CONTAINER, c, "web");
            assert.strictEqual(changed, false);
            assert.deepStrictEqual(props.securityOpts, opts);
        }
    });

    it('ECS (Docker-configured, not Docker): appends "no-new-privileges" inside the containerDefinitions document', () => {
        const appended = applyFix(fixAllowPrivilegeEscalation, TASK_DEFINITION, ecsTask({}), "web");
        assert.strictEqual(appended.changed, true);
        assert.deepStrictEqual(ecsContainer(appended.props).dockerSecurityOptions, ["no-new-privileges"]);
        const replaced = applyFix(
            fixAllowPrivilegeEscalation,
            TASK_DEFINITION,
            ecsTask({ dockerSecurityOptions: ["no-new-privileges:false"] }),
            "web",
        );
        assert.deepStrictEqual(ecsContainer(replaced.props).dockerSecurityOptions, ["no-new-privileges:true"]);
    });
});

describe("checks/fixes.ts: capabilities_restricted", () => {
    const caps = (capabilities: Obj | undefined): Obj => (capabilities === undefined ? {} : { capabilities });
    const restricted = (config: PolicyConfig = {}) => options("drop-capabilities", config);

    // [what, capabilities before, after, changed]; allowedCapabilities is the default (NET_BIND_SERVICE).
    const rows: Array<[string, Obj | undefined, Obj | undefined, boolean]> = [
        [
            "adds outside the allowed list removed, allowed ones kept in order, ALL appended to drop",
            { add: ["SYS_ADMIN", "NET_BIND_SERVICE", "NET_ADMIN"], drop: ["NET_RAW"] },
            { add: ["NET_BIND_SERVICE"], drop: ["NET_RAW", "ALL"] },
            true,
        ],
        [
            "names compared as capabilities (case, CAP_ prefix)",
            { add: ["cap_net_bind_service", "cap_sys_admin"], drop: ["all"] },
            { add: ["cap_net_bind_service"], drop: ["all"] },
            true,
        ],
        [
            "nothing to remove, ALL dropped already: no change",
            { add: ["NET_BIND_SERVICE"], drop: ["CAP_ALL"] },
            { add: ["NET_BIND_SERVICE"], drop: ["CAP_ALL"] },
            false,
        ],
        [
            "only adds to remove: changed even though ALL was dropped",
            { add: ["SYS_ADMIN"], drop: ["ALL"] },
            { add: [], drop: ["ALL"] },
            true,
        ],
        ["no capabilities at all: drop ALL written", undefined, { drop: ["ALL"] }, true],
        ["drop set to null: treated as unset", { add: null, drop: null }, { add: null, drop: ["ALL"] }, true],
        [
            "an add list that is not all strings: left alone",
            { add: ["SYS_ADMIN", 1], drop: [] },
            { add: ["SYS_ADMIN", 1], drop: [] },
            false,
        ],
        ["an add that is a string: left alone", { add: "SYS_ADMIN" }, { add: "SYS_ADMIN" }, false],
        [
            "a drop that is a string: left alone",
            { add: ["SYS_ADMIN"], drop: "ALL" },
            { add: ["SYS_ADMIN"], drop: "ALL" },
            false,
        ],
    ];
    for (const [what, before, after, changed] of rows) {
        it(what, () => {
            const fixed = applyFix(
                fixCapabilitiesRestricted,
                DEPLOYMENT.type,
                deployment(caps(before)),
                "app",
                restricted(),
            );
            assert.strictEqual(fixed.changed, changed);
            assert.deepStrictEqual(appSc(fixed.props), caps(after));
        });
    }

    it("ALL in allowedCapabilities allows no add named ALL", () => {
        const fixed = applyFix(
            fixCapabilitiesRestricted,
            DEPLOYMENT.type,
            deployment(caps({ add: ["ALL", "CHOWN", "SYS_ADMIN"], drop: ["ALL"] })),
            "app",
            restricted({ allowedCapabilities: ["ALL", "CHOWN"] }),
        );
        assert.strictEqual(fixed.changed, true);
        assert.deepStrictEqual(appSc(fixed.props), caps({ add: ["CHOWN"], drop: ["ALL"] }));
    });

    it("a patch that leaves the drop list out keeps it out; one that writes it gets ALL", () => {
        const patchType = `${DEPLOYMENT.type}Patch`;
        const without = applyFix(
            fixCapabilitiesRestricted,
            patchType,
            deployment(caps({ add: ["SYS_ADMIN"] })),
            "app",
            restricted(),
        );
        assert.strictEqual(without.changed, true);
        assert.deepStrictEqual(appSc(without.props), caps({ add: [] }));
        const untouched = applyFix(
            fixCapabilitiesRestricted,
            patchType,
            deployment(caps({ add: [] })),
            "app",
            restricted(),
        );
        assert.strictEqual(untouched.changed, false);
        assert.deepStrictEqual(appSc(untouched.props), caps({ add: [] }));
        const withDrop = applyFix(
            fixCapabilitiesRestricted,
            patchType,
            deployment(caps({ drop: ["NET_RAW"] })),
            "app",
            restricted(),
        );
        assert.strictEqual(withDrop.changed, true);
        assert.deepStrictEqual(appSc(withDrop.props), caps({ drop: ["NET_RAW", "ALL"] }));
    });

    it("does nothing without a container", () => {
        const input = deployment(caps({ add: ["SYS_ADMIN"] }));
        assert.strictEqual(
            applyFix(fixCapabilitiesRestricted, DEPLOYMENT.type, input, undefined, restricted()).changed,
            false,
        );
        assert.deepStrictEqual(appSc(input), caps({ add: ["SYS_ADMIN"] }));
    });

    it("Docker: adds and drops under their Docker names", () => {
        const fixed = applyFix(
            fixCapabilitiesRestricted,
            DOCKER_CONTAINER,
            dockerContainer({ capabilities: { adds: ["SYS_ADMIN", "net_bind_service"] } }),
            "web",
            restricted(),
        );
        assert.strictEqual(fixed.changed, true);
        assert.deepStrictEqual(fixed.props.capabilities, { adds: ["net_bind_service"], drops: ["ALL"] });
    });
});

describe("checks/fixes.ts: capabilities_baseline", () => {
    const fix = (capabilities: Obj, container: string | null = "app") =>
        applyFix(
            fixCapabilitiesBaseline,
            DEPLOYMENT.type,
            deployment({ capabilities }),
            container ?? undefined,
            options("drop-capabilities"),
        );

    it("removes the adds PSS baseline forbids, keeping the rest in order, and leaves drop alone", () => {
        const fixed = fix({ add: ["CHOWN", "SYS_ADMIN", "NET_BIND_SERVICE", "NET_ADMIN"], drop: ["NET_RAW"] });
        assert.strictEqual(fixed.changed, true);
        assert.deepStrictEqual(appSc(fixed.props), {
            capabilities: { add: ["CHOWN", "NET_BIND_SERVICE"], drop: ["NET_RAW"] },
        });
    });

    it("reports no change when every add is allowed, or there are no adds, or they are not a list of strings", () => {
        for (const capabilities of [
            { add: ["CHOWN", "KILL"] },
            { drop: ["ALL"] },
            { add: "SYS_ADMIN" },
            { add: [1] },
        ]) {
            const fixed = fix(capabilities);
            assert.strictEqual(fixed.changed, false, JSON.stringify(capabilities));
            assert.deepStrictEqual(appSc(fixed.props), { capabilities }, JSON.stringify(capabilities));
        }
    });

    it("does nothing without a container", () => {
        const fixed = fix({ add: ["SYS_ADMIN"] }, null);
        assert.strictEqual(fixed.changed, false);
        assert.deepStrictEqual(appSc(fixed.props), { capabilities: { add: ["SYS_ADMIN"] } });
    });
});

describe("checks/fixes.ts: seccompProfile RuntimeDefault", () => {
    it("writes RuntimeDefault on a container with no profile whose pod names none", () => {
        const fixed = applyFix(fixSeccompRuntimeDefault, DEPLOYMENT.type, deployment({ privileged: false }), "app");
        assert.strictEqual(fixed.changed, true);
        assert.deepStrictEqual(appSc(fixed.props), { privileged: false, seccompProfile: { type: "RuntimeDefault" } });
        // The init container is at its own path.
        const init = applyFix(fixSeccompRuntimeDefault, DEPLOYMENT.type, deployment({}), "init");
        assert.strictEqual(init.changed, false, "the init container has a profile already");
    });

    it("creates the securityContext on the way", () => {
        const spec = hardenedPodSpec();
        delete spec.securityContext.seccompProfile;
        delete spec.containers[0].securityContext;
        const fixed = applyFix(fixSeccompRuntimeDefault, DEPLOYMENT.type, DEPLOYMENT.wrap(spec), "app");
        assert.strictEqual(fixed.changed, true);
        assert.deepStrictEqual(fixed.props.spec.template.spec.containers[0].securityContext, {
            seccompProfile: { type: "RuntimeDefault" },
        });
    });

    // Each row leaves the inputs (made afresh for each run) as they were and reports no change.
    const untouched: Array<[string, string, () => Obj, string | undefined, ((w: Workload) => Workload)?]> = [
        [
            "a container's explicit Unconfined",
            DEPLOYMENT.type,
            () => deployment({ seccompProfile: { type: "Unconfined" } }),
            "app",
        ],
        ["a pod's profile", DEPLOYMENT.type, () => deployment({}, { seccompProfile: { type: "Unconfined" } }), "app"],
        ["no container", DEPLOYMENT.type, () => deployment({}), undefined],
        ["a patch", `${DEPLOYMENT.type}Patch`, () => deployment({}), "app"],
        ["a Docker container", DOCKER_CONTAINER, () => dockerContainer({}), "web"],
        ["an ECS container", TASK_DEFINITION, () => ecsTask({}), "web"],
        [
            "an Azure container",
            "azure-native:containerinstance:ContainerGroup",
            () => ({
                containerGroupName: "grp",
                osType: "Linux",
                containers: [{ name: "web", image: "x:1", securityContext: {} }],
            }),
            "web",
        ],
        [
            "a GCP workload's container",
            DEPLOYMENT.type,
            () => deployment({}),
            "app",
            (w) => ({ ...w, platform: "gcp" }),
        ],
    ];
    for (const [what, type, make, container, tweak] of untouched) {
        it(`leaves ${what} as written`, () => {
            const props = make();
            const before = structuredClone(props);
            const fixed = applyFix(fixSeccompRuntimeDefault, type, props, container, undefined, tweak);
            assert.strictEqual(fixed.changed, false);
            assert.deepStrictEqual(fixed.props, before);
        });
    }
});
