// Every fuzz corpus file and every input a fuzzer once crashed on (test/fixtures/fuzz/) through
// every fuzz target, compiled with ASan/UBSan and a plain replay main: what the fuzzers found
// stays fixed. The parser inputs also run under Node, where the same digests must agree in one
// piece and in small pieces.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildReplayers, corpusDir, TARGETS } from "../scripts/fuzz";
import { icalDigest, multistatusDigest, xmlDigest } from "../fuzz/harness";

const FIXTURES = new URL("./fixtures/fuzz/", import.meta.url).pathname;

function inputs(): string[] {
  const all: string[] = [];
  for (const t of TARGETS) for (const f of readdirSync(corpusDir(t.name)).sort()) all.push(join(corpusDir(t.name), f));
  for (const f of readdirSync(FIXTURES).sort()) if (f !== "README.md") all.push(join(FIXTURES, f));
  return all;
}

test("the corpora and the crash fixtures replay cleanly through every compiled target", () => {
  const exes = buildReplayers();
  const files = inputs();
  assert.ok(files.length > 50, `only ${files.length} inputs`);
  for (const t of TARGETS) {
    const r = spawnSync(exes.get(t.name)!, files, { encoding: "utf8", timeout: 50_000, maxBuffer: 16 << 20 });
    const last = r.stderr.trim().split("\n").filter((l) => l.startsWith("replay: ")).pop() ?? "";
    assert.is(r.status, 0, `${t.name} failed on ${last}:\n${r.stderr.split("\n").filter((l) => !l.startsWith("replay: ")).slice(0, 30).join("\n")}`);
    assert.is(r.stdout.trim(), `replayed ${files.length} inputs`);
  }
});

test("under Node the parser digests do not depend on how the input is split", () => {
  const digests: [string, (d: Uint8Array, chunk: number) => number][] = [["xml", xmlDigest], ["multistatus", multistatusDigest], ["ical", icalDigest]];
  for (const f of inputs()) {
    const data = new Uint8Array(readFileSync(f));
    for (const [name, digest] of digests) {
      const whole = digest(data, Math.max(1, data.length));
      for (const chunk of [1, 7, 64]) assert.is(digest(data, chunk), whole, `${name} digest of ${f} in pieces of ${chunk}`);
    }
  }
});

test("a digest notices a changed byte", () => {
  const doc = new TextEncoder().encode('<multistatus xmlns="DAV:"><response><href>/a.ics</href></response></multistatus>');
  const changed = doc.slice();
  changed[changed.indexOf(0x61)] = 0x62;
  assert.is.not(xmlDigest(doc, 5), xmlDigest(changed, 5));
  assert.is.not(multistatusDigest(doc, 5), multistatusDigest(changed, 5));
});

test.run();
