// The first K tasks of many, with memory that does not grow with how many are looked at. Tasks
// are classified in the runtime's scratch arena (lib/mem), a calendar object at a time: offer()
// runs in scratch and copies out the strings of the tasks the top-K would admit; settle(), right
// after scratchEnd(), adds them as Tasks of the outer arena. A task the top-K pushes out is reused
// whole: its Task object takes the next kept task, and its strings' storage (keepStringOver) that
// task's strings. So the outer arena holds about K + 1 tasks whatever the number offered.
import { keepString, keepStringOver } from "../lib/mem";
import { TopTasks } from "./classify";
import { Task } from "./model";

/** A bounded top-K fed from scratch sessions. */
export class TopKeeper {
  top: TopTasks;
  /** A Task (outer arena) the top-K no longer holds, reused for the next kept task. */
  private spare: Task | null = null;

  constructor(k: number) {
    this.top = new TopTasks(k);
  }

  /** In scratch: counts t, or keeps its strings and puts it on `kept` (an array in scratch) for settle(). */
  offer(t: Task, kept: Task[]): void {
    if (!this.top.admits(t)) {
      this.top.count(t.kind);
      return;
    }
    // the first kept task will go into the spare Task: its strings are dead and take the new ones
    const spare = kept.length === 0 ? this.spare : null;
    t.uid = spare !== null ? keepStringOver(t.uid, spare.uid) : keepString(t.uid);
    t.summary = spare !== null ? keepStringOver(t.summary, spare.summary) : keepString(t.summary);
    t.dueText = spare !== null ? keepStringOver(t.dueText, spare.dueText) : keepString(t.dueText);
    kept.push(t);
  }

  /** After scratchEnd() (scratch objects stay readable until the next scratchBegin()): adds the kept tasks. */
  settle(kept: Task[]): void {
    for (const t of kept) this.spare = this.top.add(this.outerTask(t));
  }

  /** t's fields in a Task of the outer arena (the spare one when there is one). */
  private outerTask(t: Task): Task {
    const s = this.spare;
    if (s === null) {
      const copy: Task = { uid: t.uid, summary: t.summary, hasDue: t.hasDue, due: t.due, allDay: t.allDay, dueText: t.dueText, priority: t.priority, kind: t.kind };
      return copy;
    }
    this.spare = null;
    s.uid = t.uid;
    s.summary = t.summary;
    s.hasDue = t.hasDue;
    s.due = t.due;
    s.allDay = t.allDay;
    s.dueText = t.dueText;
    s.priority = t.priority;
    s.kind = t.kind;
    return s;
  }
}
