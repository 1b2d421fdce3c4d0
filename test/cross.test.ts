// `npm run -s cross` end to end: the portable core builds for rv32imac and xtensa-lx106 with
// -Werror, the rv32imac build under QEMU prints exactly what the x86-64 build prints for every
// vector program, and the last line is the summary with the sizes. Skipped (with the reason)
// when a cross tool is missing, which the script reports with exit status 2.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { REPO, run, type Run } from "./harness/c-runner";

let result: Run | null = null;

test.before(async () => {
  result = await run(process.execPath, ["--import", "tsx", join(REPO, "scripts/cross.ts")], { timeoutMs: 1_800_000 });
});

function lines(): string[] {
  return result!.stdout.trim().split("\n");
}

test("cross exits 0 (or 2 when a cross tool is missing) and ends with a one-line summary", () => {
  const r = result!;
  const last = lines().at(-1) ?? "";
  if (r.code === 2) {
    console.log(`  skipped: ${last}`);
    return;
  }
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(last, /^cross: OK — vectors (\d+)\/\1 identical on rv32imac and x86-64; /);
});

test("every vector program ran on rv32imac with output identical to x86-64", () => {
  if (result!.code === 2) return;
  const vectors = lines().filter((l) => l.startsWith("vector "));
  assert.ok(vectors.length >= 2, `vector lines: ${vectors.join("\n")}`);
  for (const v of vectors) {
    assert.match(v, /rv32imac = x86-64, \d+ bytes of output/);
    assert.ok(Number(v.match(/, (\d+) bytes/)![1]) > 0, `${v}: empty output proves nothing`);
  }
});

test("sizes are reported for both targets and add up in the summary", () => {
  if (result!.code === 2) return;
  const rows = lines().filter((l) => /\S\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+$/.test(l));
  assert.ok(rows.some((r) => r.includes("nd_rt.c")), "the compiler's runtime is built");
  assert.ok(rows.some((r) => r.startsWith("firmware/common: ")), "firmware/common is built");
  // the six numbers at the end of a row: rv32 text data bss, xtensa text data bss
  const sum = (col: number): number => rows.reduce((acc, row) => acc + Number(row.trim().split(/\s+/).slice(-6)[col - 1]), 0);
  const summary = lines().at(-1)!;
  assert.ok(summary.includes(`rv32imac text ${sum(1)} data ${sum(2)} bss ${sum(3)}`), summary);
  assert.ok(summary.includes(`xtensa-lx106 text ${sum(4)} data ${sum(5)} bss ${sum(6)}`), summary);
  assert.ok(sum(1) > 10_000 && sum(4) > 10_000, "the core is more than a stub");
});

test.run();
