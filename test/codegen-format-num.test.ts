// The runtime's String(x) (nd_format_num in codegen/runtime/nd_rt.c: Grisu3, else an exact search)
// against Node's on many doubles: random bit patterns, the extremes of every exponent, powers of
// two, subnormals and short decimals; built with ASan and UBSan on x86-64 and for rv32imac under
// QEMU. Also recomputes Grisu3's cached powers of ten exactly.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, RV32_CC, RV32_QEMU, STRICT_C_FLAGS, hasTool, removeDir, run, runQemu, tempDir, type Run } from "./harness/c-runner";
import { seeded } from "./harness/random";

const RUNTIME = join(REPO, "codegen/runtime");
const DRIVER = join(REPO, "test/harness/format-num-main.c");

/** Bit patterns (16 hex digits) of `count` random doubles and of the edge families; no NaN payloads but one. */
function doubles(count: number, seed: number): string[] {
  const r = seeded(seed);
  const u32 = (): number => Math.floor(r.rnd() * 4294967296);
  const view = new DataView(new ArrayBuffer(8));
  const out: string[] = [];
  const add = (hi: number, lo: number): void => {
    view.setUint32(0, hi >>> 0);
    view.setUint32(4, lo >>> 0);
    if (!Number.isNaN(view.getFloat64(0)) || out.length === 0) out.push(view.getBigUint64(0).toString(16).padStart(16, "0"));
  };
  add(0x7ff80000, 0);
  for (let i = 0; i < count; i++) add(u32(), u32());
  for (let e = 0; e < 2047; e++) {
    // each exponent's power of two (the lower neighbour twice as close), its largest significand,
    // the power's upper neighbour and a midpoint, with either sign
    const sign = e % 2 ? 0x80000000 : 0;
    add(sign | (e << 20), 0);
    add(sign | (e << 20) | 0xfffff, 0xffffffff);
    add(e << 20, 1);
    add((e << 20) | 0x80000, 0);
  }
  for (let i = 1; i < 2000; i++) {
    add(0, i);
    add(u32() & 0xfffff, u32());
  }
  const short = [10, 100, 1000, 7, 3, 1e6, 1e9, 1e-3];
  for (let i = 0; i < count / 10; i++) {
    view.setFloat64(0, (u32() % 10000000) / short[i % short.length]!);
    add(view.getUint32(0), view.getUint32(4));
  }
  return out;
}

/** What Node prints for each bit pattern. */
function expected(bits: string[]): string[] {
  const view = new DataView(new ArrayBuffer(8));
  return bits.map((b) => {
    view.setBigUint64(0, BigInt(`0x${b}`));
    return String(view.getFloat64(0));
  });
}

/** Compares a driver's output with Node's line by line; returns how many Grisu3 gave up on, and of how many. */
function check(bits: string[], stdout: string, stderr: string): { gaveUp: number; finite: number } {
  const want = expected(bits);
  const lines = stdout.split("\n");
  const summary = /grisu gave up on (\d+) of (\d+)/.exec(stdout + stderr);
  assert.ok(summary, `the driver's summary is missing: ${stderr.slice(0, 400)}`);
  for (let i = 0; i < bits.length; i++) {
    if (lines[i] !== want[i]) assert.unreachable(`bits ${bits[i]}: Node prints ${want[i]}, C printed ${lines[i]}`);
  }
  return { gaveUp: Number(summary[1]), finite: Number(summary[2]) };
}

test("the cached powers are 10^(8i - 348), their 64-bit significands rounded to nearest", () => {
  const src = readFileSync(join(RUNTIME, "nd_rt.c"), "utf8");
  const table = (name: string): string[] => {
    const m = new RegExp(`${name}\\[87\\] = \\{([^}]*)\\}`).exec(src);
    assert.ok(m, `${name} not found`);
    return m[1]!.split(",").map((s) => s.trim()).filter(Boolean);
  };
  const fs = table("pow10_f").map((s) => BigInt(/UINT64_C\((0x[0-9a-f]+)\)/.exec(s)![1]!));
  const es = table("pow10_e").map(Number);
  assert.is(fs.length, 87);
  assert.is(es.length, 87);
  for (let i = 0; i < 87; i++) {
    const k = 8 * i - 348;
    // f * 2^e = num / den exactly, up to the rounding of f
    const e = es[i]!;
    let num = k >= 0 ? 10n ** BigInt(k) : 1n;
    let den = k >= 0 ? 1n : 10n ** BigInt(-k);
    if (e >= 0) den <<= BigInt(e);
    else num <<= BigInt(-e);
    const q = num / den;
    const f = 2n * (num - q * den) >= den ? q + 1n : q;
    assert.ok(f >= 1n << 63n && f < 1n << 64n, `10^${k}: 2^${e} does not give a 64-bit significand`);
    assert.is(fs[i], f, `10^${k}`);
  }
});

/**
 * Writes `bits` to doubles.txt, builds the driver with `cc` and `flags`, runs it with `exec`, and
 * checks its text against Node's and that both paths ran: Grisu3 for nearly all, the exact search
 * for the few it cannot be sure of.
 */
async function agrees(bits: string[], cc: string, flags: string[], exec: (exe: string, dir: string) => Promise<Run>): Promise<void> {
  const dir = tempDir("nudge-format-num-");
  try {
    writeFileSync(join(dir, "doubles.txt"), bits.join("\n") + "\n");
    const exe = join(dir, "format-num");
    const built = await run(cc, [...flags, ...STRICT_C_FLAGS, `-I${RUNTIME}`, DRIVER, "-o", exe, "-lm"]);
    assert.is(built.code, 0, built.stderr);
    const r = await exec(exe, dir);
    assert.is(r.code, 0, r.stderr);
    const { gaveUp, finite } = check(bits, r.stdout, r.stderr);
    assert.ok(gaveUp > 0 && gaveUp < finite / 100, `Grisu3 gave up on ${gaveUp} of ${finite}`);
  } finally {
    removeDir(dir);
  }
}

test("x86-64 with ASan and UBSan: Node's text for 200,000 random doubles and the edge cases", async () => {
  const sanitize = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-g", "-O1"];
  await agrees(doubles(200_000, 1), "gcc", sanitize, (exe, dir) => run(exe, [], { cwd: dir }));
});

test("rv32imac under QEMU: Node's text for 20,000 random doubles and the edge cases", async () => {
  if (!hasTool("qemu-system-riscv32") || !hasTool(RV32_CC)) assert.unreachable("qemu-system-riscv32 and riscv64-unknown-elf-gcc are needed");
  await agrees(doubles(20_000, 2), RV32_CC, [...RV32_QEMU, "-O2"], (exe, dir) => runQemu(exe, { cwd: dir }));
});

test.run();
