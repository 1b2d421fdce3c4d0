// Random programs of the subset (test/harness/program-gen.ts about numbers,
// test/harness/text-program-gen.ts about text) must print the same bytes under Node and as
// compiled C: a fixed range of seeds on every run, so what they once found stays fixed.
// `npx tsx scripts/difffuzz.ts FIRST COUNT [TARGET] [KIND]` runs other seeds.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { difffuzz, fuzzProgram, type FuzzKind } from "../scripts/difffuzz";
import { hasTool, removeDir, tempDir } from "./harness/c-runner";
import { generateProgram } from "./harness/program-gen";
import { generateTextProgram } from "./harness/text-program-gen";

test("a seed gives one program, and different seeds different ones", () => {
  assert.is(generateProgram(7), generateProgram(7));
  assert.is.not(generateProgram(7), generateProgram(8));
  assert.match(generateProgram(7), /export function main\(\): void \{/);
  const text = (seed: number): string => [...generateTextProgram(seed)].map(([file, source]) => `${file}\n${source}`).join("\n");
  assert.is(text(7), text(7));
  assert.is.not(text(7), text(8));
  assert.match(generateTextProgram(7).get("main.ts")!, /export function main\(\): void \{/);
  assert.match(generateTextProgram(7).get("words.ts")!, /export function decorate\(/);
});

/** Runs the seeds on one target; fails with every disagreement, its program kept for a look. */
async function agree(first: number, count: number, target: "gcc-asan" | "clang-asan" | "rv32-qemu", kind: FuzzKind = "numbers"): Promise<void> {
  const dir = tempDir(`nudge-difffuzz-${target}`);
  const failures = await difffuzz(first, count, target, dir, kind);
  const report = failures.map((f) => `seed ${f.seed}: ${f.problem}\n${[...fuzzProgram(kind, f.seed, f.dir)].map(([file, source]) => `// ${file}\n${source}`).join("\n")}`).join("\n\n");
  if (!failures.length) removeDir(dir);
  assert.is(failures.length, 0, `${failures.length} of ${count} programs disagree (kept in ${join(dir)}):\n${report}`);
}

test("80 random programs: Node and C with ASan+UBSan agree", async () => {
  await agree(1, 80, "gcc-asan");
});

test("40 random programs: Node and C built by clang with ASan+UBSan agree", async () => {
  if (!hasTool("clang")) throw new Error("clang is missing (scripts/setup.sh installs it)");
  await agree(501, 40, "clang-asan");
});

test("20 random programs: Node and C on rv32imac (QEMU) agree", async () => {
  if (!hasTool("qemu-system-riscv32")) throw new Error("qemu-system-riscv32 is missing (scripts/setup.sh installs it)");
  await agree(1001, 20, "rv32-qemu");
});

test("60 random text programs: Node and C with ASan+UBSan agree", async () => {
  await agree(1, 60, "gcc-asan", "text");
});

test("20 random text programs: Node and C built by clang with ASan+UBSan agree", async () => {
  if (!hasTool("clang")) throw new Error("clang is missing (scripts/setup.sh installs it)");
  await agree(201, 20, "clang-asan", "text");
});

test("10 random text programs: Node and C on rv32imac (QEMU) agree", async () => {
  if (!hasTool("qemu-system-riscv32")) throw new Error("qemu-system-riscv32 is missing (scripts/setup.sh installs it)");
  await agree(301, 10, "rv32-qemu", "text");
});

test.run();
