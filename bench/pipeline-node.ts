// One Node engine of the parse + classify benchmark in its own process, so that its peak memory
// is its own: `node --import tsx bench/pipeline-node.ts nudge|tsdav|tsdav-parse BODY.xml RUNS`.
// nudge = the TypeScript task pipeline on V8 (fed in 4 KB pieces, as the C engine is);
// tsdav = what a tsdav-based client does for the same result: tsdav's calendar-multiget reads the
// multistatus (its xml-js conversion), ical.js reads each calendar-data, and every VTODO is
// classified and ranked as on the device, keeping the first K;
// tsdav-parse = the earlier, lighter baseline: xml-js over the multistatus, ical.js over each
// calendar-data, reading DUE, SUMMARY, PRIORITY and STATUS of every VTODO, classifying nothing.
// Timed runs follow a warm-up of at least 3 runs and 0.5 s.
// Prints one `run wall_ns=N cpu_ns=N` line per timed run, then `median_ns=N cpu_median_ns=N rss_before_kb=N peak_rss_kb=N heap_before_kb=N peak_heap_kb=N`: RSS from
// /proc/self/status (VmRSS before the first run, VmHWM after the last); CPU time by
// process.cpuUsage (includes V8's GC and compiler threads); heap = V8's used heap
// sampled after every 4 KB piece (nudge) or every calendar object (tsdav).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import ICAL from "ical.js";
import { calendarMultiGet } from "tsdav";
import { xml2js } from "xml-js";
import { TopTasks } from "../ts-src/tasks/classify";
import { Kind, Task } from "../ts-src/tasks/model";
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

/** xml-js + ical.js over body, reading four properties of each VTODO and classifying nothing (the earlier baseline); returns the number of VTODOs read. */
export function tsdavParse(body: Uint8Array, sample = false): number {
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

const DAY = 86400;
/** Offset of BENCH_TZ at BENCH_NOW: a client reads the device's days in its local time. */
const DEVICE_OFFSET = 3600;

function deviceDay(t: number): number {
  return Math.floor((t + DEVICE_OFFSET) / DAY);
}

/**
 * The task a VTODO shows with ical.js, classified as ts-src/tasks/classify.ts does: done ones
 * hidden; a recurring one at its first occurrence that no EXDATE removes (RecurExpansion), its due
 * shifted with it; overdue / today / upcoming / later / undated against now in the device's days.
 */
function classifyTodo(todo: ICAL.Component, now: number): Task | null {
  const status = todo.getFirstPropertyValue("status");
  if (status === "COMPLETED" || status === "CANCELLED" || todo.hasProperty("completed")) return null;
  if (todo.hasProperty("recurrence-id")) return null;
  const start = todo.getFirstPropertyValue("dtstart") as ICAL.Time | null;
  let due = todo.getFirstPropertyValue("due") as ICAL.Time | null;
  const duration = todo.getFirstPropertyValue("duration") as ICAL.Duration | null;
  if (due === null && start !== null && duration !== null) {
    due = start.clone();
    due.addDuration(duration);
  }
  const anchor = start ?? due;
  if (anchor !== null && todo.hasProperty("rrule")) {
    const first = new ICAL.RecurExpansion({ component: todo, dtstart: anchor }).next();
    if (!first) return null;
    if (due !== null) {
      const shifted = due.clone();
      shifted.addDuration(first.subtractDate(anchor));
      due = shifted;
    }
  }
  if (start !== null && start.toUnixTime() > now) return null;
  const uid = String(todo.getFirstPropertyValue("uid") ?? "");
  const summary = String(todo.getFirstPropertyValue("summary") ?? "");
  const priority = Number(todo.getFirstPropertyValue("priority") ?? 0);
  if (due === null) return { uid, summary, hasDue: false, due: 0, allDay: false, dueText: "", priority, kind: "undated" };
  const utc = due.toUnixTime();
  const today = deviceDay(now);
  let kind: Kind = "later";
  if (due.isDate) {
    const day = Math.floor(utc / DAY);
    if (day < today) kind = "overdue";
    else if (day === today) kind = "today";
    else if (day <= today + 7) kind = "upcoming";
  } else if (utc < now) kind = "overdue";
  else if (deviceDay(utc) === today) kind = "today";
  else if (utc - now <= 7 * DAY) kind = "upcoming";
  return { uid, summary, hasDue: true, due: utc, allDay: due.isDate, dueText: due.toString(), priority, kind };
}

/**
 * What a tsdav client does with a calendar-multiget response: tsdav's own request code reads it
 * (tsdav's fetch hook hands it the body: no network), ical.js reads each object, and every VTODO
 * is classified as on the device; the device's own TopTasks ranks them, keeping the first TOP_K
 * and a count per kind.
 */
export async function tsdavClassify(body: Uint8Array, sample = false): Promise<TopTasks> {
  const responses = await calendarMultiGet({
    url: "https://dav.example/calendars/user/tasks/",
    props: { "d:getetag": {}, "c:calendar-data": {} },
    depth: "1",
    fetch: async () => new Response(body, { status: 207, headers: { "content-type": "application/xml; charset=utf-8" } }),
  });
  const top = new TopTasks(TOP_K);
  for (const r of responses) {
    const cal = r.props?.calendarData as unknown;
    const text = typeof cal === "object" && cal !== null ? (cal as { _cdata?: string })._cdata : cal;
    if (typeof text !== "string" || text === "") continue;
    const comp = new ICAL.Component(ICAL.parse(text));
    for (const todo of comp.getAllSubcomponents("vtodo")) {
      const t = classifyTodo(todo, BENCH_NOW);
      if (t !== null) top.add(t);
    }
    if (sample) sampleHeap();
  }
  return top;
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
  const f = engine === "nudge" ? nudgeNode : engine === "tsdav" ? tsdavClassify : engine === "tsdav-parse" ? tsdavParse : null;
  const runs = Number(runsArg);
  if (!f || !file || !(runs >= 1)) {
    console.error("usage: node --import tsx bench/pipeline-node.ts nudge|tsdav|tsdav-parse BODY.xml RUNS");
    process.exit(2);
  }
  const body = new Uint8Array(readFileSync(file));
  const rssBefore = statusKb("VmRSS");
  const heapBefore = process.memoryUsage().heapUsed;
  // Warm up the JIT as a long-running process would be: at least 3 runs and half a second (the
  // first run also samples the heap).
  await f(body, true);
  for (let i = 1, t0 = Date.now(); i < 3 || Date.now() - t0 < 500; i++) await f(body);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t0, c0] = [process.hrtime.bigint(), process.cpuUsage()];
    await f(body);
    const c = process.cpuUsage(c0);
    times.push(Number(process.hrtime.bigint() - t0));
    cpu.push((c.user + c.system) * 1000);
  }
  for (let i = 0; i < runs; i++) console.log(`run wall_ns=${times[i]} cpu_ns=${cpu[i]}`);
  const kb = (b: number): number => Math.round(b / 1024);
  console.log(`median_ns=${median(times)} cpu_median_ns=${median(cpu)} rss_before_kb=${rssBefore} peak_rss_kb=${statusKb("VmHWM")} heap_before_kb=${kb(heapBefore)} peak_heap_kb=${kb(heapPeak)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
