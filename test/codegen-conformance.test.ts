// Every program in test/conformance/ must print the same bytes and exit with the same status under
// Node and as compiled C: gcc and clang with ASan+UBSan, an -O2 build under valgrind, rv32imac on QEMU.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { compile } from "../codegen/compile";
import { formatDiagnostic } from "../codegen/diagnostics";
import { ALL_TARGETS, REPO, TARGET_TOOLS, difference, hasTool, removeDir, runNodeBatch, runTarget, tempDir, type Run, type Target, type TargetResult } from "./harness/c-runner";

/**
 * Programs the compiler does not get right yet, with what goes wrong (details and reproductions in
 * build/compiler-feedback.txt). Each listed program must still fail: fix the compiler, then delete the line.
 */
const KNOWN_FAILURES: Record<string, string> = {
  "074-console-format": "console.log ignores format specifiers (%d, %s, %%, %c …) in a first string argument",
};

const PROGRAM_DIR = join(REPO, "test/conformance");
/** Child processes at once (the machine has two cores; the in-process compiler uses one of them). */
const PARALLEL = 2;
/** Optional regular expression selecting programs by name, for working on a few of them. */
const ONLY = process.env.CONFORMANCE_ONLY ? new RegExp(process.env.CONFORMANCE_ONLY) : null;

interface Program {
  name: string;
  entry: string;
}

interface Outcome {
  node: Run | null;
  /** Why the program could not be compiled to C, or null. */
  refused: string | null;
  targets: TargetResult[];
}

function programs(): Program[] {
  const out: Program[] = [];
  for (const name of readdirSync(PROGRAM_DIR).sort()) {
    if (!/^\d{3}-/.test(name) || (ONLY && !ONLY.test(name))) continue;
    const path = join(PROGRAM_DIR, name);
    if (statSync(path).isDirectory()) out.push({ name, entry: join(path, "main.ts") });
    else if (name.endsWith(".ts")) out.push({ name: name.slice(0, -3), entry: path });
  }
  return out;
}

/** Runs async jobs with at most `n` in flight. */
function limiter(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    while (active >= n) await new Promise<void>((wake) => waiting.push(wake));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

const PROGRAMS = programs();
const TARGETS: Target[] = ALL_TARGETS.filter((t) => t !== "clang-asan" || hasTool("clang"));
const outcomes = new Map<string, Outcome>();
const seconds = new Map<string, number>();
let work = "";

function spent(stage: string, ms: number): void {
  seconds.set(stage, (seconds.get(stage) ?? 0) + ms / 1000);
}

// Compiling in this process (rather than one `npm run codegen` per program) saves the start-up of
// tsx and TypeScript for every program; the compiler is synchronous, so the C builds and runs of
// earlier programs proceed in child processes while it works.
test.before(async () => {
  work = tempDir("nudge-conformance");
  const slot = limiter(PARALLEL);
  const pending: Promise<unknown>[] = [];
  for (const p of PROGRAMS) outcomes.set(p.name, { node: null, refused: null, targets: [] });
  pending.push(slot(() => runNodeBatch(PROGRAMS.map((p) => p.entry))).then((runs) => {
    runs.forEach((r, i) => { outcomes.get(PROGRAMS[i]!.name)!.node = r; spent("node", r.ms); });
  }));
  for (const p of PROGRAMS) {
    const o = outcomes.get(p.name)!;
    const started = Date.now();
    let cDir: string | null = null;
    try {
      const result = compile(relative(REPO, p.entry), { program: true });
      const errors = [...result.tsErrors, ...result.diagnostics.map(formatDiagnostic)];
      if (errors.length) o.refused = errors.join("\n");
      else {
        cDir = join(work, p.name, "c");
        mkdirSync(cDir, { recursive: true });
        for (const [file, text] of result.files) writeFileSync(join(cDir, file), text);
      }
    } catch (e) {
      o.refused = `compiler crashed: ${(e as Error).stack ?? e}`;
    }
    spent("codegen", Date.now() - started);
    if (cDir !== null) {
      const dir = cDir;
      for (const t of TARGETS) {
        pending.push(slot(() => runTarget(t, dir, join(work, p.name))).then((r) => {
          o.targets.push(r);
          spent(t, r.build.ms + (r.run?.ms ?? 0));
        }));
      }
    }
    await new Promise((next) => setImmediate(next));
  }
  await Promise.all(pending);
});

test.after(() => {
  if (work) removeDir(work);
  const failing = PROGRAMS.filter((p) => problems(p.name).length > 0).length;
  const times = [...seconds].map(([stage, s]) => `${stage} ${s.toFixed(0)}s`).join(", ");
  console.log(`conformance: ${PROGRAMS.length} programs, ${PROGRAMS.length - failing} identical on ${["node", ...TARGETS].join(", ")}; ${failing} failing (${Object.keys(KNOWN_FAILURES).length} known); cpu-ish time: ${times}`);
});

/** Every way the program's compiled C disagrees with Node, one line each. */
function problems(name: string): string[] {
  const o = outcomes.get(name)!;
  if (o.node === null) return ["Node run missing"];
  if (o.refused !== null) return [`codegen: ${o.refused}`];
  const out: string[] = [];
  for (const r of [...o.targets].sort((a, b) => TARGETS.indexOf(a.target) - TARGETS.indexOf(b.target))) {
    if (r.run === null) out.push(`${r.target}: build failed: ${r.build.stderr.trim().split("\n").slice(0, 15).join("\n  ")}`);
    else {
      const d = difference(o.node, r.run);
      if (d !== null) out.push(`${r.target}: ${d}`);
    }
  }
  return out;
}

test("the toolchains for every target are installed", () => {
  for (const t of ALL_TARGETS) {
    if (t === "clang-asan") continue;
    for (const tool of TARGET_TOOLS[t]) assert.ok(hasTool(tool), `${tool} is missing (npm run setup installs it)`);
  }
});

test("there are at least 60 programs and every known failure names one", () => {
  if (ONLY) return;
  assert.ok(PROGRAMS.length >= 60, `only ${PROGRAMS.length} programs`);
  for (const name of Object.keys(KNOWN_FAILURES)) assert.ok(outcomes.has(name), `KNOWN_FAILURES lists ${name}, which does not exist`);
});

for (const p of PROGRAMS) {
  test(p.name, () => {
    const node = outcomes.get(p.name)!.node!;
    assert.is(node.code, 0, `under Node the program itself fails: ${node.stderr}`);
    const found = problems(p.name);
    const known = KNOWN_FAILURES[p.name];
    if (known !== undefined) assert.ok(found.length > 0, `${p.name} now passes everywhere: remove it from KNOWN_FAILURES`);
    else assert.ok(found.length === 0, `${p.name}:\n  ${found.join("\n  ")}`);
  });
}

test.run();
