// The classified task as the rest of the device sees it (classification → layout → pixels).

/** Why a task is shown, in display order. */
export type Kind = "overdue" | "today" | "upcoming" | "later" | "undated";

/** One task to remind the owner of. */
export interface Task {
  uid: string;
  summary: string;
  /** false for tasks without a due date (kind "undated"); then `due` and `dueText` are unused. */
  hasDue: boolean;
  /** UTC seconds since 1970 of the due moment; for all-day tasks, local midnight starting that day. */
  due: number;
  /** DUE;VALUE=DATE: the task is due on a day, not at a moment. */
  allDay: boolean;
  /** `due` as printed in JSON: `YYYY-MM-DDTHH:MM:SSZ`, or `YYYY-MM-DD` for all-day tasks. */
  dueText: string;
  /** 0 (none) or 1 (highest) … 9 (lowest), as in the object. */
  priority: number;
  kind: Kind;
}

/** Number of tasks per kind, including those beyond what the screen can show. */
export interface Counts {
  overdue: number;
  today: number;
  upcoming: number;
  later: number;
  undated: number;
}
