// Runs one TypeScript program four ways — under Node, and compiled to C for x86-64 (sanitizers,
// valgrind) and for rv32imac under QEMU — so tests can demand identical stdout and exit codes.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Repository root (the directory holding package.json). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Memory map for QEMU's riscv32 virt machine, used by buildRv32. */
export const RV32_LINK_SCRIPT = join(REPO, "scripts/rv32/virt.ld");

/** Warnings every C build of generated code must pass without a single diagnostic. */
export const STRICT_C_FLAGS = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

/** Outcome of one child process. */
export interface Run {
  /** Exit status; null when the process was killed by a signal or the timeout. */
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Raw stdout bytes: compare these, not the decoded text, so invalid UTF-8 cannot hide a difference. */
  out: Buffer;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Options for run(). */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs a command to completion, capturing stdout and stderr; never rejects. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, opts.timeoutMs ?? 300_000);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    const finish = (code: number | null, signal: string | null, extra: string): void => {
      clearTimeout(timer);
      const bytes = Buffer.concat(out);
      done({ code, signal, timedOut, out: bytes, stdout: bytes.toString("utf8"), stderr: Buffer.concat(err).toString("utf8") + extra, ms: Date.now() - started });
    };
    child.on("error", (e) => finish(null, null, `\n${cmd}: ${e.message}`));
    child.on("close", (code, signal) => finish(code, signal, ""));
  });
}

/** True when `tool` is on PATH. */
export function hasTool(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

/** A fresh temporary directory; the caller removes it with removeDir. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** Removes a directory tree made by tempDir. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const NODE_MAIN = "import(process.argv[1]).then((m) => (m.main ?? m.default.main)())";

/** Runs the exported main() of a TypeScript module under Node (via tsx), without terminal colours. */
export function runNode(entry: string, opts: RunOptions = {}): Promise<Run> {
  // Test runners set FORCE_COLOR, which would make console.log colour numbers even into a pipe.
  const env = { ...process.env, FORCE_COLOR: "0", NODE_DISABLE_COLORS: "1", ...opts.env };
  return run(process.execPath, ["--import", "tsx", "-e", NODE_MAIN, pathToFileURL(resolve(entry)).href], { ...opts, env });
}

// Runs each entry's main() in turn in one process, capturing what it writes to stdout, and prints
// one JSON line per entry: starting tsx once instead of once per program saves most of the time.
const NODE_BATCH = `
const write = process.stdout.write.bind(process.stdout);
const results = [];
for (const url of process.argv.slice(1)) {
  const chunks = [];
  process.stdout.write = (c) => (chunks.push(Buffer.from(c)), true);
  const started = Date.now();
  let code = 0, error = "";
  try { const m = await import(url); (m.main ?? m.default.main)(); } catch (e) { code = 1; error = String(e && e.stack || e); }
  process.stdout.write = write;
  results.push({ out: Buffer.concat(chunks).toString("base64"), code, error, ms: Date.now() - started });
}
write(JSON.stringify(results));
`;

/** Like runNode for many entries at once, in one Node process (a thrown error gives that entry status 1). */
export async function runNodeBatch(entries: string[], opts: RunOptions = {}): Promise<Run[]> {
  const env = { ...process.env, FORCE_COLOR: "0", NODE_DISABLE_COLORS: "1", ...opts.env };
  const urls = entries.map((e) => pathToFileURL(resolve(e)).href);
  const r = await run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", NODE_BATCH, ...urls], { timeoutMs: 600_000, ...opts, env });
  if (r.code !== 0) throw new Error(`Node batch failed (${r.code ?? r.signal}): ${r.stderr}`);
  const parsed = JSON.parse(r.stdout) as { out: string; code: number; error: string; ms: number }[];
  return parsed.map((p) => {
    const out = Buffer.from(p.out, "base64");
    return { code: p.code, signal: null, timedOut: false, out, stdout: out.toString("utf8"), stderr: p.error, ms: p.ms };
  });
}

/** Compiles a TypeScript entry and its imports to C in outDir with the project's codegen. */
export function compileTs(entry: string, outDir: string, opts: RunOptions = {}): Promise<Run> {
  return run(process.execPath, ["--import", "tsx", join(REPO, "codegen/cli.ts"), entry, "--out", outDir], { timeoutMs: 600_000, ...opts });
}

/** The .c files directly inside dir, sorted. */
export function cFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".c"))
    .sort()
    .map((f) => join(dir, f));
}

/** How to build the generated C for the host. */
export interface HostBuild {
  /** Compiler command: "gcc" or "clang". */
  cc: string;
  /** true: ASan + UBSan at -O1; false: plain -O2 -g (for valgrind, which cannot run ASan binaries). */
  sanitize: boolean;
  /** Extra C sources, e.g. a driver. */
  extraSources?: string[];
  /** Optimization level instead of the default (-O1 with sanitizers, -O2 without), e.g. "-Os". */
  opt?: string;
}

/** Builds the C files of `cDir` (plus extra sources) into the executable `exe` with strict warnings. */
export function buildHost(cDir: string, exe: string, b: HostBuild): Promise<Run> {
  const mode = b.sanitize ? ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-g", b.opt ?? "-O1"] : ["-g", b.opt ?? "-O2"];
  return compileAndLink(b.cc, [...STRICT_C_FLAGS, ...mode, `-I${cDir}`], mode, [...cFiles(cDir), ...(b.extraSources ?? [])], exe);
}

// The runtime (nd_rt.c) is identical in every program and takes most of the build time, so objects
// are kept for the life of the process, keyed by compiler, flags and the bytes of the source and
// every header it includes (not their paths): a changed runtime or header can never reuse a stale
// object, and every program's copy of the runtime shares one.
const objectDir = mkdtempSync(join(tmpdir(), "nudge-objects-"));
process.on("exit", () => rmSync(objectDir, { recursive: true, force: true }));
const objects = new Map<string, Promise<Run & { obj: string }>>();

function includedBytes(file: string, dirs: string[], seen: Set<string>, hash: ReturnType<typeof createHash>): void {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(file);
  hash.update(String(text.length)).update(text);
  for (const m of text.toString("utf8").matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
    const found = [dirname(file), ...dirs].map((d) => join(d, m[1]!)).find((p) => existsSync(p));
    if (found) includedBytes(found, dirs, seen, hash);
  }
}

function compileObject(cc: string, flags: string[], src: string): Promise<Run & { obj: string }> {
  // include directories enter through the bytes of the headers found in them
  const hash = createHash("sha256").update(cc).update(flags.filter((f) => !f.startsWith("-I")).join("\0"));
  includedBytes(src, flags.filter((f) => f.startsWith("-I")).map((f) => f.slice(2)), new Set(), hash);
  const key = hash.digest("hex").slice(0, 24);
  let job = objects.get(key);
  if (!job) {
    const obj = join(objectDir, `${key}.o`);
    job = run(cc, [...flags, "-c", src, "-o", obj]).then((r) => ({ ...r, obj }));
    objects.set(key, job);
  }
  return job;
}

/** Compiles each source (reusing identical objects) and links; returns the first failing step or the link. */
async function compileAndLink(cc: string, compileFlags: string[], linkFlags: string[], sources: string[], out: string): Promise<Run> {
  const steps = await Promise.all(sources.map((src) => compileObject(cc, compileFlags, src)));
  const failed = steps.find((r) => r.code !== 0);
  if (failed) return failed;
  return run(cc, [...linkFlags, ...steps.map((r) => r.obj), "-o", out, "-lm"]);
}

/** Runs a sanitizer build: any ASan/UBSan report aborts with a non-zero status. */
export function runSanitized(exe: string, opts: RunOptions = {}): Promise<Run> {
  const env = { ...process.env, ASAN_OPTIONS: "abort_on_error=0:exitcode=98:detect_leaks=1", UBSAN_OPTIONS: "print_stacktrace=1:halt_on_error=1:exitcode=97" };
  return run(exe, [], { env, ...opts });
}

/** Runs a plain build under valgrind; memory errors and leaks of any kind exit with status 99. */
export function runValgrind(exe: string, opts: RunOptions = {}): Promise<Run> {
  const args = ["--quiet", "--leak-check=full", "--show-leak-kinds=all", "--errors-for-leak-kinds=all", "--error-exitcode=99", exe];
  return run("valgrind", args, opts);
}

/** rv32imac cross compiler (Debian's bare-metal RISC-V GCC with picolibc). */
export const RV32_CC = "riscv64-unknown-elf-gcc";
/** What every rv32 build targets: rv32imac with picolibc. */
export const RV32_TARGET = ["-march=rv32imac", "-mabi=ilp32", "--specs=picolibc.specs"];
/** RV32_TARGET linked to run on QEMU virt, its I/O through semihosting. */
export const RV32_QEMU = [...RV32_TARGET, "--crt0=semihost", "--oslib=semihost", `-T${RV32_LINK_SCRIPT}`];

/** Builds the C files of `cDir` (plus extra sources) for rv32imac + picolibc semihosting, linked for QEMU virt. */
export function buildRv32(cDir: string, elf: string, extraSources: string[] = [], opt = "-O2"): Promise<Run> {
  return compileAndLink(RV32_CC, [...RV32_TARGET, ...STRICT_C_FLAGS, opt, `-I${cDir}`], RV32_QEMU, [...cFiles(cDir), ...extraSources], elf);
}

/**
 * Runs an rv32 ELF on QEMU's virt machine; semihosting carries the output and the exit status.
 * picolibc writes stdout and stderr through the semihosting console, which QEMU sends to its own
 * stderr unless given a chardev, so the console is bound to QEMU's stdout here.
 */
export function runQemu(elf: string, opts: RunOptions = {}): Promise<Run> {
  const console = ["-chardev", "stdio,id=con", "-semihosting-config", "enable=on,target=native,chardev=con"];
  const args = ["-M", "virt", "-display", "none", "-monitor", "none", "-serial", "none", ...console, "-bios", "none", "-kernel", elf];
  return run("qemu-system-riscv32", args, opts);
}

/** The ways compiled C is run and compared against Node. */
export type Target = "gcc-asan" | "clang-asan" | "valgrind" | "rv32-qemu";

/** Every target, in the order they are run. */
export const ALL_TARGETS: Target[] = ["gcc-asan", "clang-asan", "valgrind", "rv32-qemu"];

/** The tools each target needs on PATH. */
export const TARGET_TOOLS: Record<Target, string[]> = {
  "gcc-asan": ["gcc"],
  "clang-asan": ["clang"],
  valgrind: ["gcc", "valgrind"],
  "rv32-qemu": [RV32_CC, "qemu-system-riscv32"],
};

/** Build and run of one target; run is null when the build failed. */
export interface TargetResult {
  target: Target;
  build: Run;
  run: Run | null;
}

/** Builds the C in cDir for one target (outputs under workDir) and runs it. */
export async function runTarget(target: Target, cDir: string, workDir: string, extraSources: string[] = []): Promise<TargetResult> {
  const exe = join(workDir, `prog-${target}`);
  let build: Run;
  if (target === "rv32-qemu") build = await buildRv32(cDir, exe, extraSources);
  else build = await buildHost(cDir, exe, { cc: target === "clang-asan" ? "clang" : "gcc", sanitize: target !== "valgrind", extraSources });
  if (build.code !== 0) return { target, build, run: null };
  const result = target === "rv32-qemu" ? await runQemu(exe) : target === "valgrind" ? await runValgrind(exe) : await runSanitized(exe);
  return { target, build, run: result };
}

/** Describes how `actual` differs from the reference run (stdout bytes, exit status), or null if it matches. */
export function difference(expected: Run, actual: Run): string | null {
  if (actual.timedOut) return `timed out after ${actual.ms} ms`;
  const problems: string[] = [];
  if (actual.code !== expected.code) problems.push(`exit status ${actual.code ?? actual.signal} instead of ${expected.code}`);
  if (!actual.out.equals(expected.out)) {
    const want = expected.stdout.split("\n");
    const got = actual.stdout.split("\n");
    let i = 0;
    while (i < want.length && i < got.length && want[i] === got[i]) i++;
    problems.push(`stdout differs at line ${i + 1}: expected ${JSON.stringify(want[i] ?? "<end>")}, got ${JSON.stringify(got[i] ?? "<end>")}`);
  }
  if (problems.length && actual.stderr.trim()) problems.push(`stderr: ${actual.stderr.trim().split("\n").slice(0, 12).join("\n  ")}`);
  return problems.length ? problems.join("; ") : null;
}
