// Mocha setup for the mutation run (.mocharc.mutation.json requires it): only in-process tests judge a mutant.
//
// Stryker activates a mutant inside the test runner's own process. A test that starts the pack, the scan CLI or the
// Pulumi CLI as a child process judges the unmutated build, so it can neither kill a mutant nor witness a survivor;
// it only costs time. Rather than keeping a list of such tests (which a new test would silently escape), every way of
// starting a process is replaced here by one that marks the running test (or, from a `before` hook, its suite) as
// skipped. The normal `npm test` run does not load this file.
// The module object itself: an ES namespace import would be an interop copy the tests never call through.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import childProcess = require("child_process");
import { Runnable } from "mocha";

let running: Runnable | undefined;
const run = Runnable.prototype.run;
Runnable.prototype.run = function (this: Runnable, ...args: Parameters<typeof run>) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the runnable a child process would start from
    running = this;
    return run.apply(this, args);
};

// The property tests (test/robustness/never-crash.test.ts) draw 100,000 random resources with a fresh seed each run.
// A mutant must be judged the same way every time it runs, and a survivor runs every test covering it: a fixed
// seed and a fiftieth of the runs here (FC_SEED / FC_SCALE given in the environment win).
process.env.FC_SEED ??= "20260101";
process.env.FC_SCALE ??= "0.02";

const starters = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
for (const name of starters) {
    Object.defineProperty(childProcess, name, {
        configurable: true,
        writable: true,
        value: () => {
            if (!running) throw new Error(`child_process.${name} outside a test during the in-process mutation run`);
            // Runnable#skip marks it pending and throws mocha's Pending, which mocha reports as a skip.
            return running.skip();
        },
    });
}
