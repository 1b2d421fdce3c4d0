// Bounds checks the compiler keeps. `a[i]` goes unchecked only where nothing can make the index
// reach the length: in a loop `for (…; i < a.length; i++)` that cannot, in a counted loop whose
// `a[i + k]` the entry test `i + k >= 0 && B + k <= a.length` covers, in a scan
// `while (i < end && …a[i]…) i++;` entered with 0 <= i and end <= a.length, or with an index whose
// range lies within a length the array's declaration guarantees, or past a test that the index is
// below the length with no write to it since (test/conformance/093-loop-bounds.ts, 094-offset-loops.ts,
// 114-length-guards.ts and 021–024 have the accesses that drop the check). Here each program breaks one condition and
// must panic with the index, the length and its TypeScript line, where Node would read `undefined`.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { compile } from "../codegen/compile";
import { buildHost, removeDir, runSanitized, tempDir } from "./harness/c-runner";

interface Case {
  name: string;
  /** the body of main(); `a` is [10, 20, 30, 40] unless it declares its own */
  body: string;
  /** other declarations of the module */
  extra?: string;
  /** the panic's index, length and line within body (1-based) */
  index: number;
  length: number;
  line: number;
}

const CASES: Case[] = [
  {
    name: "the body pops the array",
    body: "let s = 0;\nfor (let i = 0; i < a.length; i++) {\n  if (i === 1) a.pop();\n  if (i === 1) a.pop();\n  if (i === 1) a.pop();\n  s += a[i];\n}\nconsole.log(s);",
    index: 1, length: 1, line: 6,
  },
  {
    name: "the body truncates the array through length",
    body: "let s = 0;\nfor (let i = 0; i < a.length; i++) {\n  if (i === 2) a.length = 2;\n  s += a[i];\n}\nconsole.log(s);",
    index: 2, length: 2, line: 4,
  },
  {
    name: "a function the body calls pops the array",
    extra: "function drop(xs: number[]): void {\n  xs.pop();\n  xs.pop();\n}",
    body: "let s = 0;\nfor (let i = 0; i < a.length; i++) {\n  if (i === 2) drop(a);\n  s += a[i];\n}\nconsole.log(s);",
    index: 2, length: 2, line: 4,
  },
  {
    name: "the body steps the counter too",
    body: "const b = [1, 2, 3];\nlet s = 0;\nfor (let i = 0; i < b.length; i++) {\n  s += b[i];\n  i++;\n  s += b[i];\n}\nconsole.log(s);",
    index: 3, length: 3, line: 6,
  },
  {
    name: "the test lets the counter reach the length",
    body: "let s = 0;\nfor (let i = 0; i <= a.length; i++) s += a[i];\nconsole.log(s);",
    index: 4, length: 4, line: 2,
  },
  {
    name: "the body puts a shorter array in the tested name",
    body: "let b = a;\nlet s = 0;\nfor (let i = 0; i < b.length; i++) {\n  if (i === 1) b = [7];\n  s += b[i];\n}\nconsole.log(s);",
    index: 1, length: 1, line: 5,
  },
  {
    name: "the test reads another typed array's length",
    body: "const u = new Uint8Array(5);\nconst v = new Uint8Array(3);\nfor (let i = 0; i < u.length; i++) v[i] = u[i] + 1;\nconsole.log(v[0]);",
    index: 3, length: 3, line: 3,
  },
  {
    name: "the counter starts below 0",
    body: "let s = 0;\nfor (let i = -1; i < a.length; i++) s += a[i];\nconsole.log(s);",
    index: -1, length: 4, line: 2,
  },
  {
    name: "the index's range passes a typed array's fixed length",
    body: "const u = new Uint8Array(3);\nlet s = 0;\nfor (let k = 0; k < 5; k++) s += u[k];\nconsole.log(s);",
    index: 3, length: 3, line: 3,
  },
  {
    name: "the index's range passes a constant typed array's elements",
    extra: "const L = new Uint16Array([1, 2, 3]);",
    body: "let s = 0;\nfor (let k = 0; k < 4; k++) s += L[k];\nconsole.log(s);",
    index: 3, length: 3, line: 2,
  },
  {
    name: "the function a constant comes from returns typed arrays of two lengths",
    extra: "function table(): Uint8Array {\n  const x = new Uint8Array(4);\n  const y = new Uint8Array(2);\n  if (x.length > 9) return x;\n  return y;\n}\nconst T = table();",
    body: "let s = 0;\nfor (let k = 0; k < 4; k++) s += T[k];\nconsole.log(s);",
    index: 2, length: 2, line: 2,
  },
  {
    name: "a scan's end passes the typed array's length",
    body: "const u = new Uint8Array(3);\nconst n = 5;\nlet i = 0;\nwhile (i < n && u[i] !== 9) i++;\nconsole.log(i);",
    index: 3, length: 3, line: 4,
  },
  {
    name: "a scan starts below 0",
    body: "const u = new Uint8Array(3);\nlet i = -1;\nwhile (i < 2 && u[i] !== 9) i++;\nconsole.log(i);",
    index: -1, length: 3, line: 3,
  },
  {
    name: "a scan's test calls a function that pops the array",
    extra: "function drop(xs: number[]): boolean {\n  xs.pop();\n  return true;\n}",
    body: "const n = a.length;\nlet i = 0;\nwhile (i < n && drop(a) && a[i] > 0) i++;\nconsole.log(i);",
    index: 2, length: 1, line: 3,
  },
  {
    name: "a constant index passes an array literal's elements",
    body: "const b = [1, 2];\nlet k = 2;\nif (b.length > 5) k = 0;\nconsole.log(b[k]);",
    index: 2, length: 2, line: 4,
  },
  {
    name: "an array literal's type is shortened",
    body: "const w = [\"x\"];\nw.pop();\nconsole.log(w[0]);",
    index: 0, length: 0, line: 3,
  },
  {
    name: "an offset read runs past the end",
    body: "const u = new Uint8Array([1, 2, 3, 4, 5]);\nconst k = 2;\nlet s = 0;\nfor (let i = 0; i < 4; i++) s += u[i + k];\nconsole.log(s);",
    index: 5, length: 5, line: 4,
  },
  {
    name: "an offset read starts before 0",
    body: "const u = new Uint8Array([1, 2, 3]);\nconst k = a.length - 5;\nlet s = 0;\nfor (let i = 0; i < 3; i++) s += u[k + i];\nconsole.log(s);",
    index: -1, length: 3, line: 4,
  },
  {
    name: "a subtracted offset starts before 0",
    body: "const u = new Uint8Array([1, 2, 3]);\nconst k = a.length - 3;\nlet s = 0;\nfor (let i = 0; i < 3; i++) s += u[i - k];\nconsole.log(s);",
    index: -1, length: 3, line: 4,
  },
  {
    name: "the offset changes in the loop",
    body: "const u = new Uint8Array([1, 2, 3, 4, 5]);\nlet k = 0;\nlet s = 0;\nfor (let i = 0; i < 4; i++) {\n  s += u[i + k];\n  k = 2;\n}\nconsole.log(s);",
    index: 5, length: 5, line: 5,
  },
  {
    name: "the offset is declared in the loop, over an outer one of the same name",
    body: "const u = new Uint8Array([1, 2, 3, 4, 5]);\nconst k = 0;\nlet s = k;\nfor (let i = 0; i < 4; i++) {\n  const k = i === 3 ? 2 : 0;\n  s += u[i + k];\n}\nconsole.log(s);",
    index: 5, length: 5, line: 6,
  },
  {
    name: "the array is declared in the loop",
    body: "let s = 0;\nfor (let i = 0; i < 4; i++) {\n  const v = new Uint8Array(i === 3 ? 3 : 5);\n  s += v[i + 1];\n}\nconsole.log(s);",
    index: 4, length: 3, line: 4,
  },
  {
    name: "the bound is an array that grows",
    body: "const c = new Uint8Array(4);\nlet s = 0;\nfor (let i = 0; i < a.length; i++) {\n  if (i === 0) a.push(50);\n  s += c[i];\n}\nconsole.log(s);",
    index: 4, length: 4, line: 5,
  },
  {
    name: "an inclusive bound reaches the length",
    body: "const u = new Uint8Array([1, 2, 3, 4, 5]);\nconst n = u.length;\nlet s = 0;\nfor (let i = 0; i <= n; i++) s += u[i];\nconsole.log(s);",
    index: 5, length: 5, line: 4,
  },
  {
    name: "an offset write runs past the end",
    body: "const v = new Uint8Array(3);\nfor (let i = 0; i < v.length; i++) v[i + 1] = i;\nconsole.log(v[0]);",
    index: 3, length: 3, line: 2,
  },
  {
    name: "the index is written between the length test and the read",
    body: "let i = 3;\nif (i < a.length) {\n  i++;\n  console.log(a[i]);\n}",
    index: 4, length: 4, line: 4,
  },
  {
    name: "a length test lets the index reach the length",
    body: "let i = 4;\nif (a.length > 9) i = 0;\nif (i <= a.length) console.log(a[i]);",
    index: 4, length: 4, line: 3,
  },
  {
    name: "a loop inside the tested statements steps the index after its read",
    body: "let i = 2;\nlet s = 0;\nif (i < a.length) {\n  for (let k = 0; k < 3; k++) {\n    s += a[i];\n    i++;\n  }\n}\nconsole.log(s);",
    index: 4, length: 4, line: 5,
  },
  {
    name: "the tested constant holds another array's length",
    body: "const b = [1, 2];\nconst n = a.length;\nlet i = 2;\nif (b.length > 5) i = 0;\nif (i < n) console.log(b[i]);",
    index: 2, length: 2, line: 5,
  },
  {
    name: "the tested name is given a shorter array after the test",
    body: "let b = a;\nlet i = 2;\nif (i < b.length) {\n  b = [7];\n  console.log(b[i]);\n}",
    index: 2, length: 1, line: 5,
  },
  {
    name: "the index is written after an early return's length test",
    body: "let i = 3;\nif (i >= a.length) return;\ni++;\nconsole.log(a[i]);",
    index: 4, length: 4, line: 4,
  },
  {
    name: "a branch without else steps the index after the length test",
    body: "let i = 3;\nif (i < a.length) {\n  if (a.length === 4) i++;\n  console.log(a[i]);\n}",
    index: 4, length: 4, line: 4,
  },
  {
    name: "the index below a tested length may be below 0",
    body: "let i = -1;\nif (a.length > 9) i = 0;\nif (i < a.length) console.log(a[i]);",
    index: -1, length: 4, line: 3,
  },
  {
    name: "the array is shortened after its length was kept",
    body: "const n = a.length;\nlet i = 3;\na.pop();\nif (i < n) console.log(a[i]);",
    index: 3, length: 3, line: 4,
  },
  {
    name: "an || whose left operand is not the length test negated",
    body: "let i = 4;\nif (a.length > 9) i = 0;\nif (i > a.length || a[i] > 0) console.log(i);",
    index: 4, length: 4, line: 3,
  },
  {
    name: "a break leaves an inner loop with the index stepped",
    body: "let i = 3;\nif (i < a.length) {\n  for (let k = 0; k < 2; k++) {\n    if (k === 1) {\n      i++;\n      break;\n    }\n  }\n  console.log(a[i]);\n}",
    index: 4, length: 4, line: 9,
  },
  {
    name: "a stepped write runs past a fixed length",
    body: "const buf = new Uint8Array(4);\nlet at = 0;\nwhile (at < 5) buf[at++] = 1;\nconsole.log(buf[0]);",
    index: 4, length: 4, line: 3,
  },
  {
    name: "a prefix step reaches a fixed length",
    body: "const buf = new Uint8Array(4);\nlet at = 2;\nbuf[++at] = 1;\nbuf[++at] = 2;\nconsole.log(buf[3]);",
    index: 4, length: 4, line: 4,
  },
  {
    name: "a position a sum helper returns is stepped past a fixed length",
    extra: "function skip(at: number, n: number): number {\n  return at + n;\n}",
    body: "const buf = new Uint8Array(4);\nlet at = skip(1, 2);\nbuf[at++] = 1;\nbuf[at++] = 2;\nconsole.log(buf[3]);",
    index: 4, length: 4, line: 4,
  },
  {
    name: "a helper moves its parameter before it returns the sum",
    extra: "function skewed(at: number, n: number): number {\n  if (n > 1) at = 5;\n  return at + n;\n}",
    body: "const buf = new Uint8Array(6);\nfor (let n = 1; n <= 2; n++) {\n  const at = skewed(1, n);\n  buf[at] = 1;\n}\nconsole.log(buf[0]);",
    index: 7, length: 6, line: 4,
  },
  {
    name: "a for loop's trips step a position past a fixed length",
    body: "const buf = new Uint8Array(8);\nlet at = 0;\nfor (let w = 0; w < 3; w++) {\n  buf[at++] = 1;\n  buf[at++] = 2;\n  buf[at++] = 3;\n}\nconsole.log(buf[0]);",
    index: 8, length: 8, line: 6,
  },
  {
    name: "the position leaves a for loop tested with <= after its last trip",
    body: "const buf = new Uint8Array(8);\nlet at = 0;\nif (buf.length === 8) {\n  for (let w = 1; w <= 2; w++) {\n    buf[at++] = 1;\n    buf[at++] = 2;\n    buf[at++] = 3;\n  }\n}\nbuf[at++] = 4;\nbuf[at++] = 5;\nbuf[at++] = 6;\nconsole.log(buf[0]);",
    index: 8, length: 8, line: 12,
  },
];

/** Checks conformance program `file`: its free… functions have no checked access, its checked… ones keep theirs. */
function freeAndChecked(file: string, free: number, kept: number): void {
  const r = compile(join(process.cwd(), "test/conformance", `${file}.ts`));
  assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], [], "compiles");
  const module = `m${file.replace(/-/g, "_")}`;
  const c = r.files.get(`${module}.c`) ?? "";
  const bodies = [...c.matchAll(new RegExp(`\\n\\S[^\\n]* ${module}_(\\w+)\\([^)]*\\) \\{\\n([\\s\\S]*?)\\n\\}`, "g"))];
  const checked = /nd_\w+_(at|ref|get|put|set)\(|nd_index/;
  const frees = bodies.filter(([, name]) => name!.startsWith("free"));
  assert.is(frees.length, free, "the free… functions");
  for (const [, name, body] of frees) assert.not.match(body!, checked, `${name} has no checked access`);
  const checks = bodies.filter(([, name]) => name!.startsWith("checked"));
  assert.is(checks.length, kept, "the checked… functions");
  for (const [, name, body] of checks) assert.match(body!, checked, `${name} keeps its check`);
}

test("drops the check where a length test covers the access (conformance 114)", () => {
  freeAndChecked("114-length-guards", 4, 2);
});

test("drops the check of stepped writes within a fixed length (conformance 115)", () => {
  freeAndChecked("115-stepped-writes", 3, 2);
});

for (const c of CASES) {
  test(`keeps the check when ${c.name}`, async () => {
    const dir = tempDir("nudge-bounds");
    try {
      const prefix = `${c.extra ?? ""}\nexport function main(): void {\n  const a: number[] = [10, 20, 30, 40];\n  console.log(a.length);\n`;
      const src = `${prefix}${c.body.split("\n").map((l) => `  ${l}`).join("\n")}\n}\n`;
      const entry = join(dir, "prog.ts");
      writeFileSync(entry, src);
      const r = compile(entry);
      assert.equal([...r.tsErrors, ...r.diagnostics.map((d) => d.message)], [], "compiles");
      const out = join(dir, "c");
      mkdirSync(out);
      for (const [f, text] of r.files) writeFileSync(join(out, f), text);
      const build = await buildHost(out, join(dir, "prog"), { cc: "gcc", sanitize: true });
      assert.is(build.code, 0, build.stderr);
      const run = await runSanitized(join(dir, "prog"));
      const line = prefix.split("\n").length - 1 + c.line;
      assert.is(run.code, 70, `exit status (stderr: ${run.stderr})`);
      assert.match(run.stderr, `panic: index ${c.index} out of bounds (length ${c.length}) at ${relative(process.cwd(), entry)}:${line}`);
      assert.not.match(run.stderr, /Sanitizer|runtime error/);
    } finally {
      removeDir(dir);
    }
  });
}

test.run();
