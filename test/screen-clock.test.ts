import { test } from "uvu";
import * as assert from "uvu/assert";
import { duePhrase, formatDate, formatTime, localDay } from "../ts-src/screen/clock";
import { Kind, Task } from "../ts-src/tasks/model";

/** UTC seconds of a UTC calendar time. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi) / 1000;
}

function task(due: number, allDay: boolean, kind: Kind): Task {
  return { uid: "u", summary: "s", hasDue: true, due, allDay, dueText: "", priority: 0, kind };
}

const CET = 3600;
const NOW = utc(2026, 11, 27, 8, 40); // Friday, 09:40 local

test("local time and date follow the UTC offset, across midnight and year ends", () => {
  assert.is(formatTime(NOW, CET), "09:40");
  assert.is(formatTime(NOW, -9 * 3600), "23:40");
  assert.is(formatDate(NOW, -9 * 3600), "Thu 26 Nov");
  assert.is(formatDate(utc(2026, 12, 31, 23, 30), CET), "Fri 1 Jan");
  assert.is(formatDate(utc(2028, 2, 29, 12), 0), "Tue 29 Feb");
  assert.is(formatDate(0, 0), "Thu 1 Jan");
  assert.is(formatDate(utc(1969, 12, 31, 12), 0), "Wed 31 Dec");
  assert.is(localDay(utc(2026, 11, 26, 23, 30), CET), localDay(NOW, CET));
});

test("the days of a week and every date of a year agree with Date", () => {
  for (let d = 0; d < 800; d++) {
    const t = utc(2026, 1, 1, 12) + d * 86400;
    const js = new Date(t * 1000);
    const expected = `${js.toUTCString().slice(0, 3)} ${js.getUTCDate()} ${js.toUTCString().slice(8, 11)}`;
    assert.is(formatDate(t, 0), expected);
  }
});

test("overdue phrases: minutes, hours, yesterday, days", () => {
  assert.is(duePhrase(task(NOW - 30, false, "overdue"), NOW, CET), "1 min overdue");
  assert.is(duePhrase(task(NOW - 25 * 60, false, "overdue"), NOW, CET), "25 min overdue");
  assert.is(duePhrase(task(NOW - 2 * 3600 - 600, false, "overdue"), NOW, CET), "2 h overdue");
  assert.is(duePhrase(task(NOW - 26 * 3600, false, "overdue"), NOW, CET), "yesterday");
  assert.is(duePhrase(task(NOW - 3 * 86400, false, "overdue"), NOW, CET), "3 d overdue");
  const localMidnight = utc(2026, 11, 27) - CET;
  assert.is(duePhrase(task(localMidnight - 86400, true, "overdue"), NOW, CET), "yesterday");
  assert.is(duePhrase(task(localMidnight - 4 * 86400, true, "overdue"), NOW, CET), "4 d overdue");
});

test("future phrases: today with time, tomorrow, weekday, date, other year", () => {
  const localMidnight = utc(2026, 11, 27) - CET;
  assert.is(duePhrase(task(localMidnight, true, "today"), NOW, CET), "today");
  assert.is(duePhrase(task(utc(2026, 11, 27, 17), false, "today"), NOW, CET), "today 18:00");
  assert.is(duePhrase(task(utc(2026, 11, 28, 8), false, "upcoming"), NOW, CET), "tomorrow 09:00");
  assert.is(duePhrase(task(localMidnight + 86400, true, "upcoming"), NOW, CET), "tomorrow");
  assert.is(duePhrase(task(localMidnight + 4 * 86400, true, "upcoming"), NOW, CET), "Tue");
  assert.is(duePhrase(task(utc(2026, 12, 3, 15), false, "upcoming"), NOW, CET), "Thu 16:00");
  assert.is(duePhrase(task(localMidnight + 7 * 86400, true, "later"), NOW, CET), "4 Dec");
  assert.is(duePhrase(task(utc(2027, 3, 12, 9), false, "later"), NOW, CET), "12 Mar 2027");
  assert.is(duePhrase({ ...task(0, false, "undated"), hasDue: false }, NOW, CET), "");
});

test.run();
