// Every diagnostic code of the compiler has a fixture that triggers it; the CLI must exit 1, report
// `file:line:col: error CODE` at the marked position with the code's hint, and write no C.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CODES } from "../codegen/diagnostics";
import { REPO, compileTs, pool, removeDir, tempDir, type Run } from "./harness/c-runner";

const FIXTURES = join(REPO, "test/fixtures/diagnostics");
/** Placed directly before the construct the diagnostic must point at (spaces after it are skipped). */
const MARKER = "/*@*/";

/**
 * Codes whose fixture the compiler does not yet report as written (details in
 * build/compiler-feedback.txt). Each listed code must still fail: fix the compiler, then delete the line.
 */
const KNOWN_FAILURES: Record<string, string> = {};

interface Expected {
  file: string;
  line: number;
  col: number;
}

/** The fixture and, for multi-module fixtures, the files of its same-named folder. */
function fixtureFiles(code: string): string[] {
  const files = [join(FIXTURES, `${code}.ts`)];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".ts")) files.push(p);
    }
  };
  if (existsSync(join(FIXTURES, code))) walk(join(FIXTURES, code));
  return files;
}

function expectedPosition(code: string): Expected {
  const marked: Expected[] = [];
  for (const file of fixtureFiles(code)) {
    const text = readFileSync(file, "utf8");
    let i = text.indexOf(MARKER);
    while (i >= 0) {
      let pos = i + MARKER.length;
      while (text[pos] === " ") pos++;
      const before = text.slice(0, pos).split("\n");
      marked.push({ file: relative(REPO, file), line: before.length, col: before[before.length - 1]!.length + 1 });
      i = text.indexOf(MARKER, i + 1);
    }
  }
  if (marked.length !== 1) throw new Error(`${code}: the fixture needs exactly one ${MARKER} marker, found ${marked.length}`);
  return marked[0]!;
}

const codes = Object.keys(CODES) as (keyof typeof CODES)[];
const present = codes.filter((c) => existsSync(join(FIXTURES, `${c}.ts`)));
const runs = new Map<string, { run: Run; out: string }>();
let work = "";

test.before(async () => {
  work = tempDir("nudge-diagnostics");
  await pool(present, 2, async (code) => {
    const out = join(work, code);
    runs.set(code, { run: await compileTs(relative(REPO, join(FIXTURES, `${code}.ts`)), out, { cwd: REPO }), out });
  });
});

test.after(() => {
  if (work) removeDir(work);
});

test("every fixture belongs to a code in codegen/diagnostics.ts", () => {
  const stale = readdirSync(FIXTURES).filter((f) => f.endsWith(".ts") && !(f.slice(0, -3) in CODES));
  assert.equal(stale, [], `fixtures without a code: ${stale.join(", ")}`);
  for (const code of Object.keys(KNOWN_FAILURES)) assert.ok(code in CODES, `KNOWN_FAILURES lists ${code}, which is not a code`);
});

/** Everything wrong with the compiler's answer to one fixture. */
function problems(code: keyof typeof CODES): string[] {
  const { run, out } = runs.get(code)!;
  const text = run.stderr + run.stdout;
  if (run.code !== 1) return [`exit status ${run.code}, output:\n${text}`];
  const found: string[] = [];
  const where = expectedPosition(code);
  const prefix = `${where.file}:${where.line}:${where.col}: error ${code}`;
  const lines = text.split("\n");
  const errors = lines.filter((l) => / error (NUDGE|TS)\d+/.test(l));
  if (errors.length === 0 || !errors[0]!.startsWith(prefix)) found.push(`expected the first error to start with\n  ${prefix}\ngot:\n${text}`);
  // Repeats of the same code at places that use the refused construct are fine; another code means the fixture is not targeted.
  const others = errors.filter((l) => !l.includes(` error ${code}:`));
  if (others.length) found.push(`errors other than ${code}:\n${others.join("\n")}`);
  const hint = errors.length ? (lines[lines.indexOf(errors[0]!) + 1] ?? "") : "";
  if (hint.trim() !== `hint: ${CODES[code].hint}`) found.push(`the line after the error is not the code's hint: ${JSON.stringify(hint)}`);
  const written = existsSync(out) ? readdirSync(out).filter((f) => /\.[ch]$/.test(f)) : [];
  if (written.length) found.push(`C was written although compilation failed: ${written.join(", ")}`);
  return found;
}

for (const code of codes) {
  test(code, () => {
    assert.ok(present.includes(code), `no fixture test/fixtures/diagnostics/${code}.ts`);
    const found = problems(code);
    if (code in KNOWN_FAILURES) assert.ok(found.length > 0, `${code} is now reported as expected: remove it from KNOWN_FAILURES`);
    else assert.ok(found.length === 0, found.join("\n"));
  });
}

test.run();
