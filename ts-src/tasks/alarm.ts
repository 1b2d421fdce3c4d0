// When a task's reminder should next fire: the earliest VALARM trigger at or after now.
import { TriggerRelation } from "../ical/components";
import { secondsFromCivil } from "../time/civil";
import { Occurrence } from "./occurrence";

/** Apple writes this absolute trigger on silent default alarms; it is a placeholder, not a time. */
const APPLE_PLACEHOLDER = secondsFromCivil(1976, 4, 1, 0, 55, 45);

/** UTC seconds of the next alarm of an occurrence at or after `now`, or NaN when none is due. */
export function nextAlarm(o: Occurrence, now: number): number {
  let best = NaN;
  for (const a of o.todo.alarms) {
    if (a.silent || !a.hasTrigger) continue;
    let t = NaN;
    if (a.related === TriggerRelation.ABSOLUTE) {
      t = a.absolute!.local;
      if (t === APPLE_PLACEHOLDER) continue;
    } else {
      // RFC 5545 wants DTSTART for START and DUE for END; use whichever exists.
      const anchor = a.related === TriggerRelation.END ? (o.due !== null ? o.due : o.start) : o.start !== null ? o.start : o.due;
      if (anchor === null) continue;
      t = anchor.utc + a.offset;
    }
    if (t >= now && (Number.isNaN(best) || t < best)) best = t;
  }
  return best;
}
