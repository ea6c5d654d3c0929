// Stand-ins for host paths. The verifier never binds a real host path into a container: every hostPath volume,
// Docker bind or device is replaced by a fresh directory under one temporary root, holding a marker file that names
// the host path it stands for. The probe finding a marker proves "this host path would be reachable, and writable or
// not" without exposing anything of the host.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const MARKER_FILE = ".isolation-guard-standin";

export class StandInRoot {
    readonly root: string;
    private count = 0;

    constructor(parent: string = os.tmpdir()) {
        this.root = fs.realpathSync(fs.mkdtempSync(path.join(parent, "isolation-guard-standins-")));
    }

    /** A new directory standing for `hostPath`, with the marker naming it. */
    create(hostPath: string): string {
        const dir = path.join(this.root, String(this.count++));
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, MARKER_FILE), `${hostPath}\n`);
        // World-writable so that a non-root probe can still show whether the mount itself is writable.
        fs.chmodSync(dir, 0o777);
        return dir;
    }

    /** Throws unless `source` resolves to a directory inside this root (symlinks resolved): the bind guard. */
    assertInside(source: string): void {
        let real: string;
        try {
            real = fs.realpathSync(source);
        } catch {
            throw new HostPathRefused(source, "does not exist");
        }
        if (!real.startsWith(this.root + path.sep)) throw new HostPathRefused(source, `is outside ${this.root}`);
    }

    remove(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}

export class HostPathRefused extends Error {
    constructor(
        readonly source: string,
        reason: string,
    ) {
        super(`refusing to bind ${JSON.stringify(source)} into a container: ${reason}; only stand-ins may be bound`);
    }
}

/** A mount is a bind when its type or options say so; runc and runsc treat both alike. */
export function isBindMount(m: { type?: string; options?: string[] }): boolean {
    return m.type === "bind" || (m.options ?? []).some((o) => o === "bind" || o === "rbind");
}
