// Local dates and times as the screen prints them, from UTC seconds and the zone's UTC offset.
import { Task } from "../tasks/model";

const SECONDS_PER_DAY = 86400;
const WEEKDAYS: string[] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: string[] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Days since 1970-01-01 of the local day holding UTC second t. */
export function localDay(t: number, utcOffset: number): number {
  return Math.floor((t + utcOffset) / SECONDS_PER_DAY);
}

/** Two digits, zero-padded. */
function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local "HH:MM" of UTC second t. */
export function formatTime(t: number, utcOffset: number): string {
  const secs = t + utcOffset - localDay(t, utcOffset) * SECONDS_PER_DAY;
  return `${two(Math.floor(secs / 3600))}:${two(Math.floor((secs % 3600) / 60))}`;
}

/** Short weekday name of a day number ("Mon".."Sun"). */
function weekday(day: number): string {
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7];
}

/** Year, month (1-12) and day of month of a day number, packed as year*10000 + month*100 + day. */
function civil(day: number): number {
  // Proleptic Gregorian calendar, counted in 400-year eras from 0000-03-01.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

/** "12 Mar" for a day number. */
function dayMonth(day: number): string {
  const c = civil(day);
  const month = MONTHS[(Math.floor(c / 100) % 100) - 1];
  return `${c % 100} ${month}`;
}

/** Local date of UTC second t as "Fri 27 Nov". */
export function formatDate(t: number, utcOffset: number): string {
  const day = localDay(t, utcOffset);
  return `${weekday(day)} ${dayMonth(day)}`;
}

/** When a task is due, as a person says it: "2 h overdue", "today 18:00", "tomorrow", "Fri", "12 Mar". */
export function duePhrase(task: Task, now: number, utcOffset: number): string {
  if (!task.hasDue) return "";
  const today = localDay(now, utcOffset);
  const day = localDay(task.due, utcOffset);
  const at = task.allDay ? "" : ` ${formatTime(task.due, utcOffset)}`;
  if (task.allDay ? day < today : task.due < now) {
    const late = now - task.due;
    if (task.allDay || late >= SECONDS_PER_DAY) {
      const days = today - day;
      return days <= 1 ? "yesterday" : `${days} d overdue`;
    }
    if (late < 3600) return `${Math.max(1, Math.floor(late / 60))} min overdue`;
    return `${Math.floor(late / 3600)} h overdue`;
  }
  if (day === today) return `today${at}`;
  if (day === today + 1) return `tomorrow${at}`;
  if (day < today + 7) return `${weekday(day)}${at}`;
  const year = Math.floor(civil(day) / 10000);
  return year === Math.floor(civil(today) / 10000) ? dayMonth(day) : `${dayMonth(day)} ${year}`;
}
