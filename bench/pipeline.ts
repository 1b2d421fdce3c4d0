// Parse + classify of the generated bodies, every engine on the same files in one run: the
// compiled C pipeline (nudge-tasks with REPEAT), the same TypeScript on Node, tsdav + ical.js on
// Node (classifying, and parsing only), expat + libical in C (bench/baselines/expat_libical.c); then the compiled
// pipeline on rv32imac under QEMU (bench/rv32/tasks_main.c), counting retired instructions.
// Each measurement runs as the shell command recorded beside its figure.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { compile } from "../codegen/compile";
import { formatDiagnostic } from "../codegen/diagnostics";
import { buildCoreProgram } from "../scripts/core-build";
import { cFiles, hasTool, pool, REPO, run, RV32_CC, RV32_LINK_SCRIPT } from "../test/harness/c-runner";
import type { PipelineRow, Rv32Row } from "./results";
import { BENCH_NOW, BENCH_TZ, SEED, TOP_K } from "./workload";

const rel = (p: string): string => relative(REPO, p);

/** Runs a shell command line from the repository root; stdout + stderr, or throws. */
async function sh(command: string, timeoutMs = 900_000): Promise<string> {
  const r = await run("sh", ["-c", command], { timeoutMs });
  if (r.code !== 0) throw new Error(`${command} failed (${r.code ?? r.signal}):\n${r.stderr}${r.stdout.slice(0, 2000)}`);
  return `${r.stdout}\n${r.stderr}`;
}

function field(out: string, name: string): number {
  const m = new RegExp(`\\b${name}[= ]\\s*([\\d,]+)`).exec(out);
  if (!m) throw new Error(`no ${name}= in:\n${out}`);
  return Number(m[1]!.replace(/,/g, ""));
}

/** Builds the expat + libical baseline into dir; returns the command line that built it and the path. */
async function buildExpat(dir: string): Promise<{ exe: string; build: string }> {
  const exe = join(dir, "expat-libical");
  const build = `cc -std=c99 -O2 -Wall -Wextra -Werror -pedantic bench/baselines/expat_libical.c -o ${rel(exe)} -lexpat -lical`;
  await sh(build);
  return { exe, build };
}

/** The timed runs a driver printed (`run wall_ns=N cpu_ns=N` lines). */
function timedRuns(out: string): { wall: number; cpu: number }[] {
  return [...out.matchAll(/^run wall_ns=(\d+) cpu_ns=(\d+)$/gm)].map((m) => ({ wall: Number(m[1]), cpu: Number(m[2]) }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** One engine's command line for a body with `reps` timed runs, and how to read its memory figure. */
interface Engine {
  engine: PipelineRow["engine"];
  command(body: string, reps: number): string;
  memory(out: string): { bytes: number; what: string };
}

/**
 * Host engines over each body: `rounds` rounds, each running every engine once with `reps` timed
 * runs, so that a change in the machine's load falls on all engines alike; medians of all runs.
 */
export async function hostPipeline(
  bodies: { tasks: number; path: string; bytes: number }[], rounds: number, reps: number, work: string, countInstructions: boolean,
): Promise<{ rows: PipelineRow[]; notes: string[] }> {
  const nudge = rel(buildCoreProgram("pipeline-bench", "ts-src/tasks/pipeline.ts", "bench/drivers/pipeline_main.c"));
  const expat = await buildExpat(work);
  const args = (body: string, n: number): string => `${BENCH_NOW} ${BENCH_TZ} ${TOP_K} ${n} < ${body}`;
  const node = (name: string, engine: PipelineRow["engine"]): Engine => ({
    engine,
    command: (body, n) => `node --import tsx bench/pipeline-node.ts ${name} ${body} ${n}`,
    memory: (out) => ({
      bytes: (field(out, "peak_heap_kb") - field(out, "heap_before_kb")) * 1024,
      what: `V8 heap growth, sampled during a run (peak RSS growth ${field(out, "peak_rss_kb") - field(out, "rss_before_kb")} KB)`,
    }),
  });
  const engines: Engine[] = [
    {
      engine: "c",
      command: (body, n) => `${nudge} ${args(body, n)}`,
      memory: (out) => ({ bytes: field(out, "peak_bytes") + field(out, "scratch_peak_bytes"), what: `arena peak + scratch arena peak (${field(out, "peak_bytes")} + ${field(out, "scratch_peak_bytes")} B)` }),
    },
    { engine: "expat", command: (body, n) => `${rel(expat.exe)} ${args(body, n)}`, memory: (out) => ({ bytes: field(out, "peak_heap_bytes"), what: "peak malloc'd bytes (expat + libical + driver)" }) },
    node("nudge", "node"),
    node("tsdav", "tsdav"),
    node("tsdav-parse", "tsdav-parse"),
  ];
  const notes = [
    `C engine: ${nudge}, built by scripts/core-build.ts (codegen of ts-src/tasks/pipeline.ts; cc -std=c99 -Wall -Wextra -Werror -O2 *.c bench/drivers/pipeline_main.c -lm); it feeds the body as firmware/host/tasks_main.c does and also reads the CPU clock`,
    `expat + libical: ${expat.build}`,
    `bodies: npx tsx bench/workload.ts N > BODY (seed ${SEED}); classified at ${new Date(BENCH_NOW * 1000).toISOString()} in ${BENCH_TZ}, K = ${TOP_K}`,
    `each engine's command ran ${rounds} time(s) per body, the engines taking turns, ${reps} timed runs each: medians of ${rounds * reps} runs`,
  ];
  const rows: PipelineRow[] = [];
  for (const b of bodies) {
    const body = rel(b.path);
    const runs = new Map<Engine, { wall: number; cpu: number }[]>(engines.map((e) => [e, []]));
    const memory = new Map<Engine, { bytes: number; what: string }>();
    // Sequential on purpose: two engines timed at once would share the two cores.
    for (let round = 0; round < rounds; round++) {
      for (const e of engines) {
        const out = await sh(e.command(body, reps));
        const timed = timedRuns(out);
        if (timed.length !== reps) throw new Error(`${e.command(body, reps)}: ${timed.length} timed runs, expected ${reps}`);
        runs.get(e)!.push(...timed);
        const m = e.memory(out);
        if (!memory.has(e) || m.bytes > memory.get(e)!.bytes) memory.set(e, m);
      }
    }
    for (const e of engines) {
      const all = runs.get(e)!;
      const m = memory.get(e)!;
      rows.push({
        engine: e.engine, tasks: b.tasks, bytes: b.bytes, runs: all.length, command: e.command(body, reps),
        medianMs: median(all.map((r) => r.wall)) / 1e6, cpuMs: median(all.map((r) => r.cpu)) / 1e6, memBytes: m.bytes, memWhat: m.what,
      });
    }
  }
  if (countInstructions && hasTool("valgrind")) {
    notes.push("x86-64 instructions: callgrind's count for REPEAT = 2 minus REPEAT = 1, i.e. one run with warm caches (libical's zones loaded), exact and independent of the load");
    const c = engines.filter((e) => e.engine === "c" || e.engine === "expat");
    const jobs = rows.filter((r) => r.engine === "c" || r.engine === "expat");
    await pool(jobs, 2, async (row) => {
      const body = rel(bodies.find((b) => b.tasks === row.tasks)!.path);
      const e = c.find((x) => x.engine === row.engine)!;
      const count = async (n: number): Promise<number> => field(await sh(`valgrind --tool=callgrind --callgrind-out-file=/dev/null ${e.command(body, n)}`, 1_800_000), "Collected :");
      const [one, two] = [await count(1), await count(2)];
      row.instructions = { count: two - one, command: `valgrind --tool=callgrind --callgrind-out-file=/dev/null ${e.command(body, 2)} (minus the same with 1)` };
    });
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
