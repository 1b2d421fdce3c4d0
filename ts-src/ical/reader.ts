// Streaming iCalendar (RFC 5545) reader. Bytes arrive in arbitrary pieces; lines are unfolded at
// the byte level (a fold may split a UTF-8 sequence), CRLF, LF or CR alone end a line. A line
// that lies whole in the piece fed is read where it is; any other logical line is gathered in one
// fixed buffer of `lineLimit` bytes. Properties this reader does not use are dropped as soon as
// their line ends, so memory does not depend on the input's size.
// A line longer than the limit is skipped with a note, except SUMMARY, which is cut at the
// limit on a UTF-8 boundary.
import { DateTime, parseDateTime, parseDuration, parseUtcOffset } from "../time/values";
import { parseRRule } from "../time/rrule";
import { equalsUpper, indexOfByte, parseIntRange, upperByte, utf8CharEnd } from "../time/bytes";
import { Observance, Zone } from "../time/zone";
import { utf8Decode, utf8Encode } from "../lib/text";
import { Alarm, CalendarData, TodoStatus, TriggerRelation, VTodo } from "./components";

/** Default logical line limit in bytes (folded lines count once unfolded). */
export const DEFAULT_LINE_LIMIT = 1024;
/** Most components open at once (VCALENDAR > VTODO > VALARM is 3). */
const MAX_DEPTH = 8;
/** Most VTODOs (master plus overrides) kept per resource. */
export const MAX_TODOS = 256;
/** Most RDATE/EXDATE values kept per VTODO or observance. */
export const MAX_DATES = 256;
/**
 * Most content lines of used properties per resource: each may allocate (a string, a date), so this
 * bounds what one hostile object can take; 256 VTODOs of about a dozen used lines fit.
 */
export const MAX_USED_LINES = 4096;
/** Most VALARMs kept per VTODO. */
const MAX_ALARMS = 8;
/** Most STANDARD/DAYLIGHT observances kept per VTIMEZONE, and VTIMEZONEs per resource. */
const MAX_OBSERVANCES = 64;

/** Fatal problems: the resource is unusable. */
export enum ICalError {
  NONE = 0,
  /** The first line is not BEGIN:VCALENDAR. */
  NOT_ICALENDAR = 1,
  /** A content line without a ':' (or with a broken parameter). */
  NO_COLON = 2,
  /** END without the matching BEGIN. */
  BAD_END = 3,
  /** Components nested deeper than MAX_DEPTH. */
  TOO_DEEP = 4,
  /** Input ended inside a component. */
  TRUNCATED = 5,
  /** More than MAX_TODOS VTODOs. */
  TOO_MANY_TODOS = 6,
  /** No content at all. */
  EMPTY = 7,
  /** More than MAX_USED_LINES lines of properties this reader keeps. */
  TOO_MANY_LINES = 8,
}

/** Recoverable oddities, as bits of `notes`. */
export enum ICalNote {
  /** A line longer than the limit was skipped. */
  LINE_SKIPPED = 1,
  SUMMARY_TRUNCATED = 2,
  /** Text that is not valid UTF-8 (replaced by U+FFFD). */
  INVALID_UTF8 = 4,
  /** A used property had an unparsable value and was ignored. */
  BAD_VALUE = 8,
  /** An RRULE part this reader does not expand was ignored. */
  PARTIAL_RULE = 16,
  /** More RDATE/EXDATE/VALARM/observances than kept. */
  LIST_TRUNCATED = 32,
  /** Content after the last END:VCALENDAR. */
  TRAILING_DATA = 64,
}

/** Human-readable name of an error code, for logs and the CLI. */
export function icalErrorName(e: ICalError): string {
  switch (e) {
    case ICalError.NONE: return "none";
    case ICalError.NOT_ICALENDAR: return "not an iCalendar object";
    case ICalError.NO_COLON: return "content line without ':'";
    case ICalError.BAD_END: return "END without matching BEGIN";
    case ICalError.TOO_DEEP: return "components nested too deeply";
    case ICalError.TRUNCATED: return "truncated inside a component";
    case ICalError.TOO_MANY_TODOS: return "too many VTODO components";
    case ICalError.TOO_MANY_LINES: return "too many property lines";
    default: return "empty calendar data";
  }
}

enum Comp {
  ROOT = 0,
  VCALENDAR = 1,
  VTODO = 2,
  VALARM = 3,
  VTIMEZONE = 4,
  STANDARD = 5,
  DAYLIGHT = 6,
  OTHER = 7,
}

const COMP_NAMES: Uint8Array[] = [
  utf8Encode("-"),
  utf8Encode("VCALENDAR"),
  utf8Encode("VTODO"),
  utf8Encode("VALARM"),
  utf8Encode("VTIMEZONE"),
  utf8Encode("STANDARD"),
  utf8Encode("DAYLIGHT"),
];

enum Prop {
  OTHER = 0,
  BEGIN = 1,
  END = 2,
  UID = 3,
  SUMMARY = 4,
  STATUS = 5,
  COMPLETED = 6,
  PRIORITY = 7,
  DTSTART = 8,
  DUE = 9,
  DURATION = 10,
  RRULE = 11,
  RDATE = 12,
  EXDATE = 13,
  RECURRENCE_ID = 14,
  ACTION = 15,
  TRIGGER = 16,
  TZID = 17,
  TZOFFSETFROM = 18,
  TZOFFSETTO = 19,
}

const PROP_NAMES: Uint8Array[] = [
  utf8Encode("-"),
  utf8Encode("BEGIN"),
  utf8Encode("END"),
  utf8Encode("UID"),
  utf8Encode("SUMMARY"),
  utf8Encode("STATUS"),
  utf8Encode("COMPLETED"),
  utf8Encode("PRIORITY"),
  utf8Encode("DTSTART"),
  utf8Encode("DUE"),
  utf8Encode("DURATION"),
  utf8Encode("RRULE"),
  utf8Encode("RDATE"),
  utf8Encode("EXDATE"),
  utf8Encode("RECURRENCE-ID"),
  utf8Encode("ACTION"),
  utf8Encode("TRIGGER"),
  utf8Encode("TZID"),
  utf8Encode("TZOFFSETFROM"),
  utf8Encode("TZOFFSETTO"),
];

const P_VALUE = utf8Encode("VALUE");
const P_RELATED = utf8Encode("RELATED");
const V_DATE = utf8Encode("DATE");
const V_DATE_TIME = utf8Encode("DATE-TIME");
const V_END = utf8Encode("END");
const V_NONE = utf8Encode("NONE");
const S_COMPLETED = utf8Encode("COMPLETED");
const S_CANCELLED = utf8Encode("CANCELLED");
const S_NEEDS_ACTION = utf8Encode("NEEDS-ACTION");
const S_IN_PROCESS = utf8Encode("IN-PROCESS");

/** ICalReader's placeholders: one set for every reader, so a reader allocates no component it does not read. */
const NO_TODO = new VTodo();
const NO_ALARM = new Alarm();
const NO_ZONE = new Zone("");
const NO_OBSERVANCE = new Observance(NaN, NaN, NaN);

/** Slot of a name in PROP_SLOTS, from its upper-cased first and last bytes and its length. */
function nameSlot(first: number, last: number, n: number): number {
  return (first * 3 + last * 5 + n * 7) & 63;
}

/** Every line's name is looked up: an open-addressed table of PROP_NAMES costs a probe or two. */
function propSlots(): Uint8Array {
  const slots = new Uint8Array(64);
  for (let p = 1; p < PROP_NAMES.length; p++) {
    const name = PROP_NAMES[p]!;
    let s = nameSlot(name[0]!, name[name.length - 1]!, name.length);
    while (slots[s] !== 0) s = (s + 1) & 63;
    slots[s] = p;
  }
  return slots;
}

const PROP_SLOTS = propSlots();

/** The property named by buf[start, end), OTHER for names this reader does not use. */
function propId(buf: Uint8Array, start: number, end: number): Prop {
  // a name's length within one buffer is an int32: `| 0` keeps the slot arithmetic in C ints
  const n = (end - start) | 0;
  if (n <= 0) return Prop.OTHER;
  let s = nameSlot(upperByte(buf[start]!), upperByte(buf[end - 1]!), n);
  while (PROP_SLOTS[s] !== 0) {
    const p = PROP_SLOTS[s]!;
    if (equalsUpper(buf, start, end, PROP_NAMES[p]!)) return p;
    s = (s + 1) & 63;
  }
  return Prop.OTHER;
}

/** Hash of an upper-cased name, to match END of components this reader skips. */
function nameHash(buf: Uint8Array, start: number, end: number): number {
  let h = 5381;
  // Math.imul is h * 33 cut to 32 bits, as `^` would cut it, without a double product
  for (let i = start; i < end; i++) h = (Math.imul(h, 33) ^ upperByte(buf[i]!)) >>> 0;
  return h;
}

/** Length of the longest prefix of buf[start, end) that does not end inside a UTF-8 sequence. */
function utf8CutEnd(buf: Uint8Array, start: number, end: number): number {
  let i = end;
  let back = 0;
  while (i > start && back < 4 && (buf[i - 1]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i === start) return end;
  const lead = buf[i - 1]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? i - 1 : end;
}

/** True when buf[start, end) is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
export function isValidUtf8(buf: Uint8Array, start: number, end: number): boolean {
  // positions within a buffer are int32: `| 0` keeps them, and utf8CharEnd's, C ints
  let i = start | 0;
  while (i < end) {
    if (buf[i]! < 0x80) {
      i = (i + 1) | 0;
      continue;
    }
    const next = utf8CharEnd(buf, i, end);
    if (next === i) return false;
    i = next;
  }
  return true;
}

/** Reads one calendar object resource; see the module comment. */
export class ICalReader {
  /** Fatal error, NONE while the input is usable. */
  error: ICalError = ICalError.NONE;
  /** 1-based logical line number of the error. */
  errorLine: number = 0;
  /** ICalNote bits. */
  notes: number = 0;
  /** What was read so far; complete once end() returned with no error. */
  data: CalendarData = new CalendarData();

  private line: Uint8Array;
  private len: number = 0;
  private overflow: boolean = false;
  private pendingEol: boolean = false;
  private lastWasCr: boolean = false;
  private lineNo: number = 0;
  private usedLines: number = 0;
  private sawContent: boolean = false;
  private closed: boolean = false;
  private stack: Int32Array = new Int32Array(MAX_DEPTH);
  /** Name hash per open component, to check each END against its BEGIN. */
  private hashes: number[] = [];
  private depth: number = 0;
  // the components being read; until their first BEGIN, shared placeholders that nothing writes
  // (a property reaches one only inside its component, which begin() has replaced by then)
  private todo: VTodo = NO_TODO;
  private alarm: Alarm = NO_ALARM;
  private zone: Zone = NO_ZONE;
  private obs: Observance = NO_OBSERVANCE;
  private paramTzid: string = "";
  private paramValue: number = 0;
  private paramRelatedEnd: boolean = false;

  constructor(lineLimit: number) {
    this.line = new Uint8Array(lineLimit);
  }

  /** Forgets the current object and starts reading a new one, keeping the line buffer. */
  reset(): void {
    this.error = ICalError.NONE;
    this.errorLine = 0;
    this.notes = 0;
    this.data = new CalendarData();
    this.len = 0;
    this.overflow = false;
    this.pendingEol = false;
    this.lastWasCr = false;
    this.lineNo = 0;
    this.usedLines = 0;
    this.sawContent = false;
    this.closed = false;
    this.depth = 0;
    this.hashes.length = 0;
  }

  /** Consumes bytes[start, end). */
  feed(bytes: Uint8Array, start: number, end: number): void {
    // offsets within a buffer are int32: `| 0` lets the compiled loops count in C ints
    const stop = end | 0;
    let i = start | 0;
    while (i < stop) {
      if (this.error !== ICalError.NONE) return;
      const b = bytes[i]!;
      if (this.pendingEol) {
        if (b === 0x0a && this.lastWasCr) {
          this.lastWasCr = false;
          i++;
          continue;
        }
        this.pendingEol = false;
        this.lastWasCr = false;
        if (b === 0x20 || b === 0x09) {
          i++;
          continue;
        }
        this.finishLine();
        if (this.error !== ICalError.NONE) return;
      }
      if (b === 0x0d || b === 0x0a) {
        this.pendingEol = true;
        this.lastWasCr = b === 0x0d;
        i++;
        continue;
      }
      if (this.len === 0 && !this.overflow) {
        const next = this.wholeLine(bytes, i, stop);
        if (next >= 0) {
          i = next;
          continue;
        }
      }
      i = this.copyLine(bytes, i, stop);
    }
  }

  /**
   * Reads the line starting at bytes[from] where it stands, without copying it, when it lies whole
   * in bytes[from, stop): ended by LF or CRLF, followed by a byte that shows it is not folded, and
   * within the line limit. Returns where the next line starts, or -1 when it read nothing.
   */
  private wholeLine(bytes: Uint8Array, from: number, stop: number): number {
    const lf = bytes.subarray(from, stop).indexOf(0x0a);
    if (lf < 0) return -1;
    let end = (from + lf) | 0;
    const next = (end + 1) | 0;
    if (next >= stop || bytes[next] === 0x20 || bytes[next] === 0x09) return -1;
    if (bytes[end - 1] === 0x0d) end = (end - 1) | 0;
    if (end - from > this.line.length) return -1;
    // a lone CR ends a line too: such lines take the byte-by-byte path
    if (bytes.subarray(from, end).indexOf(0x0d) >= 0) return -1;
    this.readLine(bytes, from, end, false);
    return next;
  }

  /** Appends bytes[from, stop) up to the next line break to the line; returns where it stopped. */
  private copyLine(bytes: Uint8Array, from: number, stop: number): number {
    // the break is the first LF or CR: search for the LF, then for a CR only before it
    const lf = bytes.subarray(from, stop).indexOf(0x0a);
    let end = lf < 0 ? stop : (from + lf) | 0;
    const cr = bytes.subarray(from, end).indexOf(0x0d);
    if (cr >= 0) end = (from + cr) | 0;
    const line = this.line;
    const n = this.len;
    // lengths within the line buffer are int32: `| 0` keeps the line length a C int
    let take = (end - from) | 0;
    if (take > line.length - n) {
      take = (line.length - n) | 0;
      this.overflow = true;
    }
    line.set(bytes.subarray(from, from + take), n);
    this.len = (n + take) | 0;
    return end;
  }

  /** Signals the end of the input and checks that every component was closed. */
  end(): void {
    if (this.error !== ICalError.NONE) return;
    if (this.len > 0 || this.overflow || this.pendingEol) this.finishLine();
    if (this.error !== ICalError.NONE) return;
    if (!this.sawContent) this.fail(ICalError.EMPTY);
    else if (this.depth > 0) this.fail(ICalError.TRUNCATED);
  }

  private fail(e: ICalError): void {
    this.error = e;
    this.errorLine = this.lineNo;
  }

  private finishLine(): void {
    const n = this.len;
    const over = this.overflow;
    this.len = 0;
    this.overflow = false;
    this.readLine(this.line, 0, n, over);
  }

  /** Reads the logical line buf[from, n); `over` when it was cut at the line limit. */
  private readLine(buf: Uint8Array, from: number, n: number, over: boolean): void {
    this.lineNo++;
    if (n === from && !over) return;
    let start = from;
    // A UTF-8 byte order mark before the first line.
    if (!this.sawContent && n - from >= 3 && buf[from] === 0xef && buf[from + 1] === 0xbb && buf[from + 2] === 0xbf) start = (from + 3) | 0;
    let i = start;
    while (i < n && buf[i] !== 0x3b && buf[i] !== 0x3a) i++;
    if (i === n) {
      if (over) this.notes |= ICalNote.LINE_SKIPPED;
      else if (this.closed && this.depth === 0) this.notes |= ICalNote.TRAILING_DATA;
      else this.fail(this.sawContent ? ICalError.NO_COLON : ICalError.NOT_ICALENDAR);
      return;
    }
    const prop = propId(buf, start, i);
    if (!this.sawContent) {
      this.sawContent = true;
      if (prop !== Prop.BEGIN) {
        this.fail(ICalError.NOT_ICALENDAR);
        return;
      }
    }
    if (prop === Prop.OTHER) return;
    this.usedLines++;
    if (this.usedLines > MAX_USED_LINES) {
      this.fail(ICalError.TOO_MANY_LINES);
      return;
    }
    if (over && prop !== Prop.SUMMARY) {
      this.notes |= ICalNote.LINE_SKIPPED;
      return;
    }
    const vs = this.readParams(buf, i, n);
    if (vs < 0) {
      if (over) this.notes |= ICalNote.LINE_SKIPPED;
      else this.fail(ICalError.NO_COLON);
      return;
    }
    if (prop === Prop.BEGIN) this.begin(buf, vs, n);
    else if (prop === Prop.END) this.endComp(buf, vs, n);
    else this.property(prop, buf, vs, n, over);
  }

  /** Reads `;NAME=value` parameters from i; returns the index after ':' or -1. */
  private readParams(buf: Uint8Array, i: number, n: number): number {
    this.paramTzid = "";
    this.paramValue = 0;
    this.paramRelatedEnd = false;
    while (i < n && buf[i] === 0x3b) {
      const ns = i + 1;
      const eq = indexOfByte(buf, ns, n, 0x3d);
      if (eq === n) return -1;
      let j = eq + 1;
      let vs = j;
      let ve = j;
      // A parameter may hold several comma-separated values, each possibly quoted.
      while (true) {
        if (j < n && buf[j] === 0x22) {
          const close = indexOfByte(buf, j + 1, n, 0x22);
          if (close === n) return -1;
          if (vs === eq + 1) {
            vs = j + 1;
            ve = close;
          }
          j = close + 1;
        } else {
          const from = j;
          while (j < n && buf[j] !== 0x3b && buf[j] !== 0x3a && buf[j] !== 0x2c) j++;
          if (vs === eq + 1 && ve === eq + 1) {
            vs = from;
            ve = j;
          }
        }
        if (j < n && buf[j] === 0x2c) {
          j++;
          continue;
        }
        break;
      }
      this.param(buf, ns, eq, vs, ve);
      i = j;
    }
    if (i >= n || buf[i] !== 0x3a) return -1;
    return i + 1;
  }

  private param(buf: Uint8Array, ns: number, ne: number, vs: number, ve: number): void {
    if (equalsUpper(buf, ns, ne, PROP_NAMES[Prop.TZID]!)) {
      this.paramTzid = utf8Decode(buf, vs, ve);
    } else if (equalsUpper(buf, ns, ne, P_VALUE)) {
      if (equalsUpper(buf, vs, ve, V_DATE)) this.paramValue = 1;
      else if (equalsUpper(buf, vs, ve, V_DATE_TIME)) this.paramValue = 2;
      else this.paramValue = 3;
    } else if (equalsUpper(buf, ns, ne, P_RELATED)) {
      this.paramRelatedEnd = equalsUpper(buf, vs, ve, V_END);
    }
  }

  private top(): Comp {
    return this.depth === 0 ? Comp.ROOT : this.stack[this.depth - 1]!;
  }

  private begin(buf: Uint8Array, vs: number, ve: number): void {
    let c: Comp = Comp.OTHER;
    for (let k = 1; k < COMP_NAMES.length; k++) {
      if (equalsUpper(buf, vs, ve, COMP_NAMES[k]!)) {
        c = k;
        break;
      }
    }
    const parent = this.top();
    if (parent === Comp.ROOT && c !== Comp.VCALENDAR) {
      this.fail(ICalError.NOT_ICALENDAR);
      return;
    }
    // Known names in unexpected places (a VALARM in a VEVENT) are skipped like unknown ones.
    if (c === Comp.VCALENDAR && parent !== Comp.ROOT) c = Comp.OTHER;
    if ((c === Comp.VTODO || c === Comp.VTIMEZONE) && parent !== Comp.VCALENDAR) c = Comp.OTHER;
    if (c === Comp.VALARM && parent !== Comp.VTODO) c = Comp.OTHER;
    if ((c === Comp.STANDARD || c === Comp.DAYLIGHT) && parent !== Comp.VTIMEZONE) c = Comp.OTHER;
    if (this.depth === MAX_DEPTH) {
      this.fail(ICalError.TOO_DEEP);
      return;
    }
    this.stack[this.depth] = c;
    this.hashes.push(nameHash(buf, vs, ve));
    this.depth++;
    if (c === Comp.VTODO) {
      if (this.data.todos.length >= MAX_TODOS) {
        this.fail(ICalError.TOO_MANY_TODOS);
        return;
      }
      this.todo = new VTodo();
    } else if (c === Comp.VALARM) {
      this.alarm = new Alarm();
    } else if (c === Comp.VTIMEZONE) {
      this.zone = new Zone("");
    } else if (c === Comp.STANDARD || c === Comp.DAYLIGHT) {
      this.obs = new Observance(NaN, NaN, NaN);
    }
  }

  private endComp(buf: Uint8Array, vs: number, ve: number): void {
    if (this.depth === 0 || this.hashes[this.depth - 1] !== nameHash(buf, vs, ve)) {
      this.fail(ICalError.BAD_END);
      return;
    }
    const c = this.top();
    this.depth--;
    this.hashes.pop();
    if (c === Comp.VTODO) {
      this.data.todos.push(this.todo);
    } else if (c === Comp.VALARM) {
      if (this.todo.alarms.length < MAX_ALARMS) this.todo.alarms.push(this.alarm);
      else this.notes |= ICalNote.LIST_TRUNCATED;
    } else if (c === Comp.VTIMEZONE) {
      if (this.zone.name === "" || this.zone.observances.length === 0) this.notes |= ICalNote.BAD_VALUE;
      else if (this.data.zones.length < MAX_OBSERVANCES) this.data.zones.push(this.zone);
      else this.notes |= ICalNote.LIST_TRUNCATED;
    } else if (c === Comp.STANDARD || c === Comp.DAYLIGHT) {
      const o = this.obs;
      if (Number.isNaN(o.start) || Number.isNaN(o.offsetFrom) || Number.isNaN(o.offsetTo)) {
        this.notes |= ICalNote.BAD_VALUE;
      } else if (this.zone.observances.length < MAX_OBSERVANCES) {
        this.zone.observances.push(o);
      } else {
        this.notes |= ICalNote.LIST_TRUNCATED;
      }
    } else if (c === Comp.VCALENDAR) {
      this.closed = true;
    }
  }

  private property(prop: Prop, buf: Uint8Array, vs: number, ve: number, truncated: boolean): void {
    const c = this.top();
    if (c === Comp.VTODO) this.todoProperty(prop, buf, vs, ve, truncated);
    else if (c === Comp.VALARM) this.alarmProperty(prop, buf, vs, ve);
    else if (c === Comp.VTIMEZONE && prop === Prop.TZID) this.zone.name = this.text(buf, vs, ve, false);
    else if (c === Comp.STANDARD || c === Comp.DAYLIGHT) this.observanceProperty(prop, buf, vs, ve);
  }

  private todoProperty(prop: Prop, buf: Uint8Array, vs: number, ve: number, truncated: boolean): void {
    const t = this.todo;
    switch (prop) {
      case Prop.UID:
        t.uid = this.text(buf, vs, ve, false);
        break;
      case Prop.SUMMARY:
        t.summary = this.text(buf, vs, ve, truncated);
        break;
      case Prop.STATUS:
        if (equalsUpper(buf, vs, ve, S_COMPLETED)) t.status = TodoStatus.COMPLETED;
        else if (equalsUpper(buf, vs, ve, S_CANCELLED)) t.status = TodoStatus.CANCELLED;
        else if (equalsUpper(buf, vs, ve, S_NEEDS_ACTION)) t.status = TodoStatus.NEEDS_ACTION;
        else if (equalsUpper(buf, vs, ve, S_IN_PROCESS)) t.status = TodoStatus.IN_PROCESS;
        break;
      case Prop.COMPLETED:
        t.hasCompleted = true;
        break;
      case Prop.PRIORITY: {
        const p = parseIntRange(buf, vs, ve);
        if (Number.isNaN(p) || p < 0 || p > 9) this.notes |= ICalNote.BAD_VALUE;
        else t.priority = p;
        break;
      }
      case Prop.DTSTART:
        t.dtstart = this.dateTime(buf, vs, ve);
        break;
      case Prop.DUE:
        t.due = this.dateTime(buf, vs, ve);
        break;
      case Prop.RECURRENCE_ID:
        t.recurrenceId = this.dateTime(buf, vs, ve);
        break;
      case Prop.DURATION: {
        const d = parseDuration(buf, vs, ve);
        if (Number.isNaN(d)) this.notes |= ICalNote.BAD_VALUE;
        else t.duration = d;
        break;
      }
      case Prop.RRULE: {
        const r = parseRRule(buf, vs, ve, "");
        if (r === null) this.notes |= ICalNote.BAD_VALUE;
        else if (r.partial) this.notes |= ICalNote.PARTIAL_RULE;
        t.rrule = r;
        break;
      }
      case Prop.RDATE:
        this.dateList(buf, vs, ve, t.rdates);
        break;
      case Prop.EXDATE:
        this.dateList(buf, vs, ve, t.exdates);
        break;
      default:
        break;
    }
  }

  private alarmProperty(prop: Prop, buf: Uint8Array, vs: number, ve: number): void {
    const a = this.alarm;
    if (prop === Prop.ACTION) {
      a.silent = equalsUpper(buf, vs, ve, V_NONE);
    } else if (prop === Prop.TRIGGER) {
      if (this.paramValue === 2 || (this.paramValue === 0 && ve - vs === 16 && buf[vs] !== 0x2d && buf[vs] !== 0x50)) {
        const at = parseDateTime(buf, vs, ve, "");
        if (at === null || !at.isUtc) {
          this.notes |= ICalNote.BAD_VALUE;
          return;
        }
        a.absolute = at;
        a.related = TriggerRelation.ABSOLUTE;
        a.hasTrigger = true;
        return;
      }
      const d = parseDuration(buf, vs, ve);
      if (Number.isNaN(d)) {
        this.notes |= ICalNote.BAD_VALUE;
        return;
      }
      a.offset = d;
      a.related = this.paramRelatedEnd ? TriggerRelation.END : TriggerRelation.START;
      a.hasTrigger = true;
    }
  }

  private observanceProperty(prop: Prop, buf: Uint8Array, vs: number, ve: number): void {
    const o = this.obs;
    if (prop === Prop.DTSTART) {
      const d = parseDateTime(buf, vs, ve, "");
      if (d === null) this.notes |= ICalNote.BAD_VALUE;
      else o.start = d.local;
    } else if (prop === Prop.TZOFFSETFROM) {
      o.offsetFrom = parseUtcOffset(buf, vs, ve);
    } else if (prop === Prop.TZOFFSETTO) {
      o.offsetTo = parseUtcOffset(buf, vs, ve);
    } else if (prop === Prop.RRULE) {
      o.rule = parseRRule(buf, vs, ve, "");
      if (o.rule === null) this.notes |= ICalNote.BAD_VALUE;
    } else if (prop === Prop.RDATE) {
      const list: DateTime[] = [];
      this.dateList(buf, vs, ve, list);
      for (const d of list) o.rdates.push(d.local);
    }
  }

  /** A DATE or DATE-TIME value with the line's TZID; null (and a note) when malformed. */
  private dateTime(buf: Uint8Array, vs: number, ve: number): DateTime | null {
    const d = parseDateTime(buf, vs, ve, this.paramTzid);
    if (d === null || (this.paramValue === 1 && !d.isDate)) {
      this.notes |= ICalNote.BAD_VALUE;
      return null;
    }
    return d;
  }

  /** Comma-separated DATE/DATE-TIME/PERIOD values (a PERIOD contributes its start). */
  private dateList(buf: Uint8Array, vs: number, ve: number, out: DateTime[]): void {
    let i = vs;
    while (i < ve) {
      const comma = indexOfByte(buf, i, ve, 0x2c);
      const slash = indexOfByte(buf, i, comma, 0x2f);
      if (out.length >= MAX_DATES) {
        this.notes |= ICalNote.LIST_TRUNCATED;
        return;
      }
      const d = parseDateTime(buf, i, slash, this.paramTzid);
      if (d === null) this.notes |= ICalNote.BAD_VALUE;
      else out.push(d);
      i = comma + 1;
    }
  }

  /** Unescapes a TEXT value (`\n \N \, \; \\`) and decodes it. */
  private text(buf: Uint8Array, vs: number, ve: number, truncated: boolean): string {
    let end = ve;
    if (truncated) {
      end = utf8CutEnd(buf, vs, ve);
      this.notes |= ICalNote.SUMMARY_TRUNCATED;
    }
    // most values hold no escape: those are decoded where they are
    if (buf.subarray(vs, end).indexOf(0x5c) < 0) {
      if (!isValidUtf8(buf, vs, end)) this.notes |= ICalNote.INVALID_UTF8;
      return utf8Decode(buf, vs, end);
    }
    // unescaped into the line buffer: buf may be the caller's bytes, and a value is never longer
    // than its line; when buf is the line buffer, writes stay behind the reads
    const out = this.line;
    let i = vs | 0;
    let w = 0;
    // i and w only ever step by one, so they stay C integers
    while (i < end) {
      let b = buf[i]!;
      if (b === 0x5c) {
        if (i + 1 < end) {
          i++;
          const e = buf[i]!;
          b = e === 0x6e || e === 0x4e ? 0x0a : e;
        } else if (truncated) {
          // a lone trailing backslash is what is left of an escape cut by truncation
          break;
        }
      }
      out[w] = b;
      w++;
      i++;
    }
    if (!isValidUtf8(out, 0, w)) this.notes |= ICalNote.INVALID_UTF8;
    return utf8Decode(out, 0, w);
  }
}
