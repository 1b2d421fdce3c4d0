// Every documented limit (docs/LIMITS.md) hit on purpose: the device core, driven as a driver
// runs it under Node, first completes a good poll; then the server's answer crosses one limit,
// and the poll must fail with that limit's specific message while the screen keeps the last good
// tasks. Limits inside one calendar object (iCalendar) drop or cut that object only; the HTTP
// framing limits are checked on the host's parser through nudge-http-replay.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "../ts-src/device/core";
import { Button, Device, Step } from "../ts-src/device/core";
import { MAX_VALUE_BYTES } from "../ts-src/caldav/multistatus";
import { MAX_COLLECTIONS, MAX_OBJECTS, MAX_REDIRECTS, MAX_URL_BYTES } from "../ts-src/caldav/sync";
import { DEFAULT_LINE_LIMIT, ICalError, ICalReader, MAX_TODOS, MAX_USED_LINES } from "../ts-src/ical/reader";
import { DEFAULT_TOP_K } from "../ts-src/tasks/classify";
import { defaultXmlLimits } from "../ts-src/xml/tokenizer";
import { buildHost } from "../scripts/host-build";
import { tempDir, stopAll } from "./harness/servers";

const COLLECTION = "https://cal.example/dav/alice/tasks/";
const PATH = "/dav/alice/tasks/";
const T0 = Date.parse("2026-11-27T09:00:00Z");
const XML = defaultXmlLimits();
const ok = "HTTP/1.1 200 OK";
const ms = (inner: string, decl = ""): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/"${decl}>${inner}</multistatus>`;
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");

interface Reply {
  status: number;
  headers: [string, string][];
  body: string;
}

/** A VTODO resource as Radicale stores it. */
function vtodo(uid: string, summary: string, due: string, extra = ""): string {
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:${uid}\r\nSUMMARY:${summary}\r\nDUE:${due}\r\n${extra}END:VTODO\r\nEND:VCALENDAR\r\n`;
}

/** One task calendar answering as Radicale 3 does; `next` replaces every answer while set. */
class Server {
  objects = new Map<string, { etag: string; data: string }>();
  version = 1;
  next: ((method: string, url: string, body: string) => Reply) | null = null;
  /** answer calendar-multiget with 501, so objects are fetched with GET */
  refuseMultiget = false;
  /** the ETag header of GET answers ("" for the object's own) */
  getEtag = "";
  private etags = 0;

  put(name: string, data: string): void {
    this.objects.set(PATH + name, { etag: `"${++this.etags}"`, data });
    this.version++;
  }

  handle(method: string, url: string, body: string, depth: string): Reply {
    if (this.next !== null) return this.next(method, url, body);
    const tag = `http://radicale.org/ns/sync/${this.version}`;
    const etagOf = (p: string, e: string) => `<response><href>${p}</href><propstat><prop><getetag>${esc(e)}</getetag></prop><status>${ok}</status></propstat></response>`;
    if (method === "PROPFIND" && depth === "0" && body.includes("current-user-principal")) {
      return this.reply(`<response><href>${PATH}</href><propstat><prop><resourcetype><C:calendar /><collection /></resourcetype><C:supported-calendar-component-set><C:comp name="VTODO" /></C:supported-calendar-component-set></prop><status>${ok}</status></propstat></response>`);
    }
    if (method === "PROPFIND" && depth === "0") {
      return this.reply(`<response><href>${PATH}</href><propstat><prop><CS:getctag>"${this.version}"</CS:getctag><sync-token>${tag}</sync-token></prop><status>${ok}</status></propstat></response>`);
    }
    if (method === "REPORT" && (body.includes("sync-collection") || body.includes("calendar-query"))) {
      const listing = [...this.objects].map(([p, o]) => etagOf(p, o.etag)).join("");
      return this.reply(body.includes("sync-collection") ? `<sync-token>${tag}</sync-token>${listing}` : listing);
    }
    if (method === "GET") {
      const o = this.objects.get(new URL(url).pathname)!;
      return { status: 200, headers: [["ETag", this.getEtag !== "" ? this.getEtag : o.etag]], body: o.data };
    }
    if (method === "REPORT" && body.includes("calendar-multiget") && this.refuseMultiget) return { status: 501, headers: [], body: "" };
    if (method === "REPORT" && body.includes("calendar-multiget")) {
      const hrefs = [...body.matchAll(/<d:href>([^<]*)<\/d:href>/g)].map((m) => m[1]!);
      return this.reply(hrefs.map((h) => {
        const o = this.objects.get(h)!;
        return `<response><href>${h}</href><propstat><prop><getetag>${esc(o.etag)}</getetag><C:calendar-data>${esc(o.data)}</C:calendar-data></prop><status>${ok}</status></propstat></response>`;
      }).join(""));
    }
    return { status: 400, headers: [], body: "" };
  }

  reply(inner: string): Reply {
    return { status: 207, headers: [], body: ms(inner) };
  }
}

/** Performs one request of the device against the server, body in 700-byte pieces. */
function perform(d: Device, server: Server): void {
  let depth = "";
  for (let i = 0; i < core.requestHeaderCount(d); i++) if (core.requestHeaderName(d, i) === "Depth") depth = core.requestHeaderValue(d, i);
  const r = server.handle(core.requestMethod(d), core.requestUrl(d), core.requestBody(d), depth);
  core.httpHead(d, r.status);
  for (const [name, value] of r.headers) core.httpHeader(d, name, value);
  const body = new TextEncoder().encode(r.body);
  for (let at = 0; at < body.length; at += 700) core.httpBody(d, body.subarray(at, Math.min(at + 700, body.length)));
  core.httpEnd(d);
}

/** Starts a poll at `now` (the refresh button) and runs the device until it sleeps; returns the wake time. */
function poll(d: Device, server: Server, now: number): number {
  core.button(d, Button.Refresh);
  for (let guard = 0; guard < 5000; guard++) {
    const step = core.next(d, now, true);
    if (step === Step.Sleep) return core.wakeAt(d);
    if (step === Step.Http) perform(d, server);
  }
  throw new Error("the device never slept");
}

/** A device after one good poll of three tasks, the server, and when the next poll is due. */
function afterGoodPoll(): { d: Device; server: Server; at: number; good: string } {
  const server = new Server();
  server.put("a.ics", vtodo("a", "Pay rent", "20261126T090000Z"));
  server.put("b.ics", vtodo("b", "Water plants", "20261127T170000Z"));
  server.put("c.ics", vtodo("c", "Return books", "20261201T120000Z"));
  const d = core.create(COLLECTION, "alice", "pw", "Europe/Berlin", 320, 170, 1, new Uint8Array(0));
  const at = poll(d, server, T0);
  assert.is(core.connection(d), "ok");
  const good = core.tasksJson(d);
  assert.equal((JSON.parse(good) as { tasks: unknown[] }).tasks.length, 3);
  return { d, server, at, good };
}

/** The poll after a good one, with every answer replaced: fails with `message`, keeps the tasks. */
function limitHit(body: string, message: RegExp | string): void {
  const { d, server, at, good } = afterGoodPoll();
  server.next = () => ({ status: 207, headers: [], body });
  poll(d, server, at);
  assert.is(core.connection(d), "offline");
  if (typeof message === "string") assert.is(core.message(d), message);
  else assert.match(core.message(d), message);
  assert.is(core.tasksJson(d), good);
  // the limit is not sticky: the server's normal answer is read again
  server.next = null;
  server.put("d.ics", vtodo("d", "Call mum", "20261128T100000Z"));
  poll(d, server, core.wakeAt(d));
  assert.is(core.connection(d), "ok");
  assert.equal((JSON.parse(core.tasksJson(d)) as { tasks: unknown[] }).tasks.length, 4);
}

const STATE = `PROPFIND ${COLLECTION}: `;

test("XML: elements nested deeper than the depth limit", () => {
  const deep = ms("<x>".repeat(XML.depth) + "</x>".repeat(XML.depth));
  limitHit(deep, `${STATE}elements nested deeper than ${XML.depth} at byte ${deep.indexOf("<x>") + 3 * (XML.depth - 1) + 2}`);
  // one level less is read (and ignored) without complaint
  const { d, server, at, good } = afterGoodPoll();
  server.next = (m, u, b) => {
    server.next = null;
    const r = server.handle(m, u, b, "0");
    server.next = null;
    return { status: 207, headers: [], body: r.body.replace("</multistatus>", "<x>".repeat(XML.depth - 2) + "</x>".repeat(XML.depth - 2) + "</multistatus>") };
  };
  poll(d, server, at);
  assert.is(core.connection(d), "ok");
  assert.is(core.tasksJson(d), good);
});

test("XML: attributes per element, name length, tag size", () => {
  const attrs = Array.from({ length: XML.attributes + 1 }, (_, i) => ` a${i}="v"`).join("");
  limitHit(ms(`<response${attrs}/>`), new RegExp(`^${STATE}more than ${XML.attributes} attributes at byte \\d+$`));
  limitHit(ms(`<${"n".repeat(XML.nameLength + 1)}/>`), new RegExp(`^${STATE}name longer than ${XML.nameLength} bytes at byte \\d+$`));
  limitHit(ms(`<response a="${"v".repeat(XML.tagBuffer)}"/>`), new RegExp(`^${STATE}tag longer than ${XML.tagBuffer} bytes at byte \\d+$`));
});

test("XML: namespace declarations in scope and their bytes", () => {
  // spread over nested elements, since one element takes only so many attributes
  const decl = (i: number): string => ` xmlns:p${i}="urn:x:${i}"`;
  const per = XML.attributes - 4;
  let nested = "";
  let depth = 0;
  for (let i = 0; i < XML.namespaces; i += per, depth++) nested += `<x${Array.from({ length: Math.min(per, XML.namespaces - i) }, (_, k) => decl(i + k)).join("")}>`;
  // with the body's own three declarations, these pass the limit
  limitHit(ms(nested + "</x>".repeat(depth)), new RegExp(`^${STATE}more than ${XML.namespaces} namespace declarations in scope at byte \\d+$`));
  const long = ` xmlns:big="urn:${"x".repeat(XML.namespaceBytes)}"`;
  limitHit(ms("", long), new RegExp(`^${STATE}(namespace declarations exceed ${XML.namespaceBytes} bytes|tag longer than ${XML.tagBuffer} bytes) at byte \\d+$`));
});

test("XML: entity references are short, predefined or numeric; no DTDs", () => {
  limitHit(ms("<response>&verylongname;</response>"), new RegExp(`^${STATE}entity reference too long or missing ';' at byte \\d+$`));
  limitHit('<?xml version="1.0"?><!DOCTYPE m [<!ENTITY e "x">]><multistatus xmlns="DAV:"/>', new RegExp(`^${STATE}<!DOCTYPE and other declarations are not supported`));
});

test("multistatus: an href, ETag or token longer than the value buffer", () => {
  const etag = "x".repeat(MAX_VALUE_BYTES + 1);
  const body = ms(`<response><href>${PATH}</href><propstat><prop><CS:getctag>"${etag}"</CS:getctag></prop><status>${ok}</status></propstat></response>`);
  limitHit(body, `${STATE}value of <getctag> at byte ${body.indexOf("<CS:getctag>") + 12} longer than ${MAX_VALUE_BYTES} bytes`);
});

test("sync: more calendar objects than the device holds", () => {
  const { d, server, at, good } = afterGoodPoll();
  for (let i = 0; i < MAX_OBJECTS - 2; i++) server.put(`n${i}.ics`, vtodo(`n${i}`, `Task ${i}`, "20261210T090000Z"));
  poll(d, server, at);
  assert.is(core.connection(d), "offline");
  assert.is(core.message(d), `${COLLECTION}: more than ${MAX_OBJECTS} calendar objects (the device holds at most ${MAX_OBJECTS})`);
  assert.is(core.tasksJson(d), good);
  // exactly MAX_OBJECTS fit
  server.objects.delete(PATH + "n0.ics");
  server.version++;
  poll(d, server, core.wakeAt(d));
  assert.is(core.connection(d), "ok");
  const shown = JSON.parse(core.tasksJson(d)) as { tasks: unknown[]; counts: Record<string, number> };
  assert.is(Object.values(shown.counts).reduce((a, b) => a + b, 0), MAX_OBJECTS);
});

test("sync: a driver with a small arena lowers the object limit; it survives the carry", () => {
  const { d, server, at, good } = afterGoodPoll();
  const held = (JSON.parse(good) as { counts: Record<string, number> }).counts;
  const n = Object.values(held).reduce((a, b) => a + b, 0);
  core.limitObjects(d, n + 1.7);
  const c = core.carry(d);
  server.put("over-1.ics", vtodo("over-1", "One more", "20261210T090000Z"));
  server.put("over-2.ics", vtodo("over-2", "And another", "20261210T090000Z"));
  poll(c, server, at);
  assert.is(core.connection(c), "offline");
  assert.is(core.message(c), `${COLLECTION}: more than ${n + 1} calendar objects (the device holds at most ${n + 1})`);
  assert.is(core.tasksJson(c), good);
});

test("sync: more task calendars than the device keeps, and redirect loops", () => {
  const server = new Server();
  const cals = Array.from({ length: MAX_COLLECTIONS + 1 }, (_, i) => `<response><href>/dav/alice/c${i}/</href><propstat><prop><resourcetype><C:calendar /><collection /></resourcetype></prop><status>${ok}</status></propstat></response>`).join("");
  server.next = (method, url, body) => {
    if (url.endsWith("/dav/alice/")) return server.reply(cals);
    if (body.includes("calendar-home-set")) return server.reply(`<response><href>/dav/alice/principal/</href><propstat><prop><C:calendar-home-set><href>/dav/alice/</href></C:calendar-home-set></prop><status>${ok}</status></propstat></response>`);
    return server.reply(`<response><href>/dav/</href><propstat><prop><current-user-principal><href>/dav/alice/principal/</href></current-user-principal></prop><status>${ok}</status></propstat></response>`);
  };
  const d = core.create("https://cal.example/dav/", "alice", "pw", "UTC0", 320, 170, 1, new Uint8Array(0));
  poll(d, server, T0);
  assert.is(core.connection(d), "setup");
  assert.is(core.message(d), `more than ${MAX_COLLECTIONS} task calendars in https://cal.example/dav/alice/: set the URL to one of them`);

  const { d: d2, server: s2, at, good } = afterGoodPoll();
  let hop = 0;
  s2.next = () => ({ status: 307, headers: [["Location", `/dav/hop${++hop}/`]], body: "" });
  poll(d2, s2, at);
  assert.is(core.message(d2), `too many redirects from https://cal.example/dav/hop${MAX_REDIRECTS}/`);
  assert.is(core.tasksJson(d2), good);
});

test("sync: a redirect to an overlong URL, an overlong ETag header", () => {
  const { d, server, at, good } = afterGoodPoll();
  server.next = () => ({ status: 301, headers: [["Location", "/" + "x".repeat(MAX_URL_BYTES)]], body: "" });
  poll(d, server, at);
  assert.is(core.message(d), `${STATE}redirect to a URL longer than ${MAX_URL_BYTES} bytes`);
  assert.is(core.tasksJson(d), good);
  // each hop may add to the URL: the resolved URL is bounded too
  let hop = 0;
  server.next = () => ({ status: 302, headers: [["Location", `${"y".repeat(300)}${++hop}/`]], body: "" });
  poll(d, server, core.wakeAt(d));
  assert.match(core.message(d), new RegExp(`^PROPFIND https://cal.example/dav/alice/tasks/(y+\\d/)+: redirect to a URL longer than ${MAX_URL_BYTES} bytes$`));
  assert.is(core.tasksJson(d), good);

  // a server that refuses calendar-multiget is read object by object with GET, whose ETag is a header
  server.next = null;
  server.refuseMultiget = true;
  server.getEtag = `"${"e".repeat(MAX_VALUE_BYTES)}"`;
  server.put("d.ics", vtodo("d", "Call mum", "20261128T100000Z"));
  poll(d, server, core.wakeAt(d));
  assert.is(core.message(d), `GET https://cal.example${PATH}d.ics: ETag longer than ${MAX_VALUE_BYTES} bytes`);
  assert.is(core.tasksJson(d), good);
});

test("iCalendar: a line past the line buffer cuts SUMMARY on a UTF-8 boundary and skips other properties", () => {
  const { d, server, at } = afterGoodPoll();
  const summary = "é".repeat(DEFAULT_LINE_LIMIT); // 2 bytes each: twice the buffer
  server.put("long.ics", vtodo("long", summary, "20261129T090000Z", `DESCRIPTION:${"x".repeat(3 * DEFAULT_LINE_LIMIT)}\r\n`));
  poll(d, server, at);
  assert.is(core.connection(d), "ok");
  const t = (JSON.parse(core.tasksJson(d)) as { tasks: { uid: string; summary: string }[] }).tasks.find((x) => x.uid === "long")!;
  // the unfolded line "SUMMARY:" + value is cut at the buffer; the cut never splits a character
  assert.is(t.summary, "é".repeat((DEFAULT_LINE_LIMIT - "SUMMARY:".length) / 2));
});

test("iCalendar: an object past a per-object limit is dropped alone, with a count", () => {
  const nested = "BEGIN:X\r\n".repeat(8) + "END:X\r\n".repeat(8);
  const todos = Array.from({ length: MAX_TODOS + 1 }, (_, i) => `BEGIN:VTODO\r\nUID:m\r\nSUMMARY:m${i}\r\nEND:VTODO\r\n`).join("");
  const lines = "PRIORITY:1\r\n".repeat(MAX_USED_LINES);
  const cases: [string, ICalError][] = [
    [vtodo("deep", "Deep", "20261130T090000Z").replace("END:VTODO", nested + "END:VTODO"), ICalError.TOO_DEEP],
    [`BEGIN:VCALENDAR\r\n${todos}END:VCALENDAR\r\n`, ICalError.TOO_MANY_TODOS],
    [vtodo("lines", "Lines", "20261130T090000Z", lines), ICalError.TOO_MANY_LINES],
  ];
  for (const [ics, error] of cases) {
    const r = new ICalReader(DEFAULT_LINE_LIMIT);
    const b = new TextEncoder().encode(ics);
    r.feed(b, 0, b.length);
    r.end();
    assert.is(r.error, error);
    const { d, server, at, good } = afterGoodPoll();
    server.put("bad.ics", ics);
    poll(d, server, at);
    assert.is(core.connection(d), "ok");
    assert.is(d.store.badObjects, 1);
    assert.is(core.message(d), "1 calendar object could not be read");
    assert.is(core.tasksJson(d), good);
  }
});

test("iCalendar: an unreadable new version of a held object leaves the last readable one on screen", () => {
  const { d, server, at, good } = afterGoodPoll();
  server.put("b.ics", vtodo("b", "Water plants", "20261127T170000Z").replace("END:VTODO", "BEGIN:X\r\n".repeat(8) + "END:X\r\n".repeat(8) + "END:VTODO"));
  const next = poll(d, server, at);
  assert.is(core.connection(d), "ok");
  assert.is(core.message(d), "1 calendar object could not be read");
  assert.is(core.tasksJson(d), good);
  // the notice lasts one poll; a readable version replaces the held one
  server.put("b.ics", vtodo("b", "Water the plants", "20261127T170000Z"));
  poll(d, server, next);
  assert.is(core.message(d), "");
  assert.ok(core.tasksJson(d).includes("Water the plants"));
});

test("tasks: the screen keeps the first K, the counts cover all", () => {
  const { d, server, at } = afterGoodPoll();
  for (let i = 0; i < DEFAULT_TOP_K + 30; i++) server.put(`k${i}.ics`, vtodo(`k${i}`, `Task ${i}`, `202612${String(1 + (i % 28)).padStart(2, "0")}T090000Z`));
  poll(d, server, at);
  const shown = JSON.parse(core.tasksJson(d)) as { tasks: unknown[]; counts: Record<string, number> };
  assert.is(shown.tasks.length, DEFAULT_TOP_K);
  assert.is(Object.values(shown.counts).reduce((a, b) => a + b, 0), DEFAULT_TOP_K + 33);
});

test("HTTP framing on the host: head size, header count, chunk-size line", () => {
  const replay = join(buildHost(false), "nudge-http-replay");
  const dir = tempDir("nudge-limits-");
  const run = (name: string, text: string): string => {
    const f = join(dir, name);
    writeFileSync(f, text, "latin1");
    const r = spawnSync(replay, [f], { encoding: "utf8" });
    assert.is(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  // firmware/host/nudge_http.h: NUDGE_HTTP_HEAD_CAP 16384, NUDGE_HTTP_MAX_HEADERS 64, NUDGE_HTTP_CHUNK_LINE_CAP 1024
  const big = `HTTP/1.1 207 Multi-Status\r\nX-Big: ${"v".repeat(16384)}\r\nContent-Length: 0\r\n\r\n`;
  assert.match(run("big", big), /^\d+ error 207 response headers too large /);
  const fits = `HTTP/1.1 207 Multi-Status\r\nX-Big: ${"v".repeat(16000)}\r\nContent-Length: 0\r\n\r\n`;
  assert.match(run("fits", fits), /^\d+ done 207 - 0 -$/);
  const many = "HTTP/1.1 200 OK\r\n" + Array.from({ length: 65 }, (_, i) => `X-H${i}: v\r\n`).join("") + "Content-Length: 0\r\n\r\n";
  assert.match(run("many", many), /^\d+ error 200 too many response headers /);
  const chunk = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;${"e".repeat(1100)}\r\nhello\r\n0\r\n\r\n`;
  assert.match(run("chunk", chunk), /^\d+ error 200 bad chunk size /);
});

test.after(async () => {
  await stopAll();
});

test.run();
