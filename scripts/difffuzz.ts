// Differential fuzzing of the compiler: random programs (test/harness/program-gen.ts for numbers,
// test/harness/text-program-gen.ts for text) run under Node and as compiled C, which must print
// the same bytes and exit the same way.
//
//   npx tsx scripts/difffuzz.ts [FIRST_SEED] [COUNT] [TARGET] [KIND]
//
// TARGET is one of gcc-asan (default), clang-asan, valgrind, rv32-qemu; KIND is numbers (default)
// or text. Each disagreeing program is kept in build/difffuzz/seed-N/ with its C and both outputs;
// the exit status is 1 if any disagreed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../codegen/compile";
import { formatDiagnostic } from "../codegen/diagnostics";
import { REPO, difference, pool, runNodeBatch, runTarget, type Target } from "../test/harness/c-runner";
import { generateProgram } from "../test/harness/program-gen";
import { generateTextProgram } from "../test/harness/text-program-gen";

/** Which generator writes the programs. */
export type FuzzKind = "numbers" | "text";

/** The program of a seed of a kind, written to live in `dir`: file name → source, main.ts the entry. */
export function fuzzProgram(kind: FuzzKind, seed: number, dir: string): Map<string, string> {
  return kind === "text" ? generateTextProgram(seed, relative(dir, join(REPO, "ts-src/lib/text"))) : new Map([["main.ts", generateProgram(seed)]]);
}

/** The outcome of one seed: null when Node and C agree. */
export interface FuzzFailure {
  seed: number;
  problem: string;
  dir: string;
}

/** Generates, compiles and runs `count` programs from `first`; returns the disagreements. */
export async function difffuzz(first: number, count: number, target: Target, keepDir: string, kind: FuzzKind = "numbers"): Promise<FuzzFailure[]> {
  const seeds = Array.from({ length: count }, (_, i) => first + i);
  const dirs = seeds.map((s) => join(keepDir, `seed-${s}`));
  for (const [i, s] of seeds.entries()) {
    rmSync(dirs[i]!, { recursive: true, force: true });
    mkdirSync(dirs[i]!, { recursive: true });
    for (const [file, text] of fuzzProgram(kind, s, dirs[i]!)) writeFileSync(join(dirs[i]!, file), text);
  }
  const node = runNodeBatch(dirs.map((d) => join(d, "main.ts")));
  const failures: FuzzFailure[] = [];
  const builds: { i: number; cDir: string }[] = [];
  for (const [i, s] of seeds.entries()) {
    const dir = dirs[i]!;
    try {
      const r = compile(relative(REPO, join(dir, "main.ts")), { program: true });
      const errors = [...r.tsErrors, ...r.diagnostics.map(formatDiagnostic)];
      if (errors.length) {
        failures.push({ seed: s, problem: `refused:\n${errors.join("\n")}`, dir });
        continue;
      }
      const cDir = join(dir, "c");
      mkdirSync(cDir, { recursive: true });
      for (const [file, text] of r.files) writeFileSync(join(cDir, file), text);
      builds.push({ i, cDir });
    } catch (e) {
      failures.push({ seed: s, problem: `compiler crashed: ${(e as Error).stack ?? e}`, dir });
    }
  }
  const runs = await pool(builds, 2, (b) => runTarget(target, b.cDir, dirs[b.i]!));
  const expected = await node;
  for (const [k, b] of builds.entries()) {
    const want = expected[b.i]!;
    const got = runs[k]!;
    const dir = dirs[b.i]!;
    const problem = got.run === null ? `build failed: ${got.build.stderr.trim().split("\n").slice(0, 20).join("\n")}` : difference(want, got.run);
    if (want.code !== 0) failures.push({ seed: seeds[b.i]!, problem: `Node failed: ${want.stderr}`, dir });
    else if (problem !== null) {
      writeFileSync(join(dir, "node.out"), want.out);
      if (got.run) writeFileSync(join(dir, "c.out"), got.run.out);
      failures.push({ seed: seeds[b.i]!, problem, dir });
    }
  }
  for (const [i, d] of dirs.entries()) if (!failures.some((f) => f.seed === seeds[i])) rmSync(d, { recursive: true, force: true });
  return failures.sort((a, b) => a.seed - b.seed);
}

async function main(): Promise<void> {
  const first = Number(process.argv[2] ?? 1);
  const count = Number(process.argv[3] ?? 50);
  const target = (process.argv[4] ?? "gcc-asan") as Target;
  const kind = (process.argv[5] ?? "numbers") as FuzzKind;
  if (kind !== "numbers" && kind !== "text") throw new Error(`KIND is numbers or text, not ${kind}`);
  const failures = await difffuzz(first, count, target, join(REPO, "build/difffuzz"), kind);
  for (const f of failures) console.log(`seed ${f.seed}: ${f.problem}\n  kept in ${relative(REPO, f.dir)}`);
  console.log(`difffuzz: ${count} ${kind} programs from seed ${first} on ${target}: ${count - failures.length} agree, ${failures.length} disagree`);
  process.exitCode = failures.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
