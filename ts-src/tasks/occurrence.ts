// Which occurrence of a task is the one to remind of: for a plain VTODO the object itself; for a
// recurring one the earliest occurrence (RRULE and RDATE minus EXDATE) that no RECURRENCE-ID
// override marks completed or cancelled. Servers and clients that advance DTSTART/DUE in place
// (Tasks.org, Nextcloud) need nothing special: the first occurrence is then the open one.
import { CalendarData, TodoStatus, VTodo } from "../ical/components";
import { Resolver } from "../time/resolve";
import { RRule, RRuleIterator } from "../time/rrule";
import { DateTime } from "../time/values";
import { localToUtc, offsetAt, Zone } from "../time/zone";

/** A start or due moment: a day (all-day) or an instant. */
export class Moment {
  constructor(
    public isDate: boolean,
    /** Day number of an all-day moment (in the device zone); NaN for instants. */
    public day: number,
    /** UTC seconds; for a day, the device-local midnight starting it. */
    public utc: number,
  ) {}
}

/** One occurrence to classify: the component whose summary and priority apply, and its moments. */
export class Occurrence {
  constructor(public todo: VTodo, public start: Moment | null, public due: Moment | null) {}
}

/** Most occurrences looked at per task before giving up (all skipped by EXDATE/overrides). */
const MAX_STEPS = 10000;

/** True when the component is finished. */
export function isDone(t: VTodo): boolean {
  return t.status === TodoStatus.COMPLETED || t.status === TodoStatus.CANCELLED || t.hasCompleted;
}

/** The moment of a parsed value. */
export function momentOf(d: DateTime, r: Resolver): Moment {
  return new Moment(d.isDate, d.isDate ? Math.floor(d.local / 86400) : NaN, r.toUtc(d));
}

/** True when a and b name the same occurrence; a DATE matches a DATE-TIME on that device day. */
function sameMoment(a: Moment, b: Moment, r: Resolver): boolean {
  if (a.isDate && b.isDate) return a.day === b.day;
  if (a.isDate) return a.day === r.deviceDay(b.utc);
  if (b.isDate) return b.day === r.deviceDay(a.utc);
  return a.utc === b.utc;
}

/** Due moment of a component: DUE, else DTSTART + DURATION, else null. */
function dueOf(t: VTodo, r: Resolver): Moment | null {
  if (t.due !== null) return momentOf(t.due, r);
  if (t.dtstart !== null && !Number.isNaN(t.duration)) {
    const s = t.dtstart;
    const allDay = s.isDate && t.duration % 86400 === 0;
    return momentOf(new DateTime(s.local + t.duration, allDay, s.isUtc, s.tzid), r);
  }
  return null;
}

/** `m` moved by the distance from `from` to `to` (days stay days). */
function shifted(m: Moment, from: Moment, to: Moment, r: Resolver): Moment {
  if (m.isDate && from.isDate && to.isDate) {
    const day = m.day + (to.day - from.day);
    return new Moment(true, day, localToUtc(r.device, day * 86400));
  }
  const utc = m.utc + (to.utc - from.utc);
  if (!to.isDate) return new Moment(false, NaN, utc);
  // A timed start with an all-day due: keep it a day; the slack absorbs a DST hour.
  const day = Math.floor((utc + offsetAt(r.device, utc) + 7200) / 86400);
  return new Moment(true, day, localToUtc(r.device, day * 86400));
}

/** The occurrence of a non-recurring component (or an override). */
function plain(t: VTodo, r: Resolver): Occurrence {
  return new Occurrence(t, t.dtstart !== null ? momentOf(t.dtstart, r) : null, dueOf(t, r));
}

function isRecurring(t: VTodo): boolean {
  return t.recurrenceId === null && ((t.rrule !== null && t.rrule.freq !== 0) || t.rdates.length > 0);
}

/** Moment of a recurrence-set member at `local` seconds in the anchor's frame. */
function occurrenceMoment(anchor: DateTime, zone: Zone, local: number, r: Resolver): Moment {
  if (anchor.isDate) {
    const day = Math.floor(local / 86400);
    return new Moment(true, day, localToUtc(r.device, day * 86400));
  }
  return new Moment(false, NaN, anchor.isUtc ? local : localToUtc(zone, local));
}

function compareMoments(a: Moment, b: Moment): number {
  return a.utc - b.utc;
}

/** The current occurrence of a recurring master, or null when every occurrence is done. */
function currentOccurrence(master: VTodo, overrides: VTodo[], r: Resolver): Occurrence | null {
  const anchor = master.dtstart !== null ? master.dtstart : master.due!;
  const zone = anchor.isUtc || anchor.isDate ? r.device : r.zoneFor(anchor.tzid);
  const anchorMoment = momentOf(anchor, r);
  const due0 = dueOf(master, r);
  const rule = master.rrule !== null ? master.rrule : new RRule();
  let untilLocal = NaN;
  if (rule.until !== null) {
    const u = rule.until;
    // A UTC UNTIL bounds instants; bring it into the anchor's wall clock to compare.
    untilLocal = u.isUtc && !anchor.isUtc ? u.local + offsetAt(zone, u.local) : u.local;
    if (anchor.isDate) untilLocal = Math.floor(untilLocal / 86400) * 86400;
    // A DATE UNTIL on a timed rule (not RFC 5545, but written) includes that whole day.
    else if (u.isDate) untilLocal += 86399;
  }
  const it = new RRuleIterator(rule, anchor.local, untilLocal);
  const rdates: Moment[] = [];
  for (const d of master.rdates) rdates.push(momentOf(d, r));
  rdates.sort(compareMoments);
  const exdates: Moment[] = [];
  for (const d of master.exdates) exdates.push(momentOf(d, r));
  const ids: Moment[] = [];
  for (const o of overrides) ids.push(momentOf(o.recurrenceId!, r));
  let nextLocal = it.next();
  let ri = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    let occ: Moment = anchorMoment;
    const fromRule = !Number.isNaN(nextLocal) ? occurrenceMoment(anchor, zone, nextLocal, r) : null;
    if (fromRule !== null && (ri >= rdates.length || fromRule.utc <= rdates[ri]!.utc)) {
      occ = fromRule;
      if (ri < rdates.length && sameMoment(fromRule, rdates[ri]!, r)) ri++;
      nextLocal = it.next();
    } else if (ri < rdates.length) {
      occ = rdates[ri]!;
      ri++;
    } else {
      return null;
    }
    let excluded = false;
    for (const x of exdates) {
      if (sameMoment(x, occ, r)) excluded = true;
    }
    if (excluded) continue;
    let override: VTodo | null = null;
    for (let k = 0; k < ids.length; k++) {
      if (sameMoment(ids[k]!, occ, r)) override = overrides[k]!;
    }
    const due = due0 !== null ? shifted(due0, anchorMoment, occ, r) : null;
    if (override === null) {
      const start = master.dtstart !== null ? occ : null;
      return new Occurrence(master, start, master.dtstart !== null ? due : occ);
    }
    if (isDone(override)) continue;
    const o = plain(override, r);
    if (o.due === null) o.due = master.dtstart !== null ? due : occ;
    return o;
  }
  return null;
}

/** The occurrences to classify in one resource: one per task (UID), skipping finished ones. */
export function openOccurrences(data: CalendarData, r: Resolver, out: Occurrence[]): void {
  const todos = data.todos;
  for (const t of todos) {
    if (t.recurrenceId !== null) {
      // An override whose master is absent stands alone.
      let hasMaster = false;
      for (const m of todos) {
        if (m.recurrenceId === null && m.uid === t.uid) hasMaster = true;
      }
      if (!hasMaster && !isDone(t)) out.push(plain(t, r));
      continue;
    }
    if (isDone(t)) continue;
    if (!isRecurring(t) || (t.dtstart === null && t.due === null)) {
      out.push(plain(t, r));
      continue;
    }
    const overrides: VTodo[] = [];
    for (const o of todos) {
      if (o.recurrenceId !== null && o.uid === t.uid) overrides.push(o);
    }
    const occ = currentOccurrence(t, overrides, r);
    if (occ !== null) out.push(occ);
  }
}
