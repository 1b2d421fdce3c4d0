import { test } from "uvu";
import * as assert from "uvu/assert";
import { readdirSync, readFileSync } from "node:fs";
import { MsEvent, MultistatusReader, parseStatusLine } from "../ts-src/caldav/multistatus";
import { defaultXmlLimits } from "../ts-src/xml/tokenizer";

const dir = new URL("fixtures/caldav/", import.meta.url);
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, dir)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const names: Record<number, string> = {
  [MsEvent.ResponseStart]: "response", [MsEvent.Href]: "href", [MsEvent.Status]: "status", [MsEvent.Etag]: "etag",
  [MsEvent.Ctag]: "ctag", [MsEvent.SyncToken]: "sync-token", [MsEvent.CalDataEnd]: "caldata-end",
  [MsEvent.ResponseEnd]: "response-end", [MsEvent.PrincipalHref]: "principal", [MsEvent.HomeSetHref]: "home-set",
  [MsEvent.Calendar]: "calendar", [MsEvent.Component]: "comp", [MsEvent.DisplayName]: "displayname",
};

/** Reads doc in chunks of `size`; consecutive calendar-data chunks are merged into one "caldata" line. */
function read(doc: Uint8Array, size: number): string[] {
  const r = new MultistatusReader(defaultXmlLimits());
  const out: string[] = [];
  let data: number[] | null = null;
  let pos = 0;
  for (;;) {
    const e = r.next();
    if (e === MsEvent.NeedMore) {
      if (pos >= doc.length) r.finish();
      else r.feed(doc.subarray(pos, (pos += size)));
      continue;
    }
    if (e === MsEvent.CalDataChunk) {
      data ??= [];
      for (let i = r.start; i < r.end; i++) data.push(r.bytes[i]!);
      continue;
    }
    if (data) out.push("caldata " + JSON.stringify(new TextDecoder().decode(new Uint8Array(data))));
    data = null;
    if (e === MsEvent.Done) return [...out, "done"];
    if (e === MsEvent.Error) return [...out, "error " + r.error];
    const name = names[e];
    if (!name) throw new Error(`unexpected event ${e}`);
    if (e === MsEvent.Status || e === MsEvent.ResponseEnd) out.push(`${name} ${r.status}`);
    else if (e === MsEvent.ResponseStart || e === MsEvent.CalDataEnd || e === MsEvent.Calendar) out.push(name);
    else out.push(`${name} ${r.text()}`);
  }
}

const only = (lines: string[], prefix: string): string[] => lines.filter((l) => l.startsWith(prefix + " ")).map((l) => l.slice(prefix.length + 1));

test("status lines", () => {
  assert.is(parseStatusLine("HTTP/1.1 404 Not Found"), 404);
  assert.is(parseStatusLine(" HTTP/1.1 200 OK\n"), 200);
  assert.is(parseStatusLine("HTTP/2 507"), 507);
  assert.is(parseStatusLine("200 OK"), 0);
  assert.is(parseStatusLine("HTTP/1.1 2x0 OK"), 0);
  assert.is(parseStatusLine("HTTP/1.1 2000 OK"), 0);
  assert.is(parseStatusLine("\tHTTP/1.0  503\r\n"), 503);
});

test("every fixture gives the same events at every chunk size", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".xml"));
  assert.ok(files.length >= 20);
  for (const f of files) {
    const doc = fixture(f);
    const whole = read(doc, doc.length);
    for (let size = 1; size < doc.length; size++) assert.equal(read(doc, size), whole, `${f} at chunk size ${size}`);
  }
});

test("Radicale multiget: 404 member, ETags, entity-decoded UTF-8 calendar data", () => {
  const ev = read(fixture("radicale-multiget.xml"), 64);
  assert.equal(only(ev, "href"), ["/alice/tasks/missing.ics", "/alice/tasks/t1.ics", "/alice/tasks/t2.ics", "/alice/tasks/task-three"]);
  assert.equal(only(ev, "response-end"), ["404", "200", "200", "200"]);
  assert.is(only(ev, "etag")[0], '"e77deb247ebc6ae229913a3f88f981b912f0ca4039d224bfd45b8b211f357f09"');
  const data = only(ev, "caldata").map((d) => JSON.parse(d) as string);
  assert.is(data.length, 3);
  assert.ok(data[0]!.includes("SUMMARY:Buy milk & eggs <today>\nUID:t1\n"), "CRLF normalised, entities decoded");
  assert.ok(data[1]!.includes("SUMMARY:Grüße an Zoë schicken – 東京 🙂\n"));
  assert.is(ev.filter((l) => l === "caldata-end").length, 3);
  assert.is(ev.at(-1), "done");
});

test("Xandikos multiget: status before prop, calendar-data 404 for a non-.ics member", () => {
  const ev = read(fixture("xandikos-multiget.xml"), 17);
  assert.equal(only(ev, "href"), ["/user/calendars/tasks/t1.ics", "/user/calendars/tasks/t2.ics", "/user/calendars/tasks/task-three", "/user/calendars/tasks/missing.ics"]);
  assert.equal(only(ev, "status"), ["200", "200", "200", "404", "404"]);
  assert.equal(only(ev, "response-end"), ["200", "200", "200", "404"]);
  assert.is(only(ev, "caldata").length, 2, "the empty 404 calendar-data gives no chunks");
});

test("sync-collection: token before (Radicale) or after (Xandikos, sabre/dav) the responses, 404 members", () => {
  for (const [f, gone, changed, token] of [
    ["radicale-sync-changes.xml", "/alice/tasks/t2.ics", "/alice/tasks/t1.ics", "http://radicale.org/ns/sync/eb445f55eee8c2ae56654d5f8f451cafe5966e66a1cbb385b5d645fd398b34d5"],
    ["xandikos-sync-changes.xml", "/user/calendars/tasks/t2.ics", "/user/calendars/tasks/t1.ics", "1eda2f5aff6f269e8eabdb5fc82bc23e1acdfe75"],
    ["sabre-sync-changes.xml", "/remote.php/dav/calendars/alice/tasks/old.ics", "/remote.php/dav/calendars/alice/tasks/9F2A6C1E-4B7D-4E0F-8C3A-1D2E3F4A5B6C.ics", "http://sabre.io/ns/sync/43"],
  ] as const) {
    const ev = read(fixture(f), 5);
    assert.equal(only(ev, "sync-token"), [token], f);
    const ends = ev.filter((l) => l.startsWith("href ") || l.startsWith("response-end "));
    const pairs: string[] = [];
    for (let i = 0; i + 1 < ends.length; i += 2) pairs.push(`${ends[i]!.slice(5)} ${ends[i + 1]!.slice(13)}`);
    assert.equal(pairs.sort(), [`${gone} 404`, `${changed} 200`].sort(), f);
  }
});

test("discovery bodies: principal, home set, calendars and their components", () => {
  assert.equal(only(read(fixture("radicale-probe-root.xml"), 9), "principal"), ["/alice/"]);
  assert.equal(only(read(fixture("xandikos-probe-root.xml"), 9), "principal"), ["/user/"]);
  assert.equal(only(read(fixture("xandikos-homeset.xml"), 9), "home-set"), ["/user/calendars/"]);
  assert.equal(only(read(fixture("radicale-homeset.xml"), 9), "home-set"), ["/alice/"]);
  const sabre = read(fixture("sabre-list.xml"), 33);
  assert.is(sabre.filter((l) => l === "calendar").length, 2, "inbox and trash bin are not calendars");
  assert.equal(only(sabre, "comp"), ["VEVENT", "VTODO", "VEVENT", "VTODO"]);
  assert.equal(only(sabre, "displayname"), ["Personal", "Tasks & chores"]);
  assert.equal(only(read(fixture("radicale-list.xml"), 33), "displayname"), ["Tâches", "alice/events"]);
});

test("DAV elements count only where the protocol puts them", () => {
  const doc = enc(
    '<d:multistatus xmlns:d="DAV:"><d:href>/stray/</d:href><d:getetag>"s"</d:getetag>' +
      '<d:response><d:prop><d:href>/in-prop/</d:href></d:prop><d:href>/a.ics</d:href><d:getetag>"r"</d:getetag>' +
      '<d:propstat><d:href>/in-propstat/</d:href><d:response/><d:prop><d:status>HTTP/1.1 500 X</d:status>' +
      '<d:propstat/><d:getetag>"e"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>' +
      '<d:status>HTTP/1.1 200 OK</d:status></d:response><d:sync-token>t1</d:sync-token></d:multistatus>',
  );
  const whole = read(doc, doc.length);
  assert.equal(whole, ["response", "href /a.ics", "etag \"e\"", "status 200", "status 200", "response-end 200", "sync-token t1", "done"]);
  assert.equal(read(doc, 1), whole);
});

test("ctag and sync-token props with any prefix or default namespace", () => {
  assert.equal(only(read(fixture("apple-state.xml"), 3), "ctag"), ["FT=-@RU=3a1b2c3d-4e5f@S=1187"]);
  assert.equal(only(read(fixture("apple-state.xml"), 3), "sync-token"), ["HwoQEgwAAFfvVo+4XgAAAAAYARgAIhUI"]);
  assert.equal(only(read(fixture("xandikos-state.xml"), 3), "ctag"), ["a64a89ee49e36168ffa977d10f948d062825bc64"]);
  assert.equal(only(read(fixture("sabre-state.xml"), 3), "ctag"), ["http://sabre.io/ns/sync/42"]);
  assert.equal(only(read(fixture("radicale-state.xml"), 3), "ctag"), ['"28d318ee006ba835edbaab6a7c5210773154452c650c1dcc5bd65e4709c00399"']);
});

test("sabre/dav &#13; references keep CR; Apple CDATA calendar data passes through verbatim", () => {
  const sabre = JSON.parse(only(read(fixture("sabre-multiget.xml"), 7), "caldata")[0]!) as string;
  assert.ok(sabre.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  assert.ok(sabre.includes("SUMMARY:Steuererklärung & Belege <2026>\r\n"));
  const apple = read(fixture("apple-multiget.xml"), 7);
  assert.ok((JSON.parse(only(apple, "caldata")[0]!) as string).includes("SUMMARY:Call the plumber <urgent> & book ]] slot\n"));
  assert.equal(only(apple, "href")[1], "https://p42-caldav.icloud.example/1234567890/calendars/home/lost.ics");
});

test("non-multistatus bodies and broken documents give specific errors", () => {
  assert.equal(read(fixture("radicale-sync-badtoken.xml"), 4).at(-1), "error not a DAV:multistatus body: root element is {DAV:}error");
  assert.equal(read(enc("<html><body>Bad gateway</body></html>"), 4).at(-1), "error not a DAV:multistatus body: root element is {}html");
  assert.equal(read(enc("500 Internal Server Error"), 4).at(-1), "error text before the root element at byte 0");
  const cut = fixture("radicale-multiget.xml").subarray(0, 700);
  assert.match(read(cut, 50).at(-1)!, /^error unexpected end of input.* at byte 700$/);
  const long = enc(`<d:multistatus xmlns:d="DAV:"><d:response><d:href>/${"x".repeat(5000)}</d:href></d:response></d:multistatus>`);
  // the offset is where the value starts (after `<d:href>`), whatever the pieces the body came in
  for (const size of [long.length, 100, 13, 1]) {
    assert.equal(read(long, size).at(-1)!, "error value of <href> at byte 50 longer than 1024 bytes");
  }
  // a malformed byte inside the too-long value is what is reported, however the body is split
  const bad = enc(`<d:multistatus xmlns:d="DAV:"><d:response><d:href>/${"x".repeat(1500)}\u0001</d:href></d:response></d:multistatus>`);
  for (const size of [bad.length, 100, 11, 1]) assert.equal(read(bad, size).at(-1)!, "error control character 0x01 not allowed in XML at byte 1551");
});

test("a 10 MB calendar-data streams in bounded pieces", () => {
  const r = new MultistatusReader(defaultXmlLimits());
  const head = enc('<multistatus xmlns="DAV:"><response><href>/big.ics</href><propstat><prop><C:calendar-data xmlns:C="urn:ietf:params:xml:ns:caldav">');
  const line = enc("DESCRIPTION:" + "lorem ipsum &amp; ".repeat(50) + "\r\n");
  const tail = enc("</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>");
  const lines = Math.ceil((10 * 1024 * 1024) / line.length);
  let fed = -1;
  let bytes = 0;
  let maxChunk = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const seen: number[] = [];
  for (;;) {
    const e = r.next();
    if (e === MsEvent.NeedMore) {
      if (fed === -1) r.feed(head);
      else if (fed < lines) r.feed(line);
      else if (fed === lines) r.feed(tail);
      else r.finish();
      fed++;
    } else if (e === MsEvent.CalDataChunk) {
      bytes += r.end - r.start;
      maxChunk = Math.max(maxChunk, r.end - r.start);
    } else if (e === MsEvent.Done) break;
    else if (e === MsEvent.Error) assert.unreachable(r.error);
    else seen.push(e);
  }
  const decodedLine = 12 + "lorem ipsum & ".length * 50 + 1;
  assert.is(bytes, lines * decodedLine);
  assert.ok(maxChunk <= defaultXmlLimits().textBuffer);
  assert.equal(seen, [MsEvent.ResponseStart, MsEvent.Href, MsEvent.CalDataEnd, MsEvent.Status, MsEvent.ResponseEnd]);
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 4 * 1024 * 1024, "heap grew with the body");
});

test.run();
