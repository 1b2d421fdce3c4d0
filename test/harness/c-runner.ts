// Runs one TypeScript program four ways — under Node, and compiled to C for x86-64 (sanitizers,
// valgrind) and for rv32imac under QEMU — so tests can demand identical stdout and exit codes.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
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
    }, opts.timeoutMs ?? 60_000);
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

/** Runs the exported main() of a TypeScript module under Node (via tsx). */
export function runNode(entry: string, opts: RunOptions = {}): Promise<Run> {
  return run(process.execPath, ["--import", "tsx", "-e", NODE_MAIN, pathToFileURL(resolve(entry)).href], opts);
}

/** Compiles a TypeScript entry and its imports to C in outDir with the project's codegen. */
export function compileTs(entry: string, outDir: string, opts: RunOptions = {}): Promise<Run> {
  return run(process.execPath, ["--import", "tsx", join(REPO, "codegen/cli.ts"), entry, "--out", outDir], opts);
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
  /** Extra C sources (e.g. a driver) and flags. */
  extra?: string[];
}

/** Builds the C files of `cDir` (plus extras) into the executable `exe` with strict warnings. */
export function buildHost(cDir: string, exe: string, b: HostBuild): Promise<Run> {
  const mode = b.sanitize ? ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-g", "-O1"] : ["-g", "-O2"];
  return run(b.cc, [...STRICT_C_FLAGS, ...mode, `-I${cDir}`, ...cFiles(cDir), ...(b.extra ?? []), "-o", exe, "-lm"]);
}

/** Runs a sanitizer build: any ASan/UBSan report aborts with a non-zero status. */
export function runSanitized(exe: string, opts: RunOptions = {}): Promise<Run> {
  const env = { ...process.env, ASAN_OPTIONS: "abort_on_error=0:exitcode=98:detect_leaks=1", UBSAN_OPTIONS: "print_stacktrace=1:halt_on_error=1:exitcode=97" };
  return run(exe, [], { env, ...opts });
}

/** Runs a plain build under valgrind; memory errors and leaks of any kind exit with status 99. */
export function runValgrind(exe: string, opts: RunOptions = {}): Promise<Run> {
  const args = ["--quiet", "--leak-check=full", "--show-leak-kinds=all", "--errors-for-leak-kinds=all", "--error-exitcode=99", exe];
  return run("valgrind", args, { timeoutMs: 120_000, ...opts });
}

/** rv32imac cross compiler (Debian's bare-metal RISC-V GCC with picolibc). */
export const RV32_CC = "riscv64-unknown-elf-gcc";

/** Builds the C files of `cDir` (plus extras) for rv32imac + picolibc semihosting, linked for QEMU virt. */
export function buildRv32(cDir: string, elf: string, extra: string[] = []): Promise<Run> {
  const target = ["-march=rv32imac", "-mabi=ilp32", "--specs=picolibc.specs", "--crt0=semihost", "--oslib=semihost", `-T${RV32_LINK_SCRIPT}`];
  return run(RV32_CC, [...target, ...STRICT_C_FLAGS, "-O2", `-I${cDir}`, ...cFiles(cDir), ...extra, "-o", elf, "-lm"]);
}

/**
 * Runs an rv32 ELF on QEMU's virt machine; semihosting carries the output and the exit status.
 * picolibc writes stdout and stderr through the semihosting console, which QEMU sends to its own
 * stderr unless given a chardev, so the console is bound to QEMU's stdout here.
 */
export function runQemu(elf: string, opts: RunOptions = {}): Promise<Run> {
  const console = ["-chardev", "stdio,id=con", "-semihosting-config", "enable=on,target=native,chardev=con"];
  const args = ["-M", "virt", "-display", "none", "-monitor", "none", "-serial", "none", ...console, "-bios", "none", "-kernel", elf];
  return run("qemu-system-riscv32", args, { timeoutMs: 60_000, ...opts });
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
export async function runTarget(target: Target, cDir: string, workDir: string, extra: string[] = []): Promise<TargetResult> {
  const exe = join(workDir, `prog-${target}`);
  let build: Run;
  if (target === "rv32-qemu") build = await buildRv32(cDir, exe, extra);
  else build = await buildHost(cDir, exe, { cc: target === "clang-asan" ? "clang" : "gcc", sanitize: target !== "valgrind", extra });
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
