// `npm run fuzz -- [--seconds N] [--target NAME] [--replay]`: builds the libFuzzer targets over the
// compiled core (fuzz/harness.ts + fuzz/*.c, clang with ASan/UBSan) and runs each for N seconds
// (default 60) from its seed corpus, printing executions/s, coverage and crashes per target.
// --replay runs every committed corpus file once through every target instead (what CI does).
// New inputs go to build/fuzz/work/<target>/, crashes to build/fuzz/artifacts/<target>/.
import { createHash } from "node:crypto";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../codegen/compile";
import { formatDiagnostic } from "../codegen/diagnostics";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FUZZ = join(ROOT, "fuzz");

/** One fuzz target: its C sources (from the repository root) and whether it links the compiled core. */
interface Target {
  name: string;
  sources: string[];
  defines: string[];
  core: boolean;
  /** libFuzzer -max_len */
  maxLen: number;
}

/** Every target, in the order they run. */
export const TARGETS: Target[] = [
  { name: "xml", sources: ["fuzz/target_parser.c"], defines: ["-DFUZZ_DIGEST=harness_xmlDigest"], core: true, maxLen: 16384 },
  { name: "multistatus", sources: ["fuzz/target_parser.c"], defines: ["-DFUZZ_DIGEST=harness_multistatusDigest"], core: true, maxLen: 16384 },
  { name: "ical", sources: ["fuzz/target_parser.c"], defines: ["-DFUZZ_DIGEST=harness_icalDigest"], core: true, maxLen: 16384 },
  { name: "http", sources: ["fuzz/target_http.c", "firmware/host/nudge_http.c"], defines: [], core: false, maxLen: 20000 },
  { name: "core", sources: ["fuzz/target_core.c"], defines: [], core: true, maxLen: 32768 },
];

const CFLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-g", "-fno-omit-frame-pointer", "-fsanitize=address,undefined", "-fno-sanitize-recover=undefined"];

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== "corpus") files(p, out);
    } else if (/\.(ts|c|h)$/.test(name)) out.push(p);
  }
  return out;
}

function run(cmd: string, args: string[], what: string): void {
  const r = spawnSync("nice", [cmd, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${what} failed:\n${r.stdout}${r.stderr}`);
}

/** The directory for a build of every target with `flags`, named by a hash of every input. */
function buildDir(kind: string, flags: string[]): string {
  const inputs = [...files(join(ROOT, "ts-src")), ...files(join(ROOT, "codegen")), ...files(FUZZ), join(ROOT, "firmware/host/nudge_http.c"), join(ROOT, "firmware/host/nudge_http.h")];
  const h = createHash("sha256");
  for (const f of inputs) h.update(relative(ROOT, f)).update(readFileSync(f));
  h.update(flags.join(" ")).update(JSON.stringify(TARGETS));
  return join(ROOT, "build", "fuzz", `${kind}-${h.digest("hex").slice(0, 16)}`);
}

/**
 * Builds one executable per target into a cached directory: the compiled core once (`coreFlags`
 * on top of CFLAGS), then each target linked with `linkFlags` and `extra` sources.
 */
function build(kind: string, cc: string, coreFlags: string[], linkFlags: string[], extra: string[]): Map<string, string> {
  const dir = buildDir(kind, [cc, ...coreFlags, ...linkFlags, ...extra]);
  const exes = new Map<string, string>();
  for (const t of TARGETS) exes.set(t.name, join(dir, `${kind}-${t.name}`));
  if (existsSync(join(dir, "ok"))) return exes;
  const tmp = `${dir}.tmp${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, "gen"), { recursive: true });
  const result = compile(join(FUZZ, "harness.ts"), { program: false });
  if (result.tsErrors.length || result.diagnostics.length) {
    throw new Error([...result.tsErrors, ...result.diagnostics.map(formatDiagnostic)].join("\n"));
  }
  for (const [f, text] of result.files) writeFileSync(join(tmp, "gen", f), text);
  const objs: string[] = [];
  for (const c of readdirSync(join(tmp, "gen")).filter((f) => f.endsWith(".c"))) {
    const o = join(tmp, "gen", c.replace(/\.c$/, ".o"));
    run(cc, [...CFLAGS, ...coreFlags, "-I", join(tmp, "gen"), "-c", join(tmp, "gen", c), "-o", o], `compiling ${c}`);
    objs.push(o);
  }
  for (const t of TARGETS) {
    const srcs = [...t.sources, ...extra].map((f) => join(ROOT, f));
    const includes = ["-I", join(tmp, "gen"), "-I", FUZZ, "-I", join(ROOT, "firmware/host")];
    run(cc, [...CFLAGS, ...linkFlags, ...t.defines, ...includes, ...srcs, ...(t.core ? objs : []), "-lm", "-o", join(tmp, `${kind}-${t.name}`)], `linking ${kind}-${t.name}`);
  }
  writeFileSync(join(tmp, "ok"), "");
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return exes;
}

/** The libFuzzer build of every target (clang, coverage-instrumented); returns name → executable. */
export function buildFuzzers(): Map<string, string> {
  return build("fuzz", "clang", ["-O1", "-fsanitize=fuzzer-no-link"], ["-O1", "-fsanitize=fuzzer"], []);
}

/** A quick build without libFuzzer (fuzz/replay_main.c runs each file named): for CI replays. */
export function buildReplayers(): Map<string, string> {
  return build("replay", "cc", ["-O0"], ["-O0"], ["fuzz/replay_main.c"]);
}

/** What one libFuzzer run reported. */
export interface FuzzResult {
  target: string;
  runs: number;
  seconds: number;
  execPerSec: number;
  cov: number;
  ft: number;
  corpus: number;
  crashes: string[];
  exitCode: number;
  log: string;
}

function lastMatch(text: string, re: RegExp): number {
  let v = 0;
  for (const m of text.matchAll(re)) v = Number(m[1]);
  return v;
}

/** Parses libFuzzer's stderr into the figures we report. */
export function parseFuzzLog(target: string, log: string, exitCode: number, crashes: string[]): FuzzResult {
  const done = /Done (\d+) runs in (\d+) second/.exec(log);
  const runs = done ? Number(done[1]) : lastMatch(log, /^#(\d+)/gm);
  const seconds = done ? Number(done[2]) : 0;
  return {
    target,
    runs,
    seconds,
    execPerSec: lastMatch(log, /exec\/s: (\d+)/g),
    cov: lastMatch(log, /cov: (\d+)/g),
    ft: lastMatch(log, /ft: (\d+)/g),
    corpus: lastMatch(log, /corp: (\d+)/g),
    crashes,
    exitCode,
    log,
  };
}

/** Seed corpus directory of a target. */
export function corpusDir(target: string): string {
  return join(FUZZ, "corpus", target);
}

/** Runs one target with libFuzzer flags `flags` over its seeds (and work dir); resolves with the figures. */
export function runTarget(exe: string, target: string, flags: string[], useWork: boolean): Promise<FuzzResult> {
  const art = join(ROOT, "build", "fuzz", "artifacts", target);
  mkdirSync(art, { recursive: true });
  const before = new Set(readdirSync(art));
  const dirs: string[] = [];
  if (useWork) {
    const work = join(ROOT, "build", "fuzz", "work", target);
    mkdirSync(work, { recursive: true });
    dirs.push(work);
  }
  dirs.push(corpusDir(target));
  const dict = join(FUZZ, "dict", `${target}.dict`);
  const t = TARGETS.find((x) => x.name === target)!;
  const args = [exe, `-artifact_prefix=${art}/`, `-max_len=${t.maxLen}`, "-print_final_stats=1", ...(existsSync(dict) ? [`-dict=${dict}`] : []), ...flags, ...dirs];
  return new Promise((resolve) => {
    const p = spawn("nice", args, { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    p.stderr.on("data", (d: Buffer) => {
      log += d.toString();
      if (log.length > 4_000_000) log = log.slice(-1_000_000);
    });
    p.on("close", (code) => {
      const crashes = readdirSync(art).filter((f) => !before.has(f)).map((f) => join(art, f));
      resolve(parseFuzzLog(target, log, code ?? -1, crashes));
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let seconds = 60;
  let only: string | null = null;
  let replay = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--seconds") seconds = Number(args[++i]);
    else if (args[i] === "--target") only = args[++i] ?? null;
    else if (args[i] === "--replay") replay = true;
    else {
      console.error("usage: npm run fuzz -- [--seconds N] [--target NAME] [--replay]");
      process.exit(2);
    }
  }
  const names = TARGETS.map((t) => t.name);
  if (only !== null && !names.includes(only)) {
    console.error(`unknown target ${only} (targets: ${names.join(", ")})`);
    process.exit(2);
  }
  const exes = buildFuzzers();
  let failed = false;
  for (const name of names) {
    if (only !== null && name !== only) continue;
    const flags = replay ? ["-runs=0"] : [`-max_total_time=${seconds}`, "-timeout=10", "-rss_limit_mb=512"];
    const r = await runTarget(exes.get(name)!, name, flags, !replay);
    const bad = r.exitCode !== 0 || r.crashes.length > 0;
    failed ||= bad;
    console.log(`${name}: ${r.runs} runs in ${r.seconds} s, ${r.execPerSec} exec/s, cov ${r.cov} ft ${r.ft}, corpus ${r.corpus}, crashes ${r.crashes.length}${bad ? ` (exit ${r.exitCode})` : ""}`);
    for (const c of r.crashes) console.log(`  ${relative(ROOT, c)}`);
    if (bad) console.log(r.log.split("\n").filter((l) => /ERROR|panic|SUMMARY|digest|#0 |#1 |#2 |#3 /.test(l)).slice(0, 30).join("\n"));
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
