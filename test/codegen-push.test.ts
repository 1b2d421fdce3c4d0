// How push() appends (codegen/runtime/nd_rt.h, ND_PUSH): inline where the C build optimizes for
// speed, one call of the runtime's nd_push where it optimizes for size. The conformance suite runs
// program 116 at -O1 and -O2; here it runs at -Os, where every push goes through nd_push, on x86-64
// with ASan + UBSan and on rv32imac (4-byte pointers) under QEMU, against Node's output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { buildHost, buildRv32, cFiles, compileTs, removeDir, REPO, run, runNode, runQemu, runSanitized, RV32_CC, RV32_TARGET, STRICT_C_FLAGS, tempDir } from "./harness/c-runner";

const ENTRY = join(REPO, "test/conformance/116-push-growth.ts");

let dir = "";
let cDir = "";
let expected = "";

test.before(async () => {
  dir = tempDir("nudge-push-");
  cDir = join(dir, "c");
  const c = await compileTs(ENTRY, cDir);
  assert.is(c.code, 0, c.stderr);
  const node = await runNode(ENTRY);
  assert.is(node.code, 0, node.stderr);
  expected = node.stdout;
});

test.after(() => removeDir(dir));

/** The runtime functions the program's module calls when compiled with flags. */
async function calls(cc: string, flags: string[]): Promise<string[]> {
  const src = cFiles(cDir).find((f) => f.includes("m116"))!;
  const obj = join(dir, `m116-${flags.join("")}.o`);
  const built = await run(cc, [...flags, ...STRICT_C_FLAGS, `-I${cDir}`, "-c", src, "-o", obj]);
  assert.is(built.code, 0, built.stderr);
  const nm = await run(cc === RV32_CC ? "riscv64-unknown-elf-nm" : "nm", ["-u", obj]);
  return nm.stdout.split("\n").map((l) => l.trim().split(/\s+/).pop() ?? "").filter((s) => s === "nd_push" || s === "nd_grow");
}

test("a build for speed inlines each push and calls only nd_grow; a build for size calls nd_push", async () => {
  assert.equal(await calls("gcc", ["-O2"]), ["nd_grow"]);
  assert.equal(await calls("gcc", ["-Os"]), ["nd_push"]);
  assert.equal(await calls(RV32_CC, [...RV32_TARGET, "-Os"]), ["nd_push"]);
});

test("-Os with ASan + UBSan prints what Node prints", async () => {
  const exe = join(dir, "push-os");
  const built = await buildHost(cDir, exe, { cc: "gcc", sanitize: true, opt: "-Os" });
  assert.is(built.code, 0, built.stderr);
  const r = await runSanitized(exe);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, expected);
});

test("rv32imac -Os under QEMU prints what Node prints", async () => {
  const elf = join(dir, "push-os.elf");
  const built = await buildRv32(cDir, elf, [], "-Os");
  assert.is(built.code, 0, built.stderr);
  const r = await runQemu(elf, { timeoutMs: 120_000 });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, expected);
});

test.run();
