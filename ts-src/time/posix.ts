// POSIX TZ strings (`CET-1CEST,M3.5.0,M10.5.0/3`, `<+0330>-3:30`, `EST5EDT`), the form the device
// zone is configured in and the footer of every compiled tzdata file.
import { isDigit } from "./bytes";
import { PosixDate, Zone } from "./zone";
import { utf8Encode } from "../lib/text";

/** Cursor over the TZ string's bytes; `ok` turns false at the first syntax error. */
class Scan {
  pos: number = 0;
  ok: boolean = true;
  constructor(public b: Uint8Array) {}
}

function peek(s: Scan): number {
  return s.pos < s.b.length ? s.b[s.pos]! : -1;
}

/** Skips a zone abbreviation: `<…>` or three or more letters. */
function skipName(s: Scan): void {
  if (peek(s) === 0x3c) {
    s.pos++;
    while (s.pos < s.b.length && s.b[s.pos] !== 0x3e) s.pos++;
    if (peek(s) !== 0x3e) s.ok = false;
    s.pos++;
    return;
  }
  const from = s.pos;
  while (s.pos < s.b.length) {
    const c = s.b[s.pos]! | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    s.pos++;
  }
  if (s.pos - from < 3) s.ok = false;
}

/** Unsigned decimal number (at most 3 digits); NaN-free: sets ok=false on error. */
function number(s: Scan): number {
  let v = 0;
  let n = 0;
  while (isDigit(peek(s)) && n < 4) {
    v = v * 10 + (peek(s) - 0x30);
    s.pos++;
    n++;
  }
  if (n === 0 || n > 3) s.ok = false;
  return v;
}

/** `[+-]hh[:mm[:ss]]` in seconds, sign as written. */
function hms(s: Scan, maxHours: number): number {
  let sign = 1;
  if (peek(s) === 0x2b || peek(s) === 0x2d) {
    if (peek(s) === 0x2d) sign = -1;
    s.pos++;
  }
  const h = number(s);
  let m = 0;
  let sec = 0;
  if (peek(s) === 0x3a) {
    s.pos++;
    m = number(s);
    if (peek(s) === 0x3a) {
      s.pos++;
      sec = number(s);
    }
  }
  if (h > maxHours || m > 59 || sec > 59) s.ok = false;
  return sign * (h * 3600 + m * 60 + sec);
}

/** One `date[/time]` rule part. */
function ruleDate(s: Scan): PosixDate {
  const p = new PosixDate(0, 0, 0, 0, 0, 7200);
  const c = peek(s);
  if (c === 0x4d) {
    s.pos++;
    p.month = number(s);
    if (peek(s) !== 0x2e) s.ok = false;
    s.pos++;
    p.week = number(s);
    if (peek(s) !== 0x2e) s.ok = false;
    s.pos++;
    p.wday = number(s);
    if (p.month < 1 || p.month > 12 || p.week < 1 || p.week > 5 || p.wday > 6) s.ok = false;
  } else if (c === 0x4a) {
    s.pos++;
    p.kind = 1;
    p.day = number(s);
    if (p.day < 1 || p.day > 365) s.ok = false;
  } else {
    p.kind = 2;
    p.day = number(s);
    if (p.day > 365) s.ok = false;
  }
  if (peek(s) === 0x2f) {
    s.pos++;
    p.time = hms(s, 167);
  }
  return p;
}

/** The zone described by a POSIX TZ string; null when it is malformed. */
export function parsePosixTz(tz: string): Zone | null {
  const s = new Scan(utf8Encode(tz));
  const z = new Zone(tz);
  skipName(s);
  // POSIX offsets count hours west of Greenwich; zones store seconds east.
  z.stdOffset = -hms(s, 24);
  if (s.ok && s.pos < s.b.length) {
    z.hasDst = true;
    skipName(s);
    z.dstOffset = z.stdOffset + 3600;
    const c = peek(s);
    if (c === 0x2b || c === 0x2d || isDigit(c)) z.dstOffset = -hms(s, 24);
    if (peek(s) === 0x2c) {
      s.pos++;
      z.dstStart = ruleDate(s);
      if (peek(s) !== 0x2c) s.ok = false;
      s.pos++;
      z.dstEnd = ruleDate(s);
    }
  }
  if (!s.ok || s.pos !== s.b.length) return null;
  return z;
}
