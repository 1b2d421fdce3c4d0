// Parse + classify of the generated bodies, every engine on the same files in one run: the
// compiled C pipeline (nudge-tasks with REPEAT), the same TypeScript on Node, tsdav's xml-js +
// ical.js on Node, expat + libical in C (bench/baselines/expat_libical.c); then the compiled
// pipeline on rv32imac under QEMU (bench/rv32/tasks_main.c), counting retired instructions.
// Each measurement runs as the shell command recorded beside its figure.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { compile } from "../codegen/compile";
import { formatDiagnostic } from "../codegen/diagnostics";
import { buildCoreProgram } from "../scripts/core-build";
import { cFiles, hasTool, pool, REPO, run, RV32_CC, RV32_LINK_SCRIPT } from "../test/harness/c-runner";
import type { PipelineRow, Rv32Row } from "./results";
import { BENCH_NOW, BENCH_TZ, TOP_K } from "./workload";

const rel = (p: string): string => relative(REPO, p);

/** Runs a shell command line from the repository root; stdout + stderr, or throws. */
async function sh(command: string, timeoutMs = 900_000): Promise<string> {
  const r = await run("sh", ["-c", command], { timeoutMs });
  if (r.code !== 0) throw new Error(`${command} failed (${r.code ?? r.signal}):\n${r.stderr}${r.stdout.slice(0, 2000)}`);
  return `${r.stdout}\n${r.stderr}`;
}

function field(out: string, name: string): number {
  const m = new RegExp(`\\b${name}=(\\d+)`).exec(out);
  if (!m) throw new Error(`no ${name}= in:\n${out}`);
  return Number(m[1]);
}

/** Builds the expat + libical baseline into dir; returns the command line that built it and the path. */
async function buildExpat(dir: string): Promise<{ exe: string; build: string }> {
  const exe = join(dir, "expat-libical");
  const build = `cc -std=c99 -O2 -Wall -Wextra -Werror -pedantic bench/baselines/expat_libical.c -o ${rel(exe)} -lexpat -lical`;
  await sh(build);
  return { exe, build };
}

/** Host engines over each body; runs = timed runs per engine (median reported). */
export async function hostPipeline(bodies: { tasks: number; path: string; bytes: number }[], runs: number, work: string): Promise<{ rows: PipelineRow[]; notes: string[] }> {
  const nudge = rel(buildCoreProgram("pipeline-bench", "ts-src/tasks/pipeline.ts", "bench/drivers/pipeline_main.c"));
  const expat = await buildExpat(work);
  const notes = [
    `C engine: ${nudge}, built by scripts/core-build.ts (codegen of ts-src/tasks/pipeline.ts; cc -std=c99 -Wall -Wextra -Werror -O2 *.c bench/drivers/pipeline_main.c -lm); it feeds the body as firmware/host/tasks_main.c does and also reads the CPU clock`,
    `expat + libical: ${expat.build}`,
    `bodies: npx tsx bench/workload.ts N > BODY (seed 42); classified at ${new Date(BENCH_NOW * 1000).toISOString()} in ${BENCH_TZ}, K = ${TOP_K}`,
  ];
  const rows: PipelineRow[] = [];
  for (const b of bodies) {
    const body = rel(b.path);
    const base = { tasks: b.tasks, bytes: b.bytes, runs };
    // Sequential on purpose: two engines timed at once would share the two cores.
    let cmd = `${nudge} ${BENCH_NOW} ${BENCH_TZ} ${TOP_K} ${runs} < ${body}`;
    let out = await sh(cmd);
    rows.push({
      ...base, engine: "c", command: cmd, medianMs: field(out, "median_ns") / 1e6, cpuMs: field(out, "cpu_median_ns") / 1e6,
      memBytes: field(out, "peak_bytes") + field(out, "scratch_peak_bytes"),
      memWhat: `arena peak + scratch arena peak (${field(out, "peak_bytes")} + ${field(out, "scratch_peak_bytes")} B)`,
    });
    cmd = `${rel(expat.exe)} ${BENCH_NOW} ${BENCH_TZ} ${TOP_K} ${runs} < ${body}`;
    out = await sh(cmd);
    rows.push({ ...base, engine: "expat", command: cmd, medianMs: field(out, "median_ns") / 1e6, cpuMs: field(out, "cpu_median_ns") / 1e6, memBytes: field(out, "peak_heap_bytes"), memWhat: "peak malloc'd bytes (expat + libical + driver)" });
    for (const engine of ["nudge", "tsdav"] as const) {
      cmd = `node --import tsx bench/pipeline-node.ts ${engine} ${body} ${runs}`;
      out = await sh(cmd);
      const heap = (field(out, "peak_heap_kb") - field(out, "heap_before_kb")) * 1024;
      const rss = (field(out, "peak_rss_kb") - field(out, "rss_before_kb")) * 1024;
      rows.push({
        ...base, engine: engine === "nudge" ? "node" : "tsdav", command: cmd, medianMs: field(out, "median_ns") / 1e6, cpuMs: field(out, "cpu_median_ns") / 1e6, memBytes: heap,
        memWhat: `V8 heap growth during a run (peak RSS growth ${Math.round(rss / 1024)} KB)`,
      });
    }
  }
  return { rows, notes };
}

/** Builds the rv32imac ELF of the compiled pipeline; returns its path and the build command. */
async function buildRv32(work: string): Promise<{ elf: string; build: string }> {
  const cdir = join(work, "rv32-c");
  const result = compile(join(REPO, "ts-src/tasks/pipeline.ts"), { program: false });
  const errors = [...result.tsErrors, ...result.diagnostics.map(formatDiagnostic)];
  if (errors.length) throw new Error(`codegen refused ts-src/tasks/pipeline.ts:\n${errors.join("\n")}`);
  mkdirSync(cdir, { recursive: true });
  for (const [f, text] of result.files) writeFileSync(join(cdir, f), text);
  const elf = join(work, "rv32-tasks.elf");
  const flags = [
    "-march=rv32imac", "-mabi=ilp32", "--specs=picolibc.specs", "--crt0=semihost", "--oslib=semihost", `-T${rel(RV32_LINK_SCRIPT)}`,
    "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", `-DNOW=${BENCH_NOW}`, `'-DTZ="${BENCH_TZ}"'`, `-DTOP_K=${TOP_K}`, `-I${rel(cdir)}`,
  ];
  const build = `${RV32_CC} ${flags.join(" ")} ${rel(cdir)}/*.c bench/rv32/tasks_main.c -o ${rel(elf)} -lm`;
  if (cFiles(cdir).length === 0) throw new Error("codegen wrote no C");
  await sh(build);
  return { elf, build };
}

/** The compiled pipeline on rv32imac under QEMU, one run per body (instruction counts are exact). */
export async function rv32Pipeline(bodies: { tasks: number; path: string; bytes: number }[], work: string): Promise<{ rows: Rv32Row[]; notes: string[] } | string> {
  if (!hasTool(RV32_CC) || !hasTool("qemu-system-riscv32")) return `${RV32_CC} or qemu-system-riscv32 not on PATH`;
  const { elf, build } = await buildRv32(work);
  // QEMU is single-threaded and the counts do not depend on the load: two at a time.
  const rows = await pool(bodies, 2, async (b): Promise<Rv32Row> => {
    const dir = join(work, `rv32-${b.tasks}`);
    mkdirSync(dir, { recursive: true });
    // the driver opens body.xml in QEMU's working directory
    const cmd =
      `cd ${rel(dir)} && ln -sf ${relative(dir, b.path)} body.xml && qemu-system-riscv32 -M virt -icount shift=0 -display none -monitor none ` +
      `-serial none -chardev stdio,id=con -semihosting-config enable=on,target=native,chardev=con -bios none -kernel ${relative(dir, elf)}`;
    const out = await sh(cmd, 1_800_000);
    if (field(out, "bytes") !== b.bytes) throw new Error(`rv32 driver read ${field(out, "bytes")} of ${b.bytes} bytes`);
    return { tasks: b.tasks, bytes: b.bytes, instret: field(out, "instret"), arenaPeak: field(out, "arena_peak_bytes"), scratchPeak: field(out, "scratch_peak_bytes"), command: cmd };
  });
  return { rows, notes: [`rv32 build: ${build}`] };
}
