// The runtime's heap arenas (codegen/runtime/nd_rt.c) across loop turns that give back their
// memory: a turn that needs a new chunk takes the one an earlier turn gave back instead of calling
// malloc and free each turn, which picolibc's allocator makes cost some 260,000 instructions a turn
// on rv32.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, STRICT_C_FLAGS, removeDir, run, tempDir } from "./harness/c-runner";

const RUNTIME = join(REPO, "codegen/runtime");

test("1,000 turns that each need a chunk malloc two: the first, and the larger one a turn needed", async () => {
  const dir = tempDir("nudge-arena-");
  try {
    const exe = join(dir, "arena-turns");
    const src = [join(REPO, "test/harness/arena-turns-main.c"), join(RUNTIME, "nd_rt.c")];
    const built = await run("gcc", [...STRICT_C_FLAGS, "-O2", `-I${RUNTIME}`, ...src, "-Wl,--wrap=malloc", "-o", exe, "-lm"]);
    assert.is(built.code, 0, built.stderr);
    const r = await run(exe, []);
    assert.is(r.code, 0, r.stdout + r.stderr);
    // each turn gives back all it took; the peak is the larger turn's
    assert.is(r.stdout.trim(), "mallocs=2 peak=200104");
  } finally {
    removeDir(dir);
  }
});

test("under ASan a read of what a turn gave back, now the arena's spare chunk, faults", async () => {
  const dir = tempDir("nudge-arena-asan-");
  try {
    const exe = join(dir, "arena-turns");
    const driver = join(dir, "after.c");
    // reads a byte of the spare chunk after the turn gave it back: ASan must stop it
    writeFileSync(
      driver,
      [
        '#include "nd_rt.h"',
        "int main(void) {",
        "  nd_arena a;",
        '  nd_arena_init_heap(&a, "turns", (size_t)1 << 24);',
        "  nd_arena_use(&a);",
        "  nd_mark m;",
        "  nd_arena_mark(&m);",
        "  volatile unsigned char *p = nd_alloc(100);",
        "  p[0] = 1;",
        "  nd_arena_back(&m);",
        "  return p[0];",
        "}",
        "",
      ].join("\n"),
    );
    const sanitize = ["-fsanitize=address", "-fno-sanitize-recover=all", "-g", "-O1"];
    const built = await run("gcc", [...STRICT_C_FLAGS, ...sanitize, `-I${RUNTIME}`, driver, join(RUNTIME, "nd_rt.c"), "-o", exe, "-lm"]);
    assert.is(built.code, 0, built.stderr);
    const r = await run(exe, [], { env: { ...process.env, ASAN_OPTIONS: "detect_leaks=0" } });
    assert.not.equal(r.code, 0);
    assert.match(r.stderr, /use-after-poison/);
  } finally {
    removeDir(dir);
  }
});

test.run();
