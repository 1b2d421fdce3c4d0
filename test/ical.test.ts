import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import ICAL from "ical.js";
import { DEFAULT_LINE_LIMIT, ICalError, ICalNote, ICalReader, MAX_DATES, MAX_TODOS, MAX_USED_LINES } from "../ts-src/ical/reader";
import { CalendarData, TodoStatus, TriggerRelation } from "../ts-src/ical/components";
import { localToUtc, offsetAt } from "../ts-src/time/zone";
import { formatUtc } from "../ts-src/time/civil";

const enc = new TextEncoder();
const fixture = (name: string) => readFileSync(new URL(`./fixtures/ical/${name}`, import.meta.url));
const crlf = (b: Uint8Array) => enc.encode(new TextDecoder().decode(b).replace(/\r?\n/g, "\r\n"));

/** Reads bytes in pieces of `chunk` bytes. */
function read(bytes: Uint8Array, chunk = bytes.length || 1, limit = DEFAULT_LINE_LIMIT): ICalReader {
  const r = new ICalReader(limit);
  for (let i = 0; i < bytes.length; i += chunk) r.feed(bytes, i, Math.min(i + chunk, bytes.length));
  r.end();
  return r;
}
const readText = (s: string, chunk?: number, limit?: number) => read(enc.encode(s), chunk, limit);
const wrap = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${body}END:VCALENDAR\r\n`;
const todo = (props: string) => wrap(`BEGIN:VTODO\r\nUID:x\r\n${props}END:VTODO\r\n`);

/** Everything the reader keeps, as plain data, to compare runs. */
function dump(d: CalendarData): string {
  return JSON.stringify(d, (_k, v) => (typeof v === "number" && Number.isNaN(v) ? "NaN" : v));
}

const FIXTURES = ["tasksorg.ics", "thunderbird.ics", "apple-reminders.ics", "apple-reminders-due.ics", "nextcloud.ics", "todoman.ics"];

test("fixtures read the same at every chunk size, with LF and CRLF", () => {
  for (const name of FIXTURES) {
    const whole = read(fixture(name));
    assert.is(whole.error, ICalError.NONE, name);
    assert.is(whole.notes, 0, name);
    const ref = dump(whole.data);
    assert.is(dump(read(crlf(fixture(name))).data), ref, `${name} CRLF`);
    for (let chunk = 1; chunk <= 17; chunk++) assert.is(dump(read(crlf(fixture(name)), chunk).data), ref, `${name} chunk ${chunk}`);
  }
});

test("fixture contents", () => {
  const tb = read(fixture("thunderbird.ics")).data;
  assert.is(tb.todos.length, 3);
  assert.is(tb.zones.length, 1);
  assert.is(tb.zones[0]!.name, "America/New_York");
  assert.is(tb.todos[0]!.rrule!.byDayOrd[0], -1);
  assert.is(tb.todos[0]!.alarms[0]!.offset, -900);
  assert.is(tb.todos[1]!.status, TodoStatus.COMPLETED);
  assert.is(tb.todos[1]!.recurrenceId!.tzid, "America/New_York");
  assert.is(tb.todos[2]!.summary, "Team report (October, with Q3 numbers)");
  const apple = read(fixture("apple-reminders-due.ics")).data.todos[0]!;
  assert.is(apple.summary, "Geburtstagsgeschenk für Zoë besorgen 🎁");
  assert.is(apple.due!.isDate, true);
  assert.is(apple.priority, 9);
  assert.is(apple.alarms[0]!.silent, true);
  assert.is(apple.alarms[1]!.related, TriggerRelation.ABSOLUTE);
  const tm = read(fixture("todoman.ics")).data.todos[0]!;
  assert.is(tm.summary, "Fix bike brakes; buy pads\nfront and rear");
  assert.is(tm.due!.tzid, "");
  assert.is(tm.due!.isUtc, false);
  assert.is(read(fixture("apple-reminders.ics")).data.todos[0]!.hasCompleted, true);
  assert.is(read(fixture("tasksorg.ics")).data.todos[0]!.alarms[0]!.related, TriggerRelation.END);
});

test("folds may split UTF-8 sequences and come as CRLF, LF or CR plus space or tab", () => {
  const summary = "Grüße 😀 ok";
  const b = enc.encode(summary);
  // Fold after every byte, alternating fold styles.
  const folds = ["\r\n ", "\n\t", "\r "];
  const parts: number[] = [];
  for (let i = 0; i < b.length; i++) {
    parts.push(b[i]!);
    for (const c of enc.encode(folds[i % 3]!)) parts.push(c);
  }
  const head = enc.encode("BEGIN:VCALENDAR\nBEGIN:VTODO\nUID:u\nSUMMARY:");
  const tail = enc.encode("\nEND:VTODO\nEND:VCALENDAR\n");
  const all = new Uint8Array([...head, ...parts, ...tail]);
  for (const chunk of [1, 2, 3, 5, all.length]) {
    const r = read(all, chunk);
    assert.is(r.error, ICalError.NONE);
    assert.is(r.data.todos[0]!.summary, summary);
    assert.is(r.notes & ICalNote.INVALID_UTF8, 0);
  }
  assert.is(readText("BEGIN:VCALENDAR\rBEGIN:VTODO\rUID:cr\rEND:VTODO\rEND:VCALENDAR\r").data.todos[0]!.uid, "cr");
});

test("lines read where they lie in a piece and lines gathered across pieces read the same", () => {
  const long = "é".repeat(60) + "\\,tail";
  const texts = [
    "\ufeff" + todo("SUMMARY:a\\,b\\nc\r\nDESCRIPTION:x\r\n"),
    todo(`SUMMARY:${long}\r\nDUE;TZID=${"Z".repeat(200)}:20261127T090000\r\nPRIORITY:3\r\n`),
    "BEGIN:VCALENDAR\nBEGIN:VTODO\rUID:mixed\r\nSUMMARY:lone\rX-CR:1\nEND:VTODO\r\nEND:VCALENDAR",
    todo("SUMMARY:fold\r\n ed \\, escaped\r\n\tand tabbed\r\nUID:y\r\n"),
    todo("SUMMARY:end without colon\r\nBROKEN LINE\r\n"),
    todo("SUMMARY:trail\\\r\n"),
  ];
  const state = (r: ICalReader) => `${r.error} ${r.errorLine} ${r.notes} ${dump(r.data)}`;
  for (const text of texts) {
    const whole = state(readText(text, undefined, 128));
    for (let chunk = 1; chunk <= 9; chunk++) assert.is(state(readText(text, chunk, 128)), whole, `${JSON.stringify(text.slice(0, 40))} chunk ${chunk}`);
  }
  const escaped = readText(texts[0]!).data.todos[0]!;
  assert.is(escaped.summary, "a,b\nc");
  const cut = readText(texts[1]!, undefined, 128);
  assert.ok(cut.notes & ICalNote.SUMMARY_TRUNCATED);
  assert.ok(cut.notes & ICalNote.LINE_SKIPPED);
  assert.is(cut.data.todos[0]!.priority, 3);
  assert.equal(readText(texts[2]!).data.todos[0]!.summary, "lone");
  assert.is(readText(texts[3]!).data.todos[0]!.summary, "folded , escapedand tabbed");
  assert.is(readText(texts[4]!).errorLine, 6);
});

test("parameters: quoted values with ':' ';' ',' and several values; names ignore case", () => {
  const r = readText(todo(`due;x-note="a:b;c,d";tzid="Europe/Berlin";x-multi=a,"b:c",d:20261127T090000\r\nDtStart;Value=Date:20261126\r\n`));
  assert.is(r.error, ICalError.NONE);
  const t = r.data.todos[0]!;
  assert.is(t.due!.tzid, "Europe/Berlin");
  assert.is(t.dtstart!.isDate, true);
});

test("byte order mark, trailing text, two VCALENDARs in one resource", () => {
  const bom = readText("\ufeff" + todo("SUMMARY:bom\r\n"));
  assert.is(bom.error, ICalError.NONE);
  assert.is(bom.data.todos[0]!.summary, "bom");
  const trailing = readText(todo("SUMMARY:a\r\n") + "\r\n-- \r\nsent from my phone\r\n");
  assert.is(trailing.error, ICalError.NONE);
  assert.ok(trailing.notes & ICalNote.TRAILING_DATA);
  const two = readText(todo("SUMMARY:a\r\n") + todo("SUMMARY:b\r\n"));
  assert.equal(two.data.todos.map((t) => t.summary), ["a", "b"]);
});

test("TEXT unescaping", () => {
  const t = readText(todo("SUMMARY:a\\,b\\;c\\\\d\\ne\\Nf\r\n")).data.todos[0]!;
  assert.is(t.summary, "a,b;c\\d\ne\nf");
});

test("unknown components and properties are skipped, even huge ones, in bounded memory", () => {
  const huge = "X".repeat(3_000_000);
  const text = wrap(`BEGIN:VEVENT\r\nUID:e\r\nSUMMARY:not a task\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\nBEGIN:X-CUSTOM\r\nX-A:b\r\nEND:X-CUSTOM\r\nBEGIN:VTODO\r\nUID:t\r\nDESCRIPTION:${huge}\r\nX-BLOB;ENCODING=BASE64:${huge}\r\nSUMMARY:kept\r\nEND:VTODO\r\n`);
  const bytes = enc.encode(text);
  const before = process.memoryUsage().heapUsed;
  const r = read(bytes, 65536);
  const grown = process.memoryUsage().heapUsed - before;
  assert.is(r.error, ICalError.NONE);
  assert.is(r.data.todos.length, 1);
  assert.is(r.data.todos[0]!.summary, "kept");
  assert.is(r.notes, 0);
  assert.ok(grown < 2_000_000, `heap grew ${grown} bytes for a 6 MB object`);
});

test("a too-long SUMMARY is cut at a UTF-8 boundary; other long used lines are skipped", () => {
  const long = "é".repeat(600) + "\\,tail";
  const r = readText(todo(`SUMMARY:${long}\r\nDUE;TZID=${"Z".repeat(2000)}:20261127T090000\r\n`), 7, 256);
  assert.is(r.error, ICalError.NONE);
  const s = r.data.todos[0]!.summary;
  assert.ok(s.length > 100 && /^é+$/.test(s), s);
  assert.is(enc.encode(s).length <= 256, true);
  assert.ok(r.notes & ICalNote.SUMMARY_TRUNCATED);
  assert.ok(r.notes & ICalNote.LINE_SKIPPED);
  assert.is(r.data.todos[0]!.due, null);
  // An odd limit puts the cut inside a two-byte sequence.
  const odd = readText(todo(`SUMMARY:${long}\r\n`), 3, 100).data.todos[0]!.summary;
  assert.ok(/^é+$/.test(odd), odd);
});

test("invalid UTF-8 becomes U+FFFD and is noted", () => {
  const bytes = new Uint8Array([...enc.encode(todo("SUMMARY:ab")).slice(0, 0), ...enc.encode("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:u\r\nSUMMARY:a"), 0xc3, 0x28, 0xff, ...enc.encode("b\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")]);
  const r = read(bytes);
  assert.is(r.error, ICalError.NONE);
  assert.is(r.data.todos[0]!.summary, "a\uFFFD(\uFFFDb");
  assert.ok(r.notes & ICalNote.INVALID_UTF8);
});

test("malformed input gives a specific error and line", () => {
  const cases: [string, ICalError, number][] = [
    ["", ICalError.EMPTY, 0],
    ["\r\n\r\n", ICalError.EMPTY, 2],
    ["<html>oops</html>\r\n", ICalError.NOT_ICALENDAR, 1],
    ["BEGIN:VTODO\r\nEND:VTODO\r\n", ICalError.NOT_ICALENDAR, 1],
    ["BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY oops\r\n", ICalError.NO_COLON, 3],
    ["BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nDUE;TZID=\"Europe/Berlin:20261127\r\n", ICalError.NO_COLON, 3],
    ["BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nEND:VEVENT\r\n", ICalError.BAD_END, 3],
    ["BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n", ICalError.BAD_END, 3],
    ["BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\n", ICalError.TRUNCATED, 3],
    ["BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\nSUMMARY:cut he", ICalError.TRUNCATED, 4],
    ["BEGIN:VCALENDAR\r\n" + "BEGIN:X\r\n".repeat(20), ICalError.TOO_DEEP, 9],
  ];
  for (const [text, err, line] of cases) {
    for (const chunk of [1, 4, 1000]) {
      const r = readText(text, chunk);
      assert.is(r.error, err, JSON.stringify(text));
      assert.is(r.errorLine, line, JSON.stringify(text));
    }
  }
  const many = wrap("BEGIN:VTODO\r\nUID:m\r\nEND:VTODO\r\n".repeat(MAX_TODOS + 1));
  assert.is(readText(many).error, ICalError.TOO_MANY_TODOS);
  const repeated = readText(todo("SUMMARY:again and again\r\n".repeat(MAX_USED_LINES)));
  assert.is(repeated.error, ICalError.TOO_MANY_LINES);
  // BEGIN:VCALENDAR, BEGIN:VTODO and UID count too; VERSION is not a used property.
  assert.is(repeated.errorLine, MAX_USED_LINES + 2);
  const exdates = readText(todo(`EXDATE:${Array.from({ length: 300 }, (_, i) => `2026${String(1 + (i % 12)).padStart(2, "0")}01T000000Z`).join(",")}\r\n`), 1000, 8192);
  assert.is(exdates.data.todos[0]!.exdates.length, MAX_DATES);
  assert.ok(exdates.notes & ICalNote.LIST_TRUNCATED);
  // Binary garbage never crashes.
  const junk = new Uint8Array(100000);
  let s = 7;
  for (let i = 0; i < junk.length; i++) junk[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  assert.is(read(junk, 333).error !== ICalError.NONE, true);
});

test("bad values of used properties are noted and dropped", () => {
  const r = readText(todo("DUE:2026-11-27\r\nPRIORITY:high\r\nDURATION:1 day\r\nRRULE:FREQ=DAILY;COUNT=zero\r\nDTSTART;VALUE=DATE:20261127T090000\r\n"));
  assert.is(r.error, ICalError.NONE);
  const t = r.data.todos[0]!;
  assert.is(t.due, null);
  assert.is(t.priority, 0);
  assert.ok(Number.isNaN(t.duration));
  assert.is(t.rrule, null);
  assert.is(t.dtstart, null);
  assert.ok(r.notes & ICalNote.BAD_VALUE);
  assert.ok(readText(todo("RRULE:FREQ=DAILY;BYHOUR=9,17\r\n")).notes & ICalNote.PARTIAL_RULE);
});

test("RDATE and EXDATE lists, periods and TZIDs", () => {
  const t = readText(todo("RDATE;VALUE=PERIOD:20261201T090000Z/PT1H,20261202T090000Z/20261202T100000Z\r\nEXDATE;TZID=Europe/Paris:20261203T090000,20261204T090000\r\nEXDATE;VALUE=DATE:20261205\r\n")).data.todos[0]!;
  assert.is(t.rdates.length, 2);
  assert.is(formatUtc(t.rdates[1]!.local), "2026-12-02T09:00:00Z");
  assert.is(t.exdates.length, 3);
  assert.is(t.exdates[1]!.tzid, "Europe/Paris");
  assert.is(t.exdates[2]!.isDate, true);
});

/** VTIMEZONE wall-clock conversion against ical.js, every day-and-a-bit over 2025-2028. */
test("VTIMEZONE observances convert wall-clock times as ical.js does", () => {
  for (const name of ["tasksorg.ics", "thunderbird.ics"]) {
    const text = new TextDecoder().decode(fixture(name));
    const zone = read(fixture(name)).data.zones[0]!;
    const comp = new ICAL.Component(ICAL.parse(text));
    const tz = new ICAL.Timezone(comp.getFirstSubcomponent("vtimezone")!);
    let checked = 0;
    for (let local = Date.UTC(2025, 0, 1) / 1000; local < Date.UTC(2029, 0, 1) / 1000; local += 86400 + 3599) {
      const d = new Date(local * 1000);
      const time = new ICAL.Time({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }, tz);
      const ours = localToUtc(zone, local);
      // Wall-clock times inside a gap or overlap are read differently by each library.
      if (offsetAt(zone, ours - 7200) !== offsetAt(zone, ours + 7200)) continue;
      assert.is(ours, time.toUnixTime(), `${name} ${formatUtc(local)} local`);
      checked++;
    }
    assert.ok(checked > 1000);
  }
});

test.run();
