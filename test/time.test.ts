import { test } from "uvu";
import * as assert from "uvu/assert";
import { civilFromDays, daysFromCivil, formatDate, formatUtc, secondsFromCivil, weekday } from "../ts-src/time/civil";
import { parsePosixTz } from "../ts-src/time/posix";
import { ianaZone } from "../ts-src/time/iana-zone";
import { ZONE_NAMES } from "../ts-src/time/iana";
import { localToUtc, offsetAt, utcToLocal, Zone } from "../ts-src/time/zone";
import { parseDateTime, parseDuration, parseUtcOffset } from "../ts-src/time/values";
import { utf8Encode } from "../ts-src/lib/text";
import { parseIntRange } from "../ts-src/time/bytes";
import { ICalReader } from "../ts-src/ical/reader";
import { RRule, RRuleIterator } from "../ts-src/time/rrule";

function zone(tz: string): Zone {
  const z = parsePosixTz(tz);
  if (z === null) throw new Error(`bad ${tz}`);
  return z;
}
const utc = (s: string) => Date.parse(s) / 1000;

test("civil arithmetic agrees with Date over 400 years and at the edges", () => {
  for (let days = -150000; days < 150000; days += 37) {
    const d = new Date(days * 86400000);
    const c = civilFromDays(days);
    assert.equal([c.y, c.m, c.d], [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
    assert.is(daysFromCivil(c.y, c.m, c.d), days);
    assert.is(weekday(days), d.getUTCDay());
  }
  assert.is(formatUtc(secondsFromCivil(2024, 2, 29, 23, 59, 59)), "2024-02-29T23:59:59Z");
  assert.is(formatDate(daysFromCivil(1970, 1, 1)), "1970-01-01");
  // the top of int32 day numbers and the ends of int32 years; fields and day numbers that are no
  // int32s have no date
  const last = civilFromDays(2147483647);
  assert.is(daysFromCivil(last.y, last.m, last.d), 2147483647);
  assert.is(daysFromCivil(-2147483648, 1, 1), -784353015833);
  assert.is(daysFromCivil(2147483647, 12, 31), 784351576776);
  for (const [y, m, d] of [[2026.5, 1, 1], [2026, NaN, 1], [2026, 1, 2 ** 31], [-(2 ** 31) - 1, 3, 1]]) assert.ok(Number.isNaN(daysFromCivil(y!, m!, d!)), `${y}-${m}-${d}`);
  for (const days of [0.5, NaN, Infinity, 2 ** 31, -(2 ** 31) - 1]) assert.ok(Number.isNaN(civilFromDays(days).y), String(days));
});

test("DATE, DATE-TIME, DURATION and UTC-OFFSET values", () => {
  const dt = (s: string, tz = "") => {
    const b = utf8Encode(s);
    return parseDateTime(b, 0, b.length, tz);
  };
  /** The parser applied to the whole of s's bytes. */
  const whole = <T,>(parse: (b: Uint8Array, start: number, end: number) => T) => (s: string): T => {
    const b = utf8Encode(s);
    return parse(b, 0, b.length);
  };
  const v = dt("20261127T083000Z")!;
  assert.is(v.isUtc, true);
  assert.is(v.local, utc("2026-11-27T08:30:00Z"));
  assert.is(dt("20261127")!.isDate, true);
  assert.is(dt("20261127T083000", "Europe/Berlin")!.tzid, "Europe/Berlin");
  for (const bad of ["20260230", "2026-11-27", "20261127T2500", "20261127T250000", "20261127X083000", "20261327"]) assert.is(dt(bad), null, bad);
  // a non-digit in any field, the last byte included
  for (const bad of ["2026112x", "2O261127", "20261127T08300Z", "20261127T0830a0Z", "20261127T08:000", "20261127T/83000"]) assert.is(dt(bad), null, bad);
  const dur = whole(parseDuration);
  assert.is(dur("-PT15M"), -900);
  assert.is(dur("P1W"), 604800);
  assert.is(dur("+P1DT2H3M4S"), 93784);
  assert.is(dur("PT0S"), 0);
  for (const bad of ["P", "PT", "P1H", "PT1D", "1D", "P1DT", "P1.5D"]) assert.ok(Number.isNaN(dur(bad)), bad);
  const off = whole(parseUtcOffset);
  assert.is(off("+0530"), 19800);
  assert.is(off("-0330"), -12600);
  assert.is(off("+001500"), 900);
  assert.ok(Number.isNaN(off("0100")));
  for (const bad of ["+05a0", "-0x30", "+00150O", "+0/30"]) assert.ok(Number.isNaN(off(bad)), bad);
  const int = whole(parseIntRange);
  assert.is(int("999999999"), 999999999);
  assert.is(int("-12"), -12);
  assert.is(int("+7"), 7);
  assert.ok(Object.is(int("-0"), -0));
  for (const bad of ["", "-", "1a", "a1", "1000000000", "12 ", "--1"]) assert.ok(Number.isNaN(int(bad)), bad);
});

test("POSIX TZ strings: names, offsets, Mm.w.d, Jn, n, times", () => {
  const cet = zone("CET-1CEST,M3.5.0,M10.5.0/3");
  assert.is(offsetAt(cet, utc("2026-03-29T00:59:59Z")), 3600);
  assert.is(offsetAt(cet, utc("2026-03-29T01:00:00Z")), 7200);
  assert.is(offsetAt(cet, utc("2026-10-25T00:59:59Z")), 7200);
  assert.is(offsetAt(cet, utc("2026-10-25T01:00:00Z")), 3600);
  assert.is(offsetAt(zone("<+0330>-3:30"), 0), 12600);
  assert.is(offsetAt(zone("UTC0"), 0), 0);
  const ny = zone("EST5EDT"); // POSIX default rules: second Sunday of March, first of November
  assert.is(offsetAt(ny, utc("2026-03-08T06:59:59Z")), -18000);
  assert.is(offsetAt(ny, utc("2026-03-08T07:00:00Z")), -14400);
  // Southern hemisphere: DST spans the new year.
  const syd = zone("AEST-10AEDT,M10.1.0,M4.1.0/3");
  assert.is(offsetAt(syd, utc("2026-01-15T00:00:00Z")), 39600);
  assert.is(offsetAt(syd, utc("2026-06-15T00:00:00Z")), 36000);
  // Jn never counts Feb 29; n does (zero-based).
  const j = zone("AAA-1BBB,J60/0,J300/0");
  assert.is(offsetAt(j, utc("2028-02-29T12:00:00Z")), 3600);
  assert.is(offsetAt(j, utc("2028-03-01T12:00:00Z")), 7200);
  const n = zone("AAA-1BBB,59/0,300/0");
  assert.is(offsetAt(n, utc("2028-02-28T12:00:00Z")), 3600);
  assert.is(offsetAt(n, utc("2028-02-29T12:00:00Z")), 7200);
  // Negative and >24 h transition times (America/Nuuk, Asia/Gaza style).
  const nuuk = zone("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
  // Last Sunday of March at -1:00 local = Saturday 23:00 at -02 = 01:00 UTC.
  assert.is(offsetAt(nuuk, utc("2026-03-29T00:59:59Z")), -7200);
  assert.is(offsetAt(nuuk, utc("2026-03-29T01:00:00Z")), -3600);
  const il = zone("IST-2IDT,M3.4.4/26,M10.5.0");
  assert.is(offsetAt(il, utc("2026-03-27T00:00:00Z")), 10800);
  // Explicit DST offset and negative DST (Europe/Dublin's footer).
  assert.is(offsetAt(zone("IST-1GMT0,M10.5.0,M3.5.0/1"), utc("2026-07-01T00:00:00Z")), 3600);
  assert.is(offsetAt(zone("IST-1GMT0,M10.5.0,M3.5.0/1"), utc("2026-12-01T00:00:00Z")), 0);
  assert.is(offsetAt(zone("XXX3YYY1:30,M3.2.0,M11.1.0"), utc("2026-07-01T00:00:00Z")), -5400);
  for (const bad of ["", "C-1", "CET", "CET-1CEST,M3.5", "CET-1CEST,M13.1.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0", "<+03-3", "CET-1CEST,J366,J1", "CET-1x"]) {
    assert.is(parsePosixTz(bad), null, bad);
  }
});

test("wall clock to UTC: gaps use the offset before, overlaps the earlier instant", () => {
  const cet = zone("CET-1CEST,M3.5.0,M10.5.0/3");
  const local = (s: string) => utc(s + "Z");
  assert.is(localToUtc(cet, local("2026-07-01T12:00:00")), utc("2026-07-01T10:00:00Z"));
  assert.is(localToUtc(cet, local("2026-03-29T02:30:00")), utc("2026-03-29T01:30:00Z"));
  assert.is(localToUtc(cet, local("2026-10-25T02:30:00")), utc("2026-10-25T00:30:00Z"));
  assert.is(utcToLocal(cet, utc("2026-10-25T01:30:00Z")), local("2026-10-25T02:30:00"));
});

/** Offset in seconds of IANA zone `name` at t, from the ICU data Node carries. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(name: string, t: number): number {
  const f = formats.get(name) ?? new Intl.DateTimeFormat("en-US", { timeZone: name, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  formats.set(name, f);
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(t * 1000))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) / 1000 - t;
}

test("the IANA table matches Node's ICU zone data for 2026-2030 in every zone", () => {
  let checked = 0;
  const differ: string[] = [];
  for (const name of ZONE_NAMES) {
    let supported = true;
    try {
      intlOffset(name, 0);
    } catch {
      supported = false;
    }
    if (!supported) continue;
    const z = ianaZone(name);
    assert.ok(z !== null, name);
    // Every 5 days and 7 hours over five years hits both sides of every transition's week.
    for (let t = utc("2026-01-01T00:00:00Z"); t < utc("2031-01-01T00:00:00Z"); t += 5 * 86400 + 7 * 3600) {
      if (offsetAt(z!, t) !== intlOffset(name, t)) {
        differ.push(`${name} at ${formatUtc(t)}: ${offsetAt(z!, t)} vs ${intlOffset(name, t)}`);
        break;
      }
    }
    checked++;
  }
  assert.ok(checked > 550, `only ${checked} zones checked`);
  // Morocco's Ramadan changes are listed one by one in tzdata, not in the footer rule.
  assert.equal(differ.filter((d) => !d.startsWith("Africa/Casablanca ") && !d.startsWith("Africa/El_Aaiun ")), []);
});

test("a POSIX zone answers the same when it reuses its last answer or its years' transitions, in any order of queries", () => {
  const names = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "America/Santiago", "Pacific/Chatham", "Antarctica/Troll", "Europe/Dublin"];
  let seed = 11;
  for (const name of names) {
    const kept = ianaZone(name)!;
    const ref = ianaZone(name)!;
    // the reference forgets its last answer and its years' transitions before every query
    const fresh = (t: number) => {
      ref.posixFrom = NaN;
      ref.posixYearFrom = NaN;
      ref.posixYear = NaN;
      return offsetAt(ref, t);
    };
    // instants on and one second around every transition of 2025-2028, a day either side, and scattered ones
    const probes: number[] = [];
    for (let t = utc("2025-01-01T00:00:00Z"); t < utc("2029-01-01T00:00:00Z"); t += 3600) {
      if (fresh(t) !== fresh(t + 3600)) {
        let lo = t;
        let hi = t + 3600;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (fresh(mid) === fresh(t)) lo = mid;
          else hi = mid;
        }
        probes.push(hi - 1, hi, hi + 1, hi - 86400, hi + 86400);
      }
      if (t % (86400 * 13) === 0) probes.push(t);
    }
    probes.push(utc("2025-01-01T00:00:00Z") - 1, utc("2028-12-31T23:59:59Z"));
    assert.ok(probes.length > 100, `${name}: ${probes.length} probes`);
    for (let n = 0; n < 4 * probes.length; n++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const t = probes[seed % probes.length]!;
      assert.is(offsetAt(kept, t), fresh(t), `${name} at ${formatUtc(t)}`);
    }
  }
});

test("a POSIX zone answers for instants in neighbouring years from one set of transitions", () => {
  // a December poll with tasks due in January: every answer comes from the transitions computed first
  const z = ianaZone("Europe/Berlin")!;
  assert.is(offsetAt(z, utc("2026-12-20T12:00:00Z")), 3600);
  const year = z.posixYear;
  const answers: [string, number][] = [["2027-01-05T12:00:00Z", 3600], ["2026-12-31T23:30:00Z", 3600], ["2027-03-28T00:59:59Z", 3600], ["2027-03-28T01:00:00Z", 7200], ["2026-06-01T00:00:00Z", 7200], ["2025-10-26T00:59:59Z", 7200], ["2027-12-31T22:59:59Z", 3600]];
  for (const [t, off] of answers) {
    assert.is(offsetAt(z, utc(t)), off, t);
    assert.is(z.posixYear, year, t);
  }
  // three years on, the transitions move
  assert.is(offsetAt(z, utc("2029-07-01T00:00:00Z")), 7200);
  assert.is.not(z.posixYear, year);
});

test("prefixed and unknown TZIDs", () => {
  assert.is(offsetAt(ianaZone("/mozilla.org/20070129_1/Europe/Berlin")!, utc("2026-07-01T00:00:00Z")), 7200);
  assert.is(offsetAt(ianaZone("America/Argentina/Buenos_Aires")!, 0), -10800);
  assert.is(ianaZone("W. Europe Standard Time"), null);
  assert.is(ianaZone("Mars/Olympus"), null);
});

/** The zone of a VTIMEZONE whose observances are `obs` (STANDARD/DAYLIGHT blocks). */
function vtimezone(obs: string): Zone {
  const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Test\r\n${obs}END:VTIMEZONE\r\nBEGIN:VTODO\r\nUID:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n`;
  const r = new ICalReader(4096);
  const b = utf8Encode(text);
  r.feed(b, 0, b.length);
  r.end();
  const z = r.data.zones[0];
  if (!z || z.observances.length === 0) throw new Error(`no zone in ${obs}`);
  return z;
}

const observance = (kind: string, from: string, to: string, start: string, rule: string) =>
  `BEGIN:${kind}\r\nTZOFFSETFROM:${from}\r\nTZOFFSETTO:${to}\r\nDTSTART:${start}\r\n${rule ? `RRULE:${rule}\r\n` : ""}END:${kind}\r\n`;

/** Every onset of z up to 2046 as [utc, offset after it], each rule walked from its DTSTART, plus the offset before them all. */
function allOnsets(z: Zone): { before: number; onsets: [number, number][] } {
  const onsets: [number, number][] = [];
  let earliest = Infinity;
  let before = NaN;
  for (const o of z.observances) {
    if (o.start - o.offsetFrom < earliest) [earliest, before] = [o.start - o.offsetFrom, o.offsetFrom];
    const until = o.rule?.until ? (o.rule.until.isUtc ? o.rule.until.local + o.offsetFrom : o.rule.until.local) : NaN;
    const it = new RRuleIterator(o.rule ?? new RRule(), o.start, until);
    for (let occ = it.next(); !Number.isNaN(occ) && occ - o.offsetFrom < utc("2046-01-01T00:00:00Z"); occ = it.next()) onsets.push([occ - o.offsetFrom, o.offsetTo]);
  }
  return { before, onsets: onsets.sort((a, b) => a[0] - b[0]) };
}

/** Offset at UTC t by the definition: that after the latest onset at or before t. */
function referenceOffset(all: { before: number; onsets: [number, number][] }, t: number): number {
  let off = all.before;
  for (const [at, o] of all.onsets) if (at <= t) off = o;
  return off;
}

test("VTIMEZONE offsets equal a walk of every rule from its DTSTART (the window starts its walks near itself)", () => {
  const zones: Record<string, string> = {
    "Europe/Berlin from 1970": observance("DAYLIGHT", "+0100", "+0200", "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU") +
      observance("STANDARD", "+0200", "+0100", "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
    "Outlook's 1601 start": observance("STANDARD", "-0400", "-0500", "16010101T020000", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11") +
      observance("DAYLIGHT", "-0500", "-0400", "16010101T020000", "FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"),
    "rules ending with UNTIL, then new ones": observance("DAYLIGHT", "-0500", "-0400", "19870405T020000", "FREQ=YEARLY;UNTIL=20060402T070000Z;BYMONTH=4;BYDAY=1SU") +
      observance("STANDARD", "-0400", "-0500", "19671029T020000", "FREQ=YEARLY;UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU") +
      observance("DAYLIGHT", "-0500", "-0400", "20070311T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU") +
      observance("STANDARD", "-0400", "-0500", "20071104T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
    "an onset on leap days only": observance("DAYLIGHT", "+0000", "+0100", "19720229T000000", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29") +
      observance("STANDARD", "+0100", "+0000", "19700601T000000", "FREQ=YEARLY;INTERVAL=7;BYMONTH=6"),
    "monthly and weekly rules": observance("DAYLIGHT", "+0000", "+0030", "19900105T000000", "FREQ=MONTHLY;INTERVAL=5") +
      observance("STANDARD", "+0030", "+0000", "19900110T000000", "FREQ=WEEKLY;INTERVAL=9"),
    "a rule that ends before the window": observance("STANDARD", "+0300", "+0200", "19701025T030000", "FREQ=YEARLY;UNTIL=19991031T000000Z;BYMONTH=10;BYDAY=-1SU") +
      observance("DAYLIGHT", "+0200", "+0300", "19700329T020000", "FREQ=YEARLY;UNTIL=19990328T000000Z;BYMONTH=3;BYDAY=-1SU"),
  };
  for (const [name, obs] of Object.entries(zones)) {
    const all = allOnsets(vtimezone(obs));
    let checked = 0;
    for (let t = utc("1995-01-01T00:00:00Z"); t < utc("2045-01-01T00:00:00Z"); t += 23 * 86400 + 3 * 3600 + 17) {
      // a fresh zone per instant: each conversion then fills its window around t
      assert.is(offsetAt(vtimezone(obs), t), referenceOffset(all, t), `${name} at ${formatUtc(t)}`);
      checked++;
    }
    assert.ok(checked > 700, name);
  }
});

test.run();
