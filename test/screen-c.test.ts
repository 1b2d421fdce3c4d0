import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { buildHost, cFiles, compileTs, hasTool, REPO, removeDir, run, runQemu, runSanitized, RV32_CC, RV32_QEMU, STRICT_C_FLAGS, tempDir } from "./harness/c-runner";
import { frameLines } from "./fixtures/screen/frames";
import { screenCases } from "./fixtures/screen/cases";
import { renderFrame, toImage, toPng } from "../scripts/preview";

// The screen compiled to C must draw exactly the pixels it draws under Node: every case is
// rendered band by band by test/fixtures/screen/frames.ts in both, and the hashes compared. On a
// mismatch the C frame is dumped and written with a diff to build/screen-diff/c-<case>-*.png.
const ENTRY = join(REPO, "test/fixtures/screen/frames.ts");
const BENCH = join(REPO, "test/fixtures/screen/bench.ts");
const COUNTER = join(REPO, "test/fixtures/screen/bench-counter.c");
const HAS_RV32 = hasTool(RV32_CC) && hasTool("qemu-system-riscv32");

/** Builds generated C for rv32imac on QEMU virt (as the harness does, with a timeout for a loaded machine). */
function buildRv32Slow(cDir: string, elf: string, extra: string[]) {
  return run(RV32_CC, [...RV32_QEMU, ...STRICT_C_FLAGS, "-O2", `-I${cDir}`, ...cFiles(cDir), ...extra, "-o", elf, "-lm"], { timeoutMs: 300_000 });
}
const DIFF_DIR = join(REPO, "build", "screen-diff");

/** Compiles a program whose main() dumps case `index`, runs it, and writes its frame and a diff PNG. */
async function writeCDiff(work: string, index: number): Promise<string> {
  const c = screenCases()[index]!;
  const entry = join(REPO, "build", `screen-dump-${index}.ts`);
  mkdirSync(join(REPO, "build"), { recursive: true });
  writeFileSync(entry, `import { dumpFrame } from "../test/fixtures/screen/frames";\nexport function main(): void {\n  dumpFrame(${index});\n}\n`);
  const dir = join(work, `dump-${index}`);
  assert.is((await compileTs(entry, dir)).code, 0);
  const exe = join(work, `dump-${index}.exe`);
  assert.is((await buildHost(dir, exe, { cc: "gcc", sanitize: false })).code, 0);
  const out = await run(exe, []);
  const rows = out.stdout.trim().split("\n");
  const { width, height } = c.model;
  const pixels = new Uint16Array(width * height);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) pixels[y * width + x] = parseInt(row.slice(x * 4, x * 4 + 4), 16);
  });
  mkdirSync(DIFF_DIR, { recursive: true });
  writeFileSync(join(DIFF_DIR, `c-${c.name}-actual.png`), toPng(pixels, width, height));
  const node = renderFrame(c.model);
  const diff = toImage(node, width, height);
  for (let i = 0; i < width * height; i++) {
    if (pixels[i] === node[i]) for (let k = 0; k < 3; k++) diff.data[i * 4 + k] = diff.data[i * 4 + k]! >> 2;
    else diff.data.set([255, 0, 255], i * 4);
  }
  writeFileSync(join(DIFF_DIR, `c-${c.name}-diff.png`), PNG.sync.write(diff));
  return join(DIFF_DIR, `c-${c.name}-diff.png`);
}

/** Compares a compiled run's lines with Node's, writing diff images for the cases that differ. */
async function compare(label: string, stdout: string, work: string): Promise<void> {
  const want = frameLines();
  const got = stdout.trim().split("\n");
  const bad: string[] = [];
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) bad.push(`${want[i]!.split(" ")[0]} (${await writeCDiff(work, i)})`);
  }
  assert.equal(bad, [], `${label}: frames differ from Node: ${bad.join(", ")}`);
  assert.is(got.length, want.length);
}

/** Runs an rv32 ELF like runQemu, with -icount shift=0 so that minstret counts exactly and repeatably. */
function runQemuCounted(elf: string) {
  const console = ["-chardev", "stdio,id=con", "-semihosting-config", "enable=on,target=native,chardev=con"];
  const args = ["-M", "virt", "-icount", "shift=0", "-display", "none", "-monitor", "none", "-serial", "none", ...console, "-bios", "none", "-kernel", elf];
  return run("qemu-system-riscv32", args, { timeoutMs: 300_000 });
}

let work = "";
let cDir = "";

test.before(async () => {
  work = tempDir("screen-c-");
  cDir = join(work, "c");
  const r = await compileTs(ENTRY, cDir, { timeoutMs: 180_000 });
  if (r.code !== 0) throw new Error(`codegen failed:\n${r.stderr}`);
});

test.after(() => removeDir(work));

test("x86-64 with ASan/UBSan draws the same pixels as Node for every case", async () => {
  const exe = join(work, "frames-asan");
  // -O0: gcc's -O1 with both sanitizers takes minutes on the long initialiser expressions of constant tables.
  const sanitize = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-g", "-O0"];
  const build = await run("gcc", [...STRICT_C_FLAGS, ...sanitize, `-I${cDir}`, ...cFiles(cDir), "-o", exe, "-lm"], { timeoutMs: 600_000 });
  assert.is(build.code, 0, build.stderr);
  const r = await runSanitized(exe, { timeoutMs: 120_000 });
  assert.is(r.code, 0, r.stderr);
  await compare("gcc-asan", r.stdout, work);
});

test("rv32imac under QEMU draws the same pixels as Node for every case", async () => {
  if (!HAS_RV32) {
    console.log("  skipped: no rv32 toolchain or QEMU");
    return;
  }
  const elf = join(work, "frames.elf");
  const build = await buildRv32Slow(cDir, elf, []);
  assert.is(build.code, 0, build.stderr);
  const r = await runQemu(elf, { timeoutMs: 300_000 });
  assert.is(r.code, 0, r.stderr);
  await compare("rv32-qemu", r.stdout, work);
});

test("one frame per layout costs a bounded number of rv32 instructions", async () => {
  if (!HAS_RV32) {
    console.log("  skipped: no rv32 toolchain or QEMU");
    return;
  }
  const dir = join(work, "bench");
  assert.is((await compileTs(BENCH, dir, { timeoutMs: 180_000 })).code, 0);
  const elf = join(work, "bench.elf");
  const build = await buildRv32Slow(dir, elf, [COUNTER]);
  assert.is(build.code, 0, build.stderr);
  const r = await runQemuCounted(elf);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.is(lines.length, 3);
  for (const line of lines) {
    const [name, count] = line.split(" ");
    console.log(`  ${name}: ${(Number(count) / 1e6).toFixed(2)} M rv32 instructions per frame (4 bands)`);
    // About 0.1 s at 240 MHz; a regression past this shows on the device as a visible redraw.
    assert.ok(Number(count) < 30e6, line);
  }
});

test.run();
