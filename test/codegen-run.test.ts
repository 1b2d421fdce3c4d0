// codegen/run.mjs, the launcher behind `npm run codegen`: whether it runs the compiler from a fresh
// snapshot, from one it built before, or from the bundle beside a damaged snapshot, it must write
// the same C and the same errors, with the same exit codes, as compile() in this process.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, truncateSync, appendFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "../codegen/compile";
import { formatDiagnostic } from "../codegen/diagnostics";
import { REPO, removeDir, run, tempDir, type Run } from "./harness/c-runner";

const PROGRAM = join(REPO, "test/conformance/001-print-basics.ts");
const REFUSED = join(REPO, "test/fixtures/diagnostics/NUDGE1001.ts");

// A copy of the compiler, so that its snapshots (build/codegen/ beside it) are this suite's own.
const root = tempDir("nudge-codegen-run");
cpSync(join(REPO, "codegen"), join(root, "codegen"), { recursive: true });
symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
const cache = join(root, "build/codegen");

function launch(args: string[]): Promise<Run> {
  return run(process.execPath, [join(root, "codegen/run.mjs"), ...args], { timeoutMs: 600_000 });
}

function files(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), "utf8")]));
}

function snapshots(): string[] {
  return existsSync(cache) ? readdirSync(cache).filter((n) => n.endsWith(".blob")) : [];
}

/** The launcher compiled PROGRAM into a fresh directory exactly as compile() does. */
async function assertCompilesProgram(label: string): Promise<void> {
  const out = join(root, `out-${label}`);
  const r = await launch([PROGRAM, "--out", out]);
  assert.is(r.code, 0, `${label}: ${r.stderr}`);
  assert.is(r.stderr, "", label);
  assert.equal(files(out), compile(PROGRAM).files, label);
}

test.after(() => removeDir(root));

test("first run builds the snapshot, a second runs from it; both write compile()'s C", async () => {
  assert.equal(snapshots(), []);
  await assertCompilesProgram("first");
  assert.is(snapshots().length, 1, "the first run leaves a snapshot");
  const blob = snapshots()[0]!;
  await assertCompilesProgram("second");
  assert.equal(snapshots(), [blob], "the second run uses it");
});

test("refused programs: compile()'s errors on stderr, exit 1, no C", async () => {
  const out = join(root, "out-refused");
  const r = await launch([REFUSED, "--out", out]);
  const result = compile(REFUSED);
  const expected = [...result.tsErrors, ...result.diagnostics.map(formatDiagnostic), "1 error; no C written"];
  assert.is(r.code, 1);
  assert.is(r.stderr, `${expected.join("\n")}\n`);
  assert.not.ok(existsSync(out));
});

test("bad command lines print the usage and exit 2, arguments starting with - included", async () => {
  for (const args of [[], ["--lib"], ["--lib", PROGRAM, "--out"], ["--help"]]) {
    const r = await launch(args);
    assert.is(r.code, 2, args.join(" "));
    assert.is(r.stderr, "usage: codegen ENTRY.ts --out DIR [--lib]\n", args.join(" "));
  }
});

test("a damaged snapshot is dropped: the run still compiles, the next builds a new one", async () => {
  const [blob] = snapshots();
  truncateSync(join(cache, blob!), 4096);
  await assertCompilesProgram("damaged");
  await assertCompilesProgram("rebuilt");
  assert.equal(snapshots(), [blob], "rebuilt under the same name");
});

test("a changed compiler source gets its own snapshot", async () => {
  const [before] = snapshots();
  appendFileSync(join(root, "codegen/diagnostics.ts"), "\n// changed\n");
  await assertCompilesProgram("changed");
  const after = snapshots();
  assert.ok(after.length >= 1 && !(after.length === 1 && after[0] === before), `snapshots: ${after.join(", ")}`);
});

test.run();
