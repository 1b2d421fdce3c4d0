// Sans-I/O CalDAV sync state machine: discovery, then per poll a cheap change check per collection
// and, for changed collections, only the changed objects.
//
// The driver calls startPoll() and then loops on next(): Request → perform `request`, report
// response(status), header(name, value) for each header, then body(chunk) for each chunk (calling
// next() until it answers NeedBody) and bodyEnd(); ObjectData/ObjectEnd/ObjectRemoved tell the
// consumer what changed; Done or Error ends the poll. All state lives in this object, so a failed
// poll simply leaves the previous poll's markers in place and the next poll retries.

import { copyString } from "../lib/mem";
import { asciiLower, utf8Length } from "../lib/text";
import { XmlLimits } from "../xml/tokenizer";
import { MAX_VALUE_BYTES, MsEvent, MultistatusReader } from "./multistatus";
import {
  HttpRequest,
  basicAuth,
  collectionStateRequest,
  getObjectRequest,
  homeSetRequest,
  listCalendarsRequest,
  memberEtagsRequest,
  multigetRequest,
  originOf,
  pathOf,
  probeRequest,
  resolveUrl,
  syncCollectionRequest,
  todoEtagsRequest,
} from "./requests";

/** What `CalDavSync.next()` asks of the driver or tells the consumer. */
export enum SyncEvent {
  /** perform `request` */
  Request = 1,
  /** feed the next response body chunk with body(), or bodyEnd() */
  NeedBody = 2,
  /** `bytes[start, end)` is the next piece of calendar object `href` in collection `collection` */
  ObjectData = 3,
  /** calendar object `href` is complete; its ETag is `etag` */
  ObjectEnd = 4,
  /** calendar object `href` of collection `collection` no longer exists */
  ObjectRemoved = 5,
  /** the poll is complete */
  Done = 6,
  /** the poll failed: `error` says why; markers stay as they were */
  Error = 7,
}

/** A calendar collection that holds tasks, with what the last complete poll saw. */
export interface TaskCollection {
  url: string;
  name: string;
  ctag: string;
  syncToken: string;
  /** member hrefs (paths) and their ETags, index for index */
  hrefs: string[];
  etags: string[];
  /** false once sync-collection failed with something other than an expired token */
  syncWorks: boolean;
}

/** Objects per calendar-multiget request: small enough for any server and for device RAM. */
export const MULTIGET_BATCH = 10;
/** Redirects followed for one request. */
export const MAX_REDIRECTS = 5;
/**
 * Bytes of a redirect's Location and of the URL it resolves to. Each hop builds the new URL from
 * the old, so without a bound a server could make the device's memory grow with every redirect.
 */
export const MAX_URL_BYTES = 1024;
/** Task calendars one account may have; discovery finding more asks for one calendar's URL. */
export const MAX_COLLECTIONS = 8;
/**
 * Calendar objects one account may hold, over all its calendars: each costs the device its href,
 * ETag and held tasks between polls, so a listing or a sync answer naming more fails the poll
 * (the last good tasks stay) instead of exhausting the device's memory.
 */
export const MAX_OBJECTS = 500;

const P_PROBE = 1;
const P_WELL_KNOWN = 2;
const P_HOME = 3;
const P_LIST = 4;
const P_STATE = 5;
const P_SYNC = 6;
const P_QUERY = 7;
const P_MEMBERS = 8;
const P_FETCH = 9;
const P_MULTIGET = 10;
const P_GET = 11;
const P_DONE = 12;
const P_FAILED = 13;

const IO_IDLE = 0;
const IO_WAITING = 1;
const IO_ENDED = 2;

const BODY_IGNORE = 0;
const BODY_MULTISTATUS = 1;
const BODY_OBJECT = 2;

/** Stands for a header value past its limit (a value no server sends: it has a line break). */
const TOO_LONG = "\n";

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Paths equal up to a trailing slash. */
function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  // equal but for one trailing slash, found without building a + "/" for every response
  const la = utf8Length(a);
  const lb = utf8Length(b);
  if (la === lb + 1) return a.endsWith("/") && a.startsWith(b);
  if (lb === la + 1) return b.endsWith("/") && b.startsWith(a);
  return false;
}

function copyLimits(l: XmlLimits): XmlLimits {
  const c: XmlLimits = {
    textBuffer: l.textBuffer,
    tagBuffer: l.tagBuffer,
    nameLength: l.nameLength,
    attributes: l.attributes,
    depth: l.depth,
    namespaces: l.namespaces,
    namespaceBytes: l.namespaceBytes,
  };
  return c;
}

function newCollection(url: string, name: string): TaskCollection {
  const c: TaskCollection = { url: url, name: name, ctag: "", syncToken: "", hrefs: [], etags: [], syncWorks: true };
  return c;
}

/** ETag remembered for href in c, or "". */
function knownEtag(c: TaskCollection, href: string): string {
  const i = c.hrefs.indexOf(href);
  return i < 0 ? "" : c.etags[i];
}

/** Sync state for one account: discovery results and per-collection markers between polls. */
export class CalDavSync {
  private url: string;
  private auth: string;
  private limits: XmlLimits;
  private reader: MultistatusReader;
  /** calendars holding tasks, found by discovery and kept between polls */
  collections: TaskCollection[] = [];
  /** Calendar objects the account may hold (MAX_OBJECTS unless the driver sets what its memory allows). */
  maxObjects: number = MAX_OBJECTS;

  /** the request to perform after Request */
  request: HttpRequest;
  /** payload of ObjectData / ObjectEnd / ObjectRemoved */
  href: string = "";
  etag: string = "";
  collection: number = 0;
  bytes: Uint8Array = new Uint8Array(0);
  start: number = 0;
  end: number = 0;
  /** after Error */
  error: string = "";
  /** requests made by the current poll */
  requests: number = 0;

  private phase: number = P_DONE;
  private io: number = IO_IDLE;
  private bodyMode: number = BODY_IGNORE;
  private modeChosen: boolean = false;
  private status: number = 0;
  private location: string = "";
  private headerEtag: string = "";
  private hops: number = 0;
  private rawChunk: Uint8Array = new Uint8Array(0);
  private rawPending: boolean = false;

  // discovery scratch
  private principal: string = "";
  private homeSet: string = "";
  private isCalendar: boolean = false;
  private hasComps: boolean = false;
  private hasTodo: boolean = false;
  private displayName: string = "";

  // per-collection poll scratch
  private ci: number = 0;
  private newCtag: string = "";
  private newToken: string = "";
  private stateToken: string = "";
  private syncMore: boolean = false;
  private fetch: string[] = [];
  /** hrefs in `fetch` the collection does not hold yet */
  private fetchNew: number = 0;
  private fetchPos: number = 0;
  private batch: string[] = [];
  private getPos: number = 0;
  private listedHrefs: string[] = [];
  private listedEtags: string[] = [];
  /** removals found by a full listing, reported one per next(): href and collection index */
  private removed: string[] = [];
  private removedFrom: number[] = [];
  private removedPos: number = 0;

  /** the path of collections[ci], which every response of its requests is compared with */
  private collectionPath: string = "";

  // current <response>
  private respHref: string = "";
  private respEtag: string = "";
  private respData: boolean = false;

  constructor(url: string, user: string, password: string, limits: XmlLimits) {
    this.url = url;
    this.auth = user === "" ? "" : basicAuth(user, password);
    this.limits = limits;
    this.reader = new MultistatusReader(limits);
    this.request = probeRequest(url, this.auth);
  }

  /**
   * Between polls: a deep copy of what later polls need (URL, credentials, collections and their
   * markers) allocated in the current arena, so a driver can run each poll in a fresh arena and
   * release the previous one whole.
   */
  carry(): CalDavSync {
    const next = new CalDavSync(copyString(this.url), "", "", copyLimits(this.limits));
    next.auth = copyString(this.auth);
    next.maxObjects = this.maxObjects;
    for (const c of this.collections) {
      const d = newCollection(copyString(c.url), copyString(c.name));
      d.ctag = copyString(c.ctag);
      d.syncToken = copyString(c.syncToken);
      d.syncWorks = c.syncWorks;
      for (let i = 0; i < c.hrefs.length; i++) {
        d.hrefs.push(copyString(c.hrefs[i]));
        d.etags.push(copyString(c.etags[i]));
      }
      next.collections.push(d);
    }
    return next;
  }

  /** Begins a poll: discovery first if no collections are known yet. */
  startPoll(): void {
    this.requests = 0;
    this.error = "";
    this.removed = [];
    this.removedFrom = [];
    this.removedPos = 0;
    if (this.collections.length === 0) this.send(P_PROBE, probeRequest(this.url, this.auth));
    else this.beginCollection(0);
  }

  /** The response status line arrived. */
  response(status: number): void {
    this.status = status;
    this.location = "";
    this.headerEtag = "";
  }

  /** One response header, name in any case. */
  header(name: string, value: string): void {
    const n = asciiLower(name);
    // oversized values are kept as a marker only, so their bytes never reach the arena
    if (n === "location") this.location = utf8Length(value) > MAX_URL_BYTES ? TOO_LONG : value.trim();
    else if (n === "etag") this.headerEtag = utf8Length(value) > MAX_VALUE_BYTES ? TOO_LONG : value.trim();
  }

  /** The next response body chunk; it must stay unchanged until next() answers NeedBody. */
  body(chunk: Uint8Array): void {
    if (this.io !== IO_WAITING) return;
    if (!this.modeChosen) this.chooseBodyMode();
    if (this.bodyMode === BODY_MULTISTATUS) this.reader.feed(chunk);
    else if (this.bodyMode === BODY_OBJECT) {
      this.rawChunk = chunk;
      this.rawPending = true;
    }
  }

  /** The response body is complete. */
  bodyEnd(): void {
    if (this.io !== IO_WAITING) return;
    if (!this.modeChosen) this.chooseBodyMode();
    if (this.bodyMode === BODY_MULTISTATUS) this.reader.finish();
    this.io = IO_ENDED;
  }

  /** The transport failed (connection, TLS, timeout): the poll ends with Error. */
  fail(message: string): void {
    this.error = message;
    this.phase = P_FAILED;
  }

  /** Advances the poll. */
  next(): number {
    for (;;) {
      if (this.removedPos < this.removed.length) {
        this.href = this.removed[this.removedPos];
        this.collection = this.removedFrom[this.removedPos];
        this.removedPos++;
        return SyncEvent.ObjectRemoved;
      }
      if (this.phase === P_FAILED) return SyncEvent.Error;
      if (this.phase === P_DONE) return SyncEvent.Done;
      if (this.io === IO_IDLE) {
        this.io = IO_WAITING;
        this.bodyMode = BODY_IGNORE;
        this.modeChosen = false;
        this.status = 0;
        this.requests++;
        return SyncEvent.Request;
      }
      if (this.status === 0) return SyncEvent.NeedBody;
      if (!this.modeChosen) this.chooseBodyMode();
      if (this.bodyMode === BODY_MULTISTATUS) {
        const e = this.reader.next();
        if (e === MsEvent.NeedMore) return SyncEvent.NeedBody;
        if (e === MsEvent.Error) {
          const what = `${this.request.method} ${this.request.url}: ${this.reader.error}`;
          if (this.phase !== P_PROBE) return this.failWith(what);
          // a URL that is no DAV resource (a web page, say): drain it, then try /.well-known/caldav
          this.bodyMode = BODY_IGNORE;
          continue;
        }
        if (e === MsEvent.Done) {
          this.afterResponse();
          continue;
        }
        const r = this.onMultistatus(e);
        if (r !== 0) return r;
        continue;
      }
      if (this.bodyMode === BODY_OBJECT) {
        if (this.rawPending) {
          this.rawPending = false;
          this.bytes = this.rawChunk;
          this.start = 0;
          this.end = this.rawChunk.length;
          return SyncEvent.ObjectData;
        }
        if (this.io !== IO_ENDED) return SyncEvent.NeedBody;
        this.bodyMode = BODY_IGNORE;
        if (this.headerEtag === TOO_LONG) return this.failWith(`GET ${this.request.url}: ETag longer than ${MAX_VALUE_BYTES} bytes`);
        this.etag = this.headerEtag;
        if (!this.rememberEtag(this.href, this.etag)) return this.tooManyObjects();
        this.nextGet();
        return SyncEvent.ObjectEnd;
      }
      if (this.io !== IO_ENDED) return SyncEvent.NeedBody;
      const r = this.onStatusOnly();
      if (r !== 0) return r;
    }
  }

  private failWith(message: string): number {
    this.fail(message);
    return SyncEvent.Error;
  }

  private send(phase: number, request: HttpRequest): void {
    this.phase = phase;
    this.request = request;
    this.io = IO_IDLE;
    this.hops = 0;
  }

  /** Multistatus for 207 (and for the 200 some servers send), raw bytes for a good GET, else nothing. */
  private chooseBodyMode(): void {
    if (this.status === 0) return;
    this.modeChosen = true;
    if (this.phase === P_GET) {
      if (this.status < 200 || this.status >= 300) return;
      this.bodyMode = BODY_OBJECT;
      this.rawPending = false;
      this.href = this.batch[this.getPos];
      this.collection = this.ci;
    } else if (this.status === 207 || this.status === 200) {
      this.bodyMode = BODY_MULTISTATUS;
      this.reader.reset();
      this.resetScratch();
    }
  }

  private resetScratch(): void {
    this.principal = "";
    this.homeSet = "";
    this.isCalendar = false;
    this.hasComps = false;
    this.hasTodo = false;
    this.displayName = "";
    this.listedHrefs = [];
    this.listedEtags = [];
  }

  private onMultistatus(e: number): number {
    const r = this.reader;
    switch (e) {
      case MsEvent.ResponseStart:
        this.respHref = "";
        this.respEtag = "";
        this.respData = false;
        if (this.phase === P_LIST) {
          this.isCalendar = false;
          this.hasComps = false;
          this.hasTodo = false;
          this.displayName = "";
        }
        return 0;
      case MsEvent.Href:
        if (this.respHref === "") this.respHref = pathOf(r.text());
        return 0;
      case MsEvent.Etag:
        this.respEtag = r.text();
        return 0;
      case MsEvent.Ctag:
        if (this.phase === P_STATE) this.newCtag = r.text();
        return 0;
      case MsEvent.SyncToken:
        if ((this.phase === P_STATE && r.inResponse) || (this.phase === P_SYNC && !r.inResponse)) this.newToken = r.text();
        return 0;
      case MsEvent.PrincipalHref:
        this.principal = r.text();
        return 0;
      case MsEvent.HomeSetHref:
        if (this.homeSet === "") this.homeSet = r.text();
        return 0;
      case MsEvent.Calendar:
        this.isCalendar = true;
        return 0;
      case MsEvent.Component:
        this.hasComps = true;
        if (r.text() === "VTODO") this.hasTodo = true;
        return 0;
      case MsEvent.DisplayName:
        this.displayName = r.text();
        return 0;
      case MsEvent.CalDataChunk:
        if (this.phase !== P_MULTIGET) return 0;
        this.respData = true;
        this.href = this.respHref;
        this.collection = this.ci;
        this.bytes = r.bytes;
        this.start = r.start;
        this.end = r.end;
        return SyncEvent.ObjectData;
      case MsEvent.ResponseEnd:
        return this.onResponseEnd(r.status);
    }
    return 0;
  }

  private onResponseEnd(status: number): number {
    const ok = status >= 200 && status < 300;
    if (this.phase === P_LIST) {
      if (ok && this.isCalendar && (this.hasTodo || !this.hasComps) && this.respHref !== "") {
        if (this.collections.length >= MAX_COLLECTIONS) {
          this.collections = [];
          return this.failWith(`more than ${MAX_COLLECTIONS} task calendars in ${this.request.url}: set the URL to one of them`);
        }
        this.collections.push(newCollection(resolveUrl(this.request.url, this.respHref), this.displayName));
      }
      return 0;
    }
    if (this.phase < P_STATE) return 0;
    const c = this.collections[this.ci];
    const own = samePath(this.respHref, this.collectionPath);
    switch (this.phase) {
      case P_SYNC:
        // RFC 6578 §3.6: a 507 for the collection itself means more changes follow under the new token
        if (own && status === 507) this.syncMore = true;
        if (own || this.respHref === "") return 0;
        if (status === 404) return this.forget(c, this.respHref);
        if (ok && (this.respEtag === "" || knownEtag(c, this.respHref) !== this.respEtag)) {
          // refused before anything is fetched, so the held tasks stay as the last good poll left them
          if (c.hrefs.indexOf(this.respHref) < 0) this.fetchNew++;
          if (c.hrefs.length + this.heldElsewhere() + this.fetchNew > this.maxObjects) return this.tooManyObjects();
          this.fetch.push(this.respHref);
        }
        return 0;
      case P_QUERY:
      case P_MEMBERS:
        if (own || !ok || this.respHref === "" || this.respHref.endsWith("/")) return 0;
        if (this.listedHrefs.length + this.heldElsewhere() >= this.maxObjects) return this.tooManyObjects();
        this.listedHrefs.push(this.respHref);
        this.listedEtags.push(this.respEtag);
        return 0;
      case P_MULTIGET:
        if (this.respHref === "") return 0;
        if (status === 404) return this.forget(c, this.respHref);
        // a member without calendar data (Xandikos for non-.ics names) is remembered so it is not fetched again
        if (!this.rememberEtag(this.respHref, this.respEtag)) return this.tooManyObjects();
        if (!this.respData) return 0;
        this.href = this.respHref;
        this.etag = this.respEtag;
        this.collection = this.ci;
        return SyncEvent.ObjectEnd;
    }
    return 0;
  }

  /** Records href's ETag; false when href is new and the account already holds maxObjects. */
  private rememberEtag(href: string, etag: string): boolean {
    const c = this.collections[this.ci];
    const i = c.hrefs.indexOf(href);
    if (i >= 0) c.etags[i] = etag;
    else {
      if (c.hrefs.length + this.heldElsewhere() >= this.maxObjects) return false;
      c.hrefs.push(href);
      c.etags.push(etag);
    }
    return true;
  }

  /** Objects held for the account's other collections. */
  private heldElsewhere(): number {
    let n = 0;
    for (let i = 0; i < this.collections.length; i++) {
      if (i !== this.ci) n += this.collections[i].hrefs.length;
    }
    return n;
  }

  private tooManyObjects(): number {
    return this.failWith(`${this.collections[this.ci].url}: more than ${this.maxObjects} calendar objects (the device holds at most ${this.maxObjects})`);
  }

  /** Drops href from c and reports it if it was known. */
  private forget(c: TaskCollection, href: string): number {
    const i = c.hrefs.indexOf(href);
    if (i < 0) return 0;
    const last = c.hrefs.length - 1;
    c.hrefs[i] = c.hrefs[last];
    c.etags[i] = c.etags[last];
    c.hrefs.length = last;
    c.etags.length = last;
    this.href = href;
    this.collection = this.ci;
    return SyncEvent.ObjectRemoved;
  }

  /** A 207 body was read completely: decide the next step. */
  private afterResponse(): void {
    this.bodyMode = BODY_IGNORE;
    switch (this.phase) {
      case P_PROBE:
      case P_WELL_KNOWN:
        if (this.phase === P_PROBE && this.isCalendar) {
          if (this.hasComps && !this.hasTodo) {
            this.fail(`${this.request.url} is a calendar without tasks (no VTODO in its component set)`);
            return;
          }
          this.collections = [];
          this.collections.push(newCollection(this.request.url, this.displayName));
          this.beginCollection(0);
        } else if (this.principal !== "") {
          this.send(P_HOME, homeSetRequest(resolveUrl(this.request.url, this.principal), this.auth));
        } else this.wellKnownOrFail();
        return;
      case P_HOME:
        if (this.homeSet === "") this.fail(`principal ${this.request.url} has no calendar-home-set`);
        else this.send(P_LIST, listCalendarsRequest(resolveUrl(this.request.url, this.homeSet), this.auth));
        return;
      case P_LIST:
        if (this.collections.length === 0) this.fail(`no calendar with tasks in ${this.request.url}`);
        else this.beginCollection(0);
        return;
      case P_STATE:
        this.afterState();
        return;
      case P_SYNC:
        this.startFetch();
        return;
      case P_QUERY:
      case P_MEMBERS:
        this.diffListing();
        this.startFetch();
        return;
      case P_MULTIGET:
        this.fetchPos += this.batch.length;
        this.phase = P_FETCH;
        this.nextBatch();
        return;
    }
  }

  /** A non-207 response (or a GET failure) was read: redirect, fall back or fail. */
  private onStatusOnly(): number {
    const s = this.status;
    if (isRedirect(s) && this.location !== "") {
      if (this.hops >= MAX_REDIRECTS) return this.failWith(`too many redirects from ${this.request.url}`);
      const tooLong = `${this.request.method} ${this.request.url}: redirect to a URL longer than ${MAX_URL_BYTES} bytes`;
      if (this.location === TOO_LONG) return this.failWith(tooLong);
      const to = resolveUrl(this.request.url, this.location);
      if (utf8Length(to) > MAX_URL_BYTES) return this.failWith(tooLong);
      const hops = this.hops + 1;
      const moved: HttpRequest = { method: this.request.method, url: to, headers: this.request.headers, body: this.request.body };
      this.request = moved;
      this.io = IO_IDLE;
      this.hops = hops;
      return 0;
    }
    const what = `${this.request.method} ${this.request.url}: HTTP ${s}`;
    if (s === 401) return this.failWith(`${what} (authentication failed: check user and password)`);
    switch (this.phase) {
      case P_PROBE:
        this.wellKnownOrFail();
        return 0;
      case P_SYNC:
        // 403/409 mean the token expired (RFC 6578 valid-sync-token); anything else means no sync support
        if (s !== 403 && s !== 409) this.collections[this.ci].syncWorks = false;
        this.newToken = this.stateToken;
        this.send(P_QUERY, todoEtagsRequest(this.collections[this.ci].url, this.auth));
        return 0;
      case P_QUERY:
        this.send(P_MEMBERS, memberEtagsRequest(this.collections[this.ci].url, this.auth));
        return 0;
      case P_MULTIGET:
        this.getPos = 0;
        this.send(P_GET, getObjectRequest(resolveUrl(this.collections[this.ci].url, this.batch[0]), this.auth));
        return 0;
      case P_GET:
        if (s === 404 || s === 410) {
          const r = this.forget(this.collections[this.ci], this.batch[this.getPos]);
          this.nextGet();
          return r;
        }
        return this.failWith(what);
      case P_STATE:
        // the collection moved or vanished: rediscover on the next poll
        this.collections = [];
        return this.failWith(what);
    }
    return this.failWith(what);
  }

  private wellKnownOrFail(): void {
    if (this.phase === P_WELL_KNOWN) this.fail(`no current-user-principal at ${this.url} or ${originOf(this.url)}/.well-known/caldav`);
    else this.send(P_WELL_KNOWN, probeRequest(originOf(this.url) + "/.well-known/caldav", this.auth));
  }

  private beginCollection(i: number): void {
    this.ci = i;
    if (i >= this.collections.length) {
      this.phase = P_DONE;
      return;
    }
    this.collectionPath = pathOf(this.collections[i].url);
    this.newCtag = "";
    this.newToken = "";
    this.syncMore = false;
    this.fetch = [];
    this.fetchNew = 0;
    this.fetchPos = 0;
    this.send(P_STATE, collectionStateRequest(this.collections[i].url, this.auth));
  }

  private afterState(): void {
    const c = this.collections[this.ci];
    const known = c.ctag !== "" || c.syncToken !== "";
    if (known && this.newCtag === c.ctag && this.newToken === c.syncToken) {
      this.beginCollection(this.ci + 1);
      return;
    }
    if (c.syncToken !== "" && this.newToken !== "" && c.syncWorks) {
      this.send(P_SYNC, syncCollectionRequest(c.url, c.syncToken, this.auth));
      this.stateToken = this.newToken;
      this.newToken = "";
    } else this.send(P_QUERY, todoEtagsRequest(c.url, this.auth));
  }

  /** Full listing → removals for members gone, fetches for members new or changed. */
  private diffListing(): void {
    const c = this.collections[this.ci];
    const gone: string[] = [];
    for (let i = 0; i < c.hrefs.length; i++) {
      if (this.listedHrefs.indexOf(c.hrefs[i]) < 0) gone.push(c.hrefs[i]);
    }
    for (const h of gone) {
      this.forget(c, h);
      this.removed.push(h);
      this.removedFrom.push(this.ci);
    }
    for (let i = 0; i < this.listedHrefs.length; i++) {
      const h = this.listedHrefs[i];
      if (this.listedEtags[i] === "" || knownEtag(c, h) !== this.listedEtags[i]) this.fetch.push(h);
    }
  }

  private startFetch(): void {
    this.fetchPos = 0;
    this.phase = P_FETCH;
    this.nextBatch();
  }

  private nextBatch(): void {
    const c = this.collections[this.ci];
    if (this.fetchPos >= this.fetch.length && this.syncMore && this.newToken !== "") {
      c.syncToken = this.newToken;
      this.syncMore = false;
      this.newToken = "";
      this.fetch = [];
      this.fetchNew = 0;
      this.fetchPos = 0;
      this.send(P_SYNC, syncCollectionRequest(c.url, c.syncToken, this.auth));
      return;
    }
    if (this.fetchPos >= this.fetch.length) {
      // markers move only after every change was fetched, so a failed poll is retried in full
      c.ctag = this.newCtag;
      if (this.newToken !== "") c.syncToken = this.newToken;
      this.beginCollection(this.ci + 1);
      return;
    }
    this.batch = this.fetch.slice(this.fetchPos, Math.min(this.fetch.length, this.fetchPos + MULTIGET_BATCH));
    this.send(P_MULTIGET, multigetRequest(c.url, this.batch, this.auth));
  }

  private nextGet(): void {
    this.getPos++;
    if (this.getPos < this.batch.length) {
      this.send(P_GET, getObjectRequest(resolveUrl(this.collections[this.ci].url, this.batch[this.getPos]), this.auth));
      return;
    }
    this.fetchPos += this.batch.length;
    this.phase = P_FETCH;
    this.nextBatch();
  }
}
