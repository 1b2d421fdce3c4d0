// Which loops give back each turn's memory (codegen/turn-release.ts), pinned on the C of
// conformance program 103, whose output the conformance suite checks against Node under ASan
// (which faults on memory given back too early) and on rv32: this shows which loops release.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { REPO } from "./harness/c-runner";

const r = compile(join(REPO, "test/conformance/103-turn-release.ts"));
const c = [...r.files].find(([name]) => name.startsWith("m103") && name.endsWith(".c"))?.[1] ?? "";

/** Whether the loop whose head is the first line matching `head` after `after` is marked. */
function marked(after: string, head: RegExp): boolean {
  const from = c.indexOf(after);
  assert.ok(from >= 0, after);
  const lines = c.slice(from).split("\n");
  const at = lines.findIndex((l) => head.test(l));
  assert.ok(at > 0, String(head));
  return /nd_arena_mark\(&nd_t\d+\);$/.test(lines[at - 1]!);
}

test("compiles", () => {
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], []);
  assert.ok(c.length > 0);
});

test("turns that keep only numbers, or return what they made, give back their memory", () => {
  assert.ok(marked("m103_turn_release_firstLong(", /for \(; i < 100; i\+\+\)/), "return from inside");
  assert.ok(marked("void m103_turn_release_main(", /for \(; t < 80; t\+\+\)/), "strings per turn");
  assert.ok(marked("void m103_turn_release_main(", /for \(; t < 50; t\+\+\)/), "fresh arrays, objects and a sort");
  assert.ok(marked("void m103_turn_release_main(", /for \(; t < 4; t\+\+\)/), "a string built in the turn");
  assert.ok(marked("void m103_turn_release_main(", /for \(; t < 20; t\+\+\)/), "noise");
  // each marked loop gives back at the end of its body
  assert.equal(c.match(/nd_arena_mark\(&nd_t\d+\);/g)?.length, 5);
  assert.equal(c.match(/nd_arena_back\(&nd_t\d+\);/g)?.length, 5);
});

test("turns that store a reference outside themselves, or grow an outer array, keep it", () => {
  const lines = c.slice(c.indexOf("void m103_turn_release_main(")).split("\n");
  // acc +=, outer.push, slots[i] =, holder.label =, keeper.keep, keeper.hold, remember, the head's string
  const heads = lines.flatMap((l, i) => (/^\s*for \(; (i < (5|3); i\+\+|nd_text_utf8Length\(s\) < 6\.0;)/.test(l) ? [i] : []));
  assert.equal(heads.length, 8);
  for (const i of heads) assert.not.match(lines[i - 1]!, /nd_arena_mark/, lines[i]);
  // the loops inside sortedLabels push onto arrays made before them
  const sorted = c.slice(c.indexOf("m103_turn_release_sortedLabels(int32_t count) {"));
  assert.not.ok(/nd_arena_mark/.test(sorted.slice(0, sorted.indexOf("\n}\n"))));
});

test.run();
