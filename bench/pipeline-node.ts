// One Node engine of the parse + classify benchmark in its own process, so that its peak memory
// is its own: `node --import tsx bench/pipeline-node.ts nudge|tsdav BODY.xml RUNS`.
// nudge = the TypeScript task pipeline on V8 (fed in 4 KB pieces, as the C engine is);
// tsdav = what a tsdav-based client does: xml-js over the multistatus, ical.js over each
// calendar-data, reading DUE, SUMMARY, PRIORITY and STATUS of every VTODO.
// Timed runs follow a warm-up of at least 3 runs and 0.5 s.
// Prints one `run wall_ns=N cpu_ns=N` line per timed run, then `median_ns=N cpu_median_ns=N rss_before_kb=N peak_rss_kb=N heap_before_kb=N peak_heap_kb=N`: RSS from
// /proc/self/status (VmRSS before the first run, VmHWM after the last); CPU time by
// process.cpuUsage (includes V8's GC and compiler threads); heap = V8's used heap
// sampled after every 4 KB piece (nudge) or every calendar object (tsdav).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import ICAL from "ical.js";
import { xml2js } from "xml-js";
import { deviceZone, TaskPipeline } from "../ts-src/tasks/pipeline";
import { BENCH_NOW, BENCH_TZ, TOP_K } from "./workload";

let heapPeak = 0;
function sampleHeap(): void {
  const used = process.memoryUsage().heapUsed;
  if (used > heapPeak) heapPeak = used;
}

/** The TypeScript pipeline over body, as the device feeds it. */
export function nudgeNode(body: Uint8Array, sample = false): number {
  const p = new TaskPipeline(BENCH_NOW, deviceZone(BENCH_TZ)!, TOP_K);
  for (let off = 0; off < body.length; off += 4096) {
    p.feed(body.subarray(off, Math.min(off + 4096, body.length)));
    if (sample) sampleHeap();
  }
  p.finish();
  return p.top.tasks.length;
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

/** xml-js + ical.js over body; returns the number of VTODOs read. */
export function tsdavIcal(body: Uint8Array, sample = false): number {
  const doc = xml2js(Buffer.from(body).toString("utf8"), { compact: true });
  let todos = 0;
  for (const text of calendarData(doc, [])) {
    const comp = new ICAL.Component(ICAL.parse(text));
    for (const todo of comp.getAllSubcomponents("vtodo")) {
      todo.getFirstPropertyValue("due");
      todo.getFirstPropertyValue("summary");
      todo.getFirstPropertyValue("priority");
      todo.getFirstPropertyValue("status");
      todos++;
    }
    if (sample) sampleHeap();
  }
  return todos;
}

function statusKb(field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) : 0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const [engine, file, runsArg] = process.argv.slice(2);
  const f = engine === "nudge" ? nudgeNode : engine === "tsdav" ? tsdavIcal : null;
  const runs = Number(runsArg);
  if (!f || !file || !(runs >= 1)) {
    console.error("usage: node --import tsx bench/pipeline-node.ts nudge|tsdav BODY.xml RUNS");
    process.exit(2);
  }
  const body = new Uint8Array(readFileSync(file));
  const rssBefore = statusKb("VmRSS");
  const heapBefore = process.memoryUsage().heapUsed;
  // Warm up the JIT as a long-running process would be: at least 3 runs and half a second (the
  // first run also samples the heap).
  f(body, true);
  for (let i = 1, t0 = Date.now(); i < 3 || Date.now() - t0 < 500; i++) f(body);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t0, c0] = [process.hrtime.bigint(), process.cpuUsage()];
    f(body);
    const c = process.cpuUsage(c0);
    times.push(Number(process.hrtime.bigint() - t0));
    cpu.push((c.user + c.system) * 1000);
  }
  for (let i = 0; i < runs; i++) console.log(`run wall_ns=${times[i]} cpu_ns=${cpu[i]}`);
  const kb = (b: number): number => Math.round(b / 1024);
  console.log(`median_ns=${median(times)} cpu_median_ns=${median(cpu)} rss_before_kb=${rssBefore} peak_rss_kb=${statusKb("VmHWM")} heap_before_kb=${kb(heapBefore)} peak_heap_kb=${kb(heapPeak)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
