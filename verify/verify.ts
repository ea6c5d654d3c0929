// Measures each container of the given resources under the runtime its workload names and sets the measurement
// beside the pack's verdicts. Used by `isolation-guard verify` and by the oracle tests.
import { ResolvedPolicy } from "../cli/packConfig";
import { StackResource } from "../model/stack";
import { Workload } from "../model/workload";
import { Agreement, agreements, Boundary, boundaryOf, Calibration } from "./oracle";
import { busyboxPath, HostFacts, hostFacts, ProbeRunner, RuntimeName, runtimePath, RUNTIMES } from "./probe";
import { judge, JudgedContainer, TenancyVerdict, Verdict } from "./judge";
import { resolveRuntime, RuntimeChoice } from "./runtime";
import { buildSpec, readHostDevices, SpecContext } from "./spec";
import type { OciDevice, OciSpec } from "./oci";
import { hostCapabilities } from "./capabilities";

export interface ContainerResult {
    urn: string;
    workload: Workload;
    container: string;
    /** The runtime the workload names (resolved), whether or not it could run here. */
    runtime: string;
    multiTenant: boolean;
    /** The pack's tenancy verdict, whether or not the container could be started or measured. */
    tenancy: TenancyVerdict;
    verdict: Verdict[];
    boundary?: Boundary;
    agreements: Agreement[];
    /** The platform would not start this container (e.g. runAsNonRoot and a root user). */
    refused?: string;
    /** Why it was not measured (runtime not available, a VM, the probe failed). */
    unmeasured?: string;
    notes: string[];
}

/** Whether this machine can measure: root, busybox-static, and which runtimes. The reason when it cannot. */
export interface Readiness {
    busybox?: string;
    runtimes: Map<RuntimeName, string>;
    problem?: string;
}

export function readiness(): Readiness {
    const runtimes = new Map<RuntimeName, string>();
    for (const r of RUNTIMES) {
        const p = runtimePath(r);
        if (p) runtimes.set(r, p);
    }
    const busybox = busyboxPath();
    const missing = [...(!busybox ? ["busybox-static"] : []), ...(!runtimes.size ? ["runc or runsc (gVisor)"] : [])];
    const problem =
        typeof process.getuid === "function" && process.getuid() !== 0
            ? "must run as root (it starts containers with runc/runsc)"
            : missing.length
              ? `needs ${missing.join(" and ")}: apt-get install -y runc runsc busybox-static`
              : undefined;
    return { busybox, runtimes, problem };
}

export interface VerifyOptions {
    runtimeMap?: ReadonlyMap<string, string>;
    /** Measure every container under this runtime instead of the one its workload names (the oracle tests). */
    forceRuntime?: RuntimeName;
    /** Containers measured at once. */
    concurrency?: number;
    timeoutMs?: number;
}

/** A workload with no isolation settings at all: the calibration run (what a plain container sees). */
function plainWorkload(): Workload {
    const c = {
        name: "plain",
        role: "container" as const,
        path: "",
        security: { path: "", paths: { privileged: "", allowPrivilegeEscalation: "", capAdd: "", capDrop: "" } },
        ports: [],
        hostReferences: [],
        mounts: [],
    };
    return {
        platform: "kubernetes",
        isolation: "container",
        type: "kubernetes:core/v1:Pod",
        kind: "Pod",
        name: "plain",
        isPatch: false,
        labels: {},
        annotations: {},
        podLabels: {},
        podAnnotations: {},
        specPath: "spec",
        hostNamespaces: [],
        pod: { path: "spec.securityContext" },
        sysctls: [],
        containers: [c],
        volumes: [],
        issues: [],
    };
}

async function pool<T>(items: readonly T[], n: number, f: (t: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
        Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
            while (next < items.length) await f(items[next++]);
        }),
    );
}

export class Verifier {
    readonly host: HostFacts = hostFacts();
    private readonly runner: ProbeRunner;
    private readonly calibrations = new Map<RuntimeName, Promise<Calibration>>();
    private devices?: OciDevice[];
    private readonly ctx: SpecContext;

    constructor(
        readonly ready: Readiness,
        private readonly options: VerifyOptions = {},
    ) {
        if (!ready.busybox) throw new Error("busybox-static is not installed");
        this.runner = new ProbeRunner(ready.busybox, options.timeoutMs);
        this.ctx = {
            standIns: this.runner.standIns,
            hostDevices: () => (this.devices ??= readHostDevices()),
        };
    }

    /**
     * What a plain container measures under `runtime` (once per runtime), and which capabilities the runtime accepts:
     * a runtime older than the kernel refuses capabilities it does not know (runsc 2022 stops at AUDIT_READ), so the
     * newest are left out one at a time until it starts.
     */
    calibration(runtime: RuntimeName): Promise<Calibration> {
        let c = this.calibrations.get(runtime);
        if (!c) {
            c = (async () => {
                const w = plainWorkload();
                const spec = buildSpec(w, w.containers[0], this.ctx).spec as OciSpec;
                const caps = hostCapabilities();
                for (let attempt = 0; ; attempt++) {
                    const named = caps.map((x) => `CAP_${x}`);
                    spec.process.capabilities = {
                        bounding: named,
                        effective: named,
                        permitted: named,
                        inheritable: [],
                    };
                    try {
                        const m = await this.runner.run(runtime, spec, this.ready.runtimes.get(runtime));
                        return { devices: m.devices, capabilities: caps };
                    } catch (e) {
                        if (attempt >= 5 || caps.length === 0) throw e;
                        caps.pop();
                    }
                }
            })();
            this.calibrations.set(runtime, c);
        }
        return c;
    }

    async measure(
        j: JudgedContainer,
        runtime: RuntimeName | undefined,
        why: string | undefined,
    ): Promise<ContainerResult> {
        const r: ContainerResult = {
            urn: j.urn,
            workload: j.workload,
            container: j.container.name,
            runtime: runtime ?? why ?? "",
            multiTenant: j.multiTenant,
            tenancy: j.tenancy,
            verdict: j.verdicts,
            agreements: [],
            notes: [],
        };
        if (!runtime) {
            r.unmeasured = why;
            return r;
        }
        const binary = this.ready.runtimes.get(runtime);
        if (!binary) {
            r.unmeasured = `${runtime} is not installed`;
            return r;
        }
        const plan = buildSpec(j.workload, j.container, this.ctx);
        r.notes.push(...plan.notes);
        if (plan.refused || !plan.spec) {
            r.refused = plan.refused;
            return r;
        }
        if (runtime === "runsc" && plan.spec.linux.seccomp)
            r.notes.push("runsc does not load the spec's seccomp profile: gVisor's kernel serves every syscall itself");
        try {
            const calibration = await this.calibration(runtime);
            const known = new Set(calibration.capabilities.map((x) => `CAP_${x}`));
            const unknown = plan.spec.process.capabilities.bounding.filter((x) => !known.has(x));
            if (unknown.length) {
                r.notes.push(`${runtime} does not know ${unknown.join(", ")}: left out`);
                const keep = (xs: string[]) => xs.filter((x) => known.has(x));
                const caps = plan.spec.process.capabilities;
                plan.spec.process.capabilities = {
                    bounding: keep(caps.bounding),
                    effective: keep(caps.effective),
                    permitted: keep(caps.permitted),
                    inheritable: keep(caps.inheritable),
                };
            }
            const m = await this.runner.run(runtime, plan.spec, binary);
            r.boundary = boundaryOf(runtime, m, this.host);
            r.agreements = agreements(j, r.boundary, calibration);
        } catch (e) {
            r.unmeasured = (e as Error).message;
        }
        return r;
    }

    /** Judges and measures every container of the resources. */
    async verify(resources: readonly StackResource[], policies: readonly ResolvedPolicy[]): Promise<ContainerResult[]> {
        const { stack, containers } = judge(resources, policies);
        const results: ContainerResult[] = new Array(containers.length);
        const jobs = containers.map((j, i) => ({ j, i }));
        await pool(jobs, this.options.concurrency ?? 2, async ({ j, i }) => {
            const choice: RuntimeChoice = this.options.forceRuntime
                ? { name: this.options.forceRuntime, runtime: this.options.forceRuntime }
                : resolveRuntime(j.workload, stack, this.options.runtimeMap ?? new Map());
            const res = await this.measure(j, choice.runtime, choice.unavailable);
            if (!choice.runtime) res.runtime = choice.name;
            results[i] = res;
        });
        return results;
    }

    close(): void {
        this.runner.close();
    }

    /** Interrupted: delete running containers and the work directory before the process exits. */
    abort(): void {
        this.runner.abort();
    }
}
