// Which classes are held by value (codegen/value-classes.ts), pinned on the C of conformance
// program 104, whose output the conformance suite checks against Node (under ASan, valgrind and
// on rv32), and on the classes kernel, whose frame loop can give back its memory once the points
// it stores in its sprites are structs.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { REPO } from "./harness/c-runner";

const r = compile(join(REPO, "test/conformance/104-value-classes.ts"));
const types = r.files.get("nd_types.h") ?? "";
const c = [...r.files].find(([name]) => name.startsWith("m104") && name.endsWith(".c"))?.[1] ?? "";
const P = "m104_value_classes";

test("compiles", () => {
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], []);
  assert.ok(c.length > 0);
});

test("immutable records of numbers are structs, nested and in arrays, built without allocating", () => {
  assert.match(types, new RegExp(`struct ${P}_Segment \\{[^}]*\\n  ${P}_Vec from;\\n  ${P}_Vec to;`));
  // the embedded struct is laid out before the one embedding it, and before the arrays
  assert.ok(types.indexOf(`struct ${P}_Vec {`) < types.indexOf(`struct ${P}_Segment {`));
  assert.ok(types.indexOf(`struct ${P}_Vec {`) < types.indexOf(`ND_ARRAY(nd_arr_${P}_Vec, ${P}_Vec)`));
  assert.match(types, new RegExp(`ND_ARRAY\\(nd_arr_${P}_Tag, ${P}_Tag\\)`));
  const ctor = c.slice(c.indexOf(`static ${P}_Vec ${P}_Vec_new(double x, double y) {`));
  assert.ok(ctor.length > 0, "Vec_new returns the struct");
  const body = ctor.slice(0, ctor.indexOf("\n}\n"));
  assert.not.match(body, /nd_alloc/);
  assert.match(body, /return nd_self;/);
  // a mutable class holds the structs in its fields
  assert.match(types, new RegExp(`struct ${P}_Body \\{[^}]*  ${P}_Vec at;`));
});

test("classes compared, made nullable, searched, written after construction or embedding such a class stay references", () => {
  for (const name of ["Key", "Maybe", "Item", "Cell", "Body", "Pin", "Pair"]) {
    assert.match(types, new RegExp(`ND_ARRAY\\(nd_arr_${P}_${name}, ${P}_${name} \\*\\)|^struct ${P}_${name} \\{`, "m"), name);
    assert.match(c, new RegExp(`${P}_${name} \\* ?${P}_${name}_new\\(`), name);
  }
});

test("a loop turn that stores only structs outside itself gives back its memory", () => {
  const k = compile(join(REPO, "bench/kernels/classes.ts"));
  const kc = k.files.get("classes.c") ?? "";
  const lines = kc.split("\n");
  const frame = lines.findIndex((l) => /for \(; \(\(double\)f\) < frames; f\+\+\)/.test(l));
  assert.ok(frame > 0);
  assert.match(lines[frame - 1]!, /nd_arena_mark\(&nd_t\d+\);/);
  assert.match(kc, /classes_Sprite_step\(classes_Sprite \*self, classes_Rect world\)/);
});

test.run();
