// RRULE (RFC 5545 §3.3.10) for the frequencies reminders use: DAILY, WEEKLY, MONTHLY, YEARLY with
// INTERVAL, COUNT, UNTIL, BYDAY (ordinals for MONTHLY/YEARLY), BYMONTHDAY, BYMONTH, BYSETPOS,
// WKST. Expansion works on local seconds (wall clock); the caller maps them through a zone.
import { civilFromDays, daysFromCivil, daysInMonth, floorMod, isLeapYear, packedDay, packedFromDays, packedMonth, packedYear, weekday } from "./civil";
import { equalsUpper, indexOfByte, parseIntRange } from "./bytes";
import { DateTime, parseDateTime } from "./values";
import { utf8Encode } from "../lib/text";

/** Recurrence frequencies; NONE marks a rule this expander does not implement. */
export enum Freq {
  NONE = 0,
  DAILY = 1,
  WEEKLY = 2,
  MONTHLY = 3,
  YEARLY = 4,
}

/** A parsed RRULE. */
export class RRule {
  freq: Freq = Freq.NONE;
  interval: number = 1;
  /** 0 when unbounded by COUNT. */
  count: number = 0;
  until: DateTime | null = null;
  /** BYDAY weekdays (0 = Sunday) with their ordinals (0 = every). */
  byDay: number[] = [];
  byDayOrd: number[] = [];
  byMonthDay: number[] = [];
  byMonth: number[] = [];
  bySetPos: number[] = [];
  /** Week start, 0 = Sunday; RFC default MO. */
  wkst: number = 1;
  /** A part this expander ignores (BYWEEKNO, BYYEARDAY, BYHOUR…) was present. */
  partial: boolean = false;
}

const K_FREQ = utf8Encode("FREQ");
const K_INTERVAL = utf8Encode("INTERVAL");
const K_COUNT = utf8Encode("COUNT");
const K_UNTIL = utf8Encode("UNTIL");
const K_BYDAY = utf8Encode("BYDAY");
const K_BYMONTHDAY = utf8Encode("BYMONTHDAY");
const K_BYMONTH = utf8Encode("BYMONTH");
const K_BYSETPOS = utf8Encode("BYSETPOS");
const K_WKST = utf8Encode("WKST");
const FREQ_NAMES: Uint8Array[] = [
  utf8Encode("-"),
  utf8Encode("DAILY"),
  utf8Encode("WEEKLY"),
  utf8Encode("MONTHLY"),
  utf8Encode("YEARLY"),
];
const DAY_NAMES: Uint8Array[] = [
  utf8Encode("SU"),
  utf8Encode("MO"),
  utf8Encode("TU"),
  utf8Encode("WE"),
  utf8Encode("TH"),
  utf8Encode("FR"),
  utf8Encode("SA"),
];

/** Weekday (0 = SU) of a two-letter name in buf[start, end); -1 when unknown. */
function dayName(buf: Uint8Array, start: number, end: number): number {
  for (let i = 0; i < 7; i++) {
    if (equalsUpper(buf, start, end, DAY_NAMES[i]!)) return i;
  }
  return -1;
}

/** Comma-separated integers within [lo, hi] excluding 0 into out; false when malformed. */
function parseIntList(buf: Uint8Array, start: number, end: number, lo: number, hi: number, out: number[]): boolean {
  let i = start;
  while (i < end) {
    const comma = indexOfByte(buf, i, end, 0x2c);
    const v = parseIntRange(buf, i, comma);
    if (Number.isNaN(v) || v < lo || v > hi || v === 0) return false;
    out.push(v);
    i = comma + 1;
  }
  return out.length > 0;
}

/** Parses an RRULE value; null when malformed (unknown parts only set `partial`). */
export function parseRRule(buf: Uint8Array, start: number, end: number, tzid: string): RRule | null {
  const r = new RRule();
  let i = start;
  while (i < end) {
    const semi = indexOfByte(buf, i, end, 0x3b);
    const eq = indexOfByte(buf, i, semi, 0x3d);
    if (eq === semi) return null;
    const vs = eq + 1;
    if (equalsUpper(buf, i, eq, K_FREQ)) {
      r.freq = Freq.NONE;
      for (let f = 1; f <= 4; f++) {
        if (equalsUpper(buf, vs, semi, FREQ_NAMES[f]!)) r.freq = f;
      }
      if (r.freq === Freq.NONE) r.partial = true;
    } else if (equalsUpper(buf, i, eq, K_INTERVAL)) {
      r.interval = parseIntRange(buf, vs, semi);
      if (Number.isNaN(r.interval) || r.interval < 1) return null;
    } else if (equalsUpper(buf, i, eq, K_COUNT)) {
      r.count = parseIntRange(buf, vs, semi);
      if (Number.isNaN(r.count) || r.count < 1) return null;
    } else if (equalsUpper(buf, i, eq, K_UNTIL)) {
      r.until = parseDateTime(buf, vs, semi, tzid);
      if (r.until === null) return null;
    } else if (equalsUpper(buf, i, eq, K_BYDAY)) {
      let j = vs;
      while (j < semi) {
        const comma = indexOfByte(buf, j, semi, 0x2c);
        if (comma - j < 2) return null;
        // `| 0`: a position within the buffer, which keeps dayName's and equalsUpper's in C ints
        const wd = dayName(buf, (comma - 2) | 0, comma);
        let ord = 0;
        if (comma - 2 > j) {
          ord = parseIntRange(buf, j, comma - 2);
          if (Number.isNaN(ord) || ord === 0 || ord < -53 || ord > 53) return null;
        }
        if (wd < 0) return null;
        r.byDay.push(wd);
        r.byDayOrd.push(ord);
        j = comma + 1;
      }
      if (r.byDay.length === 0) return null;
    } else if (equalsUpper(buf, i, eq, K_BYMONTHDAY)) {
      if (!parseIntList(buf, vs, semi, -31, 31, r.byMonthDay)) return null;
    } else if (equalsUpper(buf, i, eq, K_BYMONTH)) {
      if (!parseIntList(buf, vs, semi, 1, 12, r.byMonth)) return null;
    } else if (equalsUpper(buf, i, eq, K_BYSETPOS)) {
      if (!parseIntList(buf, vs, semi, -366, 366, r.bySetPos)) return null;
    } else if (equalsUpper(buf, i, eq, K_WKST)) {
      r.wkst = dayName(buf, vs, semi);
      if (r.wkst < 0) return null;
    } else {
      r.partial = true;
    }
    i = semi + 1;
  }
  return r;
}

/** Day-of-month numbers (1-based) of month y-m selected by BYMONTHDAY and BYDAY (ordinals within the month). */
function monthDays(r: RRule, y: number, m: number, defaultDay: number, out: number[]): void {
  const dim = daysInMonth(y, m);
  const first = daysFromCivil(y, m, 1);
  if (r.byMonthDay.length === 0 && r.byDay.length === 0) {
    if (defaultDay >= 1 && defaultDay <= dim) out.push(first + defaultDay - 1);
    return;
  }
  // bit d stands for day d: each BYDAY entry sets its days directly rather than testing all 31
  let days = -2;
  if (r.byDay.length > 0) {
    days = 0;
    const firstWd = weekday(first);
    for (let k = 0; k < r.byDay.length; k++) {
      const o = r.byDayOrd[k]!;
      const firstOf = 1 + floorMod(r.byDay[k]! - firstWd, 7);
      if (o === 0) {
        for (let d = firstOf; d <= dim; d += 7) days |= 1 << d;
      } else {
        const lastOf = firstOf + 7 * Math.floor((dim - firstOf) / 7);
        const d = o > 0 ? firstOf + 7 * (o - 1) : lastOf + 7 * (o + 1);
        if (d >= 1 && d <= dim) days |= 1 << d;
      }
    }
  }
  if (r.byMonthDay.length > 0) {
    let picked = 0;
    for (const md of r.byMonthDay) {
      const d = md > 0 ? md : dim + md + 1;
      if (d >= 1 && d <= dim) picked |= 1 << d;
    }
    days &= picked;
  }
  for (let d = 1; d <= dim; d++) {
    if (((days >>> d) & 1) !== 0) out.push(first + d - 1);
  }
}

/** Days of year y selected by BYDAY with ordinals counted within the year. */
function yearWeekdays(r: RRule, y: number, out: number[]): void {
  const first = daysFromCivil(y, 1, 1);
  const n = isLeapYear(y) ? 366 : 365;
  const firstWd = weekday(first);
  for (let i = 0; i < n; i++) {
    const wd = floorMod(firstWd + i, 7);
    const nth = Math.floor(i / 7) + 1;
    const nthFromEnd = -(Math.floor((n - 1 - i) / 7) + 1);
    for (let k = 0; k < r.byDay.length; k++) {
      const o = r.byDayOrd[k]!;
      if (r.byDay[k] === wd && (o === 0 || o === nth || o === nthFromEnd)) {
        out.push(first + i);
        break;
      }
    }
  }
}

/** True when day number `day` passes the BYMONTH/BYMONTHDAY/BYDAY limits of DAILY and WEEKLY rules. */
function dayAllowed(r: RRule, day: number, checkDay: boolean): boolean {
  const p = packedFromDays(day);
  const m = packedMonth(p);
  const d = packedDay(p);
  if (r.byMonth.length > 0 && r.byMonth.indexOf(m) < 0) return false;
  if (r.byMonthDay.length > 0) {
    const dim = daysInMonth(packedYear(p), m);
    let ok = false;
    for (const md of r.byMonthDay) {
      if (md === d || dim + md + 1 === d) ok = true;
    }
    if (!ok) return false;
  }
  if (checkDay && r.byDay.length > 0 && r.byDay.indexOf(weekday(day)) < 0) return false;
  return true;
}

/** Periods to scan without finding an occurrence before giving up (e.g. FEB 30 never occurs). */
const MAX_EMPTY_PERIODS = 2000;

/** Iterates the occurrences (local seconds, ascending) of a rule anchored at a start. */
export class RRuleIterator {
  private period: number = 0;
  private days: number[] = [];
  private pos: number = 0;
  private emitted: number = 0;
  private startDay: number;
  private timeOfDay: number;
  private done: boolean = false;
  private sy: number;
  private sm: number;
  private sd: number;

  constructor(
    private rule: RRule,
    /** DTSTART in local seconds; always the first occurrence. */
    private start: number,
    /** UNTIL converted to the same local seconds; NaN when the rule has none. */
    private untilLocal: number,
  ) {
    this.startDay = Math.floor(start / 86400);
    this.timeOfDay = start - this.startDay * 86400;
    const c = civilFromDays(this.startDay);
    this.sy = c.y;
    this.sm = c.m;
    this.sd = c.d;
  }

  /**
   * Before the first next(): leaves out the periods that end well before local second `local`,
   * so that next() yields DTSTART and then the occurrences from about one period before `local`
   * on. Only for rules without COUNT, whose later occurrences do not depend on the earlier ones.
   * Returns whether periods were left out.
   */
  skipTo(local: number): boolean {
    const r = this.rule;
    if (r.count > 0 || this.emitted > 0 || r.interval < 1) return false;
    const day = Math.floor(local / 86400);
    const c = civilFromDays(day);
    let units = 0;
    if (r.freq === Freq.DAILY) units = day - this.startDay;
    else if (r.freq === Freq.WEEKLY) units = Math.floor((day - this.startDay) / 7);
    else if (r.freq === Freq.MONTHLY) units = (c.y - this.sy) * 12 + c.m - this.sm;
    else if (r.freq === Freq.YEARLY) units = c.y - this.sy;
    // one whole period of slack: a period may hold days up to its own length before `local`
    const k = Math.floor(units / r.interval) - 2;
    if (k <= 0) return false;
    this.period = k;
    return true;
  }

  /** The next occurrence in local seconds, or NaN when there is none. */
  next(): number {
    if (this.done) return NaN;
    if (this.rule.count > 0 && this.emitted >= this.rule.count) return this.finish();
    if (this.emitted === 0) {
      this.emitted = 1;
      if (this.rule.freq === Freq.NONE) this.done = true;
      return this.start;
    }
    let empty = 0;
    while (true) {
      while (this.pos < this.days.length) {
        const day = this.days[this.pos]!;
        this.pos++;
        const t = day * 86400 + this.timeOfDay;
        if (t <= this.start) continue;
        if (!Number.isNaN(this.untilLocal) && t > this.untilLocal) return this.finish();
        this.emitted++;
        return t;
      }
      if (empty > MAX_EMPTY_PERIODS) return this.finish();
      empty++;
      this.fillPeriod();
      this.period++;
      if (this.days.length > 0) {
        const last = this.days[this.days.length - 1]! * 86400 + this.timeOfDay;
        if (last > this.start) empty = 0;
        // Periods are ascending, so a period starting past UNTIL ends the rule.
        if (!Number.isNaN(this.untilLocal) && this.days[0]! * 86400 + this.timeOfDay > this.untilLocal) {
          return this.finish();
        }
      }
    }
  }

  private finish(): number {
    this.done = true;
    return NaN;
  }

  /** Candidate days of the current period, sorted, after BYSETPOS. */
  private fillPeriod(): void {
    const r = this.rule;
    // One array for every period: compiled code would otherwise leave one behind per period.
    const out = this.days;
    out.length = 0;
    const k = this.period * r.interval;
    if (r.freq === Freq.DAILY) {
      const day = this.startDay + k;
      if (dayAllowed(r, day, true)) out.push(day);
    } else if (r.freq === Freq.WEEKLY) {
      const weekStart = this.startDay - floorMod(weekday(this.startDay) - r.wkst, 7) + k * 7;
      for (let i = 0; i < 7; i++) {
        const day = weekStart + i;
        const wd = weekday(day);
        const want = r.byDay.length > 0 ? r.byDay.indexOf(wd) >= 0 : wd === weekday(this.startDay);
        if (want && dayAllowed(r, day, false)) out.push(day);
      }
    } else if (r.freq === Freq.MONTHLY) {
      const mi = this.sm - 1 + k;
      const y = this.sy + Math.floor(mi / 12);
      const m = floorMod(mi, 12) + 1;
      if (r.byMonth.length === 0 || r.byMonth.indexOf(m) >= 0) monthDays(r, y, m, this.sd, out);
    } else if (r.freq === Freq.YEARLY) {
      const y = this.sy + k;
      if (r.byMonth.length === 0 && r.byMonthDay.length === 0 && r.byDay.length > 0) {
        yearWeekdays(r, y, out);
      } else if (r.byMonth.length === 0 && r.byMonthDay.length === 0) {
        monthDays(r, y, this.sm, this.sd, out);
      } else {
        for (let m = 1; m <= 12; m++) {
          const inMonth = r.byMonth.length > 0 ? r.byMonth.indexOf(m) >= 0 : true;
          if (inMonth) monthDays(r, y, m, this.sd, out);
        }
      }
    }
    if (r.bySetPos.length > 0) applySetPos(out, r.bySetPos);
    this.pos = 0;
  }
}

/** Keeps, in place, the members of a sorted period selected by BYSETPOS (1-based, negative from the end). */
function applySetPos(days: number[], setPos: number[]): void {
  const n = days.length;
  let w = 0;
  for (let i = 0; i < n; i++) {
    for (const p of setPos) {
      if (p === i + 1 || n + p === i) {
        days[w] = days[i]!;
        w++;
        break;
      }
    }
  }
  days.length = w;
}
