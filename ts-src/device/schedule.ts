// When to poll: a fixed interval while the server answers, exponential backoff with jitter while
// it does not, and a long pause after a refused sign-in (retrying a wrong password every few
// seconds only fills the server's log and may lock the account). A server that says when to come
// back (Retry-After on 429/5xx) is believed, within a cap.

import { asciiLower, utf8Decode, utf8Encode } from "../lib/text";
import { secondsFromCivil } from "../time/civil";

/** Seconds between polls while all is well. */
export const POLL_INTERVAL = 5 * 60;
/** First retry delay after a failure; it doubles per further failure up to BACKOFF_MAX. */
export const BACKOFF_BASE = 30;
export const BACKOFF_MAX = 30 * 60;
/** Retry delay after the server refused the credentials. */
export const AUTH_RETRY = 60 * 60;

/** A small deterministic PRNG (xorshift32) seeded by the driver, so runs can be replayed. */
export class Jitter {
  private s: number;

  constructor(seed: number) {
    // xorshift32 is stuck at 0: map that seed elsewhere
    const s = seed >>> 0;
    this.s = s === 0 ? 0x9e3779b9 : s;
  }

  /** The next number in [0, 1). */
  next(): number {
    let x = this.s;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.s = x;
    return x / 4294967296;
  }

  /** The generator's state, to carry it into a fresh arena. */
  state(): number {
    return this.s;
  }
}

/** Milliseconds to wait before retrying after `failures` consecutive failed polls (failures ≥ 1). */
export function backoffMs(failures: number, j: Jitter): number {
  let d = BACKOFF_BASE;
  for (let i = 1; i < failures && d < BACKOFF_MAX; i++) d *= 2;
  d = Math.min(d, BACKOFF_MAX);
  // "equal jitter": half fixed so delays still grow, half random so devices spread out
  return Math.round((d / 2 + (d / 2) * j.next()) * 1000);
}

/** Milliseconds to wait after a refused sign-in. */
export function authRetryMs(j: Jitter): number {
  return Math.round(AUTH_RETRY * (0.9 + 0.1 * j.next()) * 1000);
}

/** Longest wait a Retry-After may impose: a server that asks for days must not silence the device. */
export const RETRY_AFTER_MAX = 6 * 60 * 60;

const MONTHS: string[] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A run of letters or digits in an HTTP-date; num is -1 unless it is all digits. */
interface DateToken {
  text: string;
  num: number;
}

/** Splits an HTTP-date into its letter and digit runs; null on a character no format allows. */
function dateTokens(b: Uint8Array): DateToken[] | null {
  const out: DateToken[] = [];
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === 0x20 || c === 0x2c || c === 0x2d || c === 0x3a) {
      i++;
      continue;
    }
    const start = i;
    let digits = true;
    let num = 0;
    while (i < b.length) {
      const x = b[i];
      const isDigit = x >= 0x30 && x <= 0x39;
      const isLetter = (x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a);
      if (!isDigit && !isLetter) break;
      if (isDigit && digits) num = num * 10 + (x - 0x30);
      else digits = false;
      i++;
    }
    if (i === start || i - start > 9) return null;
    out.push({ text: utf8Decode(b, start, i), num: digits ? num : -1 });
  }
  return out;
}

/** Month 1–12 of a three-letter name, or 0. */
function monthOf(t: DateToken): number {
  return MONTHS.indexOf(asciiLower(t.text)) + 1;
}

/**
 * Unix seconds of an HTTP-date (RFC 9110 §5.6.7): IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT",
 * and the obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994"
 * that recipients must still accept; -1 when it is none of them.
 */
export function httpDateSeconds(value: string): number {
  const t = dateTokens(utf8Encode(value));
  if (t === null || t.length < 7 || t[0].num >= 0) return -1;
  let y = 0;
  let mo = 0;
  let day = 0;
  let at = 0;
  if (t.length === 7 && monthOf(t[1]) > 0) {
    mo = monthOf(t[1]);
    day = t[2].num;
    y = t[6].num;
    at = 3;
  } else if (t.length === 8 && asciiLower(t[7].text) === "gmt") {
    day = t[1].num;
    mo = monthOf(t[2]);
    y = t[3].num;
    // RFC 850's two-digit year: the century that puts it nearest (RFC 9110 says within 50 years)
    if (y >= 0 && y < 100) y += y < 70 ? 2000 : 1900;
    at = 4;
  } else return -1;
  const hh = t[at].num;
  const mi = t[at + 1].num;
  const ss = t[at + 2].num;
  if (mo === 0 || day < 1 || day > 31 || y < 1970 || hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60) return -1;
  return secondsFromCivil(y, mo, day, hh, mi, ss);
}

/**
 * Seconds a Retry-After value (RFC 9110 §10.2.3: delta-seconds or an HTTP-date) asks to wait
 * from nowSec: 0 for a date already past, -1 when empty or malformed.
 */
export function retryAfterSeconds(value: string, nowSec: number): number {
  const b = utf8Encode(value.trim());
  if (b.length === 0) return -1;
  let n = 0;
  let digits = true;
  for (let i = 0; i < b.length && digits; i++) {
    if (b[i] < 0x30 || b[i] > 0x39) digits = false;
    // beyond the cap the exact number no longer matters; stop before it loses precision
    else n = Math.min(n * 10 + (b[i] - 0x30), 1e12);
  }
  if (digits) return n;
  const at = httpDateSeconds(value.trim());
  if (at < 0) return -1;
  return Math.max(0, at - nowSec);
}

/** Milliseconds to wait when the server asked for `seconds` (≥ 0): at least that, capped, plus up to 10 % jitter. */
export function retryAfterMs(seconds: number, j: Jitter): number {
  return Math.round(Math.min(seconds, RETRY_AFTER_MAX) * (1 + 0.1 * j.next()) * 1000);
}

/** A wait for the screen: "45 s", "5 min", "3 h". */
export function waitText(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 3 * 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}
