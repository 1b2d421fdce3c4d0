// What a module's generated header defines: an exported function whose body is one `return` of
// its parameters, literals, operators and runtime calls is a C99 inline definition there (other
// modules inline it), with its one external definition in its own module's C file; every other
// function keeps one C definition and a prototype, among them the entry module's exports, which
// drivers link against (test/conformance/095-inline-leaves runs the same program against Node).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { cFiles, REPO, run, runNodeBatch, STRICT_C_FLAGS } from "./harness/c-runner";

const r = compile(join(REPO, "test/conformance/095-inline-leaves/main.ts"));

/** The functions a generated file defines inline, and those it only declares. */
function kinds(file: string): { inline: string[]; declared: string[] } {
  const text = r.files.get(file) ?? "";
  const inline = [...text.matchAll(/^inline [^(]*?(\w+)\(/gm)].map((m) => m[1]!);
  const declared = [...text.matchAll(/^(?!static|extern|typedef)\w[\w ]*?[\s*](\w+)\([^)]*\);$/gm)].map((m) => m[1]!);
  return { inline, declared };
}

test("compiles", () => {
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], []);
});

test("one-line leaves are defined in their module's header; their source only declares them", () => {
  const lib = kinds("lib.h");
  assert.equal(lib.inline.sort(), ["lib_floorDiv", "lib_same", "lib_upper"]);
  // a declaration without `inline` makes lib.c hold the external definition (C99 6.7.4)
  assert.equal(kinds("lib.c").declared.filter((f) => lib.inline.includes(f)).sort(), lib.inline.sort());
  for (const f of lib.inline) assert.not.match(r.files.get("lib.c")!, new RegExp(`\\b${f}\\(.*\\) \\{$`, "m"), f);
});

test("functions used as values, with checks, calls, module statics or globals keep one C definition", () => {
  const lib = kinds("lib.h");
  assert.equal(lib.declared.sort(), ["lib__init", "lib_byValue", "lib_first", "lib_isEmpty", "lib_step", "lib_upperTwice"]);
  for (const f of ["lib_byValue", "lib_first", "lib_isEmpty", "lib_step", "lib_upperTwice"]) {
    assert.match(r.files.get("lib.c")!, new RegExp(`^\\w[\\w ]*\\b${f}\\(.*\\) \\{$`, "m"), f);
  }
});

test("the entry module's exports keep their symbols for drivers", () => {
  const main = kinds("main.h");
  assert.equal(main.inline, []);
  assert.equal(main.declared.sort(), ["main_half", "main_main"]);
});

/** The generated files of a program of the given modules (lines each), compiled from main.ts without errors. */
function compileModules(modules: Record<string, string[]>): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "nudge-static-"));
  try {
    for (const [name, lines] of Object.entries(modules)) writeFileSync(join(dir, name), [...lines, ""].join("\n"));
    const s = compile(join(dir, "main.ts"));
    assert.equal([...s.tsErrors, ...s.diagnostics.map((d) => d.message)], []);
    return s.files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Functions no other module can name: `static` when the module uses them, so the C compiler can
// inline them; an unused one keeps its symbol (a static one would warn, and warnings are errors).
test("functions that are not exported and private methods are static where used", () => {
  const files = compileModules({
    "main.ts": [
      "function twice(x: number): number { return x * 2; }",
      "function unused(x: number): number { return x + 1; }",
      "export class Counter {",
      "  n: number = 0;",
      "  private bump(by: number): void { this.n += twice(by); }",
      "  private never(): number { return this.n; }",
      "  add(by: number): void { this.bump(by); }",
      "}",
      "export function main(): void { const c = new Counter(); c.add(3); console.log(c.n); }",
    ],
  });
  const c = files.get("main.c")!;
  const h = files.get("main.h")!;
  assert.match(c, /^static double main_twice\(double x\) \{$/m);
  assert.match(c, /^static void main_Counter_bump\(main_Counter \*self, double by\) \{$/m);
  assert.match(c, /^\w+ main_unused\(/m);
  assert.match(c, /^double main_Counter_never\(/m);
  assert.match(h, /^void main_Counter_add\(/m);
  assert.not.match(h, /bump|twice/);
});

// A class the module does not export: only this module constructs it, so its constructor is
// static; its methods are static unless another module calls them on a value it was handed.
// Names exported by an `export { … }` list are exports like any other.
test("members of classes that are not exported are static unless another module reaches them", () => {
  const files = compileModules({
    "lib.ts": [
      "class Box { constructor(public v: number) {} get(): number { return this.v + 1; } inner(): number { return this.v * 3; } never(): number { return 0; } }",
      "function make(v: number): Box { return new Box(v); }",
      "function tripled(v: number): number { return new Box(v).inner(); }",
      "const LIMIT = 7;",
      "export { make, tripled as thrice, LIMIT };",
    ],
    "main.ts": [
      'import { make, thrice, LIMIT } from "./lib";',
      "export function main(): void { console.log(make(5).get(), thrice(2), LIMIT); }",
    ],
  });
  const c = files.get("lib.c")!;
  const h = files.get("lib.h")!;
  assert.match(c, /^static lib_Box \*?lib_Box_new\(/m);
  assert.match(c, /^static \w+ lib_Box_inner\(/m);
  assert.match(c, /^\w+ lib_Box_get\(/m);
  assert.match(c, /^\w+ lib_Box_never\(/m);
  assert.match(h, /^\w+ lib_Box_get\(/m);
  assert.match(h, /^lib_Box (\* )?lib_make\(/m);
  assert.match(h, /^\w+ lib_tripled\(/m);
  assert.match(h, /^extern const double lib_LIMIT;/m);
  assert.not.match(h, /inner|never|Box_new/);
});

// The runtime's helpers and each program's array functions are C99 inline definitions: a module
// that does not inline one calls its one external definition (nd_rt.c, nd_main.c). At -O0 nothing
// is inlined, so a missing definition fails the link.
test("at -O0, programs with arrays of many types and typed arrays link and print what Node prints", async () => {
  const programs = ["024-typed-slice-set-fill.ts", "040-array-sort.ts", "041-array-indexof.ts", "045-array-nested.ts", "049-class-objects-in-arrays.ts", "090-typed-index-of.ts", "095-inline-leaves/main.ts"];
  const entries = programs.map((p) => join(REPO, "test/conformance", p));
  const expected = await runNodeBatch(entries);
  const dir = mkdtempSync(join(tmpdir(), "nudge-o0-"));
  try {
    for (const [i, entry] of entries.entries()) {
      const out = join(dir, String(i));
      mkdirSync(out);
      const c = compile(entry);
      assert.equal([...c.tsErrors, ...c.diagnostics.map((d) => d.message)], [], programs[i]);
      for (const [f, text] of c.files) writeFileSync(join(out, f), text);
      const built = await run("cc", [...STRICT_C_FLAGS, "-O0", `-I${out}`, ...cFiles(out), "-o", join(out, "prog"), "-lm"]);
      assert.equal(built.code, 0, `${programs[i]}: ${built.stderr}`);
      const ran = await run(join(out, "prog"), []);
      assert.equal([ran.code, ran.stdout], [expected[i]!.code, expected[i]!.stdout], programs[i]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
