import { test } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { ICalError, ICalReader, DEFAULT_LINE_LIMIT } from "../ts-src/ical/reader";
import { classify, compareTasks, TopTasks } from "../ts-src/tasks/classify";
import { Occurrence, openOccurrences } from "../ts-src/tasks/occurrence";
import { nextAlarm } from "../ts-src/tasks/alarm";
import { Resolver } from "../ts-src/time/resolve";
import { ZoneCache } from "../ts-src/time/zone-cache";
import { parsePosixTz } from "../ts-src/time/posix";
import { Task } from "../ts-src/tasks/model";

const CET = "CET-1CEST,M3.5.0,M10.5.0/3";
const NOW = Date.parse("2026-11-27T08:00:00Z") / 1000; // a Friday, 09:00 in Berlin

function occurrences(ics: string, tz = CET): { occ: Occurrence[]; r: Resolver } {
  const reader = new ICalReader(DEFAULT_LINE_LIMIT);
  const b = new TextEncoder().encode(ics);
  reader.feed(b, 0, b.length);
  reader.end();
  assert.is(reader.error, ICalError.NONE);
  const r = new Resolver(parsePosixTz(tz)!, reader.data.zones, new ZoneCache());
  const occ: Occurrence[] = [];
  openOccurrences(reader.data, r, occ);
  return { occ, r };
}

/** Shown tasks of a calendar object as "kind due summary" lines. */
function shown(ics: string, tz = CET, now = NOW): string[] {
  const { occ, r } = occurrences(ics, tz);
  const out: string[] = [];
  for (const o of occ) {
    const t = classify(o, now, r);
    if (t !== null) out.push(`${t.kind} ${t.hasDue ? t.dueText : "-"} ${t.summary}`);
  }
  return out;
}
const cal = (body: string) => `BEGIN:VCALENDAR\nVERSION:2.0\n${body}END:VCALENDAR\n`;
const todo = (props: string, uid = "u") => `BEGIN:VTODO\nUID:${uid}\n${props}END:VTODO\n`;
const one = (props: string, tz = CET) => shown(cal(todo(props)), tz);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/ical/${name}`, import.meta.url), "utf8");

test("finished and not-yet-actionable tasks are hidden", () => {
  assert.equal(one("SUMMARY:a\nSTATUS:COMPLETED\n"), []);
  assert.equal(one("SUMMARY:a\nSTATUS:CANCELLED\n"), []);
  assert.equal(one("SUMMARY:a\nCOMPLETED:20261101T100000Z\n"), []);
  assert.equal(one("SUMMARY:a\nDTSTART:20261127T080001Z\n"), []);
  assert.equal(one("SUMMARY:a\nDTSTART;VALUE=DATE:20261128\n"), []);
  assert.equal(one("SUMMARY:a\nDTSTART;VALUE=DATE:20261127\n"), ["undated - a"]);
  assert.equal(one("SUMMARY:a\nDTSTART:20261127T080000Z\nSTATUS:NEEDS-ACTION\n"), ["undated - a"]);
  assert.equal(shown(fixture("apple-reminders.ics")), []);
});

test("kinds for timed and all-day dues", () => {
  assert.equal(one("SUMMARY:a\nDUE:20261127T075959Z\n"), ["overdue 2026-11-27T07:59:59Z a"]);
  assert.equal(one("SUMMARY:a\nDUE:20261127T080000Z\n"), ["today 2026-11-27T08:00:00Z a"]);
  // 22:59 UTC is still Friday in Berlin; 23:00 UTC is Saturday.
  assert.equal(one("SUMMARY:a\nDUE:20261127T225900Z\n"), ["today 2026-11-27T22:59:00Z a"]);
  assert.equal(one("SUMMARY:a\nDUE:20261127T230000Z\n"), ["upcoming 2026-11-27T23:00:00Z a"]);
  assert.equal(one("SUMMARY:a\nDUE:20261204T080000Z\n"), ["upcoming 2026-12-04T08:00:00Z a"]);
  assert.equal(one("SUMMARY:a\nDUE:20261204T080001Z\n"), ["later 2026-12-04T08:00:01Z a"]);
  assert.equal(one("SUMMARY:a\nDUE;VALUE=DATE:20261126\n"), ["overdue 2026-11-26 a"]);
  assert.equal(one("SUMMARY:a\nDUE;VALUE=DATE:20261127\n"), ["today 2026-11-27 a"]);
  assert.equal(one("SUMMARY:a\nDUE;VALUE=DATE:20261204\n"), ["upcoming 2026-12-04 a"]);
  assert.equal(one("SUMMARY:a\nDUE;VALUE=DATE:20261205\n"), ["later 2026-12-05 a"]);
  assert.equal(one("SUMMARY:a\n"), ["undated - a"]);
  assert.equal(one("SUMMARY:a\nDTSTART:20261127T070000Z\nDURATION:PT2H\n"), ["today 2026-11-27T09:00:00Z a"]);
  assert.equal(one("SUMMARY:a\nDTSTART;VALUE=DATE:20261120\nDURATION:P1D\n"), ["overdue 2026-11-21 a"]);
});

test("all-day and floating values follow the device zone", () => {
  // In Honolulu it is still Thursday 22:00.
  assert.equal(one("SUMMARY:a\nDUE;VALUE=DATE:20261127\n", "HST10"), ["upcoming 2026-11-27 a"]);
  assert.equal(one("SUMMARY:a\nDUE;VALUE=DATE:20261126\n", "HST10"), ["today 2026-11-26 a"]);
  assert.equal(one("SUMMARY:a\nDUE:20261127T085500\n"), ["overdue 2026-11-27T07:55:00Z a"]);
  assert.equal(one("SUMMARY:a\nDUE:20261127T085500\n", "UTC0"), ["today 2026-11-27T08:55:00Z a"]);
});

test("TZID: the object's VTIMEZONE wins over the IANA table, which covers the rest", () => {
  assert.equal(one("SUMMARY:a\nDUE;TZID=America/New_York:20261127T090000\n"), ["today 2026-11-27T14:00:00Z a"]);
  const custom = "BEGIN:VTIMEZONE\nTZID:America/New_York\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0500\nTZOFFSETTO:+0500\nEND:STANDARD\nEND:VTIMEZONE\n";
  assert.equal(shown(cal(custom + todo("SUMMARY:a\nDUE;TZID=America/New_York:20261127T090000\n"))), ["overdue 2026-11-27T04:00:00Z a"]);
  // Exchange/Outlook: Windows zone names with a VTIMEZONE whose rules start in 1601.
  const exchange = "BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\nBEGIN:STANDARD\nDTSTART:16010101T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\nEND:STANDARD\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\nEND:DAYLIGHT\nEND:VTIMEZONE\n";
  assert.equal(shown(cal(exchange + todo("SUMMARY:a\nDUE;TZID=W. Europe Standard Time:20261127T100000\n"))), ["today 2026-11-27T09:00:00Z a"]);
  assert.equal(shown(cal(exchange + todo("SUMMARY:a\nDUE;TZID=W. Europe Standard Time:20260715T100000\n"))), ["overdue 2026-07-15T08:00:00Z a"]);
  // Unknown TZIDs read as device-local.
  assert.equal(one("SUMMARY:a\nDUE;TZID=Somewhere Standard Time:20261127T085500\n"), ["overdue 2026-11-27T07:55:00Z a"]);
});

test("recurring: completed overrides advance to the next occurrence", () => {
  // Sept and Oct occurrences completed: the last Friday of November is current, and actionable
  // from its DTSTART (09:00 in New York) on.
  assert.equal(shown(fixture("thunderbird.ics")), []);
  assert.equal(shown(fixture("thunderbird.ics"), CET, Date.parse("2026-11-27T14:00:00Z") / 1000), ["today 2026-11-27T22:00:00Z Team report"]);
  // Tasks.org advances DTSTART/DUE in place when completing, so the first occurrence is open.
  assert.equal(shown(fixture("tasksorg.ics")), ["overdue 2026-11-24T17:00:00Z Water the plants"]);
});

test("recurring: EXDATE, RDATE, COUNT, UNTIL, open overrides", () => {
  const daily = "SUMMARY:d\nDTSTART;VALUE=DATE:20261120\nDUE;VALUE=DATE:20261121\nRRULE:FREQ=DAILY;COUNT=3\n";
  const done = (d: string) => todo(`SUMMARY:d\nRECURRENCE-ID;VALUE=DATE:${d}\nSTATUS:COMPLETED\n`);
  assert.equal(shown(cal(todo(daily))), ["overdue 2026-11-21 d"]);
  assert.equal(shown(cal(todo(daily + "EXDATE;VALUE=DATE:20261120\n"))), ["overdue 2026-11-22 d"]);
  assert.equal(shown(cal(todo(daily) + done("20261120") + done("20261121"))), ["overdue 2026-11-23 d"]);
  assert.equal(shown(cal(todo(daily) + done("20261120") + done("20261121") + done("20261122"))), []);
  const withRdate = cal(todo(daily + "RDATE;VALUE=DATE:20261201\n") + done("20261120") + done("20261121") + done("20261122"));
  assert.equal(shown(withRdate), []);
  assert.equal(shown(withRdate, CET, Date.parse("2026-12-01T08:00:00Z") / 1000), ["upcoming 2026-12-02 d"]);
  const weekly = "SUMMARY:w\nDTSTART:20261102T090000Z\nDUE:20261102T100000Z\nRRULE:FREQ=WEEKLY;UNTIL=20261110T000000Z\n";
  const wdone = (d: string) => todo(`SUMMARY:w\nRECURRENCE-ID:${d}\nCOMPLETED:${d}\n`);
  assert.equal(shown(cal(todo(weekly) + wdone("20261102T090000Z"))), ["overdue 2026-11-09T10:00:00Z w"]);
  assert.equal(shown(cal(todo(weekly) + wdone("20261102T090000Z") + wdone("20261109T090000Z"))), []);
  // An open override replaces its occurrence: its own due and summary.
  const moved = todo("SUMMARY:w (moved)\nRECURRENCE-ID:20261102T090000Z\nDTSTART:20261103T090000Z\nDUE:20261130T100000Z\n");
  assert.equal(shown(cal(todo(weekly) + moved)), ["upcoming 2026-11-30T10:00:00Z w (moved)"]);
  // Overrides before their master, and an override whose master is elsewhere.
  assert.equal(shown(cal(wdone("20261102T090000Z") + todo(weekly))), ["overdue 2026-11-09T10:00:00Z w"]);
  assert.equal(shown(cal(todo("SUMMARY:lone\nRECURRENCE-ID:20261102T090000Z\nDUE:20261201T090000Z\n"))), ["upcoming 2026-12-01T09:00:00Z lone"]);
  // A recurring task without DTSTART recurs from its DUE.
  assert.equal(shown(cal(todo("SUMMARY:r\nDUE:20261101T090000Z\nRRULE:FREQ=MONTHLY\n") + todo("SUMMARY:r\nRECURRENCE-ID:20261101T090000Z\nSTATUS:COMPLETED\n", "u"))), ["upcoming 2026-12-01T09:00:00Z r"]);
  // Mixed DATE/DATE-TIME: a DATE EXDATE or UNTIL covers the whole day of a timed rule.
  const timed = "SUMMARY:t\nDUE:20261120T090000Z\nRRULE:FREQ=DAILY;UNTIL=20261122\n";
  assert.equal(shown(cal(todo(timed + "EXDATE;VALUE=DATE:20261120\n"))), ["overdue 2026-11-21T09:00:00Z t"]);
  const tdone = (d: string) => todo(`SUMMARY:t\nRECURRENCE-ID:${d}\nSTATUS:COMPLETED\n`);
  assert.equal(shown(cal(todo(timed) + tdone("20261120T090000Z") + tdone("20261121T090000Z"))), ["overdue 2026-11-22T09:00:00Z t"]);
  assert.equal(shown(cal(todo(timed) + tdone("20261120T090000Z") + tdone("20261121T090000Z") + tdone("20261122T090000Z"))), []);
  // A future occurrence start hides the task until then.
  assert.equal(shown(cal(todo(daily) + done("20261120") + done("20261121")), CET, Date.parse("2026-11-21T12:00:00Z") / 1000), []);
});

test("recurring across DST keeps the wall-clock time of its zone", () => {
  const ics = cal(todo("SUMMARY:m\nDUE;TZID=Europe/Berlin:20261001T093000\nRRULE:FREQ=MONTHLY\n") +
    todo("SUMMARY:m\nRECURRENCE-ID;TZID=Europe/Berlin:20261001T093000\nSTATUS:COMPLETED\n") +
    todo("SUMMARY:m\nRECURRENCE-ID;TZID=Europe/Berlin:20261101T093000\nSTATUS:COMPLETED\n"));
  assert.equal(shown(ics), ["upcoming 2026-12-01T08:30:00Z m"]);
});

function task(kind: Task["kind"], due: number, priority: number, summary: string): Task {
  return { uid: summary, summary, hasDue: kind !== "undated", due, allDay: false, dueText: "", priority, kind };
}

test("order: kind, due, priority 1..9 then 0, summary by code point", () => {
  const list = [
    task("undated", 0, 0, "b"), task("undated", 0, 0, "a"), task("undated", 0, 9, "z"), task("undated", 0, 1, "y"),
    task("today", 50, 0, "t"), task("today", 50, 5, "t"), task("today", 40, 0, "s"),
    task("overdue", 10, 0, "Äpfel"), task("overdue", 10, 0, "apple"), task("overdue", 10, 0, "Zebra"),
  ];
  const top = new TopTasks(64);
  for (const t of list) top.add(t);
  assert.equal(top.tasks.map((t) => `${t.kind}:${t.priority}:${t.summary}`), [
    "overdue:0:Zebra", "overdue:0:apple", "overdue:0:Äpfel", "today:0:s", "today:5:t", "today:0:t",
    "undated:1:y", "undated:9:z", "undated:0:a", "undated:0:b",
  ]);
  assert.equal(top.counts, { overdue: 3, today: 3, upcoming: 0, later: 0, undated: 4 });
});

test("top K equals the first K of a full stable sort, with full counts", () => {
  let s = 42;
  const rand = (n: number) => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % n;
  const kinds: Task["kind"][] = ["overdue", "today", "upcoming", "later", "undated"];
  for (const k of [1, 5, 64]) {
    const all: Task[] = [];
    const top = new TopTasks(k);
    for (let i = 0; i < 700; i++) {
      const t = task(kinds[rand(5)]!, rand(20), rand(10), `s${rand(30)}`);
      t.uid = `u${i}`;
      all.push(t);
      top.add(t);
    }
    const sorted = [...all].sort(compareTasks);
    assert.equal(top.tasks.map((t) => t.uid), sorted.slice(0, k).map((t) => t.uid));
    assert.is(top.tasks.length, k);
    assert.is(top.counts.overdue + top.counts.today + top.counts.upcoming + top.counts.later + top.counts.undated, 700);
    assert.is(top.counts.later, all.filter((t) => t.kind === "later").length);
  }
});

test("next alarm: relative to start or end, absolute, silent and Apple placeholder ignored", () => {
  const { occ } = occurrences(fixture("apple-reminders-due.ics"));
  assert.is(nextAlarm(occ[0]!, NOW), Date.parse("2026-11-28T08:00:00Z") / 1000);
  assert.ok(Number.isNaN(nextAlarm(occ[0]!, Date.parse("2026-11-29T00:00:00Z") / 1000)));
  const tb = occurrences(fixture("thunderbird.ics")).occ[0]!;
  assert.is(nextAlarm(tb, NOW), Date.parse("2026-11-27T13:45:00Z") / 1000);
  const end = occurrences(fixture("tasksorg.ics")).occ[0]!;
  assert.is(nextAlarm(end, Date.parse("2026-11-20T00:00:00Z") / 1000), Date.parse("2026-11-24T17:00:00Z") / 1000);
  assert.ok(Number.isNaN(nextAlarm(end, NOW)));
});

test.run();
