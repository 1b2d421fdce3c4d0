import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { XmlEvent, XmlLimits, XmlTokenizer, defaultXmlLimits } from "../ts-src/xml/tokenizer";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`fixtures/xml/${name}`, import.meta.url)));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

interface Run {
  events: string[];
  error: string;
  maxText: number;
  textEvents: number;
}

/** Tokenizes doc fed in chunks of `size` bytes; adjacent TEXT events are merged into one line. */
function run(doc: Uint8Array, size: number, limits: XmlLimits = defaultXmlLimits()): Run {
  const t = new XmlTokenizer(limits);
  const events: string[] = [];
  let text: number[] = [];
  let maxText = 0;
  let textEvents = 0;
  let pos = 0;
  const flush = (): void => {
    if (text.length) events.push("T " + JSON.stringify(new TextDecoder().decode(new Uint8Array(text))));
    text = [];
  };
  for (;;) {
    const e = t.next();
    if (e === XmlEvent.NeedMore) {
      if (pos >= doc.length) t.finish();
      else {
        t.feed(doc.subarray(pos, pos + size));
        pos += size;
      }
      continue;
    }
    if (e === XmlEvent.Text) {
      textEvents++;
      maxText = Math.max(maxText, t.textEnd - t.textStart);
      for (let i = t.textStart; i < t.textEnd; i++) text.push(t.text[i]!);
      continue;
    }
    flush();
    if (e === XmlEvent.Start) {
      const attrs: string[] = [];
      for (let i = 0; i < t.attributeCount(); i++) attrs.push(`{${t.attributeNamespace(i)}}${t.attributeLocalName(i)}=${t.attributeValue(i)}`);
      events.push(`S {${t.namespaceUri()}}${t.localName()}${attrs.length ? " " + attrs.join(" ") : ""}`);
    } else if (e === XmlEvent.End) events.push(`E {${t.namespaceUri()}}${t.localName()}`);
    else if (e === XmlEvent.Eof) return { events, error: "", maxText, textEvents };
    else return { events, error: t.error, maxText, textEvents };
  }
}

/** Only the element and non-whitespace text events, for readable expectations. */
const shape = (r: Run): string[] => r.events.filter((e) => !/^T "(\\[rnt]|\s)*"$/.test(e));

test("namespaces: prefixes, rebinding, default and undeclared namespaces", () => {
  const r = run(fixture("namespaces.xml"), 1 << 20);
  assert.is(r.error, "");
  assert.equal(shape(r), [
    "S {DAV:}multistatus {}D=DAV: {}xmlns=urn:outer",
    "S {urn:outer}plain {}a=1 {http://www.w3.org/XML/1998/namespace}lang=de",
    "E {urn:outer}plain",
    "S {urn:rebound}response {}D=urn:rebound",
    "S {urn:rebound}inner {}xmlns=",
    'T "unqualified"',
    "E {urn:rebound}inner",
    "E {urn:rebound}response",
    'S {DAV:}any {}x=DAV: {DAV:}attr=v"q',
    'T "back to DAV"',
    "E {DAV:}any",
    "E {DAV:}multistatus",
  ]);
});

test("entities, character references, CDATA, CRLF and raw UTF-8", () => {
  const r = run(fixture("entities.xml"), 1 << 20);
  assert.is(r.error, "");
  const texts = shape(r).filter((e) => e.startsWith("T "));
  assert.equal(texts, [
    JSON.stringify("<tag> & 'q' \"d\"").replace(/^/, "T "),
    "T " + JSON.stringify("café 😀 €\n"),
    "T " + JSON.stringify("<b>raw & ]] ] tail"),
    "T " + JSON.stringify("Grüße 東京 🙂"),
  ]);
});

test("every fixture gives the same events at every chunk size", () => {
  for (const name of ["namespaces.xml", "entities.xml"]) {
    const doc = fixture(name);
    const whole = run(doc, doc.length);
    for (let size = 1; size <= doc.length; size++) {
      assert.equal(run(doc, size), { ...run(doc, size), events: whole.events, error: "" }, `${name} at chunk size ${size}`);
    }
  }
});

test("line ends: CRLF and lone CR become LF, a &#13; reference stays CR, at any split", () => {
  const doc = enc("<a>x\r\ny\rz&#13;\r\n&#133;&#x0D;&#13;</a>");
  for (let size = 1; size <= doc.length; size++) assert.equal(shape(run(doc, size)), ["S {}a", 'T "x\\ny\\nz\\r\\n\u0085\\r\\r"', "E {}a"]);
});

test("text is delivered in pieces no larger than the text buffer", () => {
  const limits = { ...defaultXmlLimits(), textBuffer: 64 };
  const body = "x".repeat(1000) + "&amp;" + "é".repeat(300);
  const r = run(enc(`<a>${body}</a>`), 7, limits);
  assert.is(r.error, "");
  assert.ok(r.maxText <= 64, `largest TEXT event ${r.maxText}`);
  assert.ok(r.textEvents >= 25);
  assert.equal(shape(r), ["S {}a", "T " + JSON.stringify(body.replace("&amp;", "&")), "E {}a"]);
});

test("a 10 MB text node streams through a 2 KB buffer", () => {
  const t = new XmlTokenizer(defaultXmlLimits());
  const chunk = enc("0123456789abcdef".repeat(4096));
  t.feed(enc("<calendar-data>"));
  let total = 0;
  let maxText = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  let fed = 0;
  const target = 10 * 1024 * 1024;
  for (;;) {
    const e = t.next();
    if (e === XmlEvent.Text) {
      total += t.textEnd - t.textStart;
      maxText = Math.max(maxText, t.textEnd - t.textStart);
    } else if (e === XmlEvent.NeedMore) {
      if (fed < target) {
        t.feed(chunk);
        fed += chunk.length;
      } else if (fed === target) {
        t.feed(enc("</calendar-data>"));
        fed++;
      } else t.finish();
    } else if (e === XmlEvent.Eof) break;
    else if (e !== XmlEvent.Start && e !== XmlEvent.End) assert.unreachable(`event ${e}: ${t.error}`);
  }
  assert.is(total, target);
  assert.ok(maxText <= defaultXmlLimits().textBuffer);
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 4 * 1024 * 1024, "heap grew with the document");
});

const errors: [string, string | Uint8Array, string][] = [
  ["DOCTYPE", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "<!DOCTYPE and other declarations are not supported (no DTDs or external entities) at byte 2"],
  ["unknown entity", "<x>&e;</x>", "unknown entity &e; (only predefined and numeric entities) at byte 5"],
  ["unterminated entity", "<x>&ampampampamp</x>", "entity reference too long or missing ';' at byte 14"],
  ["reference to NUL", "<x>&#0;</x>", "character reference to invalid code point 0 at byte 6"],
  ["surrogate reference", "<x>&#xD800;</x>", "character reference to invalid code point 55296 at byte 10"],
  ["unbound prefix", "<a:x/>", "unbound namespace prefix 'a' at byte 5"],
  ["unbound attribute prefix", "<x b:c='1'/>", "unbound namespace prefix 'b' at byte 11"],
  ["mismatched end tag", "<a><b></a></b>", "end tag </a> does not match <b> at byte 9"],
  ["truncated in element", "<a><b>text", "unexpected end of input: <b> not closed at byte 10"],
  ["truncated in tag", "<a><b attr='1", "unexpected end of input inside markup at byte 13"],
  ["empty", "  ", "no root element at byte 2"],
  ["text before root", "hello", "text before the root element at byte 0"],
  ["two roots", "<a/><b/>", "more than one root element at byte 5"],
  ["content after root", "<a/>x", "content after the root element at byte 4"],
  ["stray end tag", "</a>", "end tag without a matching start tag at byte 1"],
  ["duplicate attribute", "<a x='1' x='2'/>", "duplicate attribute x at byte 15"],
  ["unquoted attribute", "<a x=1/>", "expected a quoted attribute value at byte 5"],
  ["lt in attribute", "<a x='<'/>", "'<' not allowed in attribute value at byte 6"],
  ["CDATA outside root", "<![CDATA[x]]><a/>", "CDATA outside the root element at byte 8"],
  ["control character", "<a>\u0001</a>", "control character 0x01 not allowed in XML at byte 3"],
  ["overlong UTF-8", new Uint8Array([0x3c, 0x61, 0x3e, 0xc0, 0x80, 0x3c, 0x2f, 0x61, 0x3e]), "invalid UTF-8 lead byte 0xc0 at byte 3"],
  ["UTF-8 surrogate", new Uint8Array([0x3c, 0x61, 0x3e, 0xed, 0xa0, 0x80, 0x3c, 0x2f, 0x61, 0x3e]), "invalid UTF-8 continuation byte 0xa0 at byte 4"],
  ["lone continuation byte", new Uint8Array([0x3c, 0x61, 0x3e, 0x80, 0x3c, 0x2f, 0x61, 0x3e]), "invalid UTF-8 lead byte 0x80 at byte 3"],
  ["truncated UTF-8 sequence", new Uint8Array([0x3c, 0x61, 0x3e, 0xe2, 0x82, 0x3c, 0x2f, 0x61, 0x3e]), "invalid UTF-8 continuation byte 0x3c at byte 5"],
  ["space after <", "< a/>", "unexpected 0x20 after '<' at byte 1"],
  ["bad name character", "<a!/>", "unexpected '!' in element name at byte 2"],
  ["name too long inside the root", `<r><${"n".repeat(129)}></r>`, "name longer than 128 bytes at byte 132"],
  ["digit after < inside the root", "<r><1/></r>", "unexpected '1' after '<' at byte 4"],
  ["space after / inside the root", "<r><b/ ></r>", "expected '>' after '/' at byte 6"],
  ["end tag of another name inside the root", "<r><b></bb></r>", "end tag </bb> does not match <b> at byte 10"],
  ["HTML error page", "<!DOCTYPE html><html><body>502</body></html>", "<!DOCTYPE and other declarations are not supported (no DTDs or external entities) at byte 2"],
];

test("malformed input gives a specific error with its byte offset, at every chunk size", () => {
  for (const [label, input, message] of errors) {
    const doc = typeof input === "string" ? enc(input) : input;
    for (let size = 1; size <= doc.length; size++) {
      assert.is(run(doc, size).error, message, `${label} at chunk size ${size}`);
    }
  }
});

test("limits: depth, name length, attribute count, tag size, namespace table", () => {
  const l = defaultXmlLimits();
  assert.is(run(enc("<a>".repeat(l.depth + 1)), 3).error, `elements nested deeper than ${l.depth} at byte ${3 * l.depth + 2}`);
  assert.is(run(enc("<a>".repeat(l.depth) + "</a>".repeat(l.depth)), 5).error, "");
  assert.is(run(enc(`<${"n".repeat(l.nameLength + 1)}/>`), 4).error, `name longer than ${l.nameLength} bytes at byte ${l.nameLength + 1}`);
  const attrs = Array.from({ length: l.attributes + 1 }, (_, i) => `a${i}="v"`).join(" ");
  assert.match(run(enc(`<x ${attrs}/>`), 9).error, `more than ${l.attributes} attributes at byte`);
  assert.match(run(enc(`<x a="${"v".repeat(l.tagBuffer)}"/>`), 9).error, `tag longer than ${l.tagBuffer} bytes at byte`);
  const decls = Array.from({ length: l.namespaces / 2 + 1 }, (_, i) => `<x xmlns:a${i}="urn:a" xmlns:b${i}="urn:b">`).join("");
  assert.match(run(enc(decls), 50).error, `more than ${l.namespaces} namespace declarations in scope`);
  const long = Array.from({ length: 6 }, (_, i) => `<x xmlns="urn:${"u".repeat(400)}${i}">`).join("");
  assert.match(run(enc(long), 50).error, `namespace declarations exceed ${l.namespaceBytes} bytes`);
});

test("a huge single line of markup is refused without growing buffers", () => {
  const r = run(enc(`<a ${"x".repeat(10 * 1024 * 1024)}`), 65536);
  assert.is(r.error, `name longer than ${defaultXmlLimits().nameLength} bytes at byte ${3 + defaultXmlLimits().nameLength}`);
});

test("namespace scopes are released when elements close", () => {
  const one = '<r><a xmlns:p="urn:p"><p:b/></a><p:c/></r>';
  assert.is(run(enc(one), 1).error, "unbound namespace prefix 'p' at byte 37");
  const many = "<r>" + '<a xmlns:p="urn:p"><p:b/></a>'.repeat(500) + "</r>";
  assert.is(run(enc(many), 13).error, "");
});

test.run();
