// CalDAV request builders and the URL and authentication helpers they need. Each builder returns
// a complete request (method, absolute URL, headers, body); the driver only performs it.

import { utf8Decode, utf8Encode } from "../lib/text";

/** One HTTP request header. */
export interface Header {
  name: string;
  value: string;
}

/** A request for the driver to perform. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Header[];
  body: string;
}

const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n';
const NS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/"';
const B64 = utf8Encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

/** RFC 4648 base64 of bytes, with padding. */
export function base64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.floor((bytes.length + 2) / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const v = (bytes[i] << 16) | ((rest > 1 ? bytes[i + 1] : 0) << 8) | (rest > 2 ? bytes[i + 2] : 0);
    out[o] = B64[(v >> 18) & 63];
    out[o + 1] = B64[(v >> 12) & 63];
    out[o + 2] = rest > 1 ? B64[(v >> 6) & 63] : 0x3d;
    out[o + 3] = rest > 2 ? B64[v & 63] : 0x3d;
    o += 4;
  }
  return utf8Decode(out, 0, o);
}

/** `Authorization` value for HTTP Basic with a UTF-8 user and password (RFC 7617). */
export function basicAuth(user: string, password: string): string {
  return "Basic " + base64(utf8Encode(user + ":" + password));
}

/** s with the five XML special characters escaped, for text and attribute values. */
export function xmlEscape(s: string): string {
  // hrefs and tokens rarely hold any of these: they then cost the arena nothing
  if (!s.includes("&") && !s.includes("<") && !s.includes(">") && !s.includes('"') && !s.includes("'")) return s;
  return s.split("&").join("&amp;").split("<").join("&lt;").split(">").join("&gt;").split('"').join("&quot;").split("'").join("&apos;");
}

/** Byte index where the path of an absolute URL starts (its length if there is no path), or -1. */
function pathStart(url: Uint8Array): number {
  // scheme "://" authority
  let i = 0;
  while (i + 2 < url.length && !(url[i] === 0x3a && url[i + 1] === 0x2f && url[i + 2] === 0x2f)) i++;
  if (i + 2 >= url.length) return -1;
  i += 3;
  while (i < url.length && url[i] !== 0x2f && url[i] !== 0x3f && url[i] !== 0x23) i++;
  return i;
}

/** Whether s is an absolute http(s) URL. */
export function isAbsoluteUrl(s: string): boolean {
  const l = s.trim();
  return l.startsWith("http://") || l.startsWith("https://") || l.startsWith("HTTP://") || l.startsWith("HTTPS://");
}

/** `scheme://host[:port]` of an absolute URL. */
export function originOf(url: string): string {
  const b = utf8Encode(url);
  const p = pathStart(b);
  return p < 0 ? url : utf8Decode(b, 0, p);
}

/** The path (with query) of an absolute URL, "/" when it has none; other strings are returned as they are. */
export function pathOf(url: string): string {
  if (!isAbsoluteUrl(url)) return url;
  const b = utf8Encode(url);
  const p = pathStart(b);
  if (p < 0 || p >= b.length) return "/";
  return b[p] === 0x2f ? utf8Decode(b, p, b.length) : "/" + utf8Decode(b, p, b.length);
}

/** Resolves a reference (absolute URL, network path, absolute path or relative path) against an absolute base URL. */
export function resolveUrl(base: string, ref: string): string {
  const r = ref.trim();
  if (isAbsoluteUrl(r)) return r;
  if (r.startsWith("//")) return (base.startsWith("https") ? "https:" : "http:") + r;
  if (r.startsWith("/")) return originOf(base) + r;
  // relative: replace the last segment of the base path; found on bytes, since splitting a long
  // path into segments would cost the arena tens of bytes per segment on every redirect
  const path = utf8Encode(pathOf(base));
  let end = 0;
  while (end < path.length && path[end] !== 0x3f) end++;
  let slash = end - 1;
  while (slash > 0 && path[slash] !== 0x2f) slash--;
  const dirEnd = slash >= 0 && path[slash] === 0x2f ? slash + 1 : 0;
  const joined = utf8Decode(path, 0, dirEnd) + r;
  return originOf(base) + (hasDotSegment(joined) ? removeDotSegments(joined) : joined);
}

/** Whether a path has a `.` or `..` segment. */
function hasDotSegment(path: string): boolean {
  return path === "." || path === ".." || path.startsWith("./") || path.startsWith("../") || path.includes("/./") || path.includes("/../") || path.endsWith("/.") || path.endsWith("/..");
}

/** RFC 3986 §5.2.4 for the `.` and `..` segments relative references bring. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segs = path.split("/");
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s === ".") {
      if (i === segs.length - 1) out.push("");
    } else if (s === "..") {
      if (out.length > 1) out.pop();
      if (i === segs.length - 1) out.push("");
    } else out.push(s);
  }
  return out.join("/");
}

function header(name: string, value: string): Header {
  const h: Header = { name: name, value: value };
  return h;
}

function xmlRequest(method: string, url: string, depth: string, auth: string, body: string): HttpRequest {
  const headers: Header[] = [header("Depth", depth), header("Content-Type", "application/xml; charset=utf-8")];
  if (auth !== "") headers.push(header("Authorization", auth));
  const req: HttpRequest = { method: method, url: url, headers: headers, body: XML_DECL + body };
  return req;
}

/** Depth:0 PROPFIND telling whether url is a calendar, and which principal the user is. */
export function probeRequest(url: string, auth: string): HttpRequest {
  return xmlRequest("PROPFIND", url, "0", auth,
    `<d:propfind ${NS}><d:prop><d:current-user-principal/><d:resourcetype/><d:displayname/><c:supported-calendar-component-set/></d:prop></d:propfind>`);
}

/** Depth:0 PROPFIND for the principal's calendar-home-set. */
export function homeSetRequest(principalUrl: string, auth: string): HttpRequest {
  return xmlRequest("PROPFIND", principalUrl, "0", auth, `<d:propfind ${NS}><d:prop><c:calendar-home-set/></d:prop></d:propfind>`);
}

/** Depth:1 PROPFIND listing the collections in a calendar home with their component sets. */
export function listCalendarsRequest(homeUrl: string, auth: string): HttpRequest {
  return xmlRequest("PROPFIND", homeUrl, "1", auth,
    `<d:propfind ${NS}><d:prop><d:resourcetype/><d:displayname/><c:supported-calendar-component-set/></d:prop></d:propfind>`);
}

/** Depth:0 PROPFIND for a collection's change markers: the cheap idle poll. */
export function collectionStateRequest(collectionUrl: string, auth: string): HttpRequest {
  return xmlRequest("PROPFIND", collectionUrl, "0", auth, `<d:propfind ${NS}><d:prop><cs:getctag/><d:sync-token/></d:prop></d:propfind>`);
}

/** RFC 6578 sync-collection REPORT: members changed or removed since token, with their ETags. */
export function syncCollectionRequest(collectionUrl: string, token: string, auth: string): HttpRequest {
  return xmlRequest("REPORT", collectionUrl, "0", auth,
    `<d:sync-collection ${NS}><d:sync-token>${xmlEscape(token)}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`);
}

/** CalDAV calendar-query REPORT listing the href and ETag of every VTODO resource. */
export function todoEtagsRequest(collectionUrl: string, auth: string): HttpRequest {
  return xmlRequest("REPORT", collectionUrl, "1", auth,
    `<c:calendar-query ${NS}><d:prop><d:getetag/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VTODO"/></c:comp-filter></c:filter></c:calendar-query>`);
}

/** Depth:1 PROPFIND listing every member's ETag, for servers whose calendar-query fails. */
export function memberEtagsRequest(collectionUrl: string, auth: string): HttpRequest {
  return xmlRequest("PROPFIND", collectionUrl, "1", auth, `<d:propfind ${NS}><d:prop><d:resourcetype/><d:getetag/></d:prop></d:propfind>`);
}

/** CalDAV calendar-multiget REPORT for the given member hrefs (paths as the server reported them). */
export function multigetRequest(collectionUrl: string, hrefs: string[], auth: string): HttpRequest {
  let refs = "";
  for (const h of hrefs) refs += `<d:href>${xmlEscape(h)}</d:href>`;
  return xmlRequest("REPORT", collectionUrl, "1", auth,
    `<c:calendar-multiget ${NS}><d:prop><d:getetag/><c:calendar-data/></d:prop>${refs}</c:calendar-multiget>`);
}

/** Plain GET of one calendar object, for servers whose multiget fails. */
export function getObjectRequest(objectUrl: string, auth: string): HttpRequest {
  const headers: Header[] = [header("Accept", "text/calendar")];
  if (auth !== "") headers.push(header("Authorization", auth));
  const req: HttpRequest = { method: "GET", url: objectUrl, headers: headers, body: "" };
  return req;
}
