// The probe: a root filesystem of the static busybox binary and one shell script that prints what the kernel says
// about the container it runs in, and the runner that starts it under runc or runsc (gVisor) and always cleans up.
import { execFile, spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { decodeCapabilityMask } from "./capabilities";
import { OciSpec } from "./oci";
import { PROBE_PATH } from "./spec";
import { MARKER_FILE, StandInRoot } from "./standins";

export type RuntimeName = "runc" | "runsc";
export const RUNTIMES: readonly RuntimeName[] = ["runc", "runsc"];

export const NAMESPACES = ["cgroup", "ipc", "mnt", "net", "pid", "user", "uts"] as const;
export type NamespaceName = (typeof NAMESPACES)[number];

/** Where the static busybox is (Debian's busybox-static; BUSYBOX overrides). */
export function busyboxPath(): string | undefined {
    const candidates = [process.env.BUSYBOX, "/bin/busybox", "/usr/bin/busybox"].filter((p): p is string => !!p);
    for (const p of candidates) {
        try {
            // A dynamically linked busybox would not run in a root filesystem without its libraries.
            const head = fs.readFileSync(p).subarray(0, 4096).toString("latin1");
            if (!head.includes("/ld-linux") && !head.includes("ld-musl")) return p;
        } catch {
            // next candidate
        }
    }
    return undefined;
}

/** `runc`/`runsc` on PATH (or in /usr/sbin, where Debian puts runc), or undefined. */
export function runtimePath(name: RuntimeName): string | undefined {
    const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin", "/sbin"];
    for (const d of dirs) {
        if (!d) continue;
        const p = path.join(d, name);
        try {
            fs.accessSync(p, fs.constants.X_OK);
            return p;
        } catch {
            // next directory
        }
    }
    return undefined;
}

const APPLETS = ["sh", "cat", "echo", "find", "grep", "id", "readlink", "rm", "sed", "touch", "uname", "wc"];

/**
 * The probe script. Every line is `key=value`. It reads only what the kernel reports (/proc/self/status,
 * /proc/self/ns, uname, boot_id), looks for stand-in markers anywhere outside /proc, /sys and /dev, and tries to
 * create (and removes) a file beside each marker to tell writable from read-only. No network access of any kind.
 */
export const PROBE_SCRIPT = `grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status | sed 's/:[[:space:]]*/=/'
echo "uid=$(id -u)"
echo "gid=$(id -g)"
for n in ${NAMESPACES.join(" ")}; do echo "ns.$n=$(readlink /proc/self/ns/$n)"; done
echo "kernel=$(uname -r)"
echo "bootId=$(cat /proc/sys/kernel/random/boot_id)"
find / \\( -path /proc -o -path /sys -o -path /dev \\) -prune -o -name ${MARKER_FILE} -type f -print 2>/dev/null | while read -r f; do
  d="\${f%/*}"; w=no
  if touch "$d/.isolation-guard-write-test" 2>/dev/null; then w=yes; rm -f "$d/.isolation-guard-write-test"; fi
  echo "standin=$w $(cat "$f")"
done
echo "devices=$(find /dev \\( -type c -o -type b \\) 2>/dev/null | wc -l)"
echo "end=1"
`;

export interface Measurement {
    /** Capability sets, decoded to names. */
    capEff: string[];
    capPrm: string[];
    capBnd: string[];
    /** null when the kernel does not report it (gVisor's /proc/self/status has no NoNewPrivs line). */
    noNewPrivileges: boolean | null;
    /** 0 none, 1 strict, 2 filter; null when not reported. */
    seccompMode: number | null;
    uid: number;
    gid: number;
    namespaces: Partial<Record<NamespaceName, string>>;
    kernel: string;
    bootId: string;
    /** Stand-in markers the container can see: the host path each stands for, and whether it could write there. */
    standIns: Array<{ hostPath: string; writable: boolean }>;
    /** Device nodes (character and block) under /dev. */
    devices: number;
}

/** The verifier's own view: what a container that shares the host's kernel and namespaces would report. */
export interface HostFacts {
    namespaces: Partial<Record<NamespaceName, string>>;
    kernel: string;
    bootId: string;
}

export function hostFacts(): HostFacts {
    const namespaces: HostFacts["namespaces"] = {};
    for (const n of NAMESPACES) {
        try {
            namespaces[n] = fs.readlinkSync(`/proc/self/ns/${n}`);
        } catch {
            // this kernel has no such namespace
        }
    }
    return {
        namespaces,
        kernel: os.release(),
        bootId: fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim(),
    };
}

export function parseProbeOutput(stdout: string): Measurement {
    const kv = new Map<string, string>();
    const standIns: Measurement["standIns"] = [];
    for (const line of stdout.split("\n")) {
        const eq = line.indexOf("=");
        if (eq < 0) continue;
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1);
        if (key === "standin") {
            const sp = value.indexOf(" ");
            standIns.push({ writable: value.slice(0, sp) === "yes", hostPath: value.slice(sp + 1) });
        } else kv.set(key, value);
    }
    if (kv.get("end") !== "1") throw new Error(`the probe did not finish; it printed:\n${stdout}`);
    const num = (k: string) => (kv.has(k) ? Number(kv.get(k)) : null);
    const namespaces: Measurement["namespaces"] = {};
    for (const n of NAMESPACES) {
        const v = kv.get(`ns.${n}`);
        if (v) namespaces[n] = v;
    }
    return {
        capEff: decodeCapabilityMask(kv.get("CapEff") ?? "0"),
        capPrm: decodeCapabilityMask(kv.get("CapPrm") ?? "0"),
        capBnd: decodeCapabilityMask(kv.get("CapBnd") ?? "0"),
        noNewPrivileges: kv.has("NoNewPrivs") ? kv.get("NoNewPrivs") === "1" : null,
        seccompMode: num("Seccomp"),
        uid: Number(kv.get("uid")),
        gid: Number(kv.get("gid")),
        namespaces,
        kernel: kv.get("kernel") ?? "",
        bootId: kv.get("bootId") ?? "",
        standIns: standIns.sort((a, b) => a.hostPath.localeCompare(b.hostPath)),
        devices: num("devices") ?? 0,
    };
}

export class ProbeError extends Error {}

/**
 * Starts probe containers. One instance owns a temporary work directory (bundles, runtime state) and the stand-in
 * root; close() removes both. Container IDs are unique per run; every container is force-deleted after it ran,
 * whether it finished, failed or timed out.
 */
export class ProbeRunner {
    readonly workDir: string;
    readonly standIns: StandInRoot;
    private seq = 0;
    /** Containers started and not yet deleted: runtime binary, its global flags, id. */
    private readonly active = new Map<string, { binary: string; global: string[] }>();
    private readonly tag = `${process.pid}-${randomBytes(3).toString("hex")}`;

    constructor(
        private readonly busybox: string,
        readonly timeoutMs = 20000,
    ) {
        this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), "isolation-guard-verify-"));
        this.standIns = new StandInRoot(this.workDir);
    }

    private makeBundle(spec: OciSpec): string {
        const bundle = fs.mkdtempSync(path.join(this.workDir, "bundle-"));
        const rootfs = path.join(bundle, "rootfs");
        for (const d of ["bin", "proc", "sys", "dev", "tmp"]) fs.mkdirSync(path.join(rootfs, d), { recursive: true });
        fs.chmodSync(path.join(rootfs, "tmp"), 0o1777);
        const bin = path.join(rootfs, "bin", "busybox");
        try {
            fs.linkSync(this.busybox, bin);
        } catch {
            fs.copyFileSync(this.busybox, bin);
            fs.chmodSync(bin, 0o755);
        }
        for (const a of APPLETS) fs.symlinkSync("busybox", path.join(rootfs, "bin", a));
        fs.writeFileSync(path.join(rootfs, PROBE_PATH), PROBE_SCRIPT, { mode: 0o755 });
        // A user namespace maps container root to an unprivileged range: it must still be able to enter the rootfs.
        fs.chmodSync(bundle, 0o755);
        fs.writeFileSync(path.join(bundle, "config.json"), JSON.stringify(spec, null, 2));
        return bundle;
    }

    private argv(runtime: RuntimeName): string[] {
        const state = path.join(this.workDir, `state-${runtime}`);
        // gVisor: ptrace works without KVM or nested virtualization; no network stack at all.
        return runtime === "runsc" ? ["--root", state, "--platform=ptrace", "--network=none"] : ["--root", state];
    }

    /** Runs the probe under `runtime` with `spec` and returns what it measured. */
    async run(runtime: RuntimeName, spec: OciSpec, runtimeBinary: string = runtime): Promise<Measurement> {
        // The bind guard once more at the last moment before anything runs.
        for (const m of spec.mounts)
            if (m.type === "bind" || m.options?.includes("rbind")) this.standIns.assertInside(m.source);
        const id = `isolation-guard-${this.tag}-${this.seq++}`;
        const bundle = this.makeBundle(spec);
        const global = this.argv(runtime);
        this.active.set(id, { binary: runtimeBinary, global });
        try {
            const { stdout, stderr, code, timedOut } = await new Promise<{
                stdout: string;
                stderr: string;
                code: number | null;
                timedOut: boolean;
            }>((resolve, reject) => {
                const child = spawn(runtimeBinary, [...global, "run", "--bundle", bundle, id], {
                    stdio: ["ignore", "pipe", "pipe"],
                });
                let out = "";
                let err = "";
                let timedOut = false;
                const timer = setTimeout(() => {
                    timedOut = true;
                    child.kill("SIGKILL");
                }, this.timeoutMs);
                child.stdout.on("data", (d: Buffer) => (out += d.toString()));
                child.stderr.on("data", (d: Buffer) => (err += d.toString()));
                child.on("error", (e) => {
                    clearTimeout(timer);
                    reject(e);
                });
                child.on("close", (code) => {
                    clearTimeout(timer);
                    resolve({ stdout: out, stderr: err, code, timedOut });
                });
            });
            if (timedOut) throw new ProbeError(`${runtime}: the probe did not finish within ${this.timeoutMs} ms`);
            if (code !== 0) throw new ProbeError(`${runtime} exited ${code}: ${stderr.trim() || stdout.trim()}`);
            return parseProbeOutput(stdout);
        } finally {
            await promisify(execFile)(runtimeBinary, [...global, "delete", "--force", id]).catch(() => undefined);
            this.active.delete(id);
            fs.rmSync(bundle, { recursive: true, force: true });
        }
    }

    /** On SIGINT/SIGTERM: force-delete whatever is still running, synchronously, then remove everything. */
    abort(): void {
        for (const [id, { binary, global }] of this.active) spawnSync(binary, [...global, "delete", "--force", id]);
        this.active.clear();
        this.close();
    }

    close(): void {
        fs.rmSync(this.workDir, { recursive: true, force: true });
    }
}
