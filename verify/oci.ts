// The parts of the OCI runtime specification (config.json, version 1.0.2) the verifier writes.
import type { LinuxSeccomp } from "./seccomp";

export interface OciMount {
    destination: string;
    type: string;
    source: string;
    options?: string[];
}

export interface OciDevice {
    path: string;
    type: "c" | "b";
    major: number;
    minor: number;
    fileMode?: number;
    uid?: number;
    gid?: number;
}

export interface OciSpec {
    ociVersion: string;
    process: {
        terminal: boolean;
        user: { uid: number; gid: number };
        args: string[];
        env: string[];
        cwd: string;
        capabilities: { bounding: string[]; effective: string[]; permitted: string[]; inheritable: string[] };
        rlimits: Array<{ type: string; hard: number; soft: number }>;
        noNewPrivileges: boolean;
    };
    root: { path: string; readonly: boolean };
    hostname?: string;
    mounts: OciMount[];
    linux: {
        namespaces: Array<{ type: string }>;
        uidMappings?: Array<{ containerID: number; hostID: number; size: number }>;
        gidMappings?: Array<{ containerID: number; hostID: number; size: number }>;
        devices?: OciDevice[];
        resources: { devices: Array<{ allow: boolean; access: string; type?: string }> };
        seccomp?: LinuxSeccomp;
        sysctl?: Record<string, string>;
        maskedPaths?: string[];
        readonlyPaths?: string[];
    };
}
