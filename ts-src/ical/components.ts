// What the iCalendar reader keeps of a calendar object resource: the VTODOs (master and
// RECURRENCE-ID overrides) with the properties classification needs, and the VTIMEZONEs.
import { RRule } from "../time/rrule";
import { DateTime } from "../time/values";
import { Zone } from "../time/zone";

/** STATUS values that matter for reminders. */
export enum TodoStatus {
  NONE = 0,
  NEEDS_ACTION = 1,
  IN_PROCESS = 2,
  COMPLETED = 3,
  CANCELLED = 4,
}

/** TRIGGER relation of a VALARM. */
export enum TriggerRelation {
  START = 0,
  END = 1,
  ABSOLUTE = 2,
}

/** A VALARM's trigger. */
export class Alarm {
  /** ACTION:NONE (RFC 9074): the alarm is deliberately silent. */
  silent: boolean = false;
  hasTrigger: boolean = false;
  related: TriggerRelation = TriggerRelation.START;
  /** Offset in seconds for START/END relations. */
  offset: number = 0;
  /** The moment for ABSOLUTE triggers (UTC). */
  absolute: DateTime | null = null;
}

/** One VTODO component. */
export class VTodo {
  uid: string = "";
  summary: string = "";
  status: TodoStatus = TodoStatus.NONE;
  /** A COMPLETED property is present. */
  hasCompleted: boolean = false;
  priority: number = 0;
  dtstart: DateTime | null = null;
  due: DateTime | null = null;
  /** DURATION in seconds, NaN when absent. */
  duration: number = NaN;
  rrule: RRule | null = null;
  rdates: DateTime[] = [];
  exdates: DateTime[] = [];
  recurrenceId: DateTime | null = null;
  alarms: Alarm[] = [];
}

/** The parts of one VCALENDAR object the device uses. */
export class CalendarData {
  todos: VTodo[] = [];
  zones: Zone[] = [];
}
