// Pull reader for WebDAV/CalDAV multistatus bodies (PROPFIND, REPORT calendar-query,
// calendar-multiget, sync-collection) on top of the XML tokenizer.
//
// Elements are matched by namespace URI and local name, never by prefix, so Radicale's `D:`/`C:`,
// sabre/dav's `d:`/`cal:`, Apple's `ns0:` and default namespaces all read the same. Small values
// (hrefs, ETags, tokens) are collected in one fixed buffer and reported when their element ends;
// calendar-data is passed on in pieces as it arrives, so its size is unbounded.

import { utf8Decode, utf8Encode } from "../lib/text";
import { XmlEvent, XmlLimits, XmlTokenizer } from "../xml/tokenizer";

/** What `MultistatusReader.next()` found. */
export enum MsEvent {
  /** a `<response>` begins */
  ResponseStart = 1,
  /** `text`: a member href of the current response */
  Href = 2,
  /** `status`: a response- or propstat-level HTTP status code */
  Status = 3,
  /** `text`: DAV:getetag */
  Etag = 4,
  /** `text`: CalendarServer getctag */
  Ctag = 5,
  /** `text`: DAV:sync-token, as a property or as the sync-collection result */
  SyncToken = 6,
  /** calendar-data text, entity-decoded UTF-8, in `bytes[start, end)` */
  CalDataChunk = 7,
  /** the calendar-data that had at least one chunk is complete */
  CalDataEnd = 8,
  /** `status`: the response's status (response-level, else 200 if any propstat succeeded, else the first propstat's) */
  ResponseEnd = 9,
  Done = 10,
  /** `error` says what went wrong */
  Error = 11,
  /** feed the next chunk (or finish) */
  NeedMore = 12,
  /** `text`: DAV:current-user-principal href */
  PrincipalHref = 13,
  /** `text`: CALDAV:calendar-home-set href */
  HomeSetHref = 14,
  /** the resource type includes CALDAV:calendar */
  Calendar = 15,
  /** `text`: a component name from CALDAV:supported-calendar-component-set */
  Component = 16,
  /** `text`: DAV:displayname */
  DisplayName = 17,
}

const DAV = utf8Encode("DAV:");
const CALDAV = utf8Encode("urn:ietf:params:xml:ns:caldav");
const CS = utf8Encode("http://calendarserver.org/ns/");
const NO_NS = utf8Encode("");

const E_OTHER = 0;
const E_MULTISTATUS = 1;
const E_RESPONSE = 2;
const E_HREF = 3;
const E_STATUS = 4;
const E_PROPSTAT = 5;
const E_PROP = 6;
const E_GETETAG = 7;
const E_GETCTAG = 8;
const E_SYNC_TOKEN = 9;
const E_CALENDAR_DATA = 10;
const E_PRINCIPAL = 11;
const E_HOME_SET = 12;
const E_RESOURCETYPE = 13;
const E_CALENDAR = 14;
const E_COMPONENTS = 15;
const E_COMP = 16;
const E_DISPLAYNAME = 17;

const L_MULTISTATUS = utf8Encode("multistatus");
const L_RESPONSE = utf8Encode("response");
const L_HREF = utf8Encode("href");
const L_STATUS = utf8Encode("status");
const L_PROPSTAT = utf8Encode("propstat");
const L_PROP = utf8Encode("prop");
const L_GETETAG = utf8Encode("getetag");
const L_GETCTAG = utf8Encode("getctag");
const L_SYNC_TOKEN = utf8Encode("sync-token");
const L_CALENDAR_DATA = utf8Encode("calendar-data");
const L_PRINCIPAL = utf8Encode("current-user-principal");
const L_HOME_SET = utf8Encode("calendar-home-set");
const L_RESOURCETYPE = utf8Encode("resourcetype");
const L_CALENDAR = utf8Encode("calendar");
const L_COMPONENTS = utf8Encode("supported-calendar-component-set");
const L_COMP = utf8Encode("comp");
const L_DISPLAYNAME = utf8Encode("displayname");
const L_NAME = utf8Encode("name");

/** Bytes of one href, ETag, token or display name; longer values are an error. */
export const MAX_VALUE_BYTES = 1024;

function isXmlSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** Status code in the HTTP status line held in bytes[start, end) (`HTTP/1.1 404 Not Found`), or 0. */
export function statusOfLine(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  // "HTTP/" then a version without spaces
  if (end - i < 5 || bytes[i] !== 0x48 || bytes[i + 1] !== 0x54 || bytes[i + 2] !== 0x54 || bytes[i + 3] !== 0x50 || bytes[i + 4] !== 0x2f) return 0;
  while (i < end && bytes[i] !== 0x20) i++;
  while (i < end && bytes[i] === 0x20) i++;
  if (end - i < 3 || !isDigit(bytes[i]) || !isDigit(bytes[i + 1]) || !isDigit(bytes[i + 2])) return 0;
  if (end - i > 3 && bytes[i + 3] !== 0x20 && bytes[i + 3] !== 0x0d && bytes[i + 3] !== 0x0a) return 0;
  return (bytes[i] - 0x30) * 100 + (bytes[i + 1] - 0x30) * 10 + (bytes[i + 2] - 0x30);
}

/** Status code in an HTTP status line such as `HTTP/1.1 404 Not Found`, or 0. */
export function parseStatusLine(line: string): number {
  const b = utf8Encode(line);
  return statusOfLine(b, 0, b.length);
}

/** Pull reader: feed(chunk) after NeedMore, finish() at end of body, next() for events. */
export class MultistatusReader {
  private xml: XmlTokenizer;
  /** element code per open depth */
  private path: Int32Array;
  private value: Uint8Array = new Uint8Array(MAX_VALUE_BYTES);
  private valueLen: number = 0;
  private collecting: boolean = false;
  /** byte offset where the collected value's content starts (reported when it is too long) */
  private valueAt: number = 0;
  private valueOverflow: boolean = false;
  private calDataSeen: boolean = false;
  private respStatus: number = 0;
  private propOk: boolean = false;
  private propFirst: number = 0;
  private started: boolean = false;
  /** the current value, whitespace-trimmed: value[valueStart, valueEnd) */
  private valueStart: number = 0;
  private valueEnd: number = 0;
  /** a Component's name comes from an attribute, not from the value buffer */
  private attrText: string = "";
  private fromAttr: boolean = false;
  /** payload of Status and ResponseEnd */
  status: number = 0;
  /** bytes of a CalDataChunk: `bytes[start, end)` */
  bytes: Uint8Array;
  start: number = 0;
  end: number = 0;
  /** true between ResponseStart and ResponseEnd */
  inResponse: boolean = false;
  error: string = "";
  private failed: boolean = false;

  constructor(limits: XmlLimits) {
    this.xml = new XmlTokenizer(limits);
    this.path = new Int32Array(limits.depth + 1);
    this.bytes = this.xml.text;
  }

  /** Forgets the current body and starts a new one, keeping the buffers. */
  reset(): void {
    this.xml.reset();
    this.valueLen = 0;
    this.collecting = false;
    this.valueAt = 0;
    this.valueOverflow = false;
    this.calDataSeen = false;
    this.respStatus = 0;
    this.propOk = false;
    this.propFirst = 0;
    this.started = false;
    this.valueStart = 0;
    this.valueEnd = 0;
    this.attrText = "";
    this.fromAttr = false;
    this.status = 0;
    this.inResponse = false;
    this.error = "";
    this.failed = false;
  }

  /**
   * The string payload of the current Href, Etag, Ctag, SyncToken, PrincipalHref, HomeSetHref,
   * Component or DisplayName event, trimmed. Decoded only when asked for, so reading a body
   * allocates nothing per response.
   */
  text(): string {
    if (this.fromAttr) return this.attrText;
    return utf8Decode(this.value, this.valueStart, this.valueEnd);
  }

  /** Hands over the next body chunk; it must stay unchanged until next() returns NeedMore. */
  feed(chunk: Uint8Array): void {
    this.xml.feed(chunk);
  }

  /** Marks the end of the body. */
  finish(): void {
    this.xml.finish();
  }

  /** Advances to the next event. */
  next(): number {
    if (this.failed) return MsEvent.Error;
    for (;;) {
      const e = this.xml.next();
      if (e === XmlEvent.NeedMore) return MsEvent.NeedMore;
      if (e === XmlEvent.Error) return this.fail(this.xml.error);
      if (e === XmlEvent.Eof) return MsEvent.Done;
      if (e === XmlEvent.Start) {
        const r = this.onStart();
        if (r !== 0) return r;
      } else if (e === XmlEvent.End) {
        const r = this.onEnd();
        if (r !== 0) return r;
      } else if (e === XmlEvent.Text) {
        const r = this.onText();
        if (r !== 0) return r;
      }
    }
  }

  private trimValue(): void {
    let a = 0;
    let b = this.valueLen;
    while (a < b && isXmlSpace(this.value[a])) a++;
    while (b > a && isXmlSpace(this.value[b - 1])) b--;
    this.valueStart = a;
    this.valueEnd = b;
    this.fromAttr = false;
  }

  private fail(message: string): number {
    this.failed = true;
    this.error = message;
    return MsEvent.Error;
  }

  private parent(): number {
    const d = this.xml.depth;
    return d >= 2 ? this.path[d - 2] : -1;
  }

  /** Element code of the element just opened, judged by its name and where it sits. */
  private classify(): number {
    const x = this.xml;
    const p = this.parent();
    // one namespace comparison per element, then only the local names that may sit in the parent
    if (x.inNamespace(DAV)) {
      if (p === E_PROP) {
        if (x.hasLocalName(L_GETETAG)) return E_GETETAG;
        if (x.hasLocalName(L_SYNC_TOKEN)) return E_SYNC_TOKEN;
        if (x.hasLocalName(L_PRINCIPAL)) return E_PRINCIPAL;
        if (x.hasLocalName(L_RESOURCETYPE)) return E_RESOURCETYPE;
        if (x.hasLocalName(L_DISPLAYNAME)) return E_DISPLAYNAME;
        return E_OTHER;
      }
      if (p === E_RESPONSE) {
        if (x.hasLocalName(L_HREF)) return E_HREF;
        if (x.hasLocalName(L_PROPSTAT)) return E_PROPSTAT;
        if (x.hasLocalName(L_STATUS)) return E_STATUS;
        return E_OTHER;
      }
      if (p === E_PROPSTAT) {
        if (x.hasLocalName(L_PROP)) return E_PROP;
        if (x.hasLocalName(L_STATUS)) return E_STATUS;
        return E_OTHER;
      }
      if (p === E_MULTISTATUS) {
        if (x.hasLocalName(L_RESPONSE)) return E_RESPONSE;
        if (x.hasLocalName(L_SYNC_TOKEN)) return E_SYNC_TOKEN;
        return E_OTHER;
      }
      if (p === E_PRINCIPAL || p === E_HOME_SET) return x.hasLocalName(L_HREF) ? E_HREF : E_OTHER;
      if (p === -1 && x.hasLocalName(L_MULTISTATUS)) return E_MULTISTATUS;
      return E_OTHER;
    }
    if (x.inNamespace(CALDAV)) {
      if (p === E_PROP) {
        if (x.hasLocalName(L_CALENDAR_DATA)) return E_CALENDAR_DATA;
        if (x.hasLocalName(L_HOME_SET)) return E_HOME_SET;
        if (x.hasLocalName(L_COMPONENTS)) return E_COMPONENTS;
      }
      if (p === E_RESOURCETYPE && x.hasLocalName(L_CALENDAR)) return E_CALENDAR;
      if (p === E_COMPONENTS && x.hasLocalName(L_COMP)) return E_COMP;
      return E_OTHER;
    }
    if (p === E_PROP && x.inNamespace(CS) && x.hasLocalName(L_GETCTAG)) return E_GETCTAG;
    return E_OTHER;
  }

  private onStart(): number {
    const x = this.xml;
    const code = this.classify();
    if (!this.started) {
      this.started = true;
      if (code !== E_MULTISTATUS) {
        return this.fail(`not a DAV:multistatus body: root element is {${x.namespaceUri()}}${x.localName()}`);
      }
    }
    this.path[x.depth - 1] = code;
    switch (code) {
      case E_RESPONSE:
        this.inResponse = true;
        this.respStatus = 0;
        this.propOk = false;
        this.propFirst = 0;
        return MsEvent.ResponseStart;
      case E_HREF:
      case E_STATUS:
      case E_GETETAG:
      case E_GETCTAG:
      case E_SYNC_TOKEN:
      case E_DISPLAYNAME:
        this.collecting = true;
        this.valueLen = 0;
        this.valueAt = x.position();
        this.valueOverflow = false;
        return 0;
      case E_CALENDAR_DATA:
        this.calDataSeen = false;
        return 0;
      case E_CALENDAR:
        return MsEvent.Calendar;
      case E_COMP: {
        const name = x.attributeValueOf(NO_NS, L_NAME);
        if (name === "") return 0;
        this.attrText = name;
        this.fromAttr = true;
        return MsEvent.Component;
      }
    }
    return 0;
  }

  private onText(): number {
    const x = this.xml;
    const code = this.path[x.depth - 1];
    if (code === E_CALENDAR_DATA) {
      this.calDataSeen = true;
      this.bytes = x.text;
      this.start = x.textStart;
      this.end = x.textEnd;
      return MsEvent.CalDataChunk;
    }
    if (!this.collecting || this.valueOverflow) return 0;
    // positions within the tokenizer's buffers and the value buffer are int32: `| 0` keeps them C ints
    const n = (x.textEnd - x.textStart) | 0;
    if (this.valueLen + n > this.value.length) {
      // reported at the end tag, so a later malformed byte wins whatever pieces the body came in
      this.valueOverflow = true;
      return 0;
    }
    this.value.set(x.text.subarray(x.textStart, x.textEnd), this.valueLen);
    this.valueLen = (this.valueLen + n) | 0;
    return 0;
  }

  private onEnd(): number {
    const x = this.xml;
    const code = this.path[x.depth - 1];
    const p = this.parent();
    if (this.collecting) {
      this.collecting = false;
      if (this.valueOverflow) {
        // where the content starts, not where the reader noticed: that depends on how the body was split
        return this.fail("value of <" + x.localName() + "> at byte " + String(this.valueAt) + " longer than " + String(this.value.length) + " bytes");
      }
      this.trimValue();
    }
    const blank = this.valueStart === this.valueEnd;
    switch (code) {
      case E_RESPONSE:
        this.inResponse = false;
        this.status = this.respStatus !== 0 ? this.respStatus : this.propOk ? 200 : this.propFirst;
        return MsEvent.ResponseEnd;
      case E_HREF:
        if (blank) return 0;
        if (p === E_PRINCIPAL) return MsEvent.PrincipalHref;
        if (p === E_HOME_SET) return MsEvent.HomeSetHref;
        return MsEvent.Href;
      case E_STATUS:
        this.status = statusOfLine(this.value, 0, this.valueLen);
        if (p === E_RESPONSE) this.respStatus = this.status;
        else {
          if (this.propFirst === 0) this.propFirst = this.status;
          if (this.status >= 200 && this.status < 300) this.propOk = true;
        }
        return MsEvent.Status;
      case E_GETETAG:
        return blank ? 0 : MsEvent.Etag;
      case E_GETCTAG:
        return blank ? 0 : MsEvent.Ctag;
      case E_SYNC_TOKEN:
        return blank ? 0 : MsEvent.SyncToken;
      case E_DISPLAYNAME:
        return blank ? 0 : MsEvent.DisplayName;
      case E_CALENDAR_DATA:
        return this.calDataSeen ? MsEvent.CalDataEnd : 0;
    }
    return 0;
  }
}
