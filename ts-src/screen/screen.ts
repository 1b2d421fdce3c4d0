// What the driver tells the screen; everything drawn is a function of this object alone.
import { Counts, Task } from "../tasks/model";

/** Where the device stands with its server. */
export type Connection = "setup" | "connecting" | "ok" | "offline" | "auth" | "tls";

/** Everything one frame shows. */
export interface ScreenModel {
  /** Panel size in pixels as mounted: 320×170, 170×320, 320×240… */
  width: number;
  height: number;
  /** Tasks to list, in display order (a prefix of all tasks; `counts` covers the rest). */
  tasks: Task[];
  counts: Counts;
  /** UTC seconds since 1970. */
  now: number;
  /** Seconds to add to UTC for local time at `now`. */
  utcOffset: number;
  state: Connection;
  /** Short detail for the state: the server name, the TLS failure's cause…; "" for none. */
  message: string;
  /** UTC seconds of the last successful poll; 0 before the first one. */
  lastPoll: number;
  /** Which page of the task list to show; any integer, taken modulo the page count. */
  page: number;
}
