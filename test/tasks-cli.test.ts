import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { buildCoreProgram } from "../scripts/core-build";
import { randomBody } from "./fixtures/tasks/generate";
import { deviceZone, TaskPipeline, tasksJson } from "../ts-src/tasks/pipeline";
import { tasksToJson } from "../ts-src/tasks/json";

const CET = "CET-1CEST,M3.5.0,M10.5.0/3";
const NOW = "2026-11-27T15:00:00Z";
const fixture = (name: string) => readFileSync(new URL(`./fixtures/tasks/${name}`, import.meta.url));

function cli(args: string[], input: Uint8Array | string): { status: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/tasks.ts", ...args], { input, encoding: "utf8" });
  return { status: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const task = (uid: string, summary: string, due: string | null, allDay: boolean, priority: number, kind: string) => ({ uid, summary, due, allDay, priority, kind });
const counts = (overdue: number, today: number, upcoming: number, later: number, undated: number) => ({ overdue, today, upcoming, later, undated });

test("Radicale calendar-query: recurring tasks, VTIMEZONEs, completed reminder hidden", () => {
  const r = cli(["--now", NOW, "--tz", CET], fixture("radicale-query.xml"));
  assert.is(r.status, 0, r.err);
  assert.equal(JSON.parse(r.out), {
    tasks: [
      task("7283519840394857730", "Water the plants", "2026-11-24T17:00:00Z", false, 1, "overdue"),
      task("8b0c6e43-0c1a-4f5e-9d1f-3d7c2b2e9a10", "Team report", "2026-11-27T22:00:00Z", false, 0, "today"),
    ],
    counts: counts(1, 1, 0, 0, 0),
  });
});

test("Xandikos multiget (ns0:/ns1: prefixes, a 404 member): future DTSTART hidden, all-day upcoming", () => {
  const r = cli(["--now", NOW, "--tz", CET, "--engine", "node"], fixture("xandikos-multiget.xml"));
  assert.is(r.status, 0, r.err);
  assert.equal(JSON.parse(r.out), { tasks: [task("a3b0ce51-6b1e-4b2d-b8b7-5f1c0f63e9d2", "Pay rent", "2026-12-01", true, 5, "upcoming")], counts: counts(0, 0, 1, 0, 0) });
  // The day after, the Apple reminder becomes actionable and due today.
  const next = JSON.parse(cli(["--now", "2026-11-28T09:00:00+01:00", "--tz", CET], fixture("xandikos-multiget.xml")).out);
  assert.equal(next.tasks[0], task("A4C0F9E2-1B7D-4E33-8A5F-6C2D9B0E1F37", "Geburtstagsgeschenk für Zoë besorgen 🎁", "2026-11-28", true, 9, "today"));
});

test("Nextcloud (d:/cal: prefixes): floating due in the device zone; JSON escaping as JSON.stringify", () => {
  const r = cli(["--now", NOW, "--tz", "Europe/Berlin"], fixture("nextcloud-query.xml"));
  assert.is(r.status, 0, r.err);
  const doc = JSON.parse(r.out);
  assert.equal(doc, {
    tasks: [
      task("4c9a4b4e7f6a4d6f9a1e2b3c4d5e6f70@laptop", "Fix bike brakes; buy pads\nfront and rear", "2026-11-27T16:00:00Z", false, 0, "today"),
      task("odd-1", 'Say "hi" to C:\\temp <now> & then\ttab', null, false, 3, "undated"),
    ],
    counts: counts(0, 1, 0, 0, 1),
  });
  assert.is(r.out, JSON.stringify(doc) + "\n");
});

test("the JSON writer escapes every control character, quote and backslash as JSON.stringify", () => {
  let s = "";
  for (let c = 0; c < 0x80; c++) s += String.fromCharCode(c);
  s += "é€😀\u2028\u2029\u007f\ufeff";
  const t = { uid: s, summary: s, hasDue: true, due: 0, allDay: true, dueText: "2026-01-01", priority: 9, kind: "overdue" as const };
  const json = tasksToJson([t], { overdue: 1, today: 0, upcoming: 0, later: 0, undated: 12345 });
  assert.is(json, JSON.stringify({ tasks: [{ uid: s, summary: s, due: "2026-01-01", allDay: true, priority: 9, kind: "overdue" }], counts: { overdue: 1, today: 0, upcoming: 0, later: 0, undated: 12345 } }));
});

test("the pipeline gives the same result at every chunk size", () => {
  const body = fixture("radicale-query.xml");
  const now = Date.parse(NOW) / 1000;
  const ref = tasksJson(new Uint8Array(body), now, CET);
  for (const size of [1, 2, 3, 7, 64, 1000]) {
    const p = new TaskPipeline(now, deviceZone(CET)!, 64);
    for (let i = 0; i < body.length; i += size) p.feed(new Uint8Array(body.subarray(i, Math.min(i + size, body.length))));
    p.finish();
    assert.is(tasksToJson(p.top.tasks, p.top.counts), ref, `chunk ${size}`);
  }
});

test("errors: malformed XML, bad options, malformed calendar objects are skipped", () => {
  const bad = cli(["--now", NOW, "--tz", CET], "<multistatus xmlns='DAV:'><response>");
  assert.is(bad.status, 1);
  assert.ok(JSON.parse(bad.out).error.length > 0);
  assert.is(cli(["--tz", CET], "").status, 2);
  assert.is(cli(["--now", NOW, "--tz", "Mars/Olympus"], "").status, 2);
  assert.is(cli(["--now", "2026-11-27T15:00:00", "--tz", CET], "").status, 2);
  assert.is(cli(["--now", NOW, "--tz", CET, "--engine", "rust"], "").status, 2);
  const mixed = `<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/a.ics</href><propstat><prop><C:calendar-data>BEGIN:VCALENDAR
BEGIN:VTODO
UID:cut</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/b.ics</href><propstat><prop><C:calendar-data>BEGIN:VCALENDAR
BEGIN:VTODO
UID:ok
SUMMARY:fine
END:VTODO
END:VCALENDAR
</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;
  const r = cli(["--now", NOW, "--tz", CET], mixed);
  assert.is(r.status, 0);
  assert.equal(JSON.parse(r.out).tasks.map((t: { uid: string }) => t.uid), ["ok"]);
  assert.match(r.err, /skipped 1 of 2/);
  const p = new TaskPipeline(Date.parse(NOW) / 1000, deviceZone(CET)!, 64);
  p.feed(new TextEncoder().encode(mixed));
  p.finish();
  assert.is(p.firstBad, "object 1: truncated inside a component (line 3)");
});

test("5000 resources: top 64 in order, full counts, bounded work", () => {
  const now = Date.parse(NOW) / 1000;
  const parts: string[] = ['<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'];
  const expected: { uid: string; due: number; prio: number; kind: string }[] = [];
  let seed = 9;
  const rand = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
  for (let i = 0; i < 5000; i++) {
    // Whole hours from 40 days back to 40 days ahead; none at exactly now.
    const due = now + (rand(1920) - 960) * 3600 + 1800;
    const prio = rand(10);
    const d = new Date(due * 1000).toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
    parts.push(`<response><href>/t/${i}.ics</href><propstat><prop><C:calendar-data>BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:t${i}\nSUMMARY:task ${i}\nDUE:${d}\nPRIORITY:${prio}\nEND:VTODO\nEND:VCALENDAR\n</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>`);
    const localDay = (t: number) => Math.floor((t + 3600) / 86400); // CET in winter
    const kind = due < now ? "overdue" : localDay(due) === localDay(now) ? "today" : due - now <= 7 * 86400 ? "upcoming" : "later";
    expected.push({ uid: `t${i}`, due, prio, kind });
  }
  parts.push("</multistatus>");
  const body = new TextEncoder().encode(parts.join(""));
  const rank = ["overdue", "today", "upcoming", "later"];
  expected.sort((a, b) => rank.indexOf(a.kind) - rank.indexOf(b.kind) || a.due - b.due || (a.prio || 10) - (b.prio || 10) || (a.uid < b.uid ? -1 : 1));
  const started = process.hrtime.bigint();
  const doc = JSON.parse(tasksJson(body, now, CET));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  assert.is(doc.tasks.length, 64);
  for (let i = 0; i < 64; i++) {
    assert.is(doc.tasks[i].kind, expected[i]!.kind);
    assert.is(Date.parse(doc.tasks[i].due) / 1000, expected[i]!.due);
    assert.is(doc.tasks[i].priority, expected[i]!.prio);
  }
  for (const k of rank) assert.is(doc.counts[k], expected.filter((e) => e.kind === k).length, k);
  console.log(`    5000 resources (${(body.length / 1e6).toFixed(1)} MB) in ${ms.toFixed(0)} ms under Node`);
});

test("compiled C pipeline under ASan/UBSan prints exactly what Node prints", () => {
  // test/tasks-engines.test.ts compares the -O2 build widely; this one looks for memory errors.
  const exe = buildCoreProgram("nudge-tasks-san", "ts-src/tasks/pipeline.ts", "firmware/host/tasks_main.c", ["-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]);
  const bodies = [fixture("radicale-query.xml"), fixture("xandikos-multiget.xml"), fixture("nextcloud-query.xml"), Buffer.from(randomBody(3, 200))];
  const nows = ["2026-11-27T15:00:00Z", "2026-03-29T00:30:00Z"].map((t) => Date.parse(t) / 1000);
  for (const body of bodies) {
    for (const now of nows) {
      for (const tz of [CET, "<+0530>-5:30", "AEST-10AEDT,M10.1.0,M4.1.0/3"]) {
        const r = spawnSync(exe, [String(now), tz, "64"], { input: body, encoding: "utf8", maxBuffer: 1 << 26 });
        assert.is(r.status, 0, r.stderr);
        assert.is(r.stdout, tasksJson(new Uint8Array(body), now, tz) + "\n", `${tz} at ${now}`);
      }
    }
  }
  // Mutated calendar data (the XML around it stays well-formed): no panic, no sanitizer report,
  // and the same answer as Node, where an out-of-bounds read would pass silently.
  const ALPHABET = new TextEncoder().encode(':;,="\\ \t\nTZ-+0123456789PDWHMSabcVALUEDATETZIDRRULEBYDAYEXDATEBEGINENDVTODOVTIMEZONE\u00e9\ufffd');
  let seed = 5;
  const rand = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
  const base = Buffer.concat([fixture("radicale-query.xml"), Buffer.from(randomBody(4, 30))]);
  const text = base.toString("latin1");
  const spans: [number, number][] = [];
  for (let i = text.indexOf("calendar-data>"); i >= 0; i = text.indexOf("calendar-data>", i + 1)) {
    const end = text.indexOf("</", i);
    if (text[i - 1] !== "/") spans.push([i + 14, end]);
  }
  for (let n = 0; n < 60; n++) {
    const b = Buffer.from(base);
    for (let m = 0; m < 1 + rand(40); m++) {
      const [from, to] = spans[rand(spans.length)]!;
      b[from + rand(to - from)] = rand(7) === 0 ? 0xc3 + rand(60) : ALPHABET[rand(ALPHABET.length)]!;
    }
    const now = nows[n % 2]!;
    const r = spawnSync(exe, [String(now), CET, "16"], { input: b, encoding: "utf8", maxBuffer: 1 << 26 });
    assert.ok(r.status === 0 || r.status === 1, `mutant ${n}: ${r.stderr}`);
    const p = new TaskPipeline(now, deviceZone(CET)!, 16);
    p.feed(new Uint8Array(b));
    p.finish();
    const node = p.error !== "" ? JSON.stringify({ error: p.error }) : tasksToJson(p.top.tasks, p.top.counts);
    assert.is(r.stdout, node + "\n", `mutant ${n}`);
  }
});

test.run();
