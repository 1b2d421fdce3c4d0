// End-to-end check of the CalDAV core against Debian's Radicale 3.1.8 and Xandikos 0.2.8 on
// loopback, with tsdav (an independent CalDAV client) seeding data and giving the expected answers.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDAVClient, type DAVCalendar, type DAVCalendarObject } from "tsdav";
import { CalDavSync } from "../ts-src/caldav/sync";
import { defaultXmlLimits } from "../ts-src/xml/tokenizer";
import { runPoll, type PollResult } from "./harness/node-driver";

type DavClient = Awaited<ReturnType<typeof createDAVClient>>;

interface Server {
  name: "radicale" | "xandikos";
  url: string;
  user: string;
  password: string;
  /** collections the test creates under the calendar home: [name, components] */
  proc: ChildProcess | null;
  home: string;
}

/**
 * What differs between the two servers, as observed here; the first test re-measures each entry.
 * wellKnown: status of PROPFIND /.well-known/caldav (both redirect to "/").
 * badSyncToken: status of sync-collection with an unknown token (RFC 6578 asks for 403 + valid-sync-token).
 * nonIcsIsCalendarObject: whether a member named without ".ics" is served as calendar data.
 * componentSetOnCreate: whether MKCALENDAR honours supported-calendar-component-set.
 * quotedCtag: whether getctag is a quoted string.
 * defaultCalendar: calendars the server creates by itself.
 */
const quirks = {
  radicale: { wellKnown: 301, badSyncToken: 403, nonIcsIsCalendarObject: true, componentSetOnCreate: true, quotedCtag: true, defaultCalendars: 0 },
  xandikos: { wellKnown: 302, badSyncToken: 500, nonIcsIsCalendarObject: false, componentSetOnCreate: false, quotedCtag: false, defaultCalendars: 1 },
};

const USER = "alice";
const SECRET = "s3cret-" + process.pid; // never printed
const tmp = mkdtempSync(join(tmpdir(), "nudge-caldav-"));
const servers: Server[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, proc: ChildProcess): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (proc.exitCode !== null) throw new Error(`${url}: server exited with ${proc.exitCode}`);
    try {
      await fetch(url, { method: "OPTIONS" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url}: server did not start`);
}

function stopAll(): void {
  for (const s of servers) {
    if (s.proc && s.proc.exitCode === null) s.proc.kill("SIGTERM");
  }
}
process.on("exit", stopAll);

async function startRadicale(): Promise<Server> {
  const port = await freePort();
  const dir = join(tmp, "radicale");
  writeFileSync(join(tmp, "users"), `${USER}:${SECRET}\n`);
  writeFileSync(join(tmp, "radicale.conf"), [
    "[server]", `hosts = 127.0.0.1:${port}`,
    "[auth]", "type = htpasswd", `htpasswd_filename = ${join(tmp, "users")}`, "htpasswd_encryption = plain",
    "[storage]", `filesystem_folder = ${dir}`,
    "[logging]", "level = warning", "",
  ].join("\n"));
  const proc = spawn("/usr/bin/radicale", ["--config", join(tmp, "radicale.conf")], { stdio: "ignore" });
  const s: Server = { name: "radicale", url: `http://127.0.0.1:${port}/`, user: USER, password: SECRET, proc, home: `/${USER}/` };
  servers.push(s);
  await waitReady(s.url, proc);
  return s;
}

async function startXandikos(): Promise<Server> {
  const port = await freePort();
  const proc = spawn("/usr/bin/xandikos", ["-d", join(tmp, "xandikos"), "--defaults", "-l", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const s: Server = { name: "xandikos", url: `http://127.0.0.1:${port}/`, user: "", password: "", proc, home: "/user/calendars/" };
  servers.push(s);
  await waitReady(s.url, proc);
  return s;
}

const auth = (s: Server): Record<string, string> => (s.user ? { Authorization: "Basic " + Buffer.from(`${s.user}:${s.password}`).toString("base64") } : {});

async function client(s: Server): Promise<DavClient> {
  return createDAVClient({
    serverUrl: s.url,
    credentials: { username: s.user || "anyone", password: s.password || "unused" },
    authMethod: "Basic",
    defaultAccountType: "caldav",
  });
}

const VTIMEZONE_BERLIN = [
  "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
  "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
  "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
  "END:VTIMEZONE",
];

const SUMMARIES = ["Buy milk & eggs", "Grüße an Zoë – 東京 🙂", "Call plumber; fix sink, today", "Ünïcödé ½ price <deal>", "Steuererklärung", "Plain ASCII task"];

/** A varied VTODO (or VEVENT for odd kinds): due/no due, all-day, TZID, floating, priorities, completed, recurring, overrides. */
function makeObject(uid: string, i: number, summary: string): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nudge harness//EN"];
  const kind = i % 8;
  if (kind === 3) lines.push(...VTIMEZONE_BERLIN);
  const todo = ["BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20261120T080000Z", `SUMMARY:${summary.replace(/([,;])/g, "\\$1")} #${i}`];
  if (i % 10 !== 0) todo.push(`PRIORITY:${i % 10}`);
  switch (kind) {
    case 0: break; // no due
    case 1: todo.push(`DUE:202611${String(10 + (i % 19)).padStart(2, "0")}T170000Z`); break;
    case 2: todo.push(`DUE;VALUE=DATE:202612${String(1 + (i % 27)).padStart(2, "0")}`); break;
    case 3: todo.push("DUE;TZID=Europe/Berlin:20261130T180000"); break;
    case 4: todo.push("DUE:20261201T090000"); break; // floating
    case 5: todo.push("STATUS:COMPLETED", "COMPLETED:20261101T100000Z", "DUE:20261101T090000Z"); break;
    case 6: todo.push("DTSTART:20261102T090000Z", "DUE:20261102T100000Z", "RRULE:FREQ=WEEKLY;COUNT=10"); break;
    case 7: todo.push("DESCRIPTION:" + "Long line with UTF-8 — éàü ".repeat(12), "STATUS:NEEDS-ACTION"); break;
  }
  lines.push(...fold(todo), "END:VTODO");
  if (kind === 6) {
    // an override completing the first occurrence: two VTODOs in one resource
    lines.push("BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20261120T080000Z", "RECURRENCE-ID:20261102T090000Z", "DTSTART:20261102T090000Z", "DUE:20261102T100000Z", "STATUS:COMPLETED", `SUMMARY:${summary} (done once)`, "END:VTODO");
  }
  lines.push("END:VCALENDAR");
  return lines.join("\r\n") + "\r\n";
}

/** RFC 5545 folding at 75 octets, possibly inside a UTF-8 sequence as some clients do. */
function fold(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const b = Buffer.from(l, "utf8");
    if (b.length <= 75) {
      out.push(l);
      continue;
    }
    const parts: string[] = [];
    for (let at = 0; at < b.length; at += 74) parts.push((at ? " " : "") + b.subarray(at, at + 74).toString("latin1"));
    out.push(Buffer.from(parts.join("\r\n"), "latin1").toString("utf8"));
  }
  return out;
}

function makeEvent(uid: string): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nudge harness//EN", "BEGIN:VEVENT", `UID:${uid}`, "DTSTAMP:20261120T080000Z",
    "DTSTART:20261203T100000Z", "SUMMARY:Not a task", "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");
}

const uidOf = (data: string): string => (/^UID:(.*)$/m.exec(data.replace(/\r\n[ \t]/g, ""))?.[1] ?? "").trim();
const pathOf = (url: string): string => (url.startsWith("http") ? new URL(url).pathname : url);

async function put(s: Server, path: string, body: string): Promise<number> {
  const res = await fetch(new URL(path, s.url), { method: "PUT", headers: { "Content-Type": "text/calendar; charset=utf-8", ...auth(s) }, body });
  await res.arrayBuffer();
  return res.status;
}

async function davStatus(s: Server, method: string, path: string, body: string, depth: string): Promise<number> {
  const init: RequestInit = { method, headers: { "Content-Type": "application/xml", Depth: depth, ...auth(s) }, redirect: "manual" };
  if (body) init.body = body;
  const res = await fetch(new URL(path, s.url), init);
  await res.arrayBuffer();
  return res.status;
}

/** Seeds three calendars (tasks only, events only, mixed) and ≥ 40 tasks; returns the task calendars' paths. */
async function seed(s: Server, dav: DavClient): Promise<string[]> {
  const make = async (name: string, comps: string[]): Promise<string> => {
    const url = new URL(s.home + name + "/", s.url).href;
    await dav.makeCalendar({
      url,
      props: {
        "d:displayname": `${name} ✓`,
        "c:supported-calendar-component-set": { "c:comp": comps.map((c) => ({ _attributes: { name: c } })) },
      },
    });
    return pathOf(url);
  };
  const tasks = await make("tasks", ["VTODO"]);
  const events = await make("events", ["VEVENT"]);
  const mixed = await make("mixed", ["VEVENT", "VTODO"]);
  const calendars = await dav.fetchCalendars();
  const cal = (p: string): DAVCalendar => calendars.find((c) => pathOf(c.url) === p)!;
  let n = 0;
  for (let i = 0; i < 36; i++) {
    await dav.createCalendarObject({ calendar: cal(tasks), filename: `task-${i}.ics`, iCalString: makeObject(`uid-${s.name}-${i}`, i, SUMMARIES[i % SUMMARIES.length]!) });
    n++;
  }
  for (let i = 36; i < 42; i++) {
    await dav.createCalendarObject({ calendar: cal(mixed), filename: `m-${i}.ics`, iCalString: makeObject(`uid-${s.name}-${i}`, i, SUMMARIES[i % SUMMARIES.length]!) });
    n++;
  }
  // resources whose names do not end in .ics, written as a plain PUT like some clients do
  assert.is(await put(s, tasks + "no-suffix-1", makeObject(`uid-${s.name}-ns1`, 1, "No suffix")), 201);
  assert.is(await put(s, tasks + "7F3E%2Bodd", makeObject(`uid-${s.name}-ns2`, 2, "Odd name")), 201);
  await dav.createCalendarObject({ calendar: cal(mixed), filename: "ev-1.ics", iCalString: makeEvent(`ev-${s.name}-1`) });
  await dav.createCalendarObject({ calendar: cal(events), filename: "ev-2.ics", iCalString: makeEvent(`ev-${s.name}-2`) });
  assert.ok(n >= 40);
  return [tasks, mixed];
}

/** tsdav's view of every VTODO in the VTODO-capable calendars: path → [etag, uid]. */
async function tsdavTodos(dav: DavClient): Promise<{ calendars: string[]; objects: Map<string, [string, string]>; raw: DAVCalendarObject[] }> {
  const calendars = (await dav.fetchCalendars()).filter((c) => (c.components ?? []).includes("VTODO") || (c.components ?? []).length === 0);
  const objects = new Map<string, [string, string]>();
  const raw: DAVCalendarObject[] = [];
  for (const c of calendars) {
    const list = await dav.fetchCalendarObjects({
      calendar: c,
      filters: [{ "comp-filter": { _attributes: { name: "VCALENDAR" }, "comp-filter": { _attributes: { name: "VTODO" } } } }],
      urlFilter: () => true,
    });
    for (const o of list) {
      objects.set(pathOf(o.url), [o.etag ?? "", uidOf(String(o.data ?? ""))]);
      raw.push(o);
    }
  }
  return { calendars: calendars.map((c) => pathOf(c.url)).sort(), objects, raw };
}

const ours = (r: PollResult): Map<string, [string, string]> => new Map(r.fetched.map((f) => [pathOf(f.href), [f.etag, uidOf(f.data)]]));
const sorted = <T>(m: Map<string, T>): [string, T][] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));

test.before(async () => {
  await Promise.all([startRadicale(), startXandikos()]);
});

test.after(() => {
  stopAll();
  rmSync(tmp, { recursive: true, force: true });
});

test("the quirk table matches both servers", async () => {
  for (const s of servers) {
    const q = quirks[s.name];
    const dav = await client(s);
    // the principal collection exists once the user has been seen
    await dav.fetchCalendars();
    assert.is(await davStatus(s, "PROPFIND", "/.well-known/caldav", "", "0"), q.wellKnown, `${s.name} well-known`);
    const cal = new URL(s.home + "probe/", s.url).href;
    await dav.makeCalendar({ url: cal, props: { "c:supported-calendar-component-set": { "c:comp": [{ _attributes: { name: "VTODO" } }] } } });
    const probe = (await dav.fetchCalendars()).find((c) => pathOf(c.url) === pathOf(cal))!;
    assert.is(JSON.stringify(probe.components) === JSON.stringify(["VTODO"]), q.componentSetOnCreate, `${s.name} component set`);
    assert.is(String(probe.ctag).startsWith('"'), q.quotedCtag, `${s.name} ctag quoting`);
    const sync = '<?xml version="1.0"?><d:sync-collection xmlns:d="DAV:"><d:sync-token>http://example.invalid/bogus</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>';
    assert.is(await davStatus(s, "REPORT", pathOf(cal), sync, "0"), q.badSyncToken, `${s.name} bad token`);
    await put(s, pathOf(cal) + "plain", makeObject("plain", 1, "x"));
    const listed = await dav.fetchCalendarObjects({ calendar: probe, filters: [{ "comp-filter": { _attributes: { name: "VCALENDAR" }, "comp-filter": { _attributes: { name: "VTODO" } } } }], urlFilter: () => true });
    assert.is(listed.length === 1, q.nonIcsIsCalendarObject, `${s.name} non-.ics member`);
    await davStatus(s, "DELETE", pathOf(cal), "", "0");
  }
});

for (const name of ["radicale", "xandikos"] as const) {
  test(`${name}: discovery, full fetch, changes and idle polls agree with tsdav`, async () => {
    const s = servers.find((x) => x.name === name)!;
    const dav = await client(s);
    const taskCalendars = await seed(s, dav);
    const expected = await tsdavTodos(dav);
    assert.ok(expected.objects.size >= 40, `tsdav sees ${expected.objects.size} tasks`);

    // discovery from the server root and the full first poll, body fed one byte at a time
    const sync = new CalDavSync(s.url, s.user, s.password, defaultXmlLimits());
    const first = await runPoll(sync, { chunkSize: 1, ca: null });
    assert.is(first.error, "");
    assert.equal(sync.collections.map((c) => pathOf(c.url)).sort(), expected.calendars, "same VTODO calendars as tsdav");
    for (const p of taskCalendars) assert.ok(expected.calendars.includes(p));
    // where MKCALENDAR ignores the component set, the events-only calendar accepts tasks too
    const eventsCalendarTakesTasks = quirks[name].componentSetOnCreate ? 0 : 1;
    assert.is(expected.calendars.length, taskCalendars.length + quirks[name].defaultCalendars + eventsCalendarTakesTasks);
    assert.equal(sorted(ours(first)), sorted(expected.objects), "same (href, etag, uid) set as tsdav");
    assert.is(first.removed.length, 0);

    // a second client with large chunks sees the same
    const other = await runPoll(new CalDavSync(s.url, s.user, s.password, defaultXmlLimits()), { chunkSize: 65536, ca: null });
    assert.equal(sorted(ours(other)), sorted(expected.objects));

    // idle: exactly one Depth:0 PROPFIND per collection
    const idle = await runPoll(sync, { chunkSize: 512, ca: null });
    assert.is(idle.error, "");
    assert.equal(idle.requests.map((r) => `${r.method} ${r.depth}`), sync.collections.map(() => "PROPFIND 0"));
    assert.is(idle.fetched.length + idle.removed.length, 0);

    // tsdav creates, updates and deletes; our next poll sees exactly those changes
    const byPath = new Map(expected.raw.map((o) => [pathOf(o.url), o]));
    const calendars = await dav.fetchCalendars();
    const tasksCal = calendars.find((c) => pathOf(c.url) === taskCalendars[0])!;
    const created = [`${taskCalendars[0]}new-1.ics`, `${taskCalendars[0]}new-2.ics`];
    await dav.createCalendarObject({ calendar: tasksCal, filename: "new-1.ics", iCalString: makeObject(`uid-${name}-new-1`, 1, "Neu — 新しい") });
    await dav.createCalendarObject({ calendar: tasksCal, filename: "new-2.ics", iCalString: makeObject(`uid-${name}-new-2`, 2, "New two") });
    const updated = [`${taskCalendars[0]}task-3.ics`, `${taskCalendars[1]}m-37.ics`];
    for (const p of updated) {
      const o = byPath.get(p)!;
      await dav.updateCalendarObject({ calendarObject: { ...o, data: String(o.data).replace("SUMMARY:", "SUMMARY:Updated ") } });
    }
    const deleted = [`${taskCalendars[0]}task-5.ics`, `${taskCalendars[1]}m-40.ics`];
    for (const p of deleted) await dav.deleteCalendarObject({ calendarObject: byPath.get(p)! });

    const after = await tsdavTodos(dav);
    const changed = await runPoll(sync, { chunkSize: 7, ca: null });
    assert.is(changed.error, "");
    assert.equal(changed.fetched.map((f) => pathOf(f.href)).sort(), [...created, ...updated].sort(), "fetched exactly the new and updated objects");
    assert.equal(changed.removed.map(pathOf).sort(), [...deleted].sort(), "removed exactly the deleted objects");
    for (const f of changed.fetched) assert.equal([f.etag, uidOf(f.data)], after.objects.get(pathOf(f.href)), f.href);
    // per changed calendar: Depth:0 PROPFIND, sync-collection (Depth:0 REPORT), one calendar-multiget
    const kinds = changed.requests.map((r) => `${r.method} ${r.depth}`);
    assert.is(kinds.filter((k) => k === "REPORT 0").length, 2, "sync-collection on the two changed calendars");
    assert.is(kinds.filter((k) => k === "REPORT 1").length, 2, "one multiget per changed calendar");
    assert.is(kinds.filter((k) => k === "PROPFIND 0").length, sync.collections.length);
    assert.is(kinds.length, sync.collections.length + 4);

    // the remembered set now equals tsdav's
    const remembered = new Map<string, string>();
    for (const c of sync.collections) c.hrefs.forEach((h, i) => remembered.set(pathOf(h), c.etags[i]!));
    for (const [p, [etag]] of after.objects) assert.is(remembered.get(p), etag, p);

    const idleAgain = await runPoll(sync, { chunkSize: 4096, ca: null });
    assert.equal(idleAgain.requests.map((r) => `${r.method} ${r.depth}`), sync.collections.map(() => "PROPFIND 0"));
  });
}

test("the Node driver polls over https, trusting only the CA it is given", async () => {
  const s = servers.find((x) => x.name === "radicale")!;
  const key = join(tmp, "tls.key");
  const cert = join(tmp, "tls.crt");
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "1",
    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
  const upstream = new URL(s.url);
  // a TLS terminator in front of Radicale, as Caddy or Traefik would be
  const proxy = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const up = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (u) => {
      res.writeHead(u.statusCode ?? 502, u.headers);
      u.pipe(res);
    });
    up.on("error", () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  try {
    const url = `https://127.0.0.1:${(proxy.address() as { port: number }).port}/`;
    const untrusted = await runPoll(new CalDavSync(url, s.user, s.password, defaultXmlLimits()), { chunkSize: 333, ca: null });
    assert.match(untrusted.error, "self-signed certificate");
    const sync = new CalDavSync(url, s.user, s.password, defaultXmlLimits());
    const r = await runPoll(sync, { chunkSize: 333, ca: readFileSync(cert, "utf8") });
    assert.is(r.error, "");
    assert.ok(r.fetched.length >= 40, `fetched ${r.fetched.length} over https`);
  } finally {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
});

test("discovery from the principal URL and from a calendar URL; wrong password is a clear error", async () => {
  const s = servers.find((x) => x.name === "radicale")!;
  const principal = new CalDavSync(new URL(`/${USER}/`, s.url).href, s.user, s.password, defaultXmlLimits());
  assert.is((await runPoll(principal, { chunkSize: 100, ca: null })).error, "");
  assert.ok(principal.collections.length >= 2);
  const direct = new CalDavSync(new URL(`/${USER}/tasks/`, s.url).href, s.user, s.password, defaultXmlLimits());
  const r = await runPoll(direct, { chunkSize: 100, ca: null });
  assert.is(r.error, "");
  assert.equal(direct.collections.map((c) => pathOf(c.url)), [`/${USER}/tasks/`]);
  assert.is(r.requests[0]!.method + r.requests[0]!.depth, "PROPFIND0");
  const bad = new CalDavSync(s.url, s.user, "wrong", defaultXmlLimits());
  const e = await runPoll(bad, { chunkSize: 100, ca: null });
  assert.match(e.error, "HTTP 401 (authentication failed: check user and password)");
  assert.not.match(e.error, SECRET);
  const events = new CalDavSync(new URL(`/${USER}/events/`, s.url).href, s.user, s.password, defaultXmlLimits());
  assert.match((await runPoll(events, { chunkSize: 100, ca: null })).error, "is a calendar without tasks");
});

test.run();
