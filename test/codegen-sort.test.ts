// How sort() reaches its comparator (codegen/calls.ts, ModuleContext.sortOrder), pinned on the C of
// conformance program 111, whose output the conformance suite checks against Node.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { REPO } from "./harness/c-runner";

const r = compile(join(REPO, "test/conformance/111-sort-comparators.ts"));
const c = [...r.files].find(([name]) => name.startsWith("m111") && name.endsWith(".c"))?.[1] ?? "";
const P = "m111_sort_comparators";

test("compiles", () => {
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], []);
  assert.ok(c.length > 0);
});

test("named functions and arrows are called directly from one ordering function each", () => {
  assert.match(c, new RegExp(`static bool ${P}__order_1\\(const void \\*y, const void \\*x, const void \\*ctx\\) \\{\\n  \\(void\\)ctx;\\n  return ${P}_byPrio\\(\\*\\(${P}_Task \\* const \\*\\)y, \\*\\(${P}_Task \\* const \\*\\)x\\) < 0;`));
  // through the sort that a build optimizing for speed inlines (nd_rt.h)
  assert.match(c, new RegExp(`nd_sort_known\\(nd_t\\d+->data, nd_t\\d+->len, sizeof\\(${P}_Task \\*\\), ${P}__order_1, NULL\\)`));
  // value classes are sorted as the structs they are
  assert.match(c, new RegExp(`sizeof\\(${P}_Pt\\), ${P}__order_\\d+, NULL\\)`));
  // every ordering function defined is used: one per comparator and element type
  const defined = c.match(new RegExp(`static bool ${P}__order_\\d+`, "g")) ?? [];
  assert.is(defined.length, 8);
});

test("a function only ever handed to sort() keeps an integer return; one also used as a value keeps double", () => {
  assert.match(c, new RegExp(`static int32_t ${P}_byDueDescending\\(${P}_Task \\* a, ${P}_Task \\* b\\)`));
  assert.match(c, new RegExp(`return ${P}_byDueDescending\\(\\*\\(${P}_Task \\* const \\*\\)y, \\*\\(${P}_Task \\* const \\*\\)x\\) < 0;`));
  assert.match(c, new RegExp(`double ${P}_byPrio\\(${P}_Task \\* a, ${P}_Task \\* b\\)`));
});

test("comparators held in constants, parameters or chosen at run time go through their pointer", () => {
  assert.match(c, new RegExp(`nd_arr_${P}_Task_sort\\(nd_t\\d+, cmp\\)`));
});

test.run();
