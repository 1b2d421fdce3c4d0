// `npm run -s tasks -- --now ISO --tz TZ [--engine node|c] [--k N] < body.xml`
// Reads a CalDAV multistatus body on stdin and prints the tasks to show as JSON (the format: ts-src/tasks/json.ts).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { buildCoreProgram } from "./core-build";
import { DEFAULT_TOP_K } from "../ts-src/tasks/classify";
import { deviceZone, TaskPipeline } from "../ts-src/tasks/pipeline";
import { errorToJson, tasksToJson } from "../ts-src/tasks/json";

function usage(message: string): never {
  process.stderr.write(`tasks: ${message}\nusage: tasks --now ISO --tz TZ [--engine node|c] [--k N] < body.xml\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let nowText = "";
let tz = "";
let engine = "node";
let k = DEFAULT_TOP_K;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const v = args[i + 1];
  if (a === "--now" && v !== undefined) nowText = v;
  else if (a === "--tz" && v !== undefined) tz = v;
  else if (a === "--engine" && v !== undefined) engine = v;
  else if (a === "--k" && v !== undefined) k = Number(v);
  else usage(`unknown or incomplete option ${a}`);
  i++;
}
if (nowText === "") usage("--now is required");
if (tz === "") usage("--tz is required");
// Dates without an offset would be read in the host's zone; insist on an explicit one.
if (!/(Z|[+-]\d\d:?\d\d)$/i.test(nowText)) usage(`--now needs a UTC offset or Z: ${nowText}`);
const nowMs = Date.parse(nowText);
if (Number.isNaN(nowMs)) usage(`bad --now: ${nowText}`);
if (!Number.isInteger(k) || k < 1) usage(`bad --k: ${String(k)}`);
if (engine !== "node" && engine !== "c") usage(`unknown engine ${engine} (node or c)`);
if (engine === "c") {
  // The compiled pipeline: same input, same JSON, same messages and exit status.
  const exe = buildCoreProgram("nudge-tasks", "ts-src/tasks/pipeline.ts", "firmware/host/tasks_main.c");
  const r = spawnSync(exe, [String(Math.floor(nowMs / 1000)), tz, String(k)], { input: readFileSync(0), maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  process.exit(r.status ?? 1);
}
const zone = deviceZone(tz);
if (zone === null) usage(`bad --tz (POSIX TZ string or IANA name): ${tz}`);

const body = new Uint8Array(readFileSync(0));
const p = new TaskPipeline(Math.floor(nowMs / 1000), zone, k);
// Feed in pieces as a network driver would.
for (let off = 0; off < body.length; off += 4096) p.feed(body.subarray(off, Math.min(off + 4096, body.length)));
p.finish();
if (p.error !== "") {
  process.stdout.write(errorToJson(p.error) + "\n");
  process.stderr.write(`tasks: malformed multistatus: ${p.error}\n`);
  process.exit(1);
}
if (p.badResources > 0) process.stderr.write(`tasks: skipped ${p.badResources} of ${p.resources} malformed calendar objects\n`);
process.stdout.write(tasksToJson(p.top.tasks, p.top.counts) + "\n");
