import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  base64,
  basicAuth,
  collectionStateRequest,
  getObjectRequest,
  homeSetRequest,
  isAbsoluteUrl,
  listCalendarsRequest,
  memberEtagsRequest,
  multigetRequest,
  originOf,
  pathOf,
  probeRequest,
  resolveUrl,
  syncCollectionRequest,
  todoEtagsRequest,
  xmlEscape,
  type HttpRequest,
} from "../ts-src/caldav/requests";
import { XmlEvent, XmlTokenizer, defaultXmlLimits } from "../ts-src/xml/tokenizer";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const header = (r: HttpRequest, name: string): string | null => r.headers.find((h) => h.name === name)?.value ?? null;

/** Element names ({ns}local) and text of a request body, read with our own tokenizer. */
function elements(body: string): string[] {
  const t = new XmlTokenizer(defaultXmlLimits());
  t.feed(enc(body));
  t.finish();
  const out: string[] = [];
  let text = "";
  for (;;) {
    const e = t.next();
    // one text node may come in several TEXT events
    if (e === XmlEvent.Text) {
      text += new TextDecoder().decode(t.text.subarray(t.textStart, t.textEnd));
      continue;
    }
    if (text !== "") out.push(text);
    text = "";
    if (e === XmlEvent.Start) out.push(`{${t.namespaceUri()}}${t.localName()}`);
    else if (e === XmlEvent.Eof) return out;
    else if (e === XmlEvent.Error) throw new Error(t.error);
  }
}

test("base64 matches RFC 4648 test vectors and Node over arbitrary bytes", () => {
  const vectors = [["", ""], ["f", "Zg=="], ["fo", "Zm8="], ["foo", "Zm9v"], ["foob", "Zm9vYg=="], ["fooba", "Zm9vYmE="], ["foobar", "Zm9vYmFy"]];
  for (const [plain, coded] of vectors) assert.is(base64(enc(plain!)), coded);
  const bytes = new Uint8Array(256).map((_, i) => (i * 7 + 3) & 255);
  for (let n = 0; n <= bytes.length; n += 17) assert.is(base64(bytes.subarray(0, n)), Buffer.from(bytes.subarray(0, n)).toString("base64"));
});

test("Basic auth encodes user:password as UTF-8 (RFC 7617)", () => {
  assert.is(basicAuth("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  assert.is(basicAuth("zoë", "pässwörd:€"), "Basic " + Buffer.from("zoë:pässwörd:€", "utf8").toString("base64"));
});

test("URL helpers: origin, path, absolute/relative references, dot segments", () => {
  assert.is(originOf("https://dav.example:8443/a/b?x=1"), "https://dav.example:8443");
  assert.is(originOf("http://h"), "http://h");
  assert.is(pathOf("https://dav.example:8443/a/b?x=1"), "/a/b?x=1");
  assert.is(pathOf("http://h"), "/");
  assert.is(pathOf("/already/a/path/"), "/already/a/path/");
  assert.ok(isAbsoluteUrl("HTTPS://X/"));
  assert.not.ok(isAbsoluteUrl("/x"));
  const base = "https://h:8443/dav/alice/cal/";
  assert.is(resolveUrl(base, "/remote.php/dav/"), "https://h:8443/remote.php/dav/");
  assert.is(resolveUrl(base, "http://other/x"), "http://other/x");
  assert.is(resolveUrl(base, "//cdn.example/y"), "https://cdn.example/y");
  assert.is(resolveUrl(base, "t1.ics"), "https://h:8443/dav/alice/cal/t1.ics");
  assert.is(resolveUrl("https://h/dav/alice/cal/t1.ics", "../other/"), "https://h/dav/alice/other/");
  assert.is(resolveUrl("https://h/a/b/c", "./d"), "https://h/a/b/d");
  assert.is(resolveUrl("https://h/a/", "  /trimmed  "), "https://h/trimmed");
  assert.is(resolveUrl("https://h/.well-known/caldav", "/"), "https://h/");
});

test("XML escaping for hrefs and tokens", () => {
  assert.is(xmlEscape(`a&b<c>"d'`), "a&amp;b&lt;c&gt;&quot;d&apos;");
  assert.is(xmlEscape("plain/path.ics"), "plain/path.ics");
});

test("request builders: method, Depth, Content-Type, Authorization and well-formed bodies", () => {
  const auth = basicAuth("u", "p");
  const url = "https://h/cal/";
  const cases: [HttpRequest, string, string, string][] = [
    [probeRequest(url, auth), "PROPFIND", "0", "{DAV:}current-user-principal"],
    [homeSetRequest(url, auth), "PROPFIND", "0", "{urn:ietf:params:xml:ns:caldav}calendar-home-set"],
    [listCalendarsRequest(url, auth), "PROPFIND", "1", "{urn:ietf:params:xml:ns:caldav}supported-calendar-component-set"],
    [collectionStateRequest(url, auth), "PROPFIND", "0", "{http://calendarserver.org/ns/}getctag"],
    [syncCollectionRequest(url, "http://radicale.org/ns/sync/1&2", auth), "REPORT", "0", "{DAV:}sync-collection"],
    [todoEtagsRequest(url, auth), "REPORT", "1", "{urn:ietf:params:xml:ns:caldav}calendar-query"],
    [memberEtagsRequest(url, auth), "PROPFIND", "1", "{DAV:}getetag"],
    [multigetRequest(url, ["/cal/a.ics", "/cal/b & c"], auth), "REPORT", "1", "{urn:ietf:params:xml:ns:caldav}calendar-multiget"],
  ];
  for (const [r, method, depth, element] of cases) {
    assert.is(r.method, method);
    assert.is(r.url, url);
    assert.is(header(r, "Depth"), depth, `${method} ${element}`);
    assert.is(header(r, "Content-Type"), "application/xml; charset=utf-8");
    assert.is(header(r, "Authorization"), auth);
    assert.ok(elements(r.body).includes(element), element);
  }
  assert.ok(elements(syncCollectionRequest(url, "tok&1", "").body).includes("tok&1"), "token escaped and recovered");
  const mg = elements(multigetRequest(url, ["/cal/a.ics", "/cal/b & c"], "").body);
  assert.ok(mg.includes("/cal/b & c") && mg.includes("/cal/a.ics"));
  const query = elements(todoEtagsRequest(url, "").body);
  assert.ok(query.indexOf("{urn:ietf:params:xml:ns:caldav}filter") > 0 && query.filter((e) => e.endsWith("}comp-filter")).length === 2);
  assert.is(header(probeRequest(url, ""), "Authorization"), null, "no credentials, no header");
  const get = getObjectRequest("https://h/cal/a.ics", auth);
  assert.equal([get.method, get.body, header(get, "Accept"), header(get, "Authorization")], ["GET", "", "text/calendar", auth]);
});

test.run();
