// The sync state machine against an in-memory CalDAV server whose answers can be switched to
// the failure modes real servers show (expired tokens, unsupported REPORTs, size limits,
// redirects, HTML pages, dropped connections). Bodies follow the shape of Radicale's.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CalDavSync, MULTIGET_BATCH, SyncEvent } from "../ts-src/caldav/sync";
import type { HttpRequest } from "../ts-src/caldav/requests";
import { defaultXmlLimits } from "../ts-src/xml/tokenizer";

interface Reply {
  status: number;
  headers: [string, string][];
  body: string;
}

interface Options {
  rootIsHtml: boolean;
  sync: "ok" | "expired" | "unsupported";
  queryStatus: number;
  multigetStatus: number;
  dropAt: number;
  redirectLoop: boolean;
  /** most changes one sync-collection answer lists before it is truncated (507), 0 for no limit */
  syncLimit: number;
  /** a second task calendar, "chores" */
  chores: boolean;
}

const ok = "HTTP/1.1 200 OK";
const ms = (inner: string): string => `<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">${inner}</multistatus>`;
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A small CalDAV server: principal /dav/alice/, home /dav/alice/cals/, calendars tasks (VTODO) and events (VEVENT). */
class FakeServer {
  objects = new Map<string, { etag: string; data: string; todo: boolean }>();
  log: { version: number; path: string }[] = [];
  version = 1;
  seen: HttpRequest[] = [];
  opts: Options = { rootIsHtml: false, sync: "ok", queryStatus: 207, multigetStatus: 207, dropAt: -1, redirectLoop: false, syncLimit: 0, chores: false };
  private etagCounter = 0;

  put(path: string, summary: string, todo = true): void {
    const comp = todo ? "VTODO" : "VEVENT";
    const data = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:${comp}\r\nUID:${path}\r\nSUMMARY:${summary}\r\nEND:${comp}\r\nEND:VCALENDAR\r\n`;
    this.objects.set(path, { etag: `"e${++this.etagCounter}"`, data, todo });
    this.log.push({ version: ++this.version, path });
  }

  remove(path: string): void {
    this.objects.delete(path);
    this.log.push({ version: ++this.version, path });
  }

  private members(collection: string): [string, { etag: string; data: string; todo: boolean }][] {
    return [...this.objects].filter(([p]) => p.startsWith(collection));
  }

  handle(r: HttpRequest): Reply | null {
    this.seen.push(r);
    if (this.opts.dropAt === this.seen.length) return null;
    const path = new URL(r.url).pathname;
    const depth = r.headers.find((h) => h.name === "Depth")?.value;
    const auth = r.headers.find((h) => h.name === "Authorization")?.value;
    if (auth !== "Basic " + Buffer.from("alice:pw").toString("base64")) return { status: 401, headers: [["WWW-Authenticate", 'Basic realm="x"']], body: "" };
    if (this.opts.redirectLoop) return { status: 302, headers: [["Location", path === "/a" ? "/b" : "/a"]], body: "" };
    if (path === "/" && this.opts.rootIsHtml) return { status: 200, headers: [["Content-Type", "text/html"]], body: "<!DOCTYPE html><html><body>Welcome</body></html>" };
    if (path === "/.well-known/caldav") return { status: 301, headers: [["Location", "/dav/"]], body: "" };
    if (r.method === "PROPFIND" && (path === "/" || path === "/dav/")) {
      return this.reply(`<response><href>${path}</href><propstat><prop><current-user-principal><href>/dav/alice/</href></current-user-principal><resourcetype><collection /></resourcetype></prop><status>${ok}</status></propstat></response>`);
    }
    if (r.method === "PROPFIND" && path === "/dav/alice/") {
      return this.reply(`<response><href>/dav/alice/</href><propstat><prop><C:calendar-home-set><href>/dav/alice/cals/</href></C:calendar-home-set></prop><status>${ok}</status></propstat></response>`);
    }
    if (r.method === "PROPFIND" && path === "/dav/alice/cals/") {
      const cal = (name: string, comp: string) => `<response><href>/dav/alice/cals/${name}/</href><propstat><prop><resourcetype><C:calendar /><collection /></resourcetype><displayname>${name}</displayname><C:supported-calendar-component-set><C:comp name="${comp}" /></C:supported-calendar-component-set></prop><status>${ok}</status></propstat></response>`;
      const chores = this.opts.chores ? cal("chores", "VTODO") : "";
      return this.reply(`<response><href>/dav/alice/cals/</href><propstat><prop><resourcetype><collection /></resourcetype></prop><status>${ok}</status></propstat></response>${cal("tasks", "VTODO")}${cal("events", "VEVENT")}${chores}`);
    }
    const coll = path.endsWith("/") ? path : path.slice(0, path.lastIndexOf("/") + 1);
    const own = this.members(coll);
    const tag = `http://fake/ns/sync/${coll}${this.version}`;
    if (r.method === "PROPFIND" && depth === "0" && r.body.includes("current-user-principal")) {
      const comp = path.includes("/events/") ? "VEVENT" : "VTODO";
      return this.reply(`<response><href>${path}</href><propstat><prop><current-user-principal><href>/dav/alice/</href></current-user-principal><resourcetype><C:calendar /><collection /></resourcetype><C:supported-calendar-component-set><C:comp name="${comp}" /></C:supported-calendar-component-set></prop><status>${ok}</status></propstat></response>`);
    }
    if (r.method === "PROPFIND" && depth === "0") {
      return this.reply(`<response><href>${path}</href><propstat><prop><CS:getctag>"${this.version}"</CS:getctag><sync-token>${tag}</sync-token></prop><status>${ok}</status></propstat></response>`);
    }
    if (r.method === "PROPFIND" && depth === "1") {
      return this.reply(own.map(([p, o]) => `<response><href>${p}</href><propstat><prop><getetag>${esc(o.etag)}</getetag></prop><status>${ok}</status></propstat></response>`).join(""));
    }
    if (r.method === "REPORT" && r.body.includes("sync-collection")) {
      if (this.opts.sync === "unsupported") return { status: 501, headers: [], body: "not implemented" };
      const from = Number(/sync\/[^<]*?(\d+)<\/d:sync-token>/.exec(r.body)?.[1] ?? "0");
      if (this.opts.sync === "expired") return { status: 403, headers: [], body: ms("").replace("multistatus", "error").replace("</multistatus>", "<valid-sync-token /></error>") };
      const changed = new Set<string>();
      let upTo = from;
      let truncated = false;
      for (const l of this.log.filter((e) => e.version > from && e.path.startsWith(coll))) {
        if (this.opts.syncLimit && !changed.has(l.path) && changed.size === this.opts.syncLimit) {
          truncated = true;
          break;
        }
        changed.add(l.path);
        upTo = l.version;
      }
      const syncTag = truncated ? `http://fake/ns/sync/${coll}${upTo}` : tag;
      const more = truncated ? `<response><href>${coll}</href><status>HTTP/1.1 507 Insufficient Storage</status></response>` : "";
      const parts = [...changed].map((p) => {
        const o = this.objects.get(p);
        return o
          ? `<response><href>${p}</href><propstat><prop><getetag>${esc(o.etag)}</getetag></prop><status>${ok}</status></propstat></response>`
          : `<response><href>${p}</href><status>HTTP/1.1 404 Not Found</status></response>`;
      });
      return this.reply(`<sync-token>${syncTag}</sync-token>${parts.join("")}${more}`);
    }
    if (r.method === "REPORT" && r.body.includes("calendar-query")) {
      if (this.opts.queryStatus !== 207) return { status: this.opts.queryStatus, headers: [], body: "" };
      return this.reply(own.filter(([, o]) => o.todo).map(([p, o]) => `<response><href>${p}</href><propstat><prop><getetag>${esc(o.etag)}</getetag></prop><status>${ok}</status></propstat></response>`).join(""));
    }
    if (r.method === "REPORT" && r.body.includes("calendar-multiget")) {
      if (this.opts.multigetStatus !== 207) return { status: this.opts.multigetStatus, headers: [], body: "<html>too large</html>" };
      const hrefs = [...r.body.matchAll(/<d:href>([^<]*)<\/d:href>/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
      return this.reply(hrefs.map((h) => {
        const o = this.objects.get(h);
        return o
          ? `<response><href>${h}</href><propstat><prop><getetag>${esc(o.etag)}</getetag><C:calendar-data>${esc(o.data)}</C:calendar-data></prop><status>${ok}</status></propstat></response>`
          : `<response><href>${h}</href><status>HTTP/1.1 404 Not Found</status></response>`;
      }).join(""));
    }
    if (r.method === "GET") {
      const o = this.objects.get(path);
      return o ? { status: 200, headers: [["ETag", o.etag], ["Content-Type", "text/calendar"]], body: o.data } : { status: 404, headers: [], body: "" };
    }
    return { status: 400, headers: [], body: "" };
  }

  private reply(inner: string): Reply {
    return { status: 207, headers: [["Content-Type", "text/xml; charset=utf-8"]], body: ms(inner) };
  }
}

interface Result {
  requests: string[];
  fetched: Map<string, string>;
  etags: Map<string, string>;
  removed: string[];
  /** "collection index:href" of every event, in order */
  trail: string[];
  error: string;
}

/** Drives one poll synchronously, feeding bodies in chunks of `size` bytes. */
function poll(sync: CalDavSync, server: FakeServer, size: number): Result {
  const res: Result = { requests: [], fetched: new Map(), etags: new Map(), removed: [], trail: [], error: "" };
  let parts: number[] = [];
  const take = (e: number): void => {
    if (e === SyncEvent.ObjectData) for (let i = sync.start; i < sync.end; i++) parts.push(sync.bytes[i]!);
    else if (e === SyncEvent.ObjectEnd) {
      assert.not.ok(res.fetched.has(sync.href), `fetched twice: ${sync.href}`);
      res.fetched.set(sync.href, new TextDecoder().decode(new Uint8Array(parts)));
      res.etags.set(sync.href, sync.etag);
      res.trail.push(`${sync.collection}:${sync.href}`);
      parts = [];
    } else if (e === SyncEvent.ObjectRemoved) {
      res.removed.push(sync.href);
      res.trail.push(`${sync.collection}:-${sync.href}`);
    }
    else assert.unreachable(`event ${e}`);
  };
  sync.startPoll();
  for (let guard = 0; guard < 10000; guard++) {
    const e = sync.next();
    if (e === SyncEvent.Done) return res;
    if (e === SyncEvent.Error) {
      res.error = sync.error;
      return res;
    }
    if (e !== SyncEvent.Request) {
      take(e);
      continue;
    }
    const r = sync.request;
    const depth = r.headers.find((h) => h.name === "Depth")?.value ?? "-";
    const kind = /<(?:c|d):([a-z-]+)/.exec(r.body.split("\n")[1] ?? "")?.[1] ?? "";
    res.requests.push(`${r.method} ${new URL(r.url).pathname} ${depth}${kind && r.method === "REPORT" ? " " + kind : ""}`);
    const reply = server.handle(r);
    if (reply === null) {
      sync.fail("connection reset by peer");
      continue;
    }
    sync.response(reply.status);
    for (const [n, v] of reply.headers) sync.header(n, v);
    const body = new TextEncoder().encode(reply.body);
    let failed = false;
    for (let at = 0; at < body.length && !failed; at += size) {
      sync.body(body.subarray(at, at + size));
      for (;;) {
        const f = sync.next();
        if (f === SyncEvent.NeedBody) break;
        if (f === SyncEvent.Error) {
          failed = true;
          break;
        }
        take(f);
      }
    }
    if (!failed) sync.bodyEnd();
  }
  throw new Error("poll did not finish");
}

function seeded(n: number): FakeServer {
  const s = new FakeServer();
  for (let i = 0; i < n; i++) s.put(`/dav/alice/cals/tasks/t${i}.ics`, `Task ${i} & <${"é".repeat(i % 3)}>`);
  s.put("/dav/alice/cals/tasks/no-suffix", "No suffix");
  s.put("/dav/alice/cals/events/e1.ics", "Event", false);
  return s;
}

const client = (url = "https://cal.example/", password = "pw"): CalDavSync => new CalDavSync(url, "alice", password, defaultXmlLimits());

test("discovery through an HTML root page and a relative well-known redirect; first poll fetches in batches", () => {
  const server = seeded(24);
  server.opts.rootIsHtml = true;
  const sync = client();
  const r = poll(sync, server, 4096);
  assert.is(r.error, "");
  assert.equal(sync.collections.map((c) => [c.url, c.name]), [["https://cal.example/dav/alice/cals/tasks/", "tasks"]]);
  assert.equal(r.requests, [
    "PROPFIND / 0",
    "PROPFIND /.well-known/caldav 0",
    "PROPFIND /dav/ 0",
    "PROPFIND /dav/alice/ 0",
    "PROPFIND /dav/alice/cals/ 1",
    "PROPFIND /dav/alice/cals/tasks/ 0",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-query",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-multiget",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-multiget",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-multiget",
  ]);
  assert.is(MULTIGET_BATCH, 10);
  assert.is(r.fetched.size, 25);
  // XML hands line ends over as LF (XML 1.0 §2.11), whatever the server stored
  assert.is(r.fetched.get("/dav/alice/cals/tasks/t4.ics"), server.objects.get("/dav/alice/cals/tasks/t4.ics")!.data.replace(/\r\n/g, "\n"));
  assert.is(r.etags.get("/dav/alice/cals/tasks/no-suffix"), server.objects.get("/dav/alice/cals/tasks/no-suffix")!.etag);
});

test("an unchanged collection costs one Depth:0 PROPFIND", () => {
  const server = seeded(3);
  const sync = client();
  poll(sync, server, 4096);
  for (let i = 0; i < 3; i++) {
    const r = poll(sync, server, 4096);
    assert.equal(r.requests, ["PROPFIND /dav/alice/cals/tasks/ 0"]);
    assert.is(r.fetched.size + r.removed.length, 0);
  }
});

test("a carried-over copy keeps every marker: idle stays one request, changes stay incremental", () => {
  const server = seeded(6);
  const old = client();
  poll(old, server, 4096);
  const sync = old.carry();
  old.collections[0]!.hrefs.length = 0;
  old.collections[0]!.ctag = "";
  assert.equal(poll(sync, server, 4096).requests, ["PROPFIND /dav/alice/cals/tasks/ 0"]);
  server.put("/dav/alice/cals/tasks/t3.ics", "Changed");
  server.remove("/dav/alice/cals/tasks/t4.ics");
  const r = poll(sync.carry(), server, 4096);
  assert.equal([...r.fetched.keys()], ["/dav/alice/cals/tasks/t3.ics"]);
  assert.equal(r.removed, ["/dav/alice/cals/tasks/t4.ics"]);
  assert.is(r.requests[1], "REPORT /dav/alice/cals/tasks/ 0 sync-collection");
  assert.is(r.error, "");
});

test("changes arrive through sync-collection: only changed objects fetched, deletions reported", () => {
  const server = seeded(12);
  const sync = client();
  poll(sync, server, 4096);
  server.put("/dav/alice/cals/tasks/t1.ics", "Changed");
  server.put("/dav/alice/cals/tasks/new.ics", "New");
  server.remove("/dav/alice/cals/tasks/t2.ics");
  server.put("/dav/alice/cals/tasks/tmp.ics", "Created then deleted");
  server.remove("/dav/alice/cals/tasks/tmp.ics");
  const r = poll(sync, server, 4096);
  assert.is(r.error, "");
  assert.equal(r.requests, [
    "PROPFIND /dav/alice/cals/tasks/ 0",
    "REPORT /dav/alice/cals/tasks/ 0 sync-collection",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-multiget",
  ]);
  assert.equal([...r.fetched.keys()].sort(), ["/dav/alice/cals/tasks/new.ics", "/dav/alice/cals/tasks/t1.ics"]);
  assert.ok(r.fetched.get("/dav/alice/cals/tasks/t1.ics")!.includes("SUMMARY:Changed"));
  assert.equal(r.removed, ["/dav/alice/cals/tasks/t2.ics"], "an object never seen is not reported as removed");
  const c = sync.collections[0]!;
  assert.is(c.hrefs.length, 13);
  assert.is(c.syncToken, `http://fake/ns/sync//dav/alice/cals/tasks/${server.version}`);
  assert.equal(poll(sync, server, 4096).requests, ["PROPFIND /dav/alice/cals/tasks/ 0"]);
});

test("a truncated sync-collection answer (507 on the collection) is continued with the new token", () => {
  const server = seeded(3);
  const sync = client();
  poll(sync, server, 4096);
  server.opts.syncLimit = 2;
  for (let i = 0; i < 5; i++) server.put(`/dav/alice/cals/tasks/n${i}.ics`, `New ${i}`);
  server.remove("/dav/alice/cals/tasks/t0.ics");
  const r = poll(sync, server, 4096);
  assert.is(r.error, "");
  assert.equal(r.requests.filter((q) => q.includes("sync-collection")).length, 3);
  assert.equal([...r.fetched.keys()].sort(), [0, 1, 2, 3, 4].map((i) => `/dav/alice/cals/tasks/n${i}.ics`));
  assert.equal(r.removed, ["/dav/alice/cals/tasks/t0.ics"]);
  assert.equal(poll(sync, server, 4096).requests, ["PROPFIND /dav/alice/cals/tasks/ 0"]);
});

test("an expired sync token falls back to calendar-query once; an unsupported REPORT for good", () => {
  const server = seeded(5);
  const sync = client();
  poll(sync, server, 4096);
  server.opts.sync = "expired";
  server.put("/dav/alice/cals/tasks/t0.ics", "Changed");
  server.remove("/dav/alice/cals/tasks/t3.ics");
  let r = poll(sync, server, 4096);
  assert.equal(r.requests.slice(1), [
    "REPORT /dav/alice/cals/tasks/ 0 sync-collection",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-query",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-multiget",
  ]);
  assert.equal([...r.fetched.keys()], ["/dav/alice/cals/tasks/t0.ics"]);
  assert.equal(r.removed, ["/dav/alice/cals/tasks/t3.ics"]);
  assert.ok(sync.collections[0]!.syncWorks);
  server.opts.sync = "unsupported";
  server.put("/dav/alice/cals/tasks/t4.ics", "Changed again");
  r = poll(sync, server, 4096);
  assert.equal(r.requests.slice(1, 3), ["REPORT /dav/alice/cals/tasks/ 0 sync-collection", "REPORT /dav/alice/cals/tasks/ 1 calendar-query"]);
  assert.not.ok(sync.collections[0]!.syncWorks);
  server.put("/dav/alice/cals/tasks/t1.ics", "Third change");
  r = poll(sync, server, 4096);
  assert.equal(r.requests, ["PROPFIND /dav/alice/cals/tasks/ 0", "REPORT /dav/alice/cals/tasks/ 1 calendar-query", "REPORT /dav/alice/cals/tasks/ 1 calendar-multiget"]);
  assert.equal([...r.fetched.keys()], ["/dav/alice/cals/tasks/t1.ics"]);
});

test("events name the collection they belong to, with several task calendars", () => {
  const server = seeded(2);
  server.opts.chores = true;
  server.opts.sync = "unsupported";
  server.put("/dav/alice/cals/chores/c1.ics", "Chore");
  server.put("/dav/alice/cals/chores/c2.ics", "Chore 2");
  const sync = client();
  const first = poll(sync, server, 4096);
  assert.equal(sync.collections.map((c) => c.name), ["tasks", "chores"]);
  assert.equal(first.trail.filter((t) => t.includes("/chores/")), ["1:/dav/alice/cals/chores/c1.ics", "1:/dav/alice/cals/chores/c2.ics"]);
  server.remove("/dav/alice/cals/tasks/t1.ics");
  server.remove("/dav/alice/cals/chores/c2.ics");
  server.put("/dav/alice/cals/chores/c1.ics", "Chore changed");
  const r = poll(sync, server, 4096);
  assert.equal(r.trail, ["0:-/dav/alice/cals/tasks/t1.ics", "1:-/dav/alice/cals/chores/c2.ics", "1:/dav/alice/cals/chores/c1.ics"]);
});

test("calendar-query refused → Depth:1 PROPFIND; multiget refused → one GET per object", () => {
  const server = seeded(3);
  server.opts.queryStatus = 500;
  server.opts.multigetStatus = 507;
  const sync = client();
  const r = poll(sync, server, 4096);
  assert.is(r.error, "");
  assert.equal(r.requests.slice(3), [
    "PROPFIND /dav/alice/cals/tasks/ 0",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-query",
    "PROPFIND /dav/alice/cals/tasks/ 1",
    "REPORT /dav/alice/cals/tasks/ 1 calendar-multiget",
    "GET /dav/alice/cals/tasks/t0.ics -",
    "GET /dav/alice/cals/tasks/t1.ics -",
    "GET /dav/alice/cals/tasks/t2.ics -",
    "GET /dav/alice/cals/tasks/no-suffix -",
  ]);
  assert.is(r.fetched.size, 4);
  assert.is(r.etags.get("/dav/alice/cals/tasks/t1.ics"), server.objects.get("/dav/alice/cals/tasks/t1.ics")!.etag);
  assert.is(r.fetched.get("/dav/alice/cals/tasks/t2.ics"), server.objects.get("/dav/alice/cals/tasks/t2.ics")!.data);
});

test("every chunk size gives the same poll", () => {
  const reference = poll(client(), seeded(4), 1 << 20);
  for (const size of [1, 2, 3, 5, 7, 11, 64, 333]) {
    const r = poll(client(), seeded(4), size);
    assert.equal(r, reference, `chunk size ${size}`);
  }
});

test("a dropped connection ends the poll with an error and the next poll catches up", () => {
  const server = seeded(4);
  const sync = client();
  poll(sync, server, 4096);
  server.put("/dav/alice/cals/tasks/t0.ics", "Changed");
  server.opts.dropAt = server.seen.length + 3; // the multiget
  const failed = poll(sync, server, 4096);
  assert.is(failed.error, "connection reset by peer");
  server.opts.dropAt = -1;
  const r = poll(sync, server, 4096);
  assert.is(r.error, "");
  assert.equal([...r.fetched.keys()], ["/dav/alice/cals/tasks/t0.ics"]);
});

test("authentication failure, redirect loops and a vanished collection are specific errors", () => {
  const server = seeded(1);
  const bad = poll(client("https://cal.example/", "wrong"), server, 4096);
  assert.is(bad.error, "PROPFIND https://cal.example/: HTTP 401 (authentication failed: check user and password)");
  const loop = seeded(1);
  loop.opts.redirectLoop = true;
  assert.is(poll(client("https://cal.example/a"), loop, 4096).error, "too many redirects from https://cal.example/b");
  const sync = client("https://cal.example/dav/alice/cals/tasks/");
  assert.is(poll(sync, server, 4096).error, "");
  assert.is(sync.collections.length, 1);
  const other = seeded(1);
  other.handle = (r: HttpRequest): Reply | null => (r.method === "PROPFIND" ? { status: 404, headers: [], body: "" } : null);
  assert.is(poll(sync, other, 4096).error, "PROPFIND https://cal.example/dav/alice/cals/tasks/: HTTP 404");
  assert.is(sync.collections.length, 0, "rediscovers on the next poll");
});

test("a calendar URL without VTODO support is refused with a clear message", () => {
  const r = poll(client("https://cal.example/dav/alice/cals/events/"), seeded(1), 4096);
  assert.match(r.error, "is a calendar without tasks");
});

test.run();
