// Time zones as the device sees them: a POSIX TZ rule (the device zone, the IANA table) or the
// observances of a VTIMEZONE. Both answer two questions: the UTC offset at a UTC instant, and the
// UTC instant of a wall-clock time.
import { daysFromCivil, daysInMonth, floorMod, isLeapYear, packedFromDays, packedYear, weekday } from "./civil";
import { RRule, RRuleIterator } from "./rrule";

/** One POSIX transition date rule: `Mm.w.d`, `Jn` or `n`, plus a local time of day. */
export class PosixDate {
  constructor(
    /** 0 = Mm.w.d, 1 = Jn (1-365, no Feb 29), 2 = n (0-365, counting Feb 29). */
    public kind: number,
    public month: number,
    public week: number,
    public wday: number,
    public day: number,
    /** Seconds after local midnight; may be negative or beyond 24 h. */
    public time: number,
  ) {}
}

/** A STANDARD or DAYLIGHT sub-component of a VTIMEZONE. */
export class Observance {
  rule: RRule | null = null;
  /** RDATEs in local seconds (wall clock before the change). */
  rdates: number[] = [];
  constructor(public start: number, public offsetFrom: number, public offsetTo: number) {}
}

/** A zone: fixed, POSIX rule or VTIMEZONE observances. */
export class Zone {
  /** Seconds east of UTC of standard time (POSIX zones). */
  stdOffset: number = 0;
  hasDst: boolean = false;
  dstOffset: number = 0;
  dstStart: PosixDate = new PosixDate(0, 3, 2, 0, 0, 7200);
  dstEnd: PosixDate = new PosixDate(0, 11, 1, 0, 0, 7200);
  /** Non-empty for a zone read from a VTIMEZONE. */
  observances: Observance[] = [];
  /** Cached VTIMEZONE transitions in (windowFrom, windowTo]: see fillWindow. */
  windowFrom: number = NaN;
  windowTo: number = NaN;
  windowBase: number = 0;
  windowUtc: number[] = [];
  windowOffset: number[] = [];
  /** POSIX zones: the year whose neighbourhood `posixOnsets` holds (see posixOffset), NaN for none. */
  posixYear: number = NaN;
  /** UTC instants [posixYearFrom, posixYearTo) whose standard-time date falls in posixYear ± 1. */
  posixYearFrom: number = NaN;
  posixYearTo: number = NaN;
  /** UTC instants of DST start and end in posixYear - 2 … posixYear + 2. */
  posixOnsets: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  /** POSIX zones: UTC instants [posixFrom, posixTo) in which the offset is posixOff (see posixOffset). */
  posixFrom: number = NaN;
  posixTo: number = NaN;
  posixOff: number = 0;
  constructor(public name: string) {}
}

/** Day number of a POSIX date rule in year y. */
function posixDay(p: PosixDate, y: number): number {
  const jan1 = daysFromCivil(y, 1, 1);
  if (p.kind === 1) return jan1 + p.day - 1 + (isLeapYear(y) && p.day >= 60 ? 1 : 0);
  if (p.kind === 2) return jan1 + p.day;
  const first = daysFromCivil(y, p.month, 1);
  let day = first + floorMod(p.wday - weekday(first), 7) + (p.week - 1) * 7;
  const last = first + daysInMonth(y, p.month) - 1;
  while (day > last) day -= 7;
  return day;
}

/** Offset of a POSIX zone at UTC instant t. */
function posixOffset(z: Zone, t: number): number {
  if (!z.hasDst) return z.stdOffset;
  // conversions come in runs close together: the last answer holds until the next transition
  if (t >= z.posixFrom && t < z.posixTo) return z.posixOff;
  const onsets = z.posixOnsets;
  // Conversions come in runs within a year or two (a poll's tasks around "now", which may straddle
  // New Year): the transitions are computed once for three years, and an instant within them needs
  // no calendar arithmetic to say so. An onset lies within a week of its year (a rule's time is
  // within ±167 h), so the latest onset at or before an instant of year X, and the next one after
  // it, are onsets of X - 1, X or X + 1: holding posixYear - 2 … posixYear + 2 covers every X from
  // posixYear - 1 to posixYear + 1.
  if (!(t >= z.posixYearFrom && t < z.posixYearTo)) {
    const year = packedYear(packedFromDays(Math.floor((t + z.stdOffset) / 86400)));
    if (z.posixYear !== year) {
      for (let i = 0; i < 5; i++) {
        onsets[i * 2] = posixDay(z.dstStart, year - 2 + i) * 86400 + z.dstStart.time - z.stdOffset;
        onsets[i * 2 + 1] = posixDay(z.dstEnd, year - 2 + i) * 86400 + z.dstEnd.time - z.dstOffset;
      }
      z.posixYear = year;
    }
    z.posixYearFrom = daysFromCivil(year - 1, 1, 1) * 86400 - z.stdOffset;
    z.posixYearTo = daysFromCivil(year + 2, 1, 1) * 86400 - z.stdOffset;
  }
  // The latest transition at or before t among the neighbouring years decides.
  let best = -Infinity;
  let next = Infinity;
  let off = z.stdOffset;
  for (let i = 0; i < 5; i++) {
    const on = onsets[i * 2]!;
    const offT = onsets[i * 2 + 1]!;
    if (on <= t && on >= best) {
      best = on;
      off = z.dstOffset;
    }
    if (offT <= t && offT > best) {
      best = offT;
      off = z.stdOffset;
    }
    if (on > t && on < next) next = on;
    if (offT > t && offT < next) next = offT;
  }
  // Within posixYear ± 1 no onset lies in [best, next), so every instant there gets this same answer.
  z.posixFrom = Math.max(best, z.posixYearFrom);
  z.posixTo = Math.min(next, z.posixYearTo);
  z.posixOff = off;
  return off;
}

/** Width of the window of VTIMEZONE transitions a zone keeps computed (about two years). */
const WINDOW = 730 * 86400;

/** The transitions fillWindow gathers: the latest onset at or before the window, and those inside it. */
class WindowOnsets {
  baseAt: number = -Infinity;
  base: number = 0;
  utc: number[] = [];
  off: number[] = [];
  constructor(public from: number, public to: number) {}

  /** Takes an onset at UTC instant u, after which `offset` applies. */
  add(u: number, offset: number): void {
    if (u <= this.from) {
      if (u > this.baseAt) {
        this.baseAt = u;
        this.base = offset;
      }
    } else if (u <= this.to) {
      this.utc.push(u);
      this.off.push(offset);
    }
  }
}

/**
 * Adds observance o's onsets to w. With `skip`, its rule is walked from a year or so before the
 * window instead of from DTSTART (often 1601 or 1970: a step per year); that is exact only when an
 * onset after the skipped part still falls at or before the window's start, since it then outranks
 * every skipped one. Returns false, leaving w as it was, when that did not happen.
 */
function addOnsets(w: WindowOnsets, o: Observance, skip: boolean): boolean {
  let untilLocal = NaN;
  if (o.rule !== null && o.rule.until !== null) {
    const u = o.rule.until;
    untilLocal = u.isUtc ? u.local + o.offsetFrom : u.local;
  }
  const it = new RRuleIterator(o.rule !== null ? o.rule : new RRule(), o.start, untilLocal);
  const skipped = skip && it.skipTo(w.from + o.offsetFrom);
  if (skip && !skipped) return false;
  const baseAt = w.baseAt;
  const base = w.base;
  const pushed = w.utc.length;
  let covered = false;
  for (let n = 0; n < 5000; n++) {
    const occ = it.next();
    if (Number.isNaN(occ)) break;
    const u = occ - o.offsetFrom;
    if (u > w.to) break;
    if (u <= w.from && n > 0) covered = true;
    w.add(u, o.offsetTo);
  }
  if (skipped && !covered) {
    w.baseAt = baseAt;
    w.base = base;
    w.utc.length = pushed;
    w.off.length = pushed;
    return false;
  }
  return true;
}

/**
 * Recomputes z's transition window around t: the offset in force at its start and every onset
 * inside it. Rules are walked from about a year before the window (addOnsets), and caching the
 * window makes the many conversions of one poll, all near "now", cheap.
 */
function fillWindow(z: Zone, t: number): void {
  const from = t - WINDOW / 2;
  const to = from + WINDOW;
  let earliest = Infinity;
  const w = new WindowOnsets(from, to);
  for (const o of z.observances) {
    if (o.start - o.offsetFrom < earliest) {
      earliest = o.start - o.offsetFrom;
      if (w.baseAt === -Infinity) w.base = o.offsetFrom;
    }
    if (!addOnsets(w, o, true)) addOnsets(w, o, false);
    for (const r of o.rdates) w.add(r - o.offsetFrom, o.offsetTo);
  }
  const utc = w.utc;
  const off = w.off;
  const base = w.base;
  // Few entries: insertion sort keeps offsets paired with their instants.
  for (let i = 1; i < utc.length; i++) {
    let j = i;
    while (j > 0 && utc[j - 1]! > utc[j]!) {
      const tu = utc[j]!;
      utc[j] = utc[j - 1]!;
      utc[j - 1] = tu;
      const to2 = off[j]!;
      off[j] = off[j - 1]!;
      off[j - 1] = to2;
      j--;
    }
  }
  z.windowFrom = from;
  z.windowTo = to;
  z.windowBase = base;
  z.windowUtc = utc;
  z.windowOffset = off;
}

/** Offset of a VTIMEZONE zone at UTC instant t. */
function observanceOffset(z: Zone, t: number): number {
  if (!(t > z.windowFrom && t <= z.windowTo)) fillWindow(z, t);
  let off = z.windowBase;
  for (let i = 0; i < z.windowUtc.length; i++) {
    if (z.windowUtc[i]! <= t) off = z.windowOffset[i]!;
  }
  return off;
}

/** Seconds east of UTC in zone z at UTC instant t. */
export function offsetAt(z: Zone, t: number): number {
  return z.observances.length > 0 ? observanceOffset(z, t) : posixOffset(z, t);
}

/**
 * UTC instant of wall-clock `local` seconds in z. In a gap (spring forward) the offset before the
 * gap applies, as RFC 5545 §3.3.5 says; in an overlap the earlier instant wins.
 */
export function localToUtc(z: Zone, local: number): number {
  const o1 = offsetAt(z, local - 86400);
  const o2 = offsetAt(z, local + 86400);
  if (o1 === o2) return local - o1;
  const u1 = local - o1;
  const u2 = local - o2;
  const ok1 = offsetAt(z, u1) === o1;
  const ok2 = offsetAt(z, u2) === o2;
  if (ok1 && ok2) return Math.min(u1, u2);
  if (ok2) return u2;
  return u1;
}

/** Wall-clock local seconds in z of UTC instant t. */
export function utcToLocal(z: Zone, t: number): number {
  return t + offsetAt(z, t);
}
