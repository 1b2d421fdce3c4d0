// The device core as a driver runs it: next() → perform the step → feed the outcome, against an
// in-memory CalDAV server shaped like Radicale 3 whose answers can be switched to the failures
// devices meet (refused sign-in, server errors, dropped connections, TLS failures). Body chunks go
// through one reused buffer that is scribbled over after each call, as the C drivers do.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cFiles, hasTool, REPO, removeDir, run, STRICT_C_FLAGS, tempDir } from "./harness/c-runner";
import * as core from "../ts-src/device/core";
import { Button, Device, Step } from "../ts-src/device/core";
import { AUTH_RETRY, BACKOFF_BASE, BACKOFF_MAX, httpDateSeconds, POLL_INTERVAL, retryAfterSeconds, RETRY_AFTER_MAX } from "../ts-src/device/schedule";

const TZ = "Europe/Berlin";
const COLLECTION = "https://cal.example/dav/alice/tasks/";
const T0 = Date.parse("2026-11-27T09:00:00Z");
const MIN = 60_000;
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/device/${name}`, import.meta.url), "utf8");

interface Reply {
  status: number;
  headers: [string, string][];
  body: string;
}

interface Request {
  method: string;
  url: string;
  headers: { name: string; value: string }[];
  body: string;
}

const ok = "HTTP/1.1 200 OK";
const ms = (inner: string): string => `<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">${inner}</multistatus>`;
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");

/** One task collection at /dav/alice/tasks/ for alice:pw, answering as Radicale does. */
class FakeCalDav {
  objects = new Map<string, { etag: string; data: string }>();
  log: { version: number; path: string }[] = [];
  version = 1;
  /** "METHOD path depth [report]" per request, in order */
  seen: string[] = [];
  /** when not 0, every request is answered with this status and an empty body */
  status = 0;
  /** Retry-After value sent with those answers ("" for none) */
  retryAfter = "";
  /** when set, every request fails in the transport with this nudge_failure_kind and summary */
  drop: { kind: number; summary: string } | null = null;
  /** when set, the requests whose log line contains it are dropped (connection reset) */
  dropMatching = "";
  /** when set, the next request whose log line contains it gets its body up to 40 bytes past `cutAfter`, then a reset */
  cutMatching = "";
  cutAfter = "";
  private etags = 0;

  constructor(names: string[]) {
    for (const n of names) this.put(n, fixture(n));
  }

  put(name: string, data: string): void {
    const path = `/dav/alice/tasks/${name}`;
    this.objects.set(path, { etag: `"${++this.etags}-${data.length}"`, data });
    this.log.push({ version: ++this.version, path });
  }

  remove(name: string): void {
    const path = `/dav/alice/tasks/${name}`;
    this.objects.delete(path);
    this.log.push({ version: ++this.version, path });
  }

  handle(r: Request): Reply | null {
    const path = new URL(r.url).pathname;
    const depth = r.headers.find((h) => h.name === "Depth")?.value ?? "-";
    const report = r.method === "REPORT" ? " " + (/<c:([a-z-]+)|<d:(sync-collection)/.exec(r.body)?.slice(1).find((x) => x) ?? "?") : "";
    this.seen.push(`${r.method} ${path} ${depth}${report}`);
    if (this.drop !== null) return null;
    if (this.dropMatching !== "" && this.seen[this.seen.length - 1]!.includes(this.dropMatching)) {
      this.drop = { kind: 8, summary: "connection reset by peer" };
      return null;
    }
    if (this.status !== 0) return { status: this.status, headers: this.retryAfter !== "" ? [["Retry-After", this.retryAfter]] : [], body: "" };
    const auth = r.headers.find((h) => h.name === "Authorization")?.value;
    if (auth !== "Basic " + Buffer.from("alice:pw").toString("base64")) return { status: 401, headers: [["WWW-Authenticate", 'Basic realm="Radicale"']], body: "Access to the requested resource forbidden." };
    const tag = `http://radicale.org/ns/sync/${this.version}`;
    if (r.method === "PROPFIND" && path === "/dav/alice/tasks/" && depth === "0" && r.body.includes("current-user-principal")) {
      return this.reply(`<response><href>${path}</href><propstat><prop><current-user-principal><href>/dav/alice/</href></current-user-principal><resourcetype><C:calendar /><collection /></resourcetype><displayname>Tasks</displayname><C:supported-calendar-component-set><C:comp name="VTODO" /></C:supported-calendar-component-set></prop><status>${ok}</status></propstat></response>`);
    }
    if (r.method === "PROPFIND" && path === "/dav/alice/tasks/" && depth === "0") {
      return this.reply(`<response><href>${path}</href><propstat><prop><CS:getctag>"${this.version}"</CS:getctag><sync-token>${tag}</sync-token></prop><status>${ok}</status></propstat></response>`);
    }
    const etagOf = (p: string, o: { etag: string }) => `<response><href>${p}</href><propstat><prop><getetag>${esc(o.etag)}</getetag></prop><status>${ok}</status></propstat></response>`;
    if (r.method === "REPORT" && r.body.includes("sync-collection")) {
      const from = Number(/sync\/(\d+)<\/d:sync-token>/.exec(r.body)?.[1] ?? "0");
      const changed = new Set(this.log.filter((e) => e.version > from).map((e) => e.path));
      const parts = [...changed].map((p) => {
        const o = this.objects.get(p);
        return o ? etagOf(p, o) : `<response><href>${p}</href><status>HTTP/1.1 404 Not Found</status></response>`;
      });
      return this.reply(`<sync-token>${tag}</sync-token>${parts.join("")}`);
    }
    if (r.method === "REPORT" && r.body.includes("calendar-query")) return this.reply([...this.objects].map(([p, o]) => etagOf(p, o)).join(""));
    if (r.method === "REPORT" && r.body.includes("calendar-multiget")) {
      const hrefs = [...r.body.matchAll(/<d:href>([^<]*)<\/d:href>/g)].map((m) => m[1]!);
      return this.reply(hrefs.map((h) => {
        const o = this.objects.get(h);
        return o
          ? `<response><href>${h}</href><propstat><prop><getetag>${esc(o.etag)}</getetag><C:calendar-data>${esc(o.data)}</C:calendar-data></prop><status>${ok}</status></propstat></response>`
          : `<response><href>${h}</href><status>HTTP/1.1 404 Not Found</status></response>`;
      }).join(""));
    }
    return { status: 400, headers: [], body: "" };
  }

  private reply(inner: string): Reply {
    return { status: 207, headers: [["Content-Type", "text/xml; charset=utf-8"]], body: ms(inner) };
  }
}

/** The driver's clock: Unix ms, and whether SNTP has answered. */
interface Clock {
  ms: number;
  valid: boolean;
}

interface Trace {
  /** Unix ms of each Http step, and of those that begin a poll */
  httpAt: number[];
  pollAt: number[];
  renders: number;
  saved: number;
}

const newTrace = (): Trace => ({ httpAt: [], pollAt: [], renders: 0, saved: 0 });

/** Performs the device's request against the server, feeding the body in `chunk`-byte pieces through one reused buffer. */
function perform(d: Device, server: FakeCalDav, chunk: number): void {
  const headers: { name: string; value: string }[] = [];
  for (let i = 0; i < core.requestHeaderCount(d); i++) headers.push({ name: core.requestHeaderName(d, i), value: core.requestHeaderValue(d, i) });
  const reply = server.handle({ method: core.requestMethod(d), url: core.requestUrl(d), headers, body: core.requestBody(d) });
  if (reply === null) {
    core.httpFailed(d, server.drop!.kind, server.drop!.summary);
    return;
  }
  core.httpHead(d, reply.status);
  for (let i = 0; i < core.responseHeaderCount(); i++) {
    const want = core.responseHeaderName(i).toLowerCase();
    const h = reply.headers.find(([n]) => n.toLowerCase() === want);
    if (h) core.httpHeader(d, h[0], h[1]);
  }
  const body = new TextEncoder().encode(reply.body);
  const buf = new Uint8Array(chunk);
  for (let at = 0; at < body.length; at += chunk) {
    const piece = body.subarray(at, Math.min(at + chunk, body.length));
    buf.set(piece);
    core.httpBody(d, buf.subarray(0, piece.length));
    buf.fill(0x3c); // the core must not keep references into the driver's buffer
  }
  core.httpEnd(d);
}

/** Runs steps until the device sleeps; returns the wake time. */
function untilSleep(d: Device, server: FakeCalDav, clock: Clock, trace: Trace, chunk = 1000, draw = false): number {
  for (let guard = 0; guard < 1000; guard++) {
    const step = core.next(d, clock.ms, clock.valid);
    if (core.shouldSaveCache(d)) trace.saved++;
    if (step === Step.Sleep) return core.wakeAt(d);
    if (step === Step.Http) {
      trace.httpAt.push(clock.ms);
      if (d.sync.requests === 1) trace.pollAt.push(clock.ms);
      perform(d, server, chunk);
    } else if (step === Step.Render) {
      trace.renders++;
      if (draw) frame(d);
    } else assert.unreachable(`step ${step}`);
  }
  throw new Error("the device never slept");
}

/** Lets time pass up to `until`, waking the device whenever it asks. */
function runUntil(d: Device, server: FakeCalDav, clock: Clock, until: number, trace: Trace = newTrace()): Trace {
  for (;;) {
    const wake = untilSleep(d, server, clock, trace);
    assert.ok(wake > clock.ms, `wake ${wake} not after now ${clock.ms}`);
    if (wake > until) {
      clock.ms = until;
      return trace;
    }
    clock.ms = wake;
  }
}

function frame(d: Device): Uint16Array {
  const w = d.model.width;
  const h = d.model.height;
  const px = new Uint16Array(w * h);
  for (let y = 0; y < h; y += 20) {
    const y1 = Math.min(h, y + 20);
    const band = new Uint16Array(w * (y1 - y));
    core.render(d, y, y1, band);
    px.set(band, y * w);
  }
  return px;
}

const ALL = ["water.ics", "report.ics", "rent.ics", "books.ics", "done.ics"];
const summaries = (d: Device): string[] => d.model.tasks.map((t) => t.summary);
const kinds = (d: Device): string[] => d.model.tasks.map((t) => t.kind);
const device = (cache: Uint8Array = new Uint8Array(0), seed = 7, url = COLLECTION, user = "alice"): Device => core.create(url, user, "pw", TZ, 320, 170, seed, cache);
const statePath = "PROPFIND /dav/alice/tasks/ 0";

/** A device after its first good poll at T0. */
function polled(server = new FakeCalDav(ALL), seed = 7): { d: Device; server: FakeCalDav; clock: Clock } {
  const d = device(new Uint8Array(0), seed);
  const clock: Clock = { ms: T0, valid: true };
  untilSleep(d, server, clock, newTrace());
  assert.is(core.connection(d), "ok");
  return { d, server, clock };
}

test("first poll: discovery on the collection URL, then the tasks on the screen model", () => {
  const server = new FakeCalDav(ALL);
  const d = device();
  assert.is(core.connection(d), "connecting");
  const clock: Clock = { ms: T0, valid: true };
  const trace = newTrace();
  assert.is(core.next(d, clock.ms, true), Step.Render, "the Connecting screen is drawn before the first request");
  const wake = untilSleep(d, server, clock, trace, 1000, true);
  assert.equal(server.seen, [statePath, statePath, "REPORT /dav/alice/tasks/ 1 calendar-query", "REPORT /dav/alice/tasks/ 1 calendar-multiget"]);
  assert.is(core.connection(d), "ok");
  assert.is(core.message(d), "");
  assert.is(core.lastPoll(d), T0 / 1000);
  assert.is(trace.saved, 1, "a good poll asks for the cache to be saved once");
  assert.is(wake, T0 + MIN, "the clock is redrawn on the next minute");
  assert.is(d.nextPollMs, T0 + POLL_INTERVAL * 1000);
  assert.equal(JSON.parse(core.tasksJson(d)), {
    tasks: [
      { uid: "7283519840394857731", summary: "Water the plants", due: "2026-11-26T17:00:00Z", allDay: false, priority: 1, kind: "overdue" },
      { uid: "0d8e7b1c-3a55-4f2e-9c47-1b2a3c4d5e6f", summary: "Send the team report", due: "2026-11-27T09:30:00Z", allDay: false, priority: 0, kind: "today" },
      { uid: "a3b0ce51-6b1e-4b2d-b8b7-5f1c0f63e9d3", summary: "Pay rent", due: "2026-12-01", allDay: true, priority: 5, kind: "upcoming" },
      { uid: "c1d2e3f4a5b6", summary: "Return library books", due: null, allDay: false, priority: 0, kind: "undated" },
    ],
    counts: { overdue: 1, today: 1, upcoming: 1, later: 0, undated: 1 },
  });
  assert.is(d.model.utcOffset, 3600);
  const px = frame(d);
  assert.ok(new Set(px).size > 4, "the frame shows something");
});

test("the result does not depend on how the body is split", () => {
  const ref = core.tasksJson(polled().d);
  for (const size of [1, 7, 64, 4096]) {
    const d = device();
    untilSleep(d, new FakeCalDav(ALL), { ms: T0, valid: true }, newTrace(), size);
    assert.is(core.tasksJson(d), ref, `chunk ${size}`);
  }
});

test("idle polls cost one PROPFIND each; changes come through sync-collection and multiget", () => {
  const { d, server, clock } = polled();
  server.seen = [];
  const trace = runUntil(d, server, clock, T0 + 3 * POLL_INTERVAL * 1000);
  assert.equal(server.seen, [statePath, statePath, statePath]);
  assert.equal(trace.httpAt, [1, 2, 3].map((i) => T0 + i * POLL_INTERVAL * 1000));
  assert.is(trace.saved, 3);
  server.seen = [];
  server.remove("water.ics");
  server.put("milk.ics", fixture("books.ics").replace("c1d2e3f4a5b6", "milk-1").replace("Return library books", "Buy oat milk").replace("END:VTODO", "PRIORITY:2\nEND:VTODO"));
  runUntil(d, server, clock, T0 + 4 * POLL_INTERVAL * 1000);
  assert.equal(server.seen, [statePath, "REPORT /dav/alice/tasks/ 0 sync-collection", "REPORT /dav/alice/tasks/ 1 calendar-multiget"]);
  assert.equal(summaries(d), ["Send the team report", "Pay rent", "Buy oat milk", "Return library books"]);
  assert.equal(d.model.counts, { overdue: 0, today: 1, upcoming: 1, later: 0, undated: 2 });
});

test("kinds follow the clock between polls: 'today' turns 'overdue' at its due minute", () => {
  const { d, server, clock } = polled();
  server.drop = { kind: 3, summary: "connection refused" };
  runUntil(d, server, clock, Date.parse("2026-11-27T09:29:30Z"));
  assert.equal(kinds(d), ["overdue", "today", "upcoming", "undated"]);
  const trace = runUntil(d, server, clock, Date.parse("2026-11-27T09:31:00Z"));
  assert.equal(kinds(d), ["overdue", "overdue", "upcoming", "undated"]);
  assert.ok(trace.renders >= 1);
  assert.is(core.connection(d), "offline");
});

test("401: sign-in state, tasks kept, at most one retry an hour; Refresh retries at once", () => {
  const { d, server, clock } = polled();
  const before = summaries(d);
  server.status = 401;
  const trace = runUntil(d, server, clock, T0 + 3 * 3600_000);
  assert.is(core.connection(d), "auth");
  assert.is(core.message(d), "");
  assert.equal(summaries(d), before);
  assert.is(core.lastPoll(d), T0 / 1000);
  assert.is(trace.saved, 0);
  assert.ok(trace.httpAt.length >= 2 && trace.httpAt.length <= 4, `requests in 3 hours: ${trace.httpAt.length}`);
  for (let i = 1; i < trace.pollAt.length; i++) assert.ok(trace.pollAt[i]! - trace.pollAt[i - 1]! >= 0.9 * AUTH_RETRY * 1000);
  server.status = 403;
  core.button(d, Button.Refresh);
  untilSleep(d, server, clock, newTrace());
  assert.is(core.connection(d), "auth");
  assert.is(core.message(d), "access denied (HTTP 403)");
  server.status = 0;
  core.button(d, Button.Refresh);
  const back = newTrace();
  untilSleep(d, server, clock, back);
  assert.is(back.httpAt.length > 0, true);
  assert.is(core.connection(d), "ok");
  assert.is(core.lastPoll(d), clock.ms / 1000);
  assert.is(d.failures, 0);
});

/** Delays between failed polls while every request fails. */
function failureDelays(seed: number, n: number): number[] {
  const { d, server, clock } = polled(new FakeCalDav(ALL), seed);
  server.status = 500;
  const trace = runUntil(d, server, clock, T0 + 12 * 3600_000);
  assert.is(core.connection(d), "offline");
  assert.is(core.message(d), "server error (HTTP 500)");
  assert.is(d.model.tasks.length, 4, "the last good tasks stay on screen");
  const at = trace.pollAt;
  return at.slice(1, n + 1).map((t, i) => (t - at[i]!) / 1000);
}

test("500: offline with the reason; backoff doubles with jitter up to its cap; jitter follows the seed", () => {
  const delays = failureDelays(7, 10);
  for (let i = 0; i < delays.length; i++) {
    const cap = Math.min(BACKOFF_BASE * 2 ** i, BACKOFF_MAX);
    // delays are whole milliseconds: allow a second either side for the rounding
    assert.ok(delays[i]! >= cap / 2 - 1 && delays[i]! <= cap + 1, `delay ${i}: ${delays[i]} not in [${cap / 2}, ${cap}]`);
  }
  assert.ok(delays[delays.length - 1]! > BACKOFF_MAX / 2 - 1, "the cap is reached");
  assert.equal(failureDelays(7, 10), delays, "same seed, same schedule");
  assert.not.equal(failureDelays(8, 10), delays, "another seed spreads devices out");
});

test("Retry-After: delta-seconds and the three HTTP-date formats; anything else is ignored", () => {
  const now = Date.parse("2026-11-27T09:00:00Z") / 1000;
  assert.is(retryAfterSeconds("120", now), 120);
  assert.is(retryAfterSeconds(" 0 ", now), 0);
  assert.is(retryAfterSeconds("Fri, 27 Nov 2026 09:02:00 GMT", now), 120);
  assert.is(retryAfterSeconds("Friday, 27-Nov-26 10:00:00 GMT", now), 3600);
  assert.is(retryAfterSeconds("Fri Nov 27 09:00:30 2026", now), 30);
  assert.is(retryAfterSeconds("Sun, 06 Nov 1994 08:49:37 GMT", now), 0, "a date already past: retry now");
  for (const v of ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"]) assert.is(httpDateSeconds(v), Date.parse("1994-11-06T08:49:37Z") / 1000, v);
  for (const v of ["", "soon", "-5", "1.5", "Fri, 27 Nov 2026 25:00:00 GMT", "Fri, 27 Foo 2026 09:00:00 GMT", "Fri, 27 Nov 2026 09:00:00 CET", "Fri, 27 Nov 2026 09:00:00 GMT; x"]) assert.is(retryAfterSeconds(v, now), -1, v);
});

/** The first retry after a 503 (or the status set) answered with `retryAfter`, in seconds after the failed poll. */
function firstRetry(retryAfter: string, seed = 7, status = 503): { delay: number; d: Device } {
  const { d, server, clock } = polled(new FakeCalDav(ALL), seed);
  server.status = status;
  server.retryAfter = retryAfter;
  clock.ms = T0 + POLL_INTERVAL * 1000;
  const trace = newTrace();
  untilSleep(d, server, clock, trace);
  assert.is(trace.pollAt.length, 1);
  assert.is(core.connection(d), "offline");
  assert.is(d.model.tasks.length, 4, "the last good tasks stay on screen");
  return { delay: (core.nextPollAt(d) - clock.ms) / 1000, d };
}

test("503/429 with Retry-After: at least that long plus up to 10 % jitter, capped at 6 h, never sooner than the backoff; the screen says so", () => {
  const a = firstRetry("600");
  assert.ok(a.delay >= 600 && a.delay <= 660, `delay ${a.delay}`);
  assert.is(core.message(a.d), "server error (HTTP 503), retry after 10 min");
  const b = firstRetry("600", 8);
  assert.ok(b.delay >= 600 && b.delay <= 660 && b.delay !== a.delay, `seeded jitter: ${a.delay} vs ${b.delay}`);
  const date = firstRetry("Fri, 27 Nov 2026 11:05:00 GMT"); // 2 h after the failed poll at 09:05
  assert.ok(date.delay >= 7200 && date.delay <= 7920, `delay ${date.delay}`);
  assert.is(core.message(date.d), "server error (HTTP 503), retry after 120 min");
  const huge = firstRetry("604800");
  assert.ok(huge.delay >= RETRY_AFTER_MAX && huge.delay <= RETRY_AFTER_MAX * 1.1, `capped: ${huge.delay}`);
  assert.is(core.message(huge.d), "server error (HTTP 503), retry after 6 h");
  const small = firstRetry("1");
  assert.ok(small.delay >= BACKOFF_BASE / 2 && small.delay <= BACKOFF_BASE, `the own backoff wins: ${small.delay}`);
  assert.is(core.message(small.d), "server error (HTTP 503), retry after 1 s");
  const busy = firstRetry("120", 7, 429);
  assert.ok(busy.delay >= 120 && busy.delay <= 132, `429: ${busy.delay}`);
  assert.is(core.message(busy.d), "too many requests (HTTP 429), retry after 2 min");
  const junk = firstRetry("later");
  assert.ok(junk.delay >= BACKOFF_BASE / 2 && junk.delay <= BACKOFF_BASE, `unreadable value: plain backoff, ${junk.delay}`);
  assert.is(core.message(junk.d), "server error (HTTP 503)");
});

test("the Retry-After wait holds: no request before it, the next good poll recovers", () => {
  const { d, server, clock } = polled();
  server.status = 503;
  server.retryAfter = "3600";
  clock.ms = T0 + POLL_INTERVAL * 1000;
  const failedAt = clock.ms;
  const trace = runUntil(d, server, clock, failedAt + 3600_000 - 1);
  assert.equal(trace.pollAt, [failedAt], "nothing during the hour the server asked for");
  server.status = 0;
  server.retryAfter = "";
  const after = runUntil(d, server, clock, failedAt + 3960_000);
  assert.ok(after.pollAt.length >= 1);
  assert.ok(after.pollAt[0]! >= failedAt + 3600_000 && after.pollAt[0]! <= failedAt + 3960_000, `retried ${(after.pollAt[0]! - failedAt) / 1000} s later`);
  assert.is(core.connection(d), "ok");
  assert.is(core.message(d), "");
});

test("network and TLS failures show their reason; recovery re-lists and resets the schedule", () => {
  const { d, server, clock } = polled();
  server.drop = { kind: 3, summary: "connection refused" };
  runUntil(d, server, clock, T0 + 5 * MIN + 1000);
  assert.is(core.connection(d), "offline");
  assert.is(core.message(d), "connection refused");
  assert.is(d.failures, 1);
  server.drop = { kind: 6, summary: "certificate expired on 2026-11-01" };
  core.button(d, Button.Refresh);
  untilSleep(d, server, clock, newTrace());
  assert.is(core.connection(d), "tls");
  assert.is(core.message(d), "certificate expired on 2026-11-01");
  assert.is(d.failures, 2);
  assert.is(d.model.tasks.length, 4);
  server.drop = null;
  server.seen = [];
  runUntil(d, server, clock, clock.ms + BACKOFF_MAX * 1000);
  assert.is(core.connection(d), "ok");
  assert.is(d.failures, 0);
  assert.is(server.seen[0], statePath);
  const wait = d.nextPollMs - core.lastPoll(d) * 1000;
  assert.ok(wait >= POLL_INTERVAL * 1000 && wait < POLL_INTERVAL * 1000 + 1000, `next poll in ${wait} ms`);
});

test("a 500 on the collection makes the next good poll re-list it: objects deleted meanwhile disappear", () => {
  const { d, server, clock } = polled();
  server.status = 500;
  runUntil(d, server, clock, T0 + 6 * MIN);
  assert.equal(d.sync.collections, [], "the sync machine forgets a collection that failed");
  server.status = 0;
  server.remove("water.ics");
  server.seen = [];
  runUntil(d, server, clock, T0 + 60 * MIN);
  assert.is(server.seen[0], statePath);
  assert.ok(server.seen.includes("REPORT /dav/alice/tasks/ 1 calendar-query"));
  assert.equal(summaries(d), ["Send the team report", "Pay rent", "Return library books"]);
});

test("members deleted while a rediscovery poll failed half-way still disappear", () => {
  const { d, server, clock } = polled();
  server.status = 500;
  runUntil(d, server, clock, T0 + 6 * MIN);
  server.status = 0;
  server.dropMatching = "calendar-multiget";
  core.button(d, Button.Refresh);
  untilSleep(d, server, clock, newTrace());
  assert.is(core.message(d), "connection reset by peer");
  assert.is(d.sync.collections.length, 1, "discovery went through");
  server.dropMatching = "";
  server.drop = null;
  server.remove("water.ics");
  core.button(d, Button.Refresh);
  untilSleep(d, server, clock, newTrace());
  assert.is(core.connection(d), "ok");
  assert.equal(summaries(d), ["Send the team report", "Pay rent", "Return library books"]);
});

test("cache round-trip: tasks on screen before any network; the first poll after boot is the cheap one", () => {
  const { d } = polled();
  const bytes = core.cache(d, 24 * 1024);
  assert.ok(bytes.length > 100 && bytes.length < 2000, `cache ${bytes.length} bytes`);
  const server = new FakeCalDav(ALL);
  const b = device(bytes);
  const clock: Clock = { ms: T0 + 2 * MIN, valid: true };
  assert.is(core.next(b, clock.ms, true), Step.Render);
  assert.is(core.tasksJson(b), core.tasksJson(d));
  assert.is(core.lastPoll(b), T0 / 1000);
  assert.is(core.connection(b), "connecting");
  untilSleep(b, server, clock, newTrace());
  assert.equal(server.seen, [statePath]);
  assert.is(core.connection(b), "ok");
  assert.is(core.tasksJson(b), core.tasksJson(d));
  // a change made while the device was off arrives through the restored sync token
  server.put("rent.ics", fixture("rent.ics").replace("Pay rent", "Pay the rent"));
  server.seen = [];
  const again = device(core.cache(b, 24 * 1024));
  untilSleep(again, server, clock, newTrace());
  assert.equal(server.seen, [statePath, "REPORT /dav/alice/tasks/ 0 sync-collection", "REPORT /dav/alice/tasks/ 1 calendar-multiget"]);
  assert.equal(summaries(again), ["Water the plants", "Send the team report", "Pay the rent", "Return library books"]);
});

test("cache at boot before the clock is set: tasks as of the last poll, no clock shown", () => {
  const { d } = polled();
  const b = device(core.cache(d, 24 * 1024));
  assert.is(core.next(b, 12_000, false), Step.Render);
  assert.is(b.model.now, 0);
  assert.is(core.tasksJson(b), core.tasksJson(d));
  assert.ok(new Set(frame(b)).size > 4);
});

test("a cache for other settings, truncated or corrupted is ignored", () => {
  const { d } = polled();
  const bytes = core.cache(d, 24 * 1024);
  assert.is(device(bytes, 7, "https://other.example/dav/alice/tasks/").model.tasks.length, 0);
  assert.is(device(bytes, 7, COLLECTION, "bob").model.tasks.length, 0);
  assert.is(core.create(COLLECTION, "alice", "pw", "America/New_York", 320, 170, 7, bytes).model.tasks.length, 0);
  for (let n = 0; n < bytes.length; n++) {
    const b = device(bytes.slice(0, n));
    assert.is(b.model.tasks.length, 0, `prefix ${n}`);
    assert.is(b.sync.collections.length, 0, `prefix ${n}`);
  }
  const bad = bytes.slice();
  bad[3] = 9;
  assert.is(device(bad).model.tasks.length, 0);
  const longer = new Uint8Array(bytes.length + 1);
  longer.set(bytes);
  assert.is(device(longer).model.tasks.length, 0);
});

test("a cache limit below the full state drops the sync markers first, then everything", () => {
  const { d } = polled();
  const full = core.cache(d, 24 * 1024);
  const small = core.cache(d, full.length - 1);
  assert.ok(small.length > 0 && small.length < full.length);
  assert.is(core.cache(d, 20).length, 0);
  const b = device(small);
  assert.equal(summaries(b), summaries(d));
  assert.is(b.sync.collections.length, 0);
  const server = new FakeCalDav(ALL);
  server.remove("water.ics");
  untilSleep(b, server, { ms: T0 + MIN, valid: true }, newTrace());
  assert.ok(server.seen.includes("REPORT /dav/alice/tasks/ 1 calendar-query"), "no markers: a full listing");
  assert.equal(summaries(b), ["Send the team report", "Pay rent", "Return library books"]);
});

test("carry: a deep copy that goes on polling as the original would", () => {
  const { d, server, clock } = polled();
  const c = core.carry(d);
  assert.is(core.tasksJson(c), core.tasksJson(d));
  assert.is(core.lastPoll(c), core.lastPoll(d));
  assert.is(c.nextPollMs, d.nextPollMs);
  assert.equal(c.sync.collections, d.sync.collections);
  assert.not.ok(c.sync.collections[0] === d.sync.collections[0]);
  assert.equal(core.cache(c, 1e6), core.cache(d, 1e6));
  server.seen = [];
  runUntil(c, server, clock, T0 + POLL_INTERVAL * 1000 + MIN);
  assert.equal(server.seen, [statePath]);
  server.drop = { kind: 4, summary: "timed out" };
  runUntil(c, server, clock, clock.ms + POLL_INTERVAL * 1000);
  assert.ok(c.failures >= 1);
  const e = core.carry(c);
  assert.is(e.failures, c.failures);
  assert.is(e.nextPollMs, c.nextPollMs);
  assert.is(core.connection(e), "offline");
  assert.is(core.message(e), "timed out");
});

test("no server set: the setup screen, and never a request", () => {
  const d = core.create("", "", "", TZ, 170, 320, 1, new Uint8Array(0));
  const server = new FakeCalDav(ALL);
  const trace = runUntil(d, server, { ms: T0, valid: true }, T0 + 3 * 3600_000);
  assert.is(core.connection(d), "setup");
  assert.equal(trace.httpAt, []);
  const z = core.create(COLLECTION, "alice", "pw", "Mars/Olympus", 320, 170, 1, new Uint8Array(0));
  assert.is(core.connection(z), "setup");
  assert.is(core.message(z), "Unknown time zone Mars/Olympus");
  assert.equal(runUntil(z, server, { ms: T0, valid: true }, T0 + 3600_000).httpAt, []);
});

test("a wrong collection URL before any good poll is a setup problem, with the sync's reason", () => {
  const d = core.create("https://cal.example/nothing/", "alice", "pw", TZ, 320, 170, 1, new Uint8Array(0));
  const server = new FakeCalDav(ALL);
  untilSleep(d, server, { ms: T0, valid: true }, newTrace());
  assert.is(core.connection(d), "setup");
  assert.ok(core.message(d).includes("cal.example"), core.message(d));
});

test("NextPage turns pages modulo the page count and asks for a redraw", () => {
  const names: string[] = [];
  const server = new FakeCalDav([]);
  for (let i = 0; i < 30; i++) {
    names.push(`t${i}.ics`);
    server.put(`t${i}.ics`, fixture("books.ics").replace("c1d2e3f4a5b6", `u${i}`).replace("Return library books", `Task number ${i}`));
  }
  const { d, clock } = polled(server);
  assert.is(d.model.tasks.length, 30);
  const pages = (() => {
    let n = 0;
    do {
      core.button(d, Button.NextPage);
      n++;
      assert.is(core.next(d, clock.ms, true), Step.Render);
    } while (d.model.page !== 0 && n < 50);
    return n;
  })();
  assert.ok(pages > 1 && pages < 50, `pages ${pages}`);
});

/** FNV-1a over a frame's pixels, as replay.c computes it. */
function frameHash(d: Device): string {
  let h = 2166136261;
  for (const px of frame(d)) h = Math.imul(h ^ px, 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * Drives the Node core like untilSleep/runUntil while writing the script replay.c reads (see its
 * header) and the observation lines it must print.
 */
class Recorder {
  script: Buffer[] = [];
  out: string[] = [];

  cmd(line: string): void {
    this.script.push(Buffer.from(line + "\n"));
  }

  blob(b: Uint8Array | string): void {
    const buf = Buffer.from(b);
    this.script.push(Buffer.from(`${buf.length}\n`), buf, Buffer.from("\n"));
  }

  create(url: string, user: string, password: string, width: number, height: number, seed: number, cache: Uint8Array): Device {
    this.cmd(`I ${width} ${height} ${seed}`);
    for (const s of [url, user, password, TZ]) this.blob(s);
    this.blob(cache);
    return core.create(url, user, password, TZ, width, height, seed, cache);
  }

  next(d: Device, server: FakeCalDav, clock: Clock, chunk: number): number {
    this.cmd(`N ${clock.ms} ${clock.valid ? 1 : 0}`);
    const step = core.next(d, clock.ms, clock.valid);
    let line = `step ${step}`;
    if (step === Step.Http) {
      const names: string[] = [];
      for (let i = 0; i < core.requestHeaderCount(d); i++) names.push(core.requestHeaderName(d, i));
      line += ` ${core.requestMethod(d)} ${core.requestUrl(d)} ${names.join(" ")} ${Buffer.byteLength(core.requestBody(d))}`;
    } else if (step === Step.Render) line += ` ${frameHash(d)}`;
    else line += ` ${core.wakeAt(d)}`;
    this.out.push(line + (core.shouldSaveCache(d) ? " save" : ""));
    if (step === Step.Http) this.perform(d, server, chunk);
    return step;
  }

  perform(d: Device, server: FakeCalDav, chunk: number): void {
    const headers: { name: string; value: string }[] = [];
    for (let i = 0; i < core.requestHeaderCount(d); i++) headers.push({ name: core.requestHeaderName(d, i), value: core.requestHeaderValue(d, i) });
    const reply = server.handle({ method: core.requestMethod(d), url: core.requestUrl(d), headers, body: core.requestBody(d) });
    if (reply === null) {
      this.cmd(`F ${server.drop!.kind}`);
      this.blob(server.drop!.summary);
      core.httpFailed(d, server.drop!.kind, server.drop!.summary);
      return;
    }
    const found: [string, string][] = [];
    for (let i = 0; i < core.responseHeaderCount(); i++) {
      const h = reply.headers.find(([n]) => n.toLowerCase() === core.responseHeaderName(i).toLowerCase());
      if (h) found.push(h);
    }
    this.cmd(`R ${reply.status} ${found.length}`);
    core.httpHead(d, reply.status);
    for (const [n, v] of found) {
      this.blob(n);
      this.blob(v);
      core.httpHeader(d, n, v);
    }
    let body = Buffer.from(reply.body);
    const cut = server.cutMatching !== "" && server.seen[server.seen.length - 1]!.includes(server.cutMatching);
    if (cut) {
      server.cutMatching = "";
      body = body.subarray(0, body.indexOf(server.cutAfter) + 40);
    }
    for (let at = 0; at < body.length; at += chunk) {
      const piece = new Uint8Array(body.subarray(at, Math.min(at + chunk, body.length)));
      this.cmd("B");
      this.blob(piece);
      core.httpBody(d, piece);
    }
    if (cut) {
      this.cmd("F 8");
      this.blob("connection reset by peer");
      core.httpFailed(d, 8, "connection reset by peer");
      return;
    }
    this.cmd("E");
    core.httpEnd(d);
  }

  /** Runs until `until`; after each Sleep between polls the core is carried into a fresh arena. */
  runUntil(d: Device, server: FakeCalDav, clock: Clock, until: number, chunk: number): Device {
    for (let guard = 0; guard < 100000; guard++) {
      const step = this.next(d, server, clock, chunk);
      if (step !== Step.Sleep) continue;
      this.cmd("C");
      d = core.carry(d);
      const wake = core.wakeAt(d);
      if (wake > until) {
        clock.ms = until;
        return d;
      }
      clock.ms = wake;
    }
    throw new Error("runaway");
  }

  observe(d: Device): void {
    this.cmd("J");
    this.out.push(`state ${core.connection(d)} ${core.lastPoll(d)} ${core.message(d)}`, `json ${core.tasksJson(d)}`);
  }

  cache(d: Device, limit: number): Uint8Array {
    this.cmd(`S ${limit}`);
    const c = core.cache(d, limit);
    this.out.push(`cache ${Buffer.from(c).toString("hex")}`);
    return c;
  }
}

/** A day in the life of a device: every state, failure and button, recorded for replay.c. */
function dayInTheLife(): Recorder {
  const rec = new Recorder();
  const server = new FakeCalDav(ALL);
  const clock: Clock = { ms: 5_000, valid: false };
  let d = rec.create(COLLECTION, "alice", "pw", 320, 170, 12345, new Uint8Array(0));
  rec.next(d, server, clock, 7);
  clock.ms = T0;
  clock.valid = true;
  d = rec.runUntil(d, server, clock, T0 + 16 * MIN, 7);
  rec.observe(d);
  server.remove("water.ics");
  server.put("milk.ics", fixture("books.ics").replace("c1d2e3f4a5b6", "milk-1").replace("Return library books", "Buy oat milk"));
  d = rec.runUntil(d, server, clock, T0 + 40 * MIN, 100);
  rec.observe(d);
  server.status = 401;
  d = rec.runUntil(d, server, clock, T0 + 3 * 3600_000, 4096);
  rec.observe(d);
  server.status = 503;
  server.retryAfter = "Fri, 27 Nov 2026 13:30:00 GMT";
  d = rec.runUntil(d, server, clock, T0 + 4 * 3600_000, 4096);
  rec.observe(d);
  assert.match(core.message(d), /^server error \(HTTP 503\), retry after \d+ (min|s)$/, core.message(d));
  server.status = 429;
  server.retryAfter = "900";
  d = rec.runUntil(d, server, clock, T0 + 5 * 3600_000, 4096);
  rec.observe(d);
  assert.is(core.message(d), "too many requests (HTTP 429), retry after 15 min");
  server.retryAfter = "";
  server.status = 500;
  rec.cmd(`P ${Button.Refresh}`);
  core.button(d, Button.Refresh);
  d = rec.runUntil(d, server, clock, T0 + 6 * 3600_000, 4096);
  rec.observe(d);
  server.status = 0;
  server.drop = { kind: 6, summary: "certificate expired on 2026-11-01" };
  d = rec.runUntil(d, server, clock, T0 + 7 * 3600_000, 4096);
  rec.observe(d);
  server.drop = null;
  d = rec.runUntil(d, server, clock, T0 + 8 * 3600_000, 13);
  rec.observe(d);
  rec.cmd(`P ${Button.NextPage}`);
  core.button(d, Button.NextPage);
  rec.next(d, server, clock, 13);
  const bytes = rec.cache(d, 24 * 1024);
  rec.cache(d, bytes.length - 1);
  let b = rec.create(COLLECTION, "alice", "pw", 170, 320, 99, bytes);
  rec.next(b, server, clock, 13);
  rec.observe(b);
  b = rec.runUntil(b, server, clock, clock.ms + 10 * MIN, 13);
  rec.observe(b);
  return rec;
}

/** 200 tasks fetched in 2 KB chunks (the ESP-IDF driver's size), drawn, idle-polled and cached: arena use at scale. */
function largeCollection(): Recorder {
  const rec = new Recorder();
  const server = new FakeCalDav([]);
  for (let i = 0; i < 200; i++) {
    const due = `202611${String(20 + (i % 10)).padStart(2, "0")}T${String(8 + (i % 12)).padStart(2, "0")}0000Z`;
    server.put(`${i}-${"x".repeat(i % 40)}.ics`, fixture("water.ics").replace("7283519840394857731", `uid-${i}`).replace("Water the plants", `Task ${i}: ${"é".repeat(i % 30)}`).replace("20261126T170000Z", due));
  }
  const clock: Clock = { ms: T0, valid: true };
  let d = rec.create(COLLECTION, "alice", "pw", 320, 240, 5, new Uint8Array(0));
  d = rec.runUntil(d, server, clock, T0 + 6 * MIN, 2048);
  rec.observe(d);
  // a changed object's answer breaks off inside its calendar data: the tasks stay as they were, and
  // the next poll fetches the same href again and reads it whole
  server.put("7-xxxxxxx.ics", server.objects.get("/dav/alice/tasks/7-xxxxxxx.ics")!.data.replace("Task 7:", "Task seven:").replace("20261127T150000Z", "20261101T080000Z"));
  server.cutMatching = "calendar-multiget";
  server.cutAfter = "BEGIN:VTODO";
  d = rec.runUntil(d, server, clock, T0 + 10 * MIN + 5000, 100);
  rec.observe(d);
  assert.is(core.connection(d), "offline");
  d = rec.runUntil(d, server, clock, T0 + 20 * MIN, 100);
  rec.observe(d);
  assert.ok(core.tasksJson(d).includes("Task seven:"), "the object cut off is fetched whole by a later poll");
  rec.cache(d, 64 * 1024);
  return rec;
}

test("compiled to C (gcc ASan/UBSan), the core prints what it prints under Node, carried between two arenas", async () => {
  if (!hasTool("gcc")) {
    console.log("  gcc not found: skipped");
    return;
  }
  const work = tempDir("device-core");
  try {
    const cDir = join(work, "c");
    const gen = await run(process.execPath, ["--import", "tsx", join(REPO, "codegen/cli.ts"), "ts-src/device/core.ts", "--out", cDir, "--lib"], { timeoutMs: 900_000 });
    assert.is(gen.code, 0, gen.stderr);
    const exe = join(work, "replay");
    // one compiler run with a generous timeout: the shared object cache allows a minute per file
    const sources = [...cFiles(cDir), join(REPO, "test/fixtures/device/replay.c")];
    const sanitize = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-g", "-O1"];
    const build = await run("gcc", [...STRICT_C_FLAGS, ...sanitize, `-I${cDir}`, ...sources, "-o", exe, "-lm"], { timeoutMs: 900_000 });
    assert.is(build.code, 0, build.stderr);
    for (const [name, rec] of [["a day in the life", dayInTheLife()], ["200 tasks", largeCollection()]] as const) await replay(work, exe, name, rec);
  } finally {
    removeDir(work);
  }
});

/** Runs one recorded script through replay.c and demands Node's lines. */
async function replay(work: string, exe: string, name: string, rec: Recorder): Promise<void> {
  const script = join(work, "script");
  writeFileSync(script, Buffer.concat(rec.script));
  const env = { ...process.env, ASAN_OPTIONS: "abort_on_error=0:exitcode=98:detect_leaks=1", UBSAN_OPTIONS: "print_stacktrace=1:halt_on_error=1:exitcode=97" };
  const r = await run(exe, [script], { env, timeoutMs: 600_000 });
  assert.is(r.code, 0, r.stderr);
  const got = r.stdout.trimEnd().split("\n");
  if (r.stdout !== rec.out.join("\n") + "\n") {
    // keep the evidence: the script, Node's lines and C's lines
    const keep = join(REPO, "build", "device-core-diff");
    mkdirSync(keep, { recursive: true });
    writeFileSync(join(keep, "script"), Buffer.concat(rec.script));
    writeFileSync(join(keep, "node.txt"), rec.out.join("\n") + "\n");
    writeFileSync(join(keep, "c.txt"), r.stdout);
  }
  for (let i = 0; i < rec.out.length; i++) assert.is(got[i], rec.out[i], `line ${i + 1} (see build/device-core-diff/)`);
  assert.is(got.length, rec.out.length);
  const peaks = /arena peaks: (\d+) (\d+)/.exec(r.stderr);
  assert.ok(peaks, r.stderr);
  console.log(`  ${name}: ${rec.out.length} lines equal; arena peaks ${peaks![1]} and ${peaks![2]} bytes`);
}

test.run();
