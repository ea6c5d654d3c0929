// Sysctl values that smuggle a second setting (issue 10 part 4, CVE-2022-0811 "cr8escape"): rejected by [sysctls]
// for every name, safe-listed or not, at every PSS version, with the reason in the message.
import * as assert from "assert";
import { CARRIERS, POD, hardenedPodSpec } from "../fixtures/kubernetes";
import { DOCKER_CONTAINER, DOCKER_SERVICE, hardenedContainer, hardenedService } from "../fixtures/docker";
import { judge } from "../helpers";
import { pssIds } from "./pss";

const CR8ESCAPE = "1+kernel.core_pattern=|/var/lib/containers/storage/overlay/abc/merged/malicious.sh #";

const withSysctl = (name: string, value: unknown) => {
    const spec = hardenedPodSpec();
    spec.securityContext.sysctls = [{ name, value }];
    return spec;
};

const sysctlFindings = (type: string, props: Record<string, unknown>) =>
    judge(type, props).filter((d) => d.check === "sysctls");

describe("check sysctls: values that could set another key", () => {
    for (const carrier of CARRIERS) {
        it(`${carrier.type}: rejects the cr8escape value on the safe-listed kernel.shm_rmid_forced`, () => {
            const ds = sysctlFindings(carrier.type, carrier.wrap(withSysctl("kernel.shm_rmid_forced", CR8ESCAPE)));
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(ds[0].advisory, false);
            assert.ok(
                ds[0].message.includes(
                    `must not give sysctl kernel.shm_rmid_forced a value that could set another key: it contains "+"`,
                ) &&
                    ds[0].message.includes("CVE-2022-0811") &&
                    ds[0].message.includes(`${carrier.specPath}.securityContext.sysctls[0].value is "1+kernel`),
                ds[0].message,
            );
        });
    }

    const smuggled: Array<[string, string]> = [
        ["1+kernel.core_pattern=x", '"+"'],
        ["1 kernel.core_pattern=|/x", '"="'],
        ["1\nkernel.core_pattern=|/x", '"="'],
        ["1\n", "line break"],
        ["1\r", "line break"],
        ["1\u0000x", "NUL"],
        ["1;2", '";"'],
        ["1\u001b", "control character"],
    ];
    for (const [value, reason] of smuggled) {
        it(`rejects ${JSON.stringify(value)} (${reason}) at v1.0, v1.27 and latest, baseline and restricted`, () => {
            for (const level of ["baseline", "restricted"] as const)
                for (const version of ["v1.0", "v1.27", "latest"])
                    assert.deepStrictEqual(
                        pssIds(level, version, POD.type, POD.wrap(withSysctl("net.ipv4.tcp_syncookies", value))),
                        ["sysctls"],
                        `${level} ${version}`,
                    );
            const ds = sysctlFindings(POD.type, POD.wrap(withSysctl("net.ipv4.tcp_syncookies", value)));
            assert.ok(ds.length === 1 && ds[0].message.includes(reason), ds[0]?.message);
        });
    }

    it("reports an unsafe name and its smuggling value as two faults", () => {
        const ds = sysctlFindings(POD.type, POD.wrap(withSysctl("kernel.msgmax", "1+kernel.core_pattern=x")));
        assert.strictEqual(ds.length, 2);
        assert.ok(ds[0].message.includes("unsafe sysctls (kernel.msgmax)"), ds[0].message);
        assert.ok(ds[1].message.includes("could set another key"), ds[1].message);
    });

    it("accepts the real values of the safe sysctls: numbers, ranges with spaces or tabs, comma lists", () => {
        const spec = hardenedPodSpec();
        spec.securityContext.sysctls = [
            { name: "kernel.shm_rmid_forced", value: "1" },
            { name: "net.ipv4.ip_local_port_range", value: "32768 60999" },
            { name: "net.ipv4.ping_group_range", value: "0\t2147483647" },
            { name: "net.ipv4.ip_local_reserved_ports", value: "8080,9148-9150" },
            { name: "net.ipv4.tcp_rmem", value: "4096 87380 6291456" },
        ];
        assert.deepStrictEqual(sysctlFindings(POD.type, POD.wrap(spec)), []);
    });

    it("judges Docker container and swarm service sysctl values alike", () => {
        const c = hardenedContainer();
        c.sysctls = { "net.ipv4.ip_unprivileged_port_start": "0+kernel.core_pattern=|/x" };
        const ds = sysctlFindings(DOCKER_CONTAINER, c);
        assert.strictEqual(ds.length, 1);
        assert.ok(ds[0].message.includes('sysctls.net.ipv4.ip_unprivileged_port_start is "0+kernel'), ds[0].message);
        const s = hardenedService();
        s.taskSpec.containerSpec.sysctl = { "net.ipv4.ip_unprivileged_port_start": "0\nkernel.core_pattern=x" };
        assert.strictEqual(sysctlFindings(DOCKER_SERVICE, s).length, 1);
    });
});
