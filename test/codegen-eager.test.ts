// Which `&&` and `||` evaluate both operands (FunctionEmitter.eager, nd_and_eager in nd_rt.h),
// pinned on the C of conformance program 113, whose output the conformance suite checks against
// Node under ASan and UBSan: a right operand evaluated where JavaScript would not must have no
// effect, no panic and no undefined behaviour.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { REPO } from "./harness/c-runner";

const r = compile(join(REPO, "test/conformance/113-eager-logic.ts"));
const c = [...r.files].find(([name]) => name.startsWith("m113") && name.endsWith(".c"))?.[1] ?? "";
const P = "m113_eager_logic";

/** The body of one function's definition. */
function fn(name: string): string {
  const at = c.search(new RegExp(`^(static )?\\w+ \\*?${P}_${name}\\(.*\\) \\{$`, "m"));
  assert.ok(at >= 0, name);
  return c.slice(at, c.indexOf("\n}\n", at));
}

test("compiles", () => {
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], []);
  assert.ok(c.length > 0);
});

test("comparisons of fields and one-line methods' results are evaluated eagerly", () => {
  assert.match(fn("Box_overlaps"), /return nd_and_eager\(nd_and_eager\(nd_and_eager\(/);
  assert.not.match(fn("Box_overlaps"), /&&/);
  assert.match(fn("Box_touches"), /return nd_or_eager\(nd_or_eager\(nd_or_eager\(/);
  // a flag and a comparison of a local's field, a method of a local
  assert.match(fn("main"), /nd_and_eager\(\(box\.x == 0\.0\), \(box\.y <= 0\.0\)\)/);
  assert.match(fn("main"), /nd_and_eager\(\(x < 1\.0\), \(m113_eager_logic_Box_right\(&box\) > 0\.0\)\)/);
});

test("a right operand reading what the left tests, with an effect, or adding to a bounded local keeps the short circuit", () => {
  assert.match(fn("longestRise"), /\(n->next != NULL\) && \(n->next->value > n->value\)/);
  assert.match(fn("positives"), /\(i < xs->len\) && /);
  assert.match(fn("nearLimit"), /\(i < 100\) && /);
  assert.match(fn("main"), /\(v != 0\) && m113_eager_logic_Probe_positive\(/);
  assert.match(fn("main"), /\(v == 0\) \|\| m113_eager_logic_Probe_positive\(/);
});

test.run();
