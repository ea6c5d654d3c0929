import * as assert from "assert";
import { CARRIERS, PATCH_CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { checkIds, judge } from "../helpers";
import { pssIds } from "./pss";

const withSysctls = (...names: string[]) => {
    const spec = hardenedPodSpec();
    spec.securityContext.sysctls = names.map((name) => ({ name, value: "1" }));
    return POD.wrap(spec);
};

describe("check sysctls", () => {
    for (const carrier of [...CARRIERS, ...PATCH_CARRIERS]) {
        it(`${carrier.type}: rejects an unsafe sysctl, once per pod`, () => {
            const spec = hardenedPodSpec();
            spec.securityContext.sysctls = [
                { name: "kernel.shm_rmid_forced", value: "1" },
                { name: "kernel.msgmax", value: "65536" },
                { name: "vm.swappiness", value: "1" },
            ];
            const ds = judge(carrier.type, carrier.wrap(spec)).filter((d) => d.check === "sysctls");
            assert.strictEqual(ds.length, 1);
            assert.ok(
                ds[0].message.includes("(kernel.msgmax, vm.swappiness)") &&
                    ds[0].message.includes(`${carrier.specPath}.securityContext.sysctls[1].name is "kernel.msgmax"`),
                ds[0].message,
            );
        });
    }

    it("accepts the v1.0 safe set at every version", () => {
        assert.deepStrictEqual(
            pssIds(
                "baseline",
                "v1.0",
                POD.type,
                withSysctls(
                    "kernel.shm_rmid_forced",
                    "net.ipv4.ip_local_port_range",
                    "net.ipv4.tcp_syncookies",
                    "net.ipv4.ping_group_range",
                    "net.ipv4.ip_unprivileged_port_start",
                ),
            ),
            [],
        );
    });

    it("grows the allow-list with the PSS version", () => {
        const steps: Array<[string, string]> = [
            ["net.ipv4.ip_local_reserved_ports", "v1.27"],
            ["net.ipv4.tcp_keepalive_time", "v1.29"],
            ["net.ipv4.tcp_fin_timeout", "v1.29"],
            ["net.ipv4.tcp_rmem", "v1.32"],
            ["net.ipv4.tcp_wmem", "v1.32"],
            ["net.ipv4.tcp_slow_start_after_idle", "v1.37"],
            ["net.ipv4.tcp_notsent_lowat", "v1.37"],
        ];
        for (const [name, since] of steps) {
            const before = `v1.${Number(since.slice(3)) - 1}`;
            assert.deepStrictEqual(
                pssIds("baseline", before, POD.type, withSysctls(name)),
                ["sysctls"],
                `${name} at ${before}`,
            );
            assert.deepStrictEqual(pssIds("baseline", since, POD.type, withSysctls(name)), [], `${name} at ${since}`);
            assert.deepStrictEqual(pssIds("baseline", "latest", POD.type, withSysctls(name)), [], `${name} at latest`);
        }
    });

    // Issue 22 changed this: Docker hands sysctls to runc, which takes only namespaced ones, so they are judged by
    // whether they reach the host (docker-host-access-devices-proc-sysctls.test.ts), no longer by the PSS list.
    it("judges Docker sysctls by whether they reach the host, not by the PSS list", () => {
        const c = hardenedContainer();
        c.sysctls = { "net.ipv4.ip_unprivileged_port_start": "0" };
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), []);
        c.sysctls = { "kernel.msgmax": "65536" };
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), []);
        c.sysctls = { "kernel.core_pattern": "|/x" };
        assert.deepStrictEqual(checkIds(DOCKER_CONTAINER, c), ["sysctls"]);
        const s = hardenedService();
        s.taskSpec.containerSpec.sysctl = { "net.core.somaxconn": "1024" };
        assert.deepStrictEqual(checkIds(DOCKER_SERVICE, s), []);
        s.taskSpec.containerSpec.sysctl = { "vm.overcommit_memory": "1" };
        assert.deepStrictEqual(checkIds(DOCKER_SERVICE, s), ["sysctls"]);
    });

    it("a malformed sysctls list fails closed as a sysctls finding", () => {
        const spec = hardenedPodSpec();
        (spec.securityContext as Record<string, unknown>).sysctls = "oops";
        const ds = judge(POD.type, POD.wrap(spec)).filter((d) => d.check === "sysctls");
        assert.strictEqual(ds.length, 1);
        assert.match(ds[0].message, /cannot interpret, which is treated as a violation/);
    });
});
