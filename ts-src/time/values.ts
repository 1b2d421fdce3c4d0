// iCalendar DATE, DATE-TIME, DURATION and UTC-OFFSET values (RFC 5545 §3.3), parsed from bytes.
import { daysInMonth, secondsFromCivil } from "./civil";
import { digitsAt, isDigit } from "./bytes";

/** A DATE or DATE-TIME as written: wall-clock fields plus how to read them. */
export class DateTime {
  constructor(
    /** Wall-clock fields as seconds since 1970 read as UTC ("local seconds"). */
    public local: number,
    /** VALUE=DATE: a day, not a moment. */
    public isDate: boolean,
    /** Written with a trailing Z. */
    public isUtc: boolean,
    /** TZID parameter, "" when absent (floating, or UTC when isUtc). */
    public tzid: string,
  ) {}
}

/** Parses `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]` in buf[start, end); null when malformed. */
export function parseDateTime(buf: Uint8Array, start: number, end: number, tzid: string): DateTime | null {
  const n = end - start;
  if (n !== 8 && n !== 15 && n !== 16) return null;
  // a position within the buffer is an int32: `| 0` keeps the digit offsets in C ints
  const at = start | 0;
  const y = digitsAt(buf, at, 4);
  const m = digitsAt(buf, at + 4, 2);
  const d = digitsAt(buf, at + 6, 2);
  if (y < 0 || m < 0 || d < 0) return null;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  if (n === 8) return new DateTime(secondsFromCivil(y, m, d, 0, 0, 0), true, false, "");
  const t = buf[at + 8]!;
  if (t !== 0x54 && t !== 0x74) return null;
  const hh = digitsAt(buf, at + 9, 2);
  const mi = digitsAt(buf, at + 11, 2);
  const ss = digitsAt(buf, at + 13, 2);
  if (hh < 0 || mi < 0 || ss < 0) return null;
  // 60 is a leap second: RFC 5545 allows it, counting it as the next minute's 00 is harmless.
  if (hh > 23 || mi > 59 || ss > 60) return null;
  let utc = false;
  if (n === 16) {
    const z = buf[at + 15]!;
    if (z !== 0x5a && z !== 0x7a) return null;
    utc = true;
  }
  return new DateTime(secondsFromCivil(y, m, d, hh, mi, ss), false, utc, utc ? "" : tzid);
}

/** Seconds of a DURATION such as `-PT15M`, `P1W`, `P1DT2H`; NaN when malformed. */
export function parseDuration(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) {
    if (buf[i] === 0x2d) sign = -1;
    i++;
  }
  if (i >= end || (buf[i] !== 0x50 && buf[i] !== 0x70)) return NaN;
  i++;
  let total = 0;
  let inTime = false;
  let sawUnit = false;
  while (i < end) {
    let b = buf[i]!;
    if (b === 0x54 || b === 0x74) {
      if (inTime || i + 1 >= end) return NaN;
      inTime = true;
      i++;
      continue;
    }
    let v = 0;
    let digits = 0;
    while (i < end && isDigit(buf[i]!)) {
      v = v * 10 + (buf[i]! - 0x30);
      digits++;
      i++;
    }
    if (digits === 0 || digits > 9 || i >= end) return NaN;
    b = buf[i]! & 0xdf;
    i++;
    if (b === 0x57 && !inTime) total += v * 604800;
    else if (b === 0x44 && !inTime) total += v * 86400;
    else if (b === 0x48 && inTime) total += v * 3600;
    else if (b === 0x4d && inTime) total += v * 60;
    else if (b === 0x53 && inTime) total += v;
    else return NaN;
    sawUnit = true;
  }
  return sawUnit ? sign * total : NaN;
}

/** Seconds east of UTC of a UTC-OFFSET such as `+0200`, `-0330`, `+053028`; NaN when malformed. */
export function parseUtcOffset(buf: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n !== 5 && n !== 7) return NaN;
  const at = start | 0;
  const s = buf[at]!;
  if (s !== 0x2b && s !== 0x2d) return NaN;
  const hh = digitsAt(buf, at + 1, 2);
  const mm = digitsAt(buf, at + 3, 2);
  const ss = n === 7 ? digitsAt(buf, at + 5, 2) : 0;
  if (hh < 0 || mm < 0 || ss < 0 || mm > 59 || ss > 59) return NaN;
  const v = hh * 3600 + mm * 60 + ss;
  return s === 0x2d ? -v : v;
}
