// `npm run bench [-- --quick]`: every benchmark side by side in one run, written to
// bench/RESULTS.md with plots in bench/plots/ (a quick run writes build/bench-quick.md and
// build/bench-quick-plots/ instead, so it never replaces the reference figures):
//   1. parse + classify 100/1,000/5,000-task responses: compiled C, the same TypeScript on Node,
//      tsdav + ical.js on Node (classifying, and parsing only), expat + libical in C, with peak
//      memory (bench/pipeline.ts)
//   2. the compiled pipeline on rv32imac under QEMU: instructions per task and per KB
//   3. the compiler kernels: compiled C vs hand-written C vs Node (bench/compiler.ts)
//   4. TLS: handshake heap and time per matrix row, the idle poll on the wire (bench/tls.ts)
//   5. portable-core code size for rv32imac and xtensa-lx106 (bench/cross-size.ts)
// The raw figures also go to build/bench/results.json.
import { cpus, loadavg } from "node:os";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO } from "../test/harness/c-runner";
import { compilerBench } from "./compiler";
import { crossSizes } from "./cross-size";
import { deviceMemory } from "./device-memory";
import { hostPipeline, rv32Pipeline } from "./pipeline";
import { verdicts, writeReport } from "./report";
import type { Results } from "./results";
import { tlsBench } from "./tls";
import { BENCH_NOW, BENCH_TZ, SEED, TOP_K, writeBody } from "./workload";

const quick = process.argv.includes("--quick");
/** Host engines: rounds × timed runs per round, per engine and size (medians of all; at least 5). */
const ROUNDS = quick ? 1 : 3;
const REPS = quick ? 5 : 3;
const SIZES = quick ? [100, 1000] : [100, 1000, 5000];
const RV32_SIZES = quick ? [] : [100, 1000, 5000];
const TLS_RUNS = quick ? 3 : 9;
const WORK = join(REPO, "build/bench");

const started = Date.now();
const log = (s: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const cc = execFileSync("cc", ["--version"], { encoding: "utf8" }).split("\n")[0];
const git = (...args: string[]): string => execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
const changed = git("status", "--porcelain", "--", "ts-src", "codegen", "firmware", "bench").split("\n").filter(Boolean).length;
const results: Results = {
  quick,
  started: new Date(started).toISOString().replace(/\.\d+Z$/, "Z"),
  seconds: 0,
  machine: `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the start (shared, not idle), Node ${process.version}, ${cc}`,
  revision: `${git("rev-parse", "--short", "HEAD")}${changed ? ` with ${changed} uncommitted change(s) in ts-src/, codegen/, firmware/ or bench/ (measured as they were)` : ""}`,
  workload: `generated multistatus bodies (test/fixtures/tasks/generate.ts, seed ${SEED}), classified at ${new Date(BENCH_NOW * 1000).toISOString()} in ${BENCH_TZ}, K = ${TOP_K}`,
  pipeline: [],
  rv32: [],
  compiler: null,
  tls: [],
  idle: null,
  deviceMemory: [],
  cross: null,
  notes: [],
  skipped: [],
};
const notes = results.notes;

/** Runs one part; a part that fails is reported as skipped with its reason, the rest still run. */
async function part(name: string, f: () => Promise<void>): Promise<void> {
  log(`${name}…`);
  try {
    await f();
  } catch (e) {
    const why = (e instanceof Error ? e.message : String(e)).split("\n").slice(0, 4).join(" | ");
    results.skipped.push(`${name}: failed: ${why}`);
    log(`${name} FAILED: ${why}`);
  }
}

mkdirSync(WORK, { recursive: true });
const bodies = [...new Set([...SIZES, ...RV32_SIZES])].sort((a, b) => a - b).map((tasks) => ({ tasks, ...writeBody(WORK, tasks) }));
const pick = (sizes: number[]) => bodies.filter((b) => sizes.includes(b.tasks));

await part("parse + classify on the host", async () => {
  const r = await hostPipeline(pick(SIZES), ROUNDS, REPS, WORK, !quick);
  results.pipeline = r.rows;
  notes.push(...r.notes);
});
if (quick) results.skipped.push("the pipeline on rv32imac (QEMU): skipped in a quick run");
else await part("parse + classify on rv32imac (QEMU)", async () => {
  const r = await rv32Pipeline(pick(RV32_SIZES), WORK);
  if (typeof r === "string") results.skipped.push(`rv32imac pipeline: ${r}`);
  else {
    results.rv32 = r.rows;
    notes.push(...r.notes);
  }
});
if (quick) results.skipped.push("the compiler kernels: skipped in a quick run (npx tsx bench/compiler.ts --quick runs them alone)");
else await part("compiler kernels", async () => {
  results.compiler = await compilerBench(false);
});
await part("TLS matrix rows and the idle poll", async () => {
  const r = await tlsBench(TLS_RUNS, WORK, quick);
  if (quick) results.skipped.push("TLS row caddy rsa4096 p521/p384/p256: skipped in a quick run (Caddy makes an RSA-4096 key first)");
  results.tls = r.rows;
  results.idle = r.idle;
  notes.push(...r.notes);
});
await part("device memory per calendar objects", async () => {
  const r = await deviceMemory(quick ? [50, 200] : [50, 200, 450]);
  results.deviceMemory = r.rows;
  notes.push(...r.notes);
});
if (quick) results.skipped.push("portable-core code size (npm run -s cross): skipped in a quick run");
else {
  await part("portable-core code size", async () => {
    const r = await crossSizes();
    if (typeof r === "string") results.skipped.push(`portable-core code size: ${r}`);
    else results.cross = r;
  });
}

results.seconds = (Date.now() - started) / 1000;
writeFileSync(join(WORK, "results.json"), JSON.stringify(results, null, 2) + "\n");
const md = join(REPO, quick ? "build/bench-quick.md" : "bench/RESULTS.md");
await writeReport(results, md, join(REPO, quick ? "build/bench-quick-plots" : "bench/plots"));
log(`wrote ${relative(REPO, md)} (raw figures: ${relative(REPO, join(WORK, "results.json"))})`);
for (const v of verdicts(results)) console.log(`${v.met === null ? "  -  " : v.met ? " met " : " NOT "} ${v.target}: ${v.measured}`);
