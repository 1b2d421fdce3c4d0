// Proleptic Gregorian calendar arithmetic on plain numbers (no Date objects: the same code runs
// compiled to C). "Local seconds" are wall-clock fields counted as if they were UTC, so a zone
// only has to add or subtract an offset.
import { utf8Decode } from "../lib/text";

/** A calendar date. */
export class Ymd {
  constructor(public y: number, public m: number, public d: number) {}
}

/** Floor division for possibly negative numerators. */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Mathematical modulo (result has the sign of b). */
export function floorMod(a: number, b: number): number {
  return a - Math.floor(a / b) * b;
}

/**
 * Days since 1970-01-01 of the date y-m-d (Hinnant's days_from_civil); NaN unless y, m and d are
 * int32s. Every calendar field is one, and as int32s (`| 0`) the arithmetic is exact integer
 * arithmetic in compiled code too, where doubles cost a software routine per operation.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yi = y | 0;
  const mi = m | 0;
  const di = d | 0;
  if (yi !== y || mi !== m || di !== d) return NaN;
  const yy = mi <= 2 ? yi - 1 : yi;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = mi > 2 ? mi - 3 : mi + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + di - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The date of a day number packed as y * 10000 + m * 100 + d (inverse of daysFromCivil); NaN
 * unless days is an int32 (years within ±5.8 million), whose arithmetic stays in integers as
 * daysFromCivil's does. Hot paths use this form: it allocates nothing, and compiled code
 * allocates every object in an arena.
 */
export function packedFromDays(days: number): number {
  const di = days | 0;
  if (di !== days) return NaN;
  const z = di + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return (yoe + era * 400 + (m <= 2 ? 1 : 0)) * 10000 + m * 100 + d;
}

/** Year of a packed date. */
export function packedYear(p: number): number {
  return Math.floor(p / 10000);
}

/** Month (1-12) of a packed date. */
export function packedMonth(p: number): number {
  return Math.floor(p / 100) % 100;
}

/** Day of month of a packed date. */
export function packedDay(p: number): number {
  return floorMod(p, 100);
}

/** The date of a day number (inverse of daysFromCivil). */
export function civilFromDays(days: number): Ymd {
  const p = packedFromDays(days);
  return new Ymd(packedYear(p), packedMonth(p), packedDay(p));
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday. */
export function weekday(days: number): number {
  return floorMod(days + 4, 7);
}

/** True in Gregorian leap years. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Number of days in month m (1-12) of year y. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Seconds since the epoch of the civil fields, read as UTC (or as local seconds). */
export function secondsFromCivil(y: number, m: number, d: number, hh: number, mi: number, ss: number): number {
  return daysFromCivil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss;
}

/** Day number of a seconds value (floor). */
export function dayOfSeconds(s: number): number {
  return floorDiv(s, 86400);
}

/** Two-digit (or wider) zero-padded decimal. */
function pad(n: number, width: number): string {
  let s = String(n);
  let digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : 4;
  while (digits < width) {
    s = "0" + s;
    digits++;
  }
  return s;
}

/** Writes the `width` decimal digits of n, an integer in [0, 10^width), into b from i on. */
function putDigits(b: Uint8Array, i: number, n: number, width: number): void {
  // `>>> 0` is exact for such n and keeps the digit arithmetic in C integers
  let v = n >>> 0;
  for (let k = i + width - 1; k >= i; k--) {
    b[k] = 0x30 + (v % 10);
    v = (v / 10) >>> 0;
  }
}

/** Writes `YYYY-MM-DD` of c into b[0, 10). */
function putDate(b: Uint8Array, c: Ymd): void {
  putDigits(b, 0, c.y, 4);
  b[4] = 0x2d;
  putDigits(b, 5, c.m, 2);
  b[7] = 0x2d;
  putDigits(b, 8, c.d, 2);
}

/** `YYYY-MM-DD` of a day number. */
export function formatDate(days: number): string {
  const c = civilFromDays(days);
  // four-digit years, which is all iCalendar writes, go straight to bytes; pad() words the rest
  if (!(c.y >= 0 && c.y <= 9999)) return `${pad(c.y, 4)}-${pad(c.m, 2)}-${pad(c.d, 2)}`;
  const b = new Uint8Array(10);
  putDate(b, c);
  return utf8Decode(b, 0, 10);
}

/** `YYYY-MM-DDTHH:MM:SSZ` of UTC seconds. */
export function formatUtc(s: number): string {
  const days = dayOfSeconds(s);
  const rem = s - days * 86400;
  const hh = Math.floor(rem / 3600);
  const mi = Math.floor((rem - hh * 3600) / 60);
  const ss = rem - hh * 3600 - mi * 60;
  const c = civilFromDays(days);
  if (!(c.y >= 0 && c.y <= 9999) || ss !== Math.floor(ss)) return `${formatDate(days)}T${pad(hh, 2)}:${pad(mi, 2)}:${pad(ss, 2)}Z`;
  const b = new Uint8Array(20);
  putDate(b, c);
  b[10] = 0x54;
  putDigits(b, 11, hh, 2);
  b[13] = 0x3a;
  putDigits(b, 14, mi, 2);
  b[16] = 0x3a;
  putDigits(b, 17, ss, 2);
  b[19] = 0x5a;
  return utf8Decode(b, 0, 20);
}
