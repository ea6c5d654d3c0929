// PSA `sysctls` (baseline): only the namespaced, node-isolated "safe" sysctls, an allow-list that grows with the PSS
// version (engine/pssTables.ts). Docker and ECS hand sysctls to a runtime that takes only namespaced ones
// (data/namespacedSysctls.ts): there a sysctl is judged by whether it reaches the host (not namespaced, or in a
// namespace the container shares with the host, such as `net.*` under host networking), not by the PSS list.
//
// Beyond PSA, at every version and for every name (safe-listed or not): a value that could set a second key. CRI-O's
// pinns took all of a pod's sysctls as one `key=value+key=value` argument, so `kernel.shm_rmid_forced` =
// `1+kernel.core_pattern=|/path/to/script` set the host's core_pattern and ran the script as root on the host
// (CVE-2022-0811, "cr8escape"; CRI-O 1.23.2 and its backports validate values). Runtimes
// and sysctl(8)-style writers split on `=` and on line ends, and a NUL ends a C string early; `;` separates settings
// in some runtime configs. No real sysctl value needs any of these: the safe sysctls take numbers, ranges
// ("32768 60999") and comma lists ("8080,9148-9150").
import { Check, Finding } from "../engine/types";
import { allowedAt, SAFE_SYSCTLS } from "../engine/pssTables";
import { dialectOf } from "../engine/dialect";
import { sysctlNamespace } from "../engine/namespacedSysctls";
import { Sysctl, Workload } from "../model/workload";

/** Characters a runtime may split a sysctl value on, each with why, for the message. */
const SEPARATORS: ReadonlyArray<[RegExp, string]> = [
    [/\+/, '"+" (CRI-O pinns joined sysctls with "+": CVE-2022-0811)'],
    [/=/, '"=" (it separates a key from its value)'],
    [/[\r\n]/, "a line break (sysctl.conf-style writers split lines)"],
    // eslint-disable-next-line no-control-regex -- a NUL is exactly what is looked for
    [/\u0000/, "a NUL byte (it ends the value early in C runtimes)"],
    [/;/, '";" (a setting separator)'],
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
    [/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/, "a control character"],
];

/** Why this value could set another key, or undefined when it cannot. */
export function smuggledSetting(value: string): string | undefined {
    for (const [re, why] of SEPARATORS) if (re.test(value)) return why;
    return undefined;
}

/**
 * Where the runtime takes only namespaced sysctls (Docker, ECS): those that would set the host's kernel, because the
 * kernel keeps them for the whole host or because the container shares their namespace with the host.
 */
function reachingTheHost(w: Workload): Finding[] {
    const shared = new Set<string>(w.hostNamespaces.map((h) => h.namespace));
    const why = (s: Sysctl): string | undefined => {
        const ns = sysctlNamespace(s.name);
        if (ns === undefined) return `${s.name}: not namespaced`;
        return shared.has(ns) ? `${s.name}: in the host's ${ns} namespace` : undefined;
    };
    const bad = w.sysctls.filter((s) => why(s) !== undefined);
    if (!bad.length) return [];
    return [
        {
            check: "sysctls",
            problem: `must not set sysctls that reach the host's kernel (${bad.map(why).join(", ")})`,
            field: bad[0].path,
            value: bad[0].name,
            fix: "remove them; the runtime takes only namespaced sysctls (kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.*, net.*), and only in a namespace of the container's own",
        },
    ];
}

export const sysctls: Check = {
    id: "sysctls",
    description:
        "Pods must set only the PSS safe sysctls (the list grows with pssVersion; Docker and ECS: only sysctls of a namespace of the container's own), and no sysctl value may carry a second setting (CVE-2022-0811).",
    reads: ["sysctls"],
    run(w, o) {
        const out: Finding[] = [];
        if (dialectOf(w).sysctls === "runtime-namespaces") out.push(...reachingTheHost(w));
        else {
            const allowed = allowedAt(SAFE_SYSCTLS, o.pssVersion);
            const bad = w.sysctls.filter((s) => !allowed.has(s.name));
            if (bad.length)
                out.push({
                    check: "sysctls",
                    problem: `must not set unsafe sysctls (${bad.map((s) => s.name).join(", ")})`,
                    field: bad[0].path,
                    value: bad[0].name,
                    fix: `remove them; allowed at this PSS version: ${[...allowed].join(", ")}`,
                });
        }
        for (const s of w.sysctls) {
            if (s.value === undefined) continue;
            const why = smuggledSetting(s.value);
            if (!why) continue;
            out.push({
                check: "sysctls",
                problem: `must not give sysctl ${s.name} a value that could set another key: it contains ${why}`,
                field: s.valuePath ?? s.path,
                value: s.value,
                fix: "set a plain value (a number, a space-separated range or a comma list); set each sysctl as its own entry",
            });
        }
        return out;
    },
};
