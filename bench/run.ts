// `npm run bench [-- --quick]`: (1) parse + classify generated CalDAV responses of 100/1,000/5,000
// tasks, the same bytes in one run: the compiled C pipeline vs the same TypeScript on Node (V8) vs
// tsdav's parser (xml-js) + ical.js on Node, with the C engine's peak arena; (2) the compiler's
// kernels: compiled C vs hand-written C vs Node (bench/compiler.ts); (3) the TLS handshake heap
// per server row, as last measured by the TLS matrix suite.
import { spawnSync } from "node:child_process";
import ICAL from "ical.js";
import { xml2js } from "xml-js";
import { existsSync, readFileSync } from "node:fs";
import { buildCoreProgram } from "../scripts/core-build";
import { compilerBench } from "./compiler";
import { deviceZone, TaskPipeline } from "../ts-src/tasks/pipeline";
import { randomBody } from "../test/fixtures/tasks/generate";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 5 : 9;
const SIZES = quick ? [100, 1000] : [100, 1000, 5000];
const NOW = Date.UTC(2026, 2, 10, 12) / 1000;
const TZ = "Europe/Berlin";
const exe = buildCoreProgram("nudge-tasks", "ts-src/tasks/pipeline.ts", "firmware/host/tasks_main.c");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeNode(f: () => void): number {
  f(); // warm up the JIT, as a long-running process would be
  const t: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    f();
    t.push(Number(process.hrtime.bigint() - t0));
  }
  return median(t);
}

function nudgeNode(body: Uint8Array): void {
  const p = new TaskPipeline(NOW, deviceZone(TZ)!, 64);
  for (let off = 0; off < body.length; off += 4096) p.feed(body.subarray(off, Math.min(off + 4096, body.length)));
  p.finish();
}

/** Every calendar-data text in an xml-js compact tree (any prefix, as tsdav reads it). */
function calendarData(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) for (const n of node) calendarData(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (/calendar-data$/.test(k)) {
        for (const e of Array.isArray(v) ? v : [v]) {
          const t = (e as { _text?: string; _cdata?: string })._text ?? (e as { _cdata?: string })._cdata;
          if (t) out.push(t);
        }
      } else calendarData(v, out);
    }
  }
  return out;
}

/** What a tsdav-based client does: xml-js over the multistatus, ical.js over each calendar-data. */
function tsdavIcal(body: Uint8Array): void {
  const doc = xml2js(Buffer.from(body).toString("utf8"), { compact: true });
  for (const text of calendarData(doc, [])) {
    const comp = new ICAL.Component(ICAL.parse(text));
    for (const todo of comp.getAllSubcomponents("vtodo")) {
      todo.getFirstPropertyValue("due");
      todo.getFirstPropertyValue("summary");
      todo.getFirstPropertyValue("priority");
      todo.getFirstPropertyValue("status");
    }
  }
}

function cEngine(body: Uint8Array): { ns: number; peak: number } {
  const r = spawnSync(exe, [String(NOW), TZ, "64", String(RUNS)], { input: body, encoding: "utf8", maxBuffer: 1 << 28 });
  const m = r.stderr.match(/median_ns=(\d+) peak_bytes=(\d+)/);
  if (!m) throw new Error(`C engine: ${r.stderr}`);
  return { ns: Number(m[1]), peak: Number(m[2]) };
}

const ms = (ns: number) => (ns / 1e6).toFixed(2);
console.log(`parse + classify, medians of ${RUNS} runs (Node ${process.version}); C: ${exe.replace(process.cwd() + "/", "")}`);
console.log("tasks | KB    | C ms   | Node ms | tsdav+ical.js ms | Node/C | tsdav/C | C peak arena");
for (const n of SIZES) {
  const body = randomBody(42, n);
  const c = cEngine(body);
  const node = timeNode(() => nudgeNode(body));
  const base = timeNode(() => tsdavIcal(body));
  console.log(`${String(n).padStart(5)} | ${(body.length / 1024).toFixed(0).padStart(5)} | ${ms(c.ns).padStart(6)} | ${ms(node).padStart(7)} | ${ms(base).padStart(16)} | ${(node / c.ns).toFixed(1).padStart(5)}x | ${(base / c.ns).toFixed(1).padStart(6)}x | ${(c.peak / 1024).toFixed(0)} KB`);
}
console.log("targets (issue: query layer): >= 20x faster than tsdav+ical.js; peak memory independent of the number of tasks, < 64 KB with K = 64");

console.log("");
for (const line of await compilerBench(quick)) console.log(line);

// The matrix suite records the mbedTLS heap peak of each handshake (calloc/free hooks).
const matrix = "build/tls-matrix.json";
console.log("");
if (existsSync(matrix)) {
  console.log(`TLS handshake heap peak per server row (from ${matrix}; target <= 42 KB):`);
  const rows = JSON.parse(readFileSync(matrix, "utf8")) as Record<string, { version: string; group: string; hello_retry_requests: number; heap_peak: number }>;
  for (const [row, r] of Object.entries(rows)) {
    const kb = r.heap_peak / 1024;
    console.log(`  ${row.padEnd(34)} ${r.version.padEnd(8)} ${r.group.padEnd(10)} HRR ${r.hello_retry_requests}  ${kb.toFixed(1)} KB  ${kb <= 42 ? "met" : "MISSED"}`);
  }
} else {
  console.log(`TLS handshake heap: run the TLS matrix suite first (node scripts/run-tests.mjs tls-matrix) to record ${matrix}`);
}
