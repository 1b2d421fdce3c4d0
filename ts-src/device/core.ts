// The device core: what a driver (ESP-IDF, host, Node tests) runs. The driver asks next() what
// to do — perform an HTTP request, draw the screen, or sleep until a time — does it, and feeds
// the outcome back; the core never does I/O and keeps no state outside its Device object.
//
// Memory: everything is allocated in the driver's current arena, which grows with every step.
// Between polls (after a Sleep step; at the latest when the arena is half used) the driver makes a
// fresh arena current, calls carry(), and resets the old arena whole.
// Module constants (fonts, zone tables) live in the arena current during nd_program_init(),
// which must never be reset.
//
// From C (generated core.h; numbers are double, strings nd_str, byte views nd_u8arr/nd_u16arr that
// may wrap the driver's own buffers on the stack):
//   d = core_create(url, user, password, tz, width, height, seed, &cache_view);
//   loop on core_next(d, now_ms, clock_valid):
//     Http   → perform core_requestMethod/Url/HeaderName(i)/HeaderValue(i)/Body; core_httpHead(d, status);
//              core_httpHeader(d, name, value) for each core_responseHeaderName(i) the response has;
//              core_httpBody(d, &chunk_view) per chunk; core_httpEnd(d), or core_httpFailed(d, kind, summary)
//     Render → core_render(d, y0, y1, &band_view) for every band
//     Sleep  → wait until core_wakeAt(d) or a button (core_button); carry into a fresh arena
//   core_shouldSaveCache(d) after any step → persist core_cache(d, capacity).
import { CalDavSync, SyncEvent } from "../caldav/sync";
import { copyString, scratchBegin, scratchEnd } from "../lib/mem";
import { asciiLower } from "../lib/text";
import { pageCount, renderBand } from "../screen/render";
import { Connection, ScreenModel } from "../screen/screen";
import { tasksToJson } from "../tasks/json";
import { deviceZone } from "../tasks/pipeline";
import { parsePosixTz } from "../time/posix";
import { offsetAt, Zone } from "../time/zone";
import { defaultXmlLimits } from "../xml/tokenizer";
import { authRetryMs, backoffMs, Jitter, POLL_INTERVAL, retryAfterMs, retryAfterSeconds, RETRY_AFTER_MAX, waitText } from "./schedule";
import { decodeSnapshot, encodeSnapshot, Snapshot } from "./snapshot";
import { TaskStore } from "./store";

/** What next() asks of the driver. */
export enum Step {
  /** perform the request (requestMethod, requestUrl, requestHeader…, requestBody), then httpHead, httpHeader, httpBody…, httpEnd or httpFailed */
  Http = 1,
  /** the screen changed: render() every band */
  Render = 2,
  /** nothing to do until wakeAt() (or a button) */
  Sleep = 3,
}

/** Buttons, numbered as nd_button. */
export enum Button {
  NextPage = 0,
  Refresh = 1,
}

// nudge_failure_kind values the core tells apart (firmware/include/nudge_transport.h)
const FAIL_URL = 1;
const FAIL_TLS_HANDSHAKE = 5;
const FAIL_TLS_CERTIFICATE = 6;
const FAIL_IO = 8;

/** Response headers the core reads; a driver looks these up and passes them to httpHeader(). */
const RESPONSE_HEADERS: string[] = ["Location", "ETag", "Retry-After"];

/** Fed after each chunk so the sync machine holds no reference to the driver's buffer (see httpBody). */
const NO_BYTES = new Uint8Array(0);

/** Longest any wait can be (a capped Retry-After with its jitter is the longest); a schedule further out means the clock went backwards. */
const MAX_WAIT_MS = (RETRY_AFTER_MAX * 1.1 + POLL_INTERVAL) * 1000;

/** One account on one screen: settings, sync state, held tasks, schedule and what is shown. */
export class Device {
  /** "" when the settings can be used; else why not (the device then never polls). */
  setupError: string = "";
  /** The step next() returned last, and its payload. */
  step: number = Step.Sleep;
  wakeMs: number = 0;
  saveCache: boolean = false;

  /** Consecutive failed polls. */
  failures: number = 0;
  nextPollMs: number = 0;
  polling: boolean = false;
  /** A request was handed out and its response is not complete yet. */
  inFlight: boolean = false;
  needRender: boolean = true;
  pendingSave: boolean = false;
  /** UTC minute the shown task list was classified for; -1 before the clock is known. */
  minute: number = -1;
  /** UTC seconds the task list is classified at. */
  classifiedAt: number = 0;

  // the response in flight
  status: number = 0;
  failKind: number = 0;
  /** no more body is fed: the sync machine stopped reading this response */
  bodyClosed: boolean = false;
  /** an event the sync machine returned while a body was fed, for pump() to handle */
  parked: number = 0;
  /** the response's Retry-After value, "" for none */
  retryAfter: string = "";

  constructor(
    public url: string,
    public user: string,
    public tz: string,
    public zone: Zone,
    public sync: CalDavSync,
    public store: TaskStore,
    public model: ScreenModel,
    public jitter: Jitter,
  ) {}
}

function utcZone(): Zone {
  return parsePosixTz("UTC0")!;
}

function newModel(width: number, height: number, state: Connection): ScreenModel {
  const m: ScreenModel = {
    width: width,
    height: height,
    tasks: [],
    counts: { overdue: 0, today: 0, upcoming: 0, later: 0, undated: 0 },
    now: 0,
    utcOffset: 0,
    state: state,
    message: "",
    lastPoll: 0,
    page: 0,
  };
  return m;
}

/** Re-classifies the held tasks at `now` into the model. */
function classifyAt(d: Device, now: number): void {
  const top = d.store.classify(now);
  d.classifiedAt = now;
  d.model.tasks = top.tasks;
  d.model.counts = top.counts;
  d.model.utcOffset = offsetAt(d.zone, d.model.now > 0 ? d.model.now : now);
}

function setState(d: Device, state: Connection, message: string): void {
  d.model.state = state;
  d.model.message = message;
  d.needRender = true;
}

/**
 * Creates the device for one account (url, user, password), time zone (POSIX TZ or IANA name),
 * panel size, jitter seed and the bytes cache() returned before the last reboot (may be empty).
 */
export function create(url: string, user: string, password: string, tz: string, width: number, height: number, seed: number, cache: Uint8Array): Device {
  const found = deviceZone(tz);
  const zone = found !== null ? found : utcZone();
  const sync = new CalDavSync(url, user, password, defaultXmlLimits());
  const d = new Device(url, user, tz, zone, sync, new TaskStore(zone), newModel(width, height, "connecting"), new Jitter(seed));
  if (url === "") d.setupError = "no server";
  else if (found === null) d.setupError = `Unknown time zone ${tz}`;
  if (d.setupError !== "") setState(d, "setup", url === "" ? "" : d.setupError);
  const s = decodeSnapshot(cache);
  if (s !== null && s.url === url && s.user === user && s.tz === tz) {
    sync.collections = s.collections;
    d.store.objects = s.objects;
    d.model.lastPoll = s.lastPoll;
  }
  classifyAt(d, d.model.lastPoll);
  return d;
}

/** Takes the time: a new minute re-classifies (kinds move with the clock) and redraws the clock. */
function observeTime(d: Device, nowMs: number, clockValid: boolean): void {
  if (d.nextPollMs - nowMs > MAX_WAIT_MS) d.nextPollMs = nowMs;
  if (!clockValid) {
    d.model.now = 0;
    return;
  }
  const now = Math.floor(nowMs / 1000);
  d.model.now = now;
  const minute = Math.floor(now / 60);
  if (minute !== d.minute) {
    d.minute = minute;
    classifyAt(d, now);
    d.needRender = true;
  }
}

/** The time classification uses: now, or the last good poll while the clock is unknown. */
function effectiveNow(d: Device): number {
  return d.model.now > 0 ? d.model.now : d.model.lastPoll;
}

/** The next thing to do at nowMs (Unix ms); clockValid false before the first SNTP answer. */
export function next(d: Device, nowMs: number, clockValid: boolean): number {
  observeTime(d, nowMs, clockValid);
  if (d.polling && !d.inFlight) pump(d, nowMs);
  if (!d.polling && d.setupError === "" && nowMs >= d.nextPollMs) {
    startPoll(d);
    pump(d, nowMs);
  }
  if (d.needRender) {
    d.needRender = false;
    d.step = Step.Render;
  } else if (d.inFlight) d.step = Step.Http;
  else {
    d.step = Step.Sleep;
    let wake = d.setupError === "" ? d.nextPollMs : nowMs + 60000;
    if (clockValid) wake = Math.min(wake, (d.minute + 1) * 60000);
    d.wakeMs = wake;
  }
  d.saveCache = d.pendingSave;
  d.pendingSave = false;
  return d.step;
}

function startPoll(d: Device): void {
  d.polling = true;
  d.parked = 0;
  d.store.badObjects = 0;
  d.sync.startPoll();
}

/** Runs the sync machine until it wants a request or the poll ends. */
function pump(d: Device, nowMs: number): void {
  for (;;) {
    let e = d.parked;
    d.parked = 0;
    if (e === 0) e = d.sync.next();
    if (e === SyncEvent.Request) {
      d.inFlight = true;
      d.status = 0;
      d.failKind = 0;
      d.bodyClosed = false;
      d.retryAfter = "";
      return;
    }
    if (e === SyncEvent.Done) {
      pollSucceeded(d, nowMs);
      return;
    }
    if (e === SyncEvent.Error) {
      pollFailed(d, nowMs);
      return;
    }
    // the driver asked for the next step without finishing the response
    if (e === SyncEvent.NeedBody) d.sync.fail("incomplete response");
    else apply(d, e);
  }
}

/** Hands an object event of the sync machine to the task store. */
function apply(d: Device, e: number): void {
  const s = d.sync;
  if (e === SyncEvent.ObjectData) d.store.data(s.href, s.bytes, s.start, s.end);
  else if (e === SyncEvent.ObjectEnd) d.store.end(s.href);
  else if (e === SyncEvent.ObjectRemoved) d.store.remove(s.href);
}

function pollSucceeded(d: Device, nowMs: number): void {
  // After rediscovery the sync machine reports no removals (it knew no members), and a poll that
  // failed half-way may have left members it never reports again: what a complete poll lists is
  // the truth, so objects it does not list go.
  const listed: string[] = [];
  for (const c of d.sync.collections) {
    for (const h of c.hrefs) listed.push(h);
  }
  d.store.keepOnly(listed);
  d.polling = false;
  d.failures = 0;
  d.model.lastPoll = Math.floor(nowMs / 1000);
  d.nextPollMs = nowMs + POLL_INTERVAL * 1000;
  const bad = d.store.badObjects;
  setState(d, "ok", bad === 0 ? "" : bad === 1 ? "1 calendar object could not be read" : `${bad} calendar objects could not be read`);
  classifyAt(d, effectiveNow(d));
  d.pendingSave = true;
}

/** Maps the failure to a screen state and schedules the retry; the held tasks stay. */
function pollFailed(d: Device, nowMs: number): void {
  d.polling = false;
  d.failures++;
  let delay = backoffMs(d.failures, d.jitter);
  const k = d.failKind;
  const s = d.status;
  // settings that never worked are a setup problem; once they did, the server is just unwell
  const misconfigured: Connection = d.model.lastPoll === 0 ? "setup" : "offline";
  if (k === FAIL_TLS_HANDSHAKE || k === FAIL_TLS_CERTIFICATE) setState(d, "tls", d.sync.error);
  else if (k === FAIL_URL) setState(d, misconfigured, d.sync.error);
  else if (k !== 0) setState(d, "offline", d.sync.error);
  else if (s === 401 || s === 403) {
    setState(d, "auth", s === 403 ? "access denied (HTTP 403)" : "");
    delay = authRetryMs(d.jitter);
  } else if (s >= 500 || s === 429) {
    const what = s === 429 ? `too many requests (HTTP ${s})` : `server error (HTTP ${s})`;
    const asked = retryAfterSeconds(d.retryAfter, nowMs / 1000);
    if (asked < 0) setState(d, "offline", what);
    else {
      // the server's word, within the cap, but never sooner than our own backoff would retry
      delay = Math.max(delay, retryAfterMs(asked, d.jitter));
      setState(d, "offline", `${what}, retry after ${waitText(Math.min(asked, RETRY_AFTER_MAX))}`);
    }
  } else setState(d, misconfigured, d.sync.error);
  d.nextPollMs = nowMs + delay;
  // objects fetched before the failure are newer than what is shown
  classifyAt(d, effectiveNow(d));
}

/** The response to the request in flight has status `status`; its headers follow. */
export function httpHead(d: Device, status: number): void {
  if (!d.inFlight) return;
  d.status = status;
  d.sync.response(status);
}

/** Number of response headers the core reads. */
export function responseHeaderCount(): number {
  return RESPONSE_HEADERS.length;
}

/** Name of response header i (0 ≤ i < responseHeaderCount()), to look up and pass to httpHeader(). */
export function responseHeaderName(i: number): string {
  return RESPONSE_HEADERS[i];
}

/** One response header (name in any case). */
export function httpHeader(d: Device, name: string, value: string): void {
  if (!d.inFlight) return;
  if (asciiLower(name) === "retry-after") d.retryAfter = value;
  d.sync.header(name, value);
}

/**
 * The next body chunk. It is consumed before this returns and no reference to it is kept, so a C
 * driver may pass its own buffer in a stack-allocated nd_u8arr and reuse both at once.
 */
export function httpBody(d: Device, chunk: Uint8Array): void {
  if (!d.inFlight || d.bodyClosed) return;
  feed(d, chunk);
  // the XML tokenizer still reads its last chunk's length on its next call: let that be ours
  if (!d.bodyClosed) feed(d, NO_BYTES);
}

/** Feeds one chunk and handles what the sync machine makes of it. */
function feed(d: Device, chunk: Uint8Array): void {
  d.sync.body(chunk);
  for (;;) {
    const e = d.sync.next();
    if (e === SyncEvent.NeedBody) return;
    if (e === SyncEvent.ObjectData || e === SyncEvent.ObjectEnd || e === SyncEvent.ObjectRemoved) apply(d, e);
    else {
      d.parked = e;
      d.bodyClosed = true;
      return;
    }
  }
}

/** The response body is complete. */
export function httpEnd(d: Device): void {
  if (!d.inFlight) return;
  if (!d.bodyClosed) d.sync.bodyEnd();
  d.store.abandon();
  d.inFlight = false;
}

/** The request failed (kind: a nudge_failure_kind; summary: one line for the screen). */
export function httpFailed(d: Device, kind: number, summary: string): void {
  if (!d.inFlight) return;
  d.failKind = kind === 0 ? FAIL_IO : kind;
  d.parked = 0;
  d.sync.fail(summary);
  d.store.abandon();
  d.inFlight = false;
}

/** Method of the request to perform after a Http step. */
export function requestMethod(d: Device): string {
  return d.sync.request.method;
}

/** Absolute URL of the request. */
export function requestUrl(d: Device): string {
  return d.sync.request.url;
}

/** Number of request headers. */
export function requestHeaderCount(d: Device): number {
  return d.sync.request.headers.length;
}

/** Name of request header i. */
export function requestHeaderName(d: Device, i: number): string {
  return d.sync.request.headers[i].name;
}

/** Value of request header i (the Authorization value is a secret: never log it). */
export function requestHeaderValue(d: Device, i: number): string {
  return d.sync.request.headers[i].value;
}

/** Request body (UTF-8; "" for none). */
export function requestBody(d: Device): string {
  return d.sync.request.body;
}

/** Unix ms of the next poll (the retry time after a failed one). */
export function nextPollAt(d: Device): number {
  return d.nextPollMs;
}

/** After a Sleep step: Unix ms to wake at. */
export function wakeAt(d: Device): number {
  return d.wakeMs;
}

/** True when the step just returned follows a good poll: persist cache() now. */
export function shouldSaveCache(d: Device): boolean {
  return d.saveCache;
}

/** Renders rows [y0, y1) of the screen into out (width × (y1 - y0) RGB565 pixels). */
export function render(d: Device, y0: number, y1: number, out: Uint16Array): void {
  // a band's layout strings are dead once its pixels are in `out`: scratch keeps them out of the
  // device arena, which would otherwise grow with every band of every minute's redraw
  scratchBegin();
  renderBand(d.model, y0, y1, out);
  scratchEnd();
}

/**
 * Caps the calendar objects the account may hold at n (at least 1), for a driver whose arena holds
 * fewer than MAX_OBJECTS: a poll naming more fails with that message instead of exhausting memory.
 */
export function limitObjects(d: Device, n: number): void {
  d.sync.maxObjects = Math.max(1, Math.floor(n));
}

/** A button press (see Button). */
export function button(d: Device, b: number): void {
  if (b === Button.NextPage) {
    d.model.page = (d.model.page + 1) % Math.max(1, pageCount(d.model));
    d.needRender = true;
  } else if (b === Button.Refresh && !d.polling) d.nextPollMs = 0;
}

/**
 * The state to keep across reboots, at most `limit` bytes: with sync markers when they fit,
 * else without (the next poll then fetches everything); empty when even that does not fit.
 */
export function cache(d: Device, limit: number): Uint8Array {
  const s = new Snapshot();
  s.url = d.url;
  s.user = d.user;
  s.tz = d.tz;
  s.lastPoll = d.model.lastPoll;
  s.collections = d.sync.collections;
  s.objects = d.store.objects;
  const full = encodeSnapshot(s, true);
  if (full.length <= limit) return full;
  const small = encodeSnapshot(s, false);
  return small.length <= limit ? small : new Uint8Array(0);
}

/**
 * A deep copy of d in the current arena, so the driver can release the arena d lives in.
 * Call it between polls; a poll in progress is dropped and starts again.
 */
export function carry(d: Device): Device {
  const tz = copyString(d.tz);
  const found = deviceZone(tz);
  const zone = found !== null ? found : utcZone();
  const m = d.model;
  const model = newModel(m.width, m.height, m.state);
  model.message = copyString(m.message);
  model.lastPoll = m.lastPoll;
  model.now = m.now;
  model.page = m.page;
  const c = new Device(copyString(d.url), copyString(d.user), tz, zone, d.sync.carry(), d.store.carry(zone), model, new Jitter(d.jitter.state()));
  c.setupError = copyString(d.setupError);
  c.failures = d.failures;
  c.nextPollMs = d.polling ? 0 : d.nextPollMs;
  c.minute = d.minute;
  c.needRender = d.needRender;
  c.pendingSave = d.pendingSave;
  c.step = d.step;
  c.wakeMs = d.wakeMs;
  classifyAt(c, d.classifiedAt);
  return c;
}

/** The shown connection state (setup, connecting, ok, offline, auth, tls). */
export function connection(d: Device): string {
  return d.model.state;
}

/** The state's detail line ("" for none). */
export function message(d: Device): string {
  return d.model.message;
}

/** UTC seconds of the last good poll, 0 before the first. */
export function lastPoll(d: Device): number {
  return d.model.lastPoll;
}

/** The held tasks as the tasks JSON of ts-src/tasks/json.ts (what `tasks` and `device --once` print). */
export function tasksJson(d: Device): string {
  return tasksToJson(d.model.tasks, d.model.counts);
}
