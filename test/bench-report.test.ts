// The benchmark report generator (bench/report.ts) on a small synthetic result set: the targets
// table's met / not met logic, the Markdown tables with their commands, and the SVG plots.
// No timings are taken here.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderMarkdown, verdicts, writeReport } from "../bench/report";
import type { PipelineRow, Results } from "../bench/results";

function row(engine: PipelineRow["engine"], tasks: number, medianMs: number, memBytes: number): PipelineRow {
  const counted = engine === "c" || engine === "expat" ? { instructions: { count: medianMs * 1e6, command: `callgrind ${engine}` } } : {};
  return { engine, tasks, bytes: tasks * 700, runs: 5, medianMs: medianMs * 1.5, cpuMs: medianMs, memBytes, memWhat: "synthetic", command: `run ${engine} ${tasks} | tee out`, ...counted };
}

/** A run where every target is met; tests break one figure at a time. */
function passing(): Results {
  return {
    quick: true,
    started: "2026-11-27T12:00:00Z",
    seconds: 90,
    machine: "test machine",
    revision: "abc1234",
    workload: "synthetic",
    pipeline: [
      row("c", 1000, 2, 40_000), row("expat", 1000, 4, 400_000), row("node", 1000, 8, 2_000_000), row("tsdav", 1000, 100, 9_000_000), row("tsdav-parse", 1000, 30, 8_000_000),
      row("c", 5000, 10, 42_000), row("expat", 5000, 15, 420_000), row("node", 5000, 30, 3_000_000), row("tsdav", 5000, 500, 30_000_000), row("tsdav-parse", 5000, 150, 28_000_000),
    ],
    rv32: [
      { tasks: 1000, bytes: 700_000, instret: 10_000_000, arenaPeak: 30_000, scratchPeak: 4_000, command: "qemu" },
      { tasks: 5000, bytes: 3_500_000, instret: 50_000_000, arenaPeak: 32_000, scratchPeak: 4_000, command: "qemu" },
    ],
    compiler: {
      lines: ["compiler bench line"],
      kernels: [{ name: "tokenize", n: 10, wallMs: { compiled: 10, hand: 8, node: 40 }, cpuMs: { compiled: 10, hand: 8, node: 40 }, sizeCompiled: 1200, sizeHand: 1000, instretCompiled: 120, instretHand: 100 }],
      kernelCommand: "cc a | b",
      sizeCommand: "size",
      compileSeconds: 2.5,
      compileCpuSeconds: 2.4,
      compileCommand: "time codegen",
    },
    tls: [
      { row: "caddy x25519", version: "TLSv1.3", group: "x25519", hrr: 0, heapPeak: 33_000, handshakeMs: 10, runs: 5, command: "probe a" },
      { row: "openssl p384 only (HRR)", version: "TLSv1.3", group: "secp384r1", hrr: 1, heapPeak: 40_000, handshakeMs: 15, runs: 5, command: "probe b" },
    ],
    idle: {
      server: "caddy", connections: 1, tlsRoundTrips: 1, httpExchanges: 1, bytesUp: 1000, bytesDown: 1200, resumed: true,
      firstPoll: { connections: 1, httpExchanges: 3, roundTrips: 4, bytesUp: 3000, bytesDown: 6000, resumed: false }, command: "device",
    },
    deviceMemory: [
      { objects: 50, firstPollKb: 86, idlePollKb: 79, carriedKb: 55, scratchKb: 22, requests: 8, command: "device 50" },
      { objects: 450, firstPollKb: 516, idlePollKb: 306, carriedKb: 270, scratchKb: 172, requests: 48, command: "device 450" },
    ],
    cross: { rv32: { text: 100_000, data: 10, bss: 20 }, xtensa: { text: 120_000, data: 10, bss: 20 }, summary: "cross: OK", command: "cross" },
    notes: ["built somehow"],
    skipped: [],
  };
}

const met = (r: Results, prefix: string): boolean | null | undefined => verdicts(r).find((v) => v.target.startsWith(prefix))?.met;

test("every target is met by the passing run", () => {
  const v = verdicts(passing());
  assert.ok(v.length >= 12, `${v.length} targets`);
  assert.equal(v.filter((x) => x.met !== true).map((x) => x.target), []);
});

test("a ratio just under a target is not met, and the slowest size decides", () => {
  const r = passing();
  r.pipeline.find((p) => p.engine === "tsdav" && p.tasks === 5000)!.cpuMs = 199; // 19.9× at 5,000, 50× at 1,000
  assert.is(met(r, "task pipeline ≥ 20×"), false);
  assert.match(verdicts(r).find((v) => v.target.startsWith("task pipeline ≥ 20×"))!.measured, /19\.9× at 5,000 tasks/);
  r.pipeline.find((p) => p.engine === "expat" && p.tasks === 1000)!.cpuMs = 1.9;
  assert.is(met(r, "task pipeline as fast as or faster than expat + libical (CPU"), false);
  assert.is(met(r, "task pipeline as fast as or faster than expat + libical (x86-64 instructions"), true);
  r.pipeline.find((p) => p.engine === "c" && p.tasks === 5000)!.instructions!.count = 16e6; // expat 15e6
  assert.is(met(r, "task pipeline as fast as or faster than expat + libical (x86-64 instructions"), false);
  assert.match(renderMarkdown(r, []), /\| 5,000 \| 16,000,000 \| 3,200 \| 15,000,000 \| 3,000 \| 0\.94× \| `callgrind c`<br>`callgrind expat` \|/);
});

test("C memory: over 64 KB, or growing with the task count, is not met", () => {
  const r = passing();
  r.pipeline.find((p) => p.engine === "c" && p.tasks === 5000)!.memBytes = 50_000; // +25 % over 1,000 tasks
  assert.is(met(r, "C peak memory independent of the number of tasks (x86-64"), false);
  assert.is(met(r, "C peak memory < 64 KB with K = 64 (x86-64"), true);
  assert.is(met(r, "C peak memory independent of the number of tasks (rv32imac"), true);
  r.pipeline.find((p) => p.engine === "c" && p.tasks === 5000)!.memBytes = 64 * 1024;
  assert.is(met(r, "C peak memory < 64 KB with K = 64 (x86-64"), false);
  r.rv32[1]!.scratchPeak = 30_000; // 62,000 B: still under 64 KB, but +82 % over 1,000 tasks
  assert.is(met(r, "C peak memory < 64 KB with K = 64 (rv32imac"), true);
  assert.is(met(r, "C peak memory independent of the number of tasks (rv32imac"), false);
});

test("compiler, TLS and idle-poll targets follow their figures; missing parts are not judged", () => {
  const r = passing();
  r.compiler!.kernels[0]!.cpuMs.compiled = 12.1; // 1.51× hand, 3.3× Node
  assert.is(met(r, "compiler kernels: compiled C within 1.5× of hand-written C in time"), false);
  assert.is(met(r, "compiler kernels: compiled C ≥ 2× faster than Node"), true);
  r.compiler!.compileCpuSeconds = 3;
  assert.is(met(r, "compiling all of ts-src"), false);
  r.tls[1]!.heapPeak = 42 * 1024 + 1;
  assert.is(met(r, "TLS handshake heap"), false);
  r.idle!.resumed = false;
  assert.is(met(r, "idle poll: one TLS round trip"), false);
  r.idle!.bytesDown = 3200;
  assert.is(met(r, "idle poll: < 4 KB"), false);
  r.compiler = null;
  r.idle = null;
  const v = verdicts(r);
  assert.ok(v.some((x) => x.met === null && /not measured/.test(x.measured)));
  assert.not.ok(v.some((x) => x.target.startsWith("compiling all") && x.met !== null));
});

test("Markdown: targets table, per-figure commands with pipes escaped, quick marker, plots linked", () => {
  const md = renderMarkdown(passing(), ["plots/time-vs-tasks.svg"]);
  assert.match(md, /^# Benchmark results/);
  assert.match(md, /\*\*Quick run\*\*/);
  assert.match(md, /\| task pipeline ≥ 20× faster than tsdav \+ ical\.js classifying the same tasks \(CPU time\) \| 50\.0× at 1,000 tasks \(slowest ratio; 1,000: 50\.0×, 5,000: 50\.0×\) \| met \|/);
  // the parsing-only baseline is shown beside it, with its own ratio and no target
  assert.match(md, /\| 1,000 \| [\d,]+ \| 2\.00 \| 4\.00 \| 8\.00 \| 100 \| 30\.0 \| 2\.00× \| 4\.00× \| 50\.0× \| 15\.0× \|/);
  assert.not.ok(verdicts(passing()).some((v) => /parsing only/.test(v.target)));
  assert.match(md, /`run c 1000 \\\| tee out`/);
  assert.match(md, /!\[median CPU time per response vs number of tasks\]\(plots\/time-vs-tasks\.svg\)/);
  assert.not.match(md, /memory-vs-tasks/, "only plots that exist are linked");
  const r = passing();
  r.tls[0]!.heapPeak = 50_000;
  assert.match(renderMarkdown(r, []), /\| caddy x25519 \| TLSv1\.3 \| x25519 \| 0 \| 48\.8 KB \| \*\*no\*\* \|/);
  assert.match(md, /\| 450 \| 516 KB \| 306 KB \| 270 KB \| 172 KB \| 48 \| `device 450` \|/);
  assert.match(md, /Per object from 50 to 450: first poll 1\.07 KB, carried 0\.54 KB\./);
  r.deviceMemory = [];
  assert.match(renderMarkdown(r, []), /## 5\. Device memory per calendar objects\n\nNot measured in this run\./);
});

test("writeReport writes the Markdown and three SVG plots drawn from the figures", async () => {
  const dir = mkdtempSync(join(tmpdir(), "nudge-bench-report-"));
  try {
    const written = await writeReport(passing(), join(dir, "REPORT.md"), join(dir, "plots"));
    assert.equal(written.map((p) => p.slice(dir.length + 1)).sort(), ["plots/memory-vs-tasks.svg", "plots/time-vs-tasks.svg", "plots/tls-heap-per-row.svg"]);
    for (const p of written) assert.match(readFileSync(p, "utf8"), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(readFileSync(join(dir, "plots/tls-heap-per-row.svg"), "utf8"), /openssl p384 only \(HRR\)/);
    assert.match(readFileSync(join(dir, "plots/time-vs-tasks.svg"), "utf8"), /expat \+ libical \(C\)/);
    assert.ok(existsSync(join(dir, "REPORT.md")));
    assert.match(readFileSync(join(dir, "REPORT.md"), "utf8"), /\(plots\/tls-heap-per-row\.svg\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
