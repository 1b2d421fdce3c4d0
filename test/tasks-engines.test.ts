// The `tasks` command's two engines: the pipeline under Node and compiled to C must print the same
// JSON (and the same errors) for the same body, zone and time.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildCoreProgram } from "../scripts/core-build";
import { deviceZone, TaskPipeline } from "../ts-src/tasks/pipeline";
import { errorToJson, tasksToJson } from "../ts-src/tasks/json";
import { randomBody } from "./fixtures/tasks/generate";

const exe = buildCoreProgram("nudge-tasks", "ts-src/tasks/pipeline.ts", "firmware/host/tasks_main.c");

function viaNode(body: Uint8Array, now: number, tz: string, k: number): string {
  const p = new TaskPipeline(now, deviceZone(tz)!, k);
  for (let off = 0; off < body.length; off += 4096) p.feed(body.subarray(off, Math.min(off + 4096, body.length)));
  p.finish();
  return (p.error !== "" ? errorToJson(p.error) : tasksToJson(p.top.tasks, p.top.counts)) + "\n";
}

function viaC(body: Uint8Array, now: number, tz: string, k: number): string {
  const r = spawnSync(exe, [String(now), tz, String(k)], { input: body, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const NOWS = [Date.UTC(2026, 2, 10, 12) / 1000, Date.UTC(2026, 9, 25, 1, 30) / 1000, Date.UTC(2027, 0, 1) / 1000];
const ZONES = ["Europe/Berlin", "America/New_York", "CET-1CEST,M3.5.0,M10.5.0/3", "UTC0"];
const dirs = ["test/fixtures/tasks", "test/fixtures/caldav"];

for (const dir of dirs) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".xml"))) {
    test(`${dir}/${name}: same JSON from both engines`, () => {
      const body = new Uint8Array(readFileSync(join(dir, name)));
      for (const now of NOWS) for (const tz of ZONES) assert.is(viaC(body, now, tz, 64), viaNode(body, now, tz, 64), `${tz} at ${now}`);
    });
  }
}

test("generated bodies (recurrences, zones, folds): same JSON, also with a small K", () => {
  for (let seed = 1; seed <= 12; seed++) {
    const body = randomBody(seed, 60);
    const k = seed % 3 === 0 ? 5 : 64;
    for (const tz of ZONES) assert.is(viaC(body, NOWS[seed % 3]!, tz, k), viaNode(body, NOWS[seed % 3]!, tz, k), `seed ${seed} ${tz}`);
  }
});

test("truncated bodies give the same error from both engines", () => {
  const body = randomBody(7, 10);
  for (const cut of [1, 50, Math.floor(body.length / 2), body.length - 3]) {
    const part = body.subarray(0, cut);
    const c = viaC(part, NOWS[0]!, "UTC0", 64);
    assert.is(c, viaNode(part, NOWS[0]!, "UTC0", 64), `cut at ${cut}`);
  }
});

// The C engine with AddressSanitizer: the scratch arena is poisoned on each reset, so a task,
// string or reader state that outlived its calendar object's scratch session faults here.
const asanExe = buildCoreProgram("nudge-tasks-asan", "ts-src/tasks/pipeline.ts", "firmware/host/tasks_main.c", ["-fsanitize=address,undefined", "-g", "-O1"]);

function viaAsan(body: Uint8Array, now: number, tz: string, k: number, repeat: number): string {
  const args = [String(now), tz, String(k)];
  if (repeat > 0) args.push(String(repeat));
  const r = spawnSync(asanExe, args, { input: body, encoding: "utf8", maxBuffer: 1 << 28 });
  assert.not.match(r.stderr, /AddressSanitizer|runtime error/, r.stderr.slice(0, 2000));
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return r.stdout;
}

test("ASan build over generated and truncated bodies: no stale scratch reference, same JSON", () => {
  for (let seed = 20; seed <= 25; seed++) {
    const body = randomBody(seed, 80);
    const k = seed % 2 === 0 ? 3 : 64;
    const now = NOWS[seed % 3]!;
    const tz = ZONES[seed % ZONES.length]!;
    // with a repeat count the driver also resets its own heap arena between runs
    assert.is(viaAsan(body, now, tz, k, seed === 20 ? 3 : 0), viaNode(body, now, tz, k), `seed ${seed} ${tz}`);
  }
  const body = randomBody(9, 12);
  for (const cut of [60, Math.floor(body.length / 3), body.length - 3]) {
    const part = body.subarray(0, cut);
    assert.is(viaAsan(part, NOWS[1]!, "Europe/Berlin", 64, 0), viaNode(part, NOWS[1]!, "Europe/Berlin", 64), `cut at ${cut}`);
  }
});

// Zones an object names without its VTIMEZONE are kept across objects (time/zone-cache.ts), up to
// ZONE_CACHE_SIZE names: a body naming more, known and unknown, twice over, must read as the
// first time, with every kept zone and name living outside scratch.
test("more TZIDs than the zone cache keeps: same JSON, ASan clean", () => {
  const tzids = ["Europe/Berlin", "Asia/Tokyo", "No/Such", "America/Denver", "Europe/London", "Asia/Kolkata", "Pacific/Auckland",
    "Africa/Cairo", "Else/Where", "America/Sao_Paulo", "Europe/Helsinki", "/mozilla.org/20070129_1/Europe/Paris", "Australia/Adelaide"];
  let xml = '<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">';
  for (let n = 0; n < tzids.length * 2; n++) {
    const tz = tzids[n % tzids.length]!;
    const ics = `BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:z${n}\r\nSUMMARY:in ${tz}\r\nDUE;TZID=${tz}:2026031${n % 10}T0${n % 10}3000\r\nEND:VTODO\r\nEND:VCALENDAR\r\n`;
    xml += `<d:response><d:href>/z/${n}.ics</d:href><d:propstat><d:prop><d:getetag>"${n}"</d:getetag><c:calendar-data>${ics}</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
  }
  const body = new TextEncoder().encode(xml + "</d:multistatus>");
  for (const tz of ["Europe/Berlin", "UTC0"]) {
    const node = viaNode(body, NOWS[0]!, tz, 64);
    assert.is((JSON.parse(node) as { tasks: unknown[] }).tasks.length, tzids.length * 2);
    assert.is(viaC(body, NOWS[0]!, tz, 64), node, tz);
    assert.is(viaAsan(body, NOWS[0]!, tz, 64, 2), node, `${tz} (ASan)`);
  }
});

test.run();
