// Turns one run's Results into the Markdown report and its plots (vega-lite specs rendered to
// SVG by vega in Node). Pure apart from writeReport(), so the test can feed it synthetic results.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import type { PipelineRow, Results } from "./results";

/** One target of the work items beside what was measured; met is null when not measured. */
export interface Verdict {
  target: string;
  measured: string;
  met: boolean | null;
}

const ENGINE_NAMES: Record<PipelineRow["engine"], string> = {
  c: "Nudge, compiled C",
  node: "Nudge TypeScript on Node",
  tsdav: "tsdav (xml-js) + ical.js on Node, classifying",
  "tsdav-parse": "xml-js + ical.js on Node, parsing only",
  expat: "expat + libical (C)",
};
const KB = 1024;
/** Peak growth from the 1,000-task body to the largest that still counts as "independent". */
const MEMORY_GROWTH_LIMIT = 1.1;

const kb = (b: number): string => `${(b / KB).toFixed(1)} KB`;
const fx = (r: number): string => `${r.toFixed(r >= 100 ? 0 : r >= 10 ? 1 : 2)}×`;
const ms = (v: number): string => v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2);
const int = (v: number): string => Math.round(v).toLocaleString("en-US");

/** A Markdown table cell holding a command: code, with the table's pipe escaped. */
function code(s: string): string {
  return `\`${s.replace(/\|/g, "\\|")}\``;
}

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function worst<T>(items: T[], score: (t: T) => number, highIsBad: boolean): T | undefined {
  return [...items].sort((a, b) => (highIsBad ? score(b) - score(a) : score(a) - score(b)))[0];
}

/** Ratios of CPU time baseline/C per body size, from the pipeline rows. */
function ratios(r: Results, engine: PipelineRow["engine"]): { tasks: number; ratio: number }[] {
  const out: { tasks: number; ratio: number }[] = [];
  for (const c of r.pipeline.filter((p) => p.engine === "c")) {
    const other = r.pipeline.find((p) => p.engine === engine && p.tasks === c.tasks);
    if (other) out.push({ tasks: c.tasks, ratio: other.cpuMs / c.cpuMs });
  }
  return out;
}

/** Instruction ratios expat + libical / Nudge C per body size, where both were counted. */
function instructionRatios(r: Results): { tasks: number; ratio: number; c: number; expat: number }[] {
  const out: { tasks: number; ratio: number; c: number; expat: number }[] = [];
  for (const c of r.pipeline.filter((p) => p.engine === "c" && p.instructions)) {
    const e = r.pipeline.find((p) => p.engine === "expat" && p.tasks === c.tasks && p.instructions);
    if (e) out.push({ tasks: c.tasks, ratio: e.instructions!.count / c.instructions!.count, c: c.instructions!.count, expat: e.instructions!.count });
  }
  return out;
}

/** Every target of the work items, judged against this run. */
export function verdicts(r: Results): Verdict[] {
  const v: Verdict[] = [];
  const none = (target: string, why: string): void => void v.push({ target, measured: `not measured: ${why}`, met: null });
  const ratioTarget = (target: string, engine: PipelineRow["engine"], min: number): void => {
    const rs = ratios(r, engine);
    const w = worst(rs, (x) => x.ratio, false);
    if (!w) return none(target, "no pipeline rows");
    v.push({ target, measured: `${fx(w.ratio)} at ${int(w.tasks)} tasks (slowest ratio; ${rs.map((x) => `${int(x.tasks)}: ${fx(x.ratio)}`).join(", ")})`, met: w.ratio >= min });
  };
  ratioTarget("task pipeline ≥ 20× faster than tsdav + ical.js classifying the same tasks (CPU time)", "tsdav", 20);
  ratioTarget("task pipeline as fast as or faster than expat + libical (CPU time)", "expat", 1);
  ratioTarget("task pipeline compiled C ≥ 2× faster than the same TypeScript on Node (CPU time)", "node", 2);
  const counted = instructionRatios(r);
  const wi = worst(counted, (x) => x.ratio, false);
  if (wi) {
    v.push({
      target: "task pipeline as fast as or faster than expat + libical (x86-64 instructions per response, callgrind; load-independent)",
      measured: `${fx(wi.ratio)} at ${int(wi.tasks)} tasks (expat + libical instructions / Nudge C instructions; ${counted.map((x) => `${int(x.tasks)}: ${fx(x.ratio)}`).join(", ")})`,
      met: wi.ratio >= 1,
    });
  }

  const memory = (where: string, rows: { tasks: number; bytes: number }[]): void => {
    const c = [...rows].sort((a, b) => a.tasks - b.tasks);
    if (!c.length) return none(`C peak memory < 64 KB with K = 64 (${where})`, "no C pipeline rows");
    const peak = worst(c, (p) => p.bytes, true)!;
    v.push({ target: `C peak memory < 64 KB with K = 64 (${where}; arena + scratch arena)`, measured: `${kb(peak.bytes)} at ${int(peak.tasks)} tasks`, met: peak.bytes < 64 * KB });
    const from = c.find((p) => p.tasks >= 1000 && p !== c[c.length - 1]) ?? c[0]!;
    const to = c[c.length - 1]!;
    if (from === to) return none(`C peak memory independent of the number of tasks (${where})`, "one body size only");
    const g = to.bytes / from.bytes;
    v.push({
      target: `C peak memory independent of the number of tasks (${where}; grows ≤ ${Math.round((MEMORY_GROWTH_LIMIT - 1) * 100)}% from ${int(from.tasks)} to ${int(to.tasks)} tasks)`,
      measured: `${kb(from.bytes)} → ${kb(to.bytes)} (${g >= 1 ? "+" : ""}${((g - 1) * 100).toFixed(0)}%)`,
      met: g <= MEMORY_GROWTH_LIMIT,
    });
  };
  memory("x86-64 host", r.pipeline.filter((p) => p.engine === "c").map((p) => ({ tasks: p.tasks, bytes: p.memBytes })));
  if (r.rv32.length) memory("rv32imac, 32-bit like the device", r.rv32.map((x) => ({ tasks: x.tasks, bytes: x.arenaPeak + x.scratchPeak })));

  const k = r.compiler?.kernels ?? [];
  if (k.length) {
    const t = worst(k, (x) => x.cpuMs.compiled / x.cpuMs.hand, true)!;
    v.push({ target: "compiler kernels: compiled C within 1.5× of hand-written C in time (CPU time)", measured: `${fx(t.cpuMs.compiled / t.cpuMs.hand)} (${t.name}, the worst kernel)`, met: t.cpuMs.compiled / t.cpuMs.hand <= 1.5 });
    const sized = k.filter((x) => x.sizeCompiled !== null && x.sizeHand !== null);
    const s = worst(sized, (x) => x.sizeCompiled! / x.sizeHand!, true);
    if (s) v.push({ target: "compiler kernels: compiled C within 1.5× of hand-written C in rv32 -Os size", measured: `${fx(s.sizeCompiled! / s.sizeHand!)} (${s.name}, the worst kernel)`, met: s.sizeCompiled! / s.sizeHand! <= 1.5 });
    else none("compiler kernels: compiled C within 1.5× of hand-written C in rv32 -Os size", "no rv32 toolchain");
    const n = worst(k, (x) => x.cpuMs.node / x.cpuMs.compiled, false)!;
    v.push({ target: "compiler kernels: compiled C ≥ 2× faster than Node (CPU time)", measured: `${fx(n.cpuMs.node / n.cpuMs.compiled)} (${n.name}, the worst kernel)`, met: n.cpuMs.node / n.cpuMs.compiled >= 2 });
  } else none("compiler kernels: compiled C vs hand-written C and Node", "compiler bench not run");
  if (r.compiler && Number.isFinite(r.compiler.compileSeconds)) {
    const c = r.compiler;
    v.push({ target: "compiling all of ts-src (device core and its imports) < 3 s (CPU time of the whole codegen process)", measured: `${c.compileCpuSeconds.toFixed(2)} s CPU (${c.compileSeconds.toFixed(2)} s wall)`, met: c.compileCpuSeconds < 3 });
  } else none("compiling all of ts-src < 3 s", "compiler bench not run");

  const h = worst(r.tls, (x) => x.heapPeak, true);
  if (h) v.push({ target: "TLS handshake heap ≤ 42 KB on every matrix row", measured: `${kb(h.heapPeak)} at most (${h.row})`, met: r.tls.every((x) => x.heapPeak <= 42 * KB) });
  else none("TLS handshake heap ≤ 42 KB on every matrix row", "TLS part not run");
  const i = r.idle;
  if (i) {
    v.push({ target: "idle poll: one TLS round trip (resumed session)", measured: `${i.tlsRoundTrips} over ${i.connections} connection(s), ${i.resumed ? "resumed" : "NOT resumed"}`, met: i.tlsRoundTrips === 1 && i.connections === 1 && i.resumed });
    v.push({ target: "idle poll: one HTTP exchange", measured: String(i.httpExchanges), met: i.httpExchanges === 1 });
    const bytes = i.bytesUp + i.bytesDown;
    v.push({ target: "idle poll: < 4 KB on the wire", measured: `${int(bytes)} B (${int(i.bytesUp)} up, ${int(i.bytesDown)} down)`, met: bytes < 4 * KB });
  } else none("idle poll: one TLS round trip, one HTTP exchange, < 4 KB", "TLS part not run");
  return v;
}

/** The vega-lite specs of the plots, by file name. */
export function plotSpecs(r: Results): Record<string, TopLevelSpec> {
  const width = 520;
  const height = 300;
  const engines = r.pipeline.map((p) => ({ engine: ENGINE_NAMES[p.engine], tasks: p.tasks, ms: p.cpuMs, kb: p.memBytes / KB }));
  const lines = (field: "ms" | "kb", title: string): TopLevelSpec => ({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width, height, background: "white",
    data: { values: engines },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "tasks", type: "quantitative", scale: { type: "log" }, title: "tasks in the response" },
      y: { field, type: "quantitative", scale: { type: "log" }, title },
      color: { field: "engine", type: "nominal", title: null, legend: { orient: "bottom", columns: 2, labelLimit: 0 } },
    },
  });
  const tls: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width, height: 24 * Math.max(1, r.tls.length), background: "white",
    layer: [
      { data: { values: r.tls.map((t) => ({ row: t.row, kb: t.heapPeak / KB })) }, mark: "bar", encoding: { y: { field: "row", type: "nominal", sort: null, title: null, axis: { labelLimit: 0 } }, x: { field: "kb", type: "quantitative", title: "mbedTLS heap peak of the handshake (KB); line = 42 KB target" } } },
      { data: { values: [{ limit: 42 }] }, mark: { type: "rule", color: "red", strokeDash: [4, 3] }, encoding: { x: { field: "limit", type: "quantitative" } } },
    ],
  };
  const specs: Record<string, TopLevelSpec> = {};
  if (engines.length) {
    specs["time-vs-tasks.svg"] = lines("ms", "median CPU time per response (ms)");
    specs["memory-vs-tasks.svg"] = lines("kb", "peak memory (KB)");
  }
  if (r.tls.length) specs["tls-heap-per-row.svg"] = tls;
  return specs;
}

/** Renders a vega-lite spec to SVG text. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: vega's ES modules use top-level await, which a CommonJS loader
  // (uvu -r tsx) cannot take statically.
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The report as Markdown; plots are file names relative to the report. */
export function renderMarkdown(r: Results, plots: string[]): string {
  const out: string[] = [];
  const say = (...l: string[]): void => void out.push(...l);
  say("# Benchmark results", "");
  say(`Generated by \`npm run bench${r.quick ? " -- --quick" : ""}\` (bench/run.ts) on ${r.started} in ${(r.seconds / 60).toFixed(1)} min; do not edit by hand.`);
  if (r.quick) say("", "**Quick run**: fewer body sizes and runs, slow parts skipped; not the reference figures.");
  say(`Source: commit ${r.revision}. Machine: ${r.machine}. Workload: ${r.workload}.`, "");
  say("Times are medians of at least 5 runs; counts (instructions, bytes, round trips, code sizes, heap peaks of a given handshake) are exact and need one run.", "");
  if (r.notes.length) say("How the measured programs were built and what the figures count:", "", ...r.notes.map((n) => `- ${n}`), "");
  const plot = (name: string, alt: string): void => {
    const path = plots.find((p) => p.endsWith(name));
    if (path) say(`![${alt}](${path})`, "");
  };

  say("## Targets", "");
  say(...table(["target", "measured", "met"], verdicts(r).map((x) => [x.target, x.measured, x.met === null ? "—" : x.met ? "met" : "**not met**"])), "");

  say("## 1. Parse + classify on the host", "");
  const sizes = [...new Set(r.pipeline.map((p) => p.tasks))].sort((a, b) => a - b);
  const at = (e: PipelineRow["engine"], n: number): PipelineRow | undefined => r.pipeline.find((p) => p.engine === e && p.tasks === n);
  const t = (e: PipelineRow["engine"], n: number): string => (at(e, n) ? ms(at(e, n)!.cpuMs) : "—");
  const ratio = (e: PipelineRow["engine"], n: number): string => (at(e, n) && at("c", n) ? fx(at(e, n)!.cpuMs / at("c", n)!.cpuMs) : "—");
  say(`Median CPU ms of ${r.pipeline[0]?.runs ?? 0} runs per engine (the process's CPU clock around each run; the Node engines warm up for at least 3 runs and 0.5 s, and their CPU time includes V8's GC and compiler threads); ratios are engine / compiled C. The machine is shared, so wall times (below) carry waiting for a CPU.`, "");
  say(...table(
    ["tasks", "body KB", "C", "expat + libical", "Node", "tsdav + ical.js", "xml-js + ical.js, parsing only", "expat/C", "Node/C", "tsdav/C", "parsing only/C"],
    sizes.map((n) => [int(n), int((at("c", n) ?? r.pipeline.find((p) => p.tasks === n)!).bytes / KB), t("c", n), t("expat", n), t("node", n), t("tsdav", n), t("tsdav-parse", n),
      ratio("expat", n), ratio("node", n), ratio("tsdav", n), ratio("tsdav-parse", n)]),
  ), "");
  say("tsdav + ical.js does the C engine's job the way a tsdav client would: tsdav's calendar-multiget reads the body (its fetch hook hands the bytes over, no network), ical.js reads each object, and each VTODO is classified at its first occurrence (ical.js RecurExpansion) and ranked into the first K, as ts-src/tasks/classify.ts does. The parsing-only baseline (xml-js and ical.js reading four properties, classifying nothing) is a lower bound on any such client; it is shown for comparison, with no target.", "");
  const counted = instructionRatios(r);
  if (counted.length) {
    say("The two C engines in x86-64 instructions per response (callgrind; exact, so the machine's load does not enter):", "");
    say(...table(["tasks", "Nudge C", "per task", "expat + libical", "per task", "expat/C", "commands"], counted.map((x) => [
      int(x.tasks), int(x.c), int(x.c / x.tasks), int(x.expat), int(x.expat / x.tasks), fx(x.ratio),
      r.pipeline.filter((p) => p.tasks === x.tasks && p.instructions).map((p) => code(p.instructions!.command)).join("<br>"),
    ])), "");
  }
  say("Every figure with its command:", "");
  say(...table(["engine", "tasks", "CPU ms", "wall ms", "peak memory", "what the memory figure counts", "command"],
    r.pipeline.map((p) => [ENGINE_NAMES[p.engine], int(p.tasks), ms(p.cpuMs), ms(p.medianMs), kb(p.memBytes), p.memWhat, code(p.command)])), "");
  plot("time-vs-tasks.svg", "median CPU time per response vs number of tasks");
  plot("memory-vs-tasks.svg", "peak memory vs number of tasks");

  say("## 2. The compiled pipeline on rv32imac (QEMU)", "");
  if (r.rv32.length) {
    say("One run per body under `qemu-system-riscv32 -icount shift=0`, picolibc semihosting; retired instructions (minstret) from `deviceZone()` to `finish()`, exact and independent of the host's load. rv32imac has no FPU: numbers are soft-float doubles.", "");
    say(...table(["tasks", "body KB", "instructions", "per task", "per KB", "arena peak", "scratch peak", "command"],
      r.rv32.map((x) => [int(x.tasks), int(x.bytes / KB), int(x.instret), int(x.instret / x.tasks), int(x.instret / (x.bytes / KB)), kb(x.arenaPeak), kb(x.scratchPeak), code(x.command)])), "");
  } else say("Not measured in this run.", "");

  say("## 3. Compiler kernels", "");
  if (r.compiler) {
    const k = r.compiler.kernels;
    say(`Compiled C vs hand-written C vs Node, medians in ms (wall / CPU); commands: ${code(r.compiler.kernelCommand)}; size: ${code(r.compiler.sizeCommand)}.`, "");
    say(...table(["kernel", "n", "compiled", "hand", "Node", "compiled/hand (CPU)", "Node/compiled (CPU)", "Node/hand (CPU)", "rv32 -Os compiled/hand", "rv32 instructions compiled/hand"],
      k.map((x) => [x.name, int(x.n), `${ms(x.wallMs.compiled)} / ${ms(x.cpuMs.compiled)}`, `${ms(x.wallMs.hand)} / ${ms(x.cpuMs.hand)}`, `${ms(x.wallMs.node)} / ${ms(x.cpuMs.node)}`,
        fx(x.cpuMs.compiled / x.cpuMs.hand), fx(x.cpuMs.node / x.cpuMs.compiled), fx(x.cpuMs.node / x.cpuMs.hand),
        x.sizeCompiled !== null && x.sizeHand !== null ? `${int(x.sizeCompiled)} / ${int(x.sizeHand)} B (${fx(x.sizeCompiled / x.sizeHand)})` : "—",
        x.instretCompiled !== null && x.instretHand !== null ? fx(x.instretCompiled / x.instretHand) : "—"])), "");
    say(`Compile time of the device core and everything it imports: ${r.compiler.compileSeconds.toFixed(2)} s wall, ${r.compiler.compileCpuSeconds.toFixed(2)} s CPU (medians; runs in the output below): ${code(r.compiler.compileCommand)}.`, "");
    say("<details><summary>the compiler bench's full output</summary>", "", "```", ...r.compiler.lines, "```", "", "</details>", "");
  } else say("Not measured in this run.", "");

  say("## 4. TLS", "");
  if (r.tls.length) {
    say(`Each row's server started for this run on 127.0.0.1 (test/harness/servers.ts); medians of ${r.tls[0]!.runs} handshakes by nudge-tls-probe with the device profile.`, "");
    say(...table(["server row", "version", "group", "HRR", "heap peak", "≤ 42 KB", "handshake ms", "command"],
      r.tls.map((x) => [x.row, x.version, x.group, String(x.hrr), kb(x.heapPeak), x.heapPeak <= 42 * KB ? "yes" : "**no**", ms(x.handshakeMs), code(x.command)])), "");
    plot("tls-heap-per-row.svg", "handshake heap per server row");
  } else say("Not measured in this run.", "");
  if (r.idle) {
    const i = r.idle;
    say(`Idle poll (nothing changed since the last poll; the session ticket of the previous poll resumed) against ${i.server}, counted by a TCP relay (bench/idle/wire-proxy.ts): bytes are TCP payload (TLS records, close alerts included; TCP/IP headers not counted); round trips are client flights the server answered, close alerts left out, minus the HTTP exchanges.`, "");
    const f = i.firstPoll;
    say(...table(["poll", "TCP connections", "TLS round trips", "HTTP exchanges", "bytes up", "bytes down", "total", "resumed"], [
      ["idle (the measured one)", String(i.connections), String(i.tlsRoundTrips), String(i.httpExchanges), int(i.bytesUp), int(i.bytesDown), int(i.bytesUp + i.bytesDown), i.resumed ? "yes" : "no"],
      ["first (discovery + full list, for comparison)", String(f.connections), String(f.roundTrips - f.httpExchanges), String(f.httpExchanges), int(f.bytesUp), int(f.bytesDown), int(f.bytesUp + f.bytesDown), f.resumed ? "yes" : "no"],
    ]), "");
    say(`Command: ${code(i.command)}`, "");
  }

  say("## 5. Device memory per calendar objects", "");
  if (r.deviceMemory.length) {
    say("The host device (64-bit pointers: an upper bound for the device) against Radicale holding N objects, one VTODO with a DUE each: arena peaks of the first poll (discovery, the listing, every object fetched) and of the next one (nothing changed), what the carry keeps between polls, and the scratch arena's peak. They size the ESP32 arena's object limit (docs/LIMITS.md).", "");
    say(...table(["objects", "first poll", "idle poll", "carried", "scratch", "requests (first poll)", "command"],
      r.deviceMemory.map((x) => [int(x.objects), `${int(x.firstPollKb)} KB`, `${int(x.idlePollKb)} KB`, `${int(x.carriedKb)} KB`, `${int(x.scratchKb)} KB`, String(x.requests), code(x.command)])), "");
    const [a, b] = [r.deviceMemory[0]!, r.deviceMemory[r.deviceMemory.length - 1]!];
    if (b.objects > a.objects) say(`Per object from ${int(a.objects)} to ${int(b.objects)}: first poll ${((b.firstPollKb - a.firstPollKb) / (b.objects - a.objects)).toFixed(2)} KB, carried ${((b.carriedKb - a.carriedKb) / (b.objects - a.objects)).toFixed(2)} KB.`, "");
  } else say("Not measured in this run.", "");

  say("## 6. Portable-core code size", "");
  if (r.cross) {
    say(...table(["target", "text", "data", "bss", "command"], [
      ["rv32imac", int(r.cross.rv32.text), int(r.cross.rv32.data), int(r.cross.rv32.bss), code(r.cross.command)],
      ["xtensa-lx106", int(r.cross.xtensa.text), int(r.cross.xtensa.data), int(r.cross.xtensa.bss), code(r.cross.command)],
    ]), "");
    say(`Objects at -O2 before linking (the compiled core entries, the runtime and firmware/common). Summary line: ${code(r.cross.summary)}`, "");
  } else say("Not measured in this run.", "");

  if (r.skipped.length) say("## Not measured in this run", "", ...r.skipped.map((s) => `- ${s}`), "");
  return out.join("\n");
}

/** Writes the report to mdPath and its plots into plotDir; returns the plot paths. */
export async function writeReport(r: Results, mdPath: string, plotDir: string): Promise<string[]> {
  mkdirSync(dirname(mdPath), { recursive: true });
  mkdirSync(plotDir, { recursive: true });
  const written: string[] = [];
  for (const [name, spec] of Object.entries(plotSpecs(r))) {
    const path = join(plotDir, name);
    writeFileSync(path, await renderSvg(spec));
    written.push(path);
  }
  writeFileSync(mdPath, renderMarkdown(r, written.map((p) => relative(dirname(mdPath), p))) + "\n");
  return written;
}
