// Which integer forms the analysis finds, pinned on the C of the conformance programs that run the
// same code against Node (096, 098, 099, 100, 101, 102, 109): the conformance suite shows the output is right either
// way, this shows the integer C is what computes it.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { REPO } from "./harness/c-runner";

/** The generated C of one conformance program's own module. */
function moduleC(program: string): string {
  const r = compile(join(REPO, "test/conformance", `${program}.ts`));
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], []);
  const c = [...r.files].find(([name]) => name.startsWith(`m${program.slice(0, 3)}`) && name.endsWith(".c"));
  assert.ok(c, `no C for ${program}`);
  return c![1];
}

test("scans up and down with int32 bounds keep int32 counters, as do those the flow analysis bounds; a scan down to a double bound keeps the wide counter", () => {
  const c = moduleC("096-scan-counters");
  // the body of one function's definition
  const fn = (name: string): string => {
    const at = c.search(new RegExp(`_${name}\\(.*\\) \\{$`, "m"));
    assert.ok(at >= 0, name);
    return c.slice(at, c.indexOf("\n}\n", at));
  };
  assert.match(fn("trimmedEnd"), /int32_t k = /);
  for (const v of ["a", "b", "c", "d", "e", "f", "g"]) assert.match(fn("stepForms"), new RegExp(`int32_t ${v} = `), v);
  // a bound reading the counter, a double bound next to an int32 one, a condition that writes,
  // two statements: each counter is tested against an int32 constant before its step
  for (const v of ["a", "b", "c", "d", "g"]) assert.match(fn("keepsWide"), new RegExp(`int32_t ${v} = `), v);
  assert.match(fn("keepsWide"), /int64_t f = /);
  for (const v of ["i", "j", "k", "m"]) assert.match(fn("atTheMaximum"), new RegExp(`int32_t ${v} = `), v);
});

test("a second round makes next() % k arguments and fields int32; a signed remainder stays a double", () => {
  const c = moduleC("098-int-slots-second-round");
  assert.match(c, /_letters\(int32_t from, int32_t count\) \{/);
  assert.match(c, /_Span_new\(int32_t width\) \{/);
  assert.match(c, /_inverse\(double r\) \{/);
});

test("indexOf answers int32 locals", () => {
  const c = moduleC("099-index-of-ranges");
  assert.match(c, /int32_t lf = \(\(int32_t\)nd_u8arr_indexOf_i\(/);
  assert.match(c, /int32_t hit = \(\(int32_t\)nd_arr_str_index_of\(/);
  assert.match(c, /int32_t found = \(\(int32_t\)nd_u8arr_indexOf_i\(/);
});

test("quotients of safe integers by int32s of at least 1 are C divisions; other divisors keep the double one", () => {
  const c = moduleC("100-int-quotients");
  assert.match(c, /int32_t w = nd_floordiv32\(i, 7\);/);
  assert.match(c, /\(uint32_t\)\(i \/ 7\)/);
  assert.match(c, /nd_floordiv32\(x, b\)/);
  assert.match(c, /nd_floor\(\(half \/ 2\.0\)\)/);
  // the divisor may be 0 or negative
  assert.match(c, /nd_floor\(\(+double\)nd_u2i\(\(uint32_t\)nd_toint32\(a\)/);
  // a safe dividend beyond int32 divides in int64; an int32 less one is a hull, not a counter
  assert.match(c, /int64_t before = \(\(int64_t\)x - \(int64_t\)1\);/);
  assert.match(c, /int32_t era = \(\(int32_t\)nd_floordiv64\(before, 400\)\);/);
  assert.match(c, /nd_floordiv64\(big, 7\)/);
  // uint32 remainders and quotients, and truncated quotients of wider integers
  assert.match(c, /\(\(uint32_t\)v % \(uint32_t\)10\)/);
  assert.match(c, /v = \(\(uint32_t\)nd_u2i\(\(uint32_t\)v \/ \(uint32_t\)10\)/);
  assert.match(c, /nd_wrap64\(big \/ 7\)/);
});

test("differences of counters and calls returning integers compare in C integers, the left side first", () => {
  const c = moduleC("101-int-comparisons");
  // the scan index is below buf.length at each read, so start and end are int32 parameters
  assert.match(c, /_spells\(nd_u8arr \* buf, int32_t start, int32_t end, nd_u8arr \* pattern\) \{/);
  assert.match(c, /\(end - start\) != pattern->len/);
  // a sum past int32 of 32-bit values: uint32 arithmetic, exact modulo 2^32 as ToInt32 needs
  assert.match(c, /int32_t mid = nd_sar32\(nd_u2i\(\(\(uint32_t\)lo \+ \(uint32_t\)hi\)\)/);
  assert.match(c, /(nd_t\d+) = m101_int_comparisons_upper\([^;]*\(\1 != \(\(int32_t\)pattern->data\[i\]\)\)/);
  assert.match(c, /(nd_t\d+) = m101_int_comparisons_bump\(cells\), \(\1 == \(\(int32_t\)cells->data\[0\]\)\)/);
  assert.match(c, /(nd_t\d+) = \(\(int32_t\)cells->data\[0\]\), \(\1 == m101_int_comparisons_bump\(cells\)\)/);
  assert.match(c, /\(int64_t\)(nd_t\d+) == \(int64_t\)\(\(int32_t\)cells->data\[1\]\)/);
  // a call returning a double is evaluated before the read to its right too
  assert.match(c, /(nd_t\d+) = m101_int_comparisons_halve\(xs\), \(\1 == xs->data\[0\]\)/);
});

test("counted loops stepping by a constant, or testing the counter plus a constant, keep integer counters", () => {
  const c = moduleC("102-loop-steps");
  assert.match(c, /int32_t i = 0;\n\s*for \(; \(\(uint32_t\)i \+ \(uint32_t\)2\) < \(uint32_t\)r->len; \(void\)\(\(double\)\(i \+= 3\)\)\)/);
  assert.match(c, /int32_t d = first;\n\s*for \(; d <= dim; \(void\)\(\(double\)\(d \+= 7\)\)\)/);
  assert.match(c, /int32_t i = n;\n\s*for \(; i >= 0; \(void\)\(\(double\)\(i -= 4\)\)\)/);
  // the last step passes int32
  assert.match(c, /size_t i = \(uint32_t\)2147483640;/);
  assert.match(c, /int64_t i = \(int64_t\)-2147483640;/);
  // written in the body, or a fractional step
  assert.match(c, /double i = 0\.0;\n\s*for \(; i < 20\.0;/);
  assert.match(c, /double x = 0\.0;/);
  // reads at i + 1 under `i + 1 < b.length`: unchecked behind the guard B - c + k <= length
  assert.match(c, /if \(\(int64_t\)b->len - 1 \+ \(int64_t\)1 <= \(int64_t\)b->len\) \{/);
});

test("bitwise results of calls returning doubles are int32 wherever they are written", () => {
  const c = moduleC("109-bitwise-with-effects");
  for (const v of ["h", "pair", "low"]) assert.match(c, new RegExp(`int32_t ${v} = 0;|int32_t ${v} = \\(`), v);
  assert.match(c, /_spread\(int32_t x, int32_t shift\) \{/);
  assert.match(c, /static int32_t m109_bitwise_with_effects_folded\(int32_t k\) \{/);
  // the left operand is evaluated before the call on the right changes what it reads
  assert.match(c, /int32_t pair = \(nd_t\d+ = nd_u2i\(/);
});

test.run();
