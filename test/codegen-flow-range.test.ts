// The flow-sensitive ranges (codegen/flow-range.ts), pinned on the C of conformance program 112,
// which runs the same code against Node: the conformance suite shows the output is right, this
// shows which locals, parameters and returns the analysis makes integers and which it must not.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { REPO } from "./harness/c-runner";

const program = "112-flow-ranges";

function moduleC(): string {
  const r = compile(join(REPO, "test/conformance", `${program}.ts`));
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], []);
  const c = [...r.files].find(([name]) => name.startsWith("m112") && name.endsWith(".c"));
  assert.ok(c, "no C for 112");
  return c![1];
}

/** The body of one function's definition. */
function fn(c: string, name: string): string {
  const at = c.search(new RegExp(`_${name}\\(.*\\) \\{$`, "m"));
  assert.ok(at >= 0, name);
  return c.slice(at, c.indexOf("\n}\n", at));
}

test("a write position stepped after index checks, and moved by a call returning at + n, is an integer", () => {
  const c = moduleC();
  // in pack, every read of `at` at a call follows a checked store, so the parameter is an int32
  // and the return (at most 2^31 - 2 plus 3) a uint32
  assert.match(c, /static uint32_t m112_flow_ranges_letters\(nd_u8arr \* buf, int32_t at, int32_t count, /);
  const pack = fn(c, "pack");
  assert.match(pack, /size_t at = \(uint32_t\)0;/);
  // the stores through it are checked integer stores, not double ones
  assert.match(pack, /\*nd_u8arr_ref\(out, nd_t\d+, nd_src, \d+\) = \(uint8_t\)91/);
  assert.not.match(pack, /nd_u8arr_put\(/);
  // in fill, at is below size - 40 at the head of each turn and each call of letters returns
  // at + count, so every store lands in the buffer of constant length 3000 unchecked
  const fill = fn(c, "fill");
  assert.match(fill, /size_t at = \(uint32_t\)0;/);
  assert.match(fill, /buf->data\[nd_t\d+\] = \(uint8_t\)60/);
  assert.not.match(fill, /nd_u8arr_(ref|put)\(/);
  // depth is stepped up and down with no test: a counter
  assert.match(fill, /int64_t depth = /);
});

test("a scan index stepped past its bound after the test failed is unsigned (size_t), compared with an unsigned bound", () => {
  const c = moduleC();
  const scan = fn(c, "scan");
  assert.match(scan, /size_t i = \(uint32_t\)0;/);
  assert.match(scan, /while \(i < \(uint32_t\)n\) \{/);
  // stepped once per pass of a loop with no test of their own: counters
  assert.match(scan, /int64_t tags = /);
});

test("tests either way round, through && and !, bound what follows them", () => {
  const c = moduleC();
  assert.match(fn(c, "tests"), /int32_t lo = 0;/);
  assert.match(fn(c, "tests"), /int32_t j = /);
  // b is stepped in `while (true)` but left by `continue outer` once it passes a + 3
  assert.match(fn(c, "jumps"), /int32_t b = a;/);
});

test("a parameter enters the analysis with its range, and its tests narrow it", () => {
  const c = moduleC();
  const w = fn(c, "window");
  assert.match(w, /int32_t next = \(from \+ 1\);/);
  assert.match(w, /int32_t prev = \(from - 1\);/);
  // past `from >= xs.length` the read at from needs no check, nor the one at next (`next <
  // xs.length ?`); prev = from - 1 keeps its check: that prev is below from is not followed
  assert.match(w, /xs->data\[from\]/);
  assert.match(w, /xs->data\[next\]/);
  assert.match(w, /nd_i32arr_at\(xs, prev, /);
});

test("-0 through an index check, fractions and NaN under tests, and steps past int32 stay what they are", () => {
  const c = moduleC();
  const edges = fn(c, "edges");
  // `buf[z]` accepts -0: z stays a double, so 1 / z is -Infinity as in Node
  assert.match(edges, /double z = /);
  assert.match(edges, /double f = /);
  assert.match(edges, /double q = /);
  const limits = fn(c, "limits");
  // tested against 2^31 + 2 before each step: the hull [2^31 - 8, 2^31 + 2] fits a uint32
  assert.match(limits, /size_t up = /);
  // below int32: the hull needs an int64
  assert.match(limits, /int64_t down = /);
  assert.match(limits, /size_t w = /);
});

test("a counter stepped up from 0 keeps its lower bound though nothing bounds it above", () => {
  const phases = fn(moduleC(), "phases");
  // a 52-bit counter, but never negative: its remainder is an integer's, and so are the cases
  assert.match(phases, /int64_t i = \(int64_t\)0;/);
  assert.match(phases, /nd_t\d+ = \(\(int64_t\)i % \(int64_t\)4\);/);
  assert.match(phases, /if \(nd_t\d+ == 1\) goto/);
  assert.not.match(phases, /nd_mod\(/);
});

test.run();
