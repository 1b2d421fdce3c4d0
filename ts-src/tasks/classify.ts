// Classification: an occurrence becomes a shown Task with a kind, or is hidden; the
// shown tasks are kept in a bounded, sorted array of the first K plus a count per kind, so memory
// does not grow with the number of tasks on the server.
import { compareStrings } from "../lib/text";
import { formatDate, formatUtc } from "../time/civil";
import { Resolver } from "../time/resolve";
import { Counts, Kind, Task } from "./model";
import { Occurrence } from "./occurrence";

/** Tasks the reference screen can list; the screen may ask for another K. */
export const DEFAULT_TOP_K = 64;
/** "upcoming" reaches this far past now. */
const UPCOMING_SECONDS = 7 * 86400;

/** Display rank of a kind. */
export function kindRank(k: Kind): number {
  switch (k) {
    case "overdue": return 0;
    case "today": return 1;
    case "upcoming": return 2;
    case "later": return 3;
    default: return 4;
  }
}

/** Priority in sort order: 1 (highest) … 9, then 0 (none). */
function priorityRank(p: number): number {
  return p === 0 ? 10 : p;
}

/** Display order of two tasks (negative when a comes first). */
export function compareTasks(a: Task, b: Task): number {
  const ka = kindRank(a.kind);
  const kb = kindRank(b.kind);
  if (ka !== kb) return ka - kb;
  if (a.hasDue && b.hasDue && a.due !== b.due) return a.due < b.due ? -1 : 1;
  const pa = priorityRank(a.priority);
  const pb = priorityRank(b.priority);
  if (pa !== pb) return pa - pb;
  return compareStrings(a.summary, b.summary);
}

/** The task to show for an occurrence at `now` (UTC seconds), or null when it is hidden. */
export function classify(o: Occurrence, now: number, r: Resolver): Task | null {
  const today = r.deviceDay(now);
  const s = o.start;
  if (s !== null && (s.isDate ? s.day > today : s.utc > now)) return null;
  const t = o.todo;
  const d = o.due;
  if (d === null) {
    const undated: Task = { uid: t.uid, summary: t.summary, hasDue: false, due: 0, allDay: false, dueText: "", priority: t.priority, kind: "undated" };
    return undated;
  }
  let kind: Kind = "later";
  if (d.isDate) {
    if (d.day < today) kind = "overdue";
    else if (d.day === today) kind = "today";
    else if (d.day <= today + 7) kind = "upcoming";
  } else {
    if (d.utc < now) kind = "overdue";
    else if (r.deviceDay(d.utc) === today) kind = "today";
    else if (d.utc - now <= UPCOMING_SECONDS) kind = "upcoming";
  }
  const text = d.isDate ? formatDate(d.day) : formatUtc(d.utc);
  const task: Task = { uid: t.uid, summary: t.summary, hasDue: true, due: d.utc, allDay: d.isDate, dueText: text, priority: t.priority, kind: kind };
  return task;
}

/** The first K tasks in display order plus the number of tasks of each kind. */
export class TopTasks {
  tasks: Task[] = [];
  counts: Counts = { overdue: 0, today: 0, upcoming: 0, later: 0, undated: 0 };

  constructor(public k: number) {}

  /** True when add(t) would keep t among the first K (so its strings are worth copying). */
  admits(t: Task): boolean {
    const a = this.tasks;
    const n = a.length;
    return n < this.k || (n > 0 && compareTasks(t, a[n - 1]!) < 0);
  }

  /**
   * Counts the task and keeps it if it is among the first K; equal tasks keep arrival order.
   * Returns the task no longer held (the one pushed out, or t when not kept), null when none,
   * so a caller that owns its tasks can reuse the object.
   */
  add(t: Task): Task | null {
    this.count(t.kind);
    if (!this.admits(t)) return t;
    const a = this.tasks;
    const n = a.length;
    let i = n;
    let out: Task | null = null;
    if (n < this.k) a.push(t);
    else {
      i = n - 1;
      out = a[i]!;
    }
    // t goes before the first of a[0, i) that comes after it: a binary search, as a[0, i) is sorted
    let lo = 0;
    let hi = i;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTasks(t, a[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    for (; i > lo; i--) a[i] = a[i - 1]!;
    a[lo] = t;
    return out;
  }

  /** Counts a task of kind k without keeping it. */
  count(k: Kind): void {
    const c = this.counts;
    if (k === "overdue") c.overdue++;
    else if (k === "today") c.today++;
    else if (k === "upcoming") c.upcoming++;
    else if (k === "later") c.later++;
    else c.undated++;
  }
}
