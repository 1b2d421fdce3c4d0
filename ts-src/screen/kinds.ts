// How each kind of task looks: colour, icon and name.
import { Counts, Kind } from "../tasks/model";
import { LATER, OVERDUE, TODAY, UNDATED, UPCOMING } from "./color";
import { ICON_LATER, ICON_OVERDUE, ICON_TODAY, ICON_UNDATED, ICON_UPCOMING } from "./icons";

/** The kinds in display order. */
export const KINDS: Kind[] = ["overdue", "today", "upcoming", "later", "undated"];

/** Colour of a kind. */
export function kindColor(kind: Kind): number {
  switch (kind) {
    case "overdue":
      return OVERDUE;
    case "today":
      return TODAY;
    case "upcoming":
      return UPCOMING;
    case "later":
      return LATER;
    case "undated":
      return UNDATED;
  }
}

/** Icon of a kind. */
export function kindIcon(kind: Kind): number[] {
  switch (kind) {
    case "overdue":
      return ICON_OVERDUE;
    case "today":
      return ICON_TODAY;
    case "upcoming":
      return ICON_UPCOMING;
    case "later":
      return ICON_LATER;
    case "undated":
      return ICON_UNDATED;
  }
}

/** Number of tasks of a kind. */
export function countOf(counts: Counts, kind: Kind): number {
  switch (kind) {
    case "overdue":
      return counts.overdue;
    case "today":
      return counts.today;
    case "upcoming":
      return counts.upcoming;
    case "later":
      return counts.later;
    case "undated":
      return counts.undated;
  }
}

/** Word for tasks of a kind in "+3 more …". */
export function kindWord(kind: Kind): string {
  switch (kind) {
    case "overdue":
      return "overdue";
    case "today":
      return "today";
    case "upcoming":
      return "this week";
    case "later":
      return "later";
    case "undated":
      return "without date";
  }
}
