// Inline seccomp profiles (issue 22 part 3): Docker's `seccomp=<JSON>` security option (and ECS's
// dockerSecurityOptions) carries the profile itself. One whose defaultAction lets unlisted calls through
// (SCMP_ACT_ALLOW, SCMP_ACT_LOG, SCMP_ACT_TRACE) is unconfined in all but name; one that cannot be read is malformed,
// never a pass; one that refuses by default is a profile of the user's own, as a named one is.
import * as assert from "assert";
import { DOCKER_CONTAINER, hardenedContainer } from "../fixtures/docker";
import { TASK_DEFINITION, hardenedContainerDefinition } from "../fixtures/aws";
import { judge, PackConfig } from "../helpers";
import { workloadsOf } from "../../adapters";
import { pssIds } from "./pss";

const SECCOMP_CHECKS = ["seccompProfile_baseline", "seccompProfile_restricted"];
const ours = (type: string, props: Record<string, unknown>, config: PackConfig = {}) =>
    judge(type, props, config).filter((d) => SECCOMP_CHECKS.includes(d.check));

function dockerWith(...opts: string[]) {
    const c = hardenedContainer();
    c.securityOpts = ["no-new-privileges:true", ...opts];
    return c;
}

function ecsWith(...opts: string[]) {
    const web = { ...hardenedContainerDefinition(), dockerSecurityOptions: ["no-new-privileges", ...opts] };
    return {
        family: "web",
        requiresCompatibilities: ["FARGATE"],
        networkMode: "awsvpc",
        cpu: "256",
        memory: "512",
        containerDefinitions: JSON.stringify([web]),
    };
}

const CARRIERS: Array<[string, string, (...opts: string[]) => Record<string, unknown>, string]> = [
    ["Docker container securityOpts", DOCKER_CONTAINER, dockerWith, "securityOpts[1]"],
    ["ECS dockerSecurityOptions", TASK_DEFINITION, ecsWith, "containerDefinitions[0].dockerSecurityOptions[1]"],
];

const profile = (defaultAction: unknown) => JSON.stringify({ defaultAction, syscalls: [] });

describe("inline seccomp profiles", () => {
    for (const [name, type, withOpts, path] of CARRIERS) {
        describe(name, () => {
            for (const action of ["SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_TRACE"]) {
                it(`rejects a profile whose defaultAction is ${action}: unconfined in all but name`, () => {
                    const ds = ours(type, withOpts(`seccomp=${profile(action)}`));
                    assert.strictEqual(ds.length, 1, ds.map((d) => d.message).join(" | "));
                    assert.strictEqual(ds[0].check, "seccompProfile_baseline");
                    assert.strictEqual(ds[0].policy, "kernel-hardening");
                    assert.strictEqual(ds[0].advisory, false);
                    assert.ok(
                        ds[0].message.includes(
                            `must not set a seccomp profile whose default action lets every unlisted system call through (unconfined in all but name): ${path} is "${action}"; make the profile's defaultAction refuse (SCMP_ACT_ERRNO)`,
                        ),
                        ds[0].message,
                    );
                });
            }
            for (const action of [
                "SCMP_ACT_ERRNO",
                "SCMP_ACT_KILL",
                "SCMP_ACT_KILL_PROCESS",
                "SCMP_ACT_KILL_THREAD",
                "SCMP_ACT_TRAP",
                "SCMP_ACT_NOTIFY",
            ]) {
                it(`accepts a profile whose defaultAction is ${action}`, () => {
                    assert.deepStrictEqual(ours(type, withOpts(`seccomp=${profile(action)}`)), []);
                });
            }
            it("reads the key as Docker's Go decoder does: any case, the last match winning; and the legacy `:` form", () => {
                const mixed = (first: string, second: string) =>
                    `{"defaultAction":"${first}","DEFAULTACTION":"${second}"}`;
                assert.strictEqual(
                    ours(type, withOpts(`seccomp=${mixed("SCMP_ACT_ERRNO", "SCMP_ACT_ALLOW")}`)).length,
                    1,
                );
                assert.deepStrictEqual(
                    ours(type, withOpts(`seccomp=${mixed("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO")}`)),
                    [],
                );
                assert.strictEqual(ours(type, withOpts(`seccomp:${profile("SCMP_ACT_LOG")}`)).length, 1);
                assert.strictEqual(ours(type, withOpts(`SECCOMP = ${profile("SCMP_ACT_ALLOW")}`)).length, 1);
            });
            for (const [what, json] of [
                ["JSON that does not parse", '{"defaultAction": "SCMP_ACT_ERRNO"'],
                ["no defaultAction", '{"syscalls": []}'],
                ["a defaultAction the runtime does not know", profile("scmp_act_allow")],
                ["a defaultAction that is no string", profile(0)],
                ["a defaultAction of null", profile(null)],
            ]) {
                it(`fails closed on ${what} (malformed, not a pass)`, () => {
                    const ds = ours(type, withOpts(`seccomp=${json}`));
                    assert.strictEqual(ds.length, 1, ds.map((d) => d.message).join(" | "));
                    assert.strictEqual(ds[0].advisory, false);
                    assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
                    assert.ok(ds[0].message.includes(path), ds[0].message);
                    const advisory = ours(type, withOpts(`seccomp=${json}`), {
                        "kernel-hardening": { malformedValues: "advisory" },
                    });
                    assert.deepStrictEqual(
                        advisory.map((d) => d.advisory),
                        [true],
                    );
                });
            }
            it("a later unreadable profile replaces an earlier one, as Docker keeps the last option", () => {
                const ds = ours(type, withOpts("seccomp=unconfined", "seccomp={"));
                assert.deepStrictEqual(
                    ds.map((d) => /cannot interpret/.test(d.message)),
                    [true],
                );
                const ignored = ours(type, withOpts("seccomp=unconfined", "seccomp={"), {
                    "kernel-hardening": { malformedValues: "ignore" },
                });
                assert.deepStrictEqual(ignored, []);
            });
            it("a named profile and unconfined keep their meaning", () => {
                assert.deepStrictEqual(ours(type, withOpts("seccomp=/etc/docker/seccomp/strict.json")), []);
                assert.deepStrictEqual(ours(type, withOpts("seccomp=builtin")), []);
                assert.match(ours(type, withOpts("seccomp=unconfined"))[0].message, /unconfined or unknown seccomp/);
            });
        });
    }

    it("the model carries the inline profile's defaultAction as a profile of the user's own (Localhost)", () => {
        const [w] = workloadsOf(DOCKER_CONTAINER, "c", dockerWith(`seccomp=${profile("SCMP_ACT_LOG")}`));
        assert.deepStrictEqual(w.containers[0].security.seccompProfile, {
            type: "Localhost",
            localhostProfile: "(inline)",
            defaultAction: "SCMP_ACT_LOG",
            path: "securityOpts[1]",
        });
        const [bad] = workloadsOf(DOCKER_CONTAINER, "c", dockerWith("seccomp={x"));
        assert.strictEqual(bad.containers[0].security.seccompProfile, undefined);
        assert.deepStrictEqual(bad.issues, [
            { kind: "malformed", field: "seccomp", path: "securityOpts[1]", container: "web", value: "{x" },
        ]);
    });

    it("PSS restricted names a permissive profile under both IDs, as it names an explicit Unconfined", () => {
        assert.deepStrictEqual(
            pssIds("restricted", "latest", DOCKER_CONTAINER, dockerWith(`seccomp=${profile("SCMP_ACT_ALLOW")}`)).filter(
                (id) => SECCOMP_CHECKS.includes(id),
            ),
            ["seccompProfile_baseline", "seccompProfile_restricted"],
        );
        assert.deepStrictEqual(
            pssIds("restricted", "latest", DOCKER_CONTAINER, dockerWith("seccomp=unconfined")).filter((id) =>
                SECCOMP_CHECKS.includes(id),
            ),
            ["seccompProfile_baseline", "seccompProfile_restricted"],
        );
    });
});
