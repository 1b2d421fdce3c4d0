// The open tasks of every calendar object the device knows, kept by href between polls. A poll
// only fetches what changed, so the task list is rebuilt from these, not from the last response;
// and they are kept as occurrences rather than classified tasks because "today" turns into
// "overdue" as the clock runs, without any poll.
//
// Memory: each object is parsed in the runtime's scratch arena (lib/mem), paused between body
// chunks, and only its slim occurrences are copied out; classification also runs in scratch, an
// object at a time, and keeps the first K tasks (TopKeeper). So what a poll or a minute's redraw leaves in the device's
// arena is about what it holds, not what it parsed.
import { VTodo } from "../ical/components";
import { DEFAULT_LINE_LIMIT, ICalError, ICalReader } from "../ical/reader";
import { copyString, keepString, scratchBegin, scratchEnd, scratchResume } from "../lib/mem";
import { classify, DEFAULT_TOP_K, TopTasks } from "../tasks/classify";
import { TopKeeper } from "../tasks/top-keeper";
import { Task } from "../tasks/model";
import { Moment, Occurrence, openOccurrences } from "../tasks/occurrence";
import { Resolver } from "../time/resolve";
import { Zone } from "../time/zone";
import { ZoneCache } from "../time/zone-cache";

/** The open occurrences of one calendar object resource. */
export class HeldObject {
  constructor(public href: string, public occurrences: Occurrence[]) {}
}

function copyMoment(m: Moment | null): Moment | null {
  return m === null ? null : new Moment(m.isDate, m.day, m.utc);
}

/** An occurrence holding only what classification reads (strings as given), so the parsed object can be dropped. */
function slim(uid: string, summary: string, priority: number, start: Moment | null, due: Moment | null): Occurrence {
  const t = new VTodo();
  t.uid = uid;
  t.summary = summary;
  t.priority = priority;
  return new Occurrence(t, copyMoment(start), copyMoment(due));
}

/** An occurrence holding only what classification reads, so the parsed object can be dropped. */
export function slimOccurrence(uid: string, summary: string, priority: number, start: Moment | null, due: Moment | null): Occurrence {
  return slim(copyString(uid), copyString(summary), priority, start, due);
}

/** Calendar objects by href, fed object by object from the sync machine. */
export class TaskStore {
  objects: HeldObject[] = [];
  /** Objects that failed to parse since the driver last reset it (the core does at each poll). */
  badObjects: number = 0;
  /** The reader of the object being read; it lives in scratch, null between objects. */
  private reader: ICalReader | null = null;
  private readerHref: string = "";
  private resolver: Resolver;
  private zones: ZoneCache = new ZoneCache();

  constructor(private device: Zone) {
    this.resolver = new Resolver(device, [], this.zones);
  }

  /** The next piece bytes[start, end) of object href's calendar data. */
  data(href: string, bytes: Uint8Array, start: number, end: number): void {
    const reader = this.open(href);
    reader.feed(bytes, start, end);
    scratchEnd();
  }

  /** Enters scratch with the reader of href: the paused one, or a new one (a new scratch session). */
  private open(href: string): ICalReader {
    const r = this.reader;
    if (r !== null && this.readerHref === href) {
      scratchResume();
      return r;
    }
    this.readerHref = href;
    scratchBegin();
    const fresh = new ICalReader(DEFAULT_LINE_LIMIT);
    this.reader = fresh;
    return fresh;
  }

  /**
   * Object href is complete: its open occurrences replace what was held for it. An unreadable new
   * version leaves the last readable one in place: a broken edit must not make a reminder vanish.
   */
  end(href: string): void {
    const reader = this.open(href);
    this.reader = null;
    reader.end();
    if (reader.error !== ICalError.NONE) {
      scratchEnd();
      this.badObjects++;
      if (this.indexOf(href) < 0) this.put(href, []);
      return;
    }
    const found: Occurrence[] = [];
    const uids: string[] = [];
    const summaries: string[] = [];
    openOccurrences(reader.data, new Resolver(this.device, reader.data.zones, this.zones), found);
    for (const o of found) {
      uids.push(keepString(o.todo.uid));
      summaries.push(keepString(o.todo.summary));
    }
    scratchEnd();
    // the scratch objects stay readable until the next scratchBegin(): copy out what is held
    const occ: Occurrence[] = [];
    for (let i = 0; i < found.length; i++) {
      const o = found[i];
      occ.push(slim(uids[i], summaries[i], o.todo.priority, o.start, o.due));
    }
    this.put(href, occ);
  }

  /** The response ended or failed inside an object: drops its reader, which lived in scratch. */
  abandon(): void {
    this.reader = null;
  }

  /** Object href is gone from the server. */
  remove(href: string): void {
    const i = this.indexOf(href);
    if (i < 0) return;
    const last = this.objects.length - 1;
    this.objects[i] = this.objects[last];
    this.objects.length = last;
  }

  /** Drops every object whose href is not in hrefs (the members a complete poll knows). */
  keepOnly(hrefs: string[]): void {
    const a = this.objects;
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      if (hrefs.indexOf(a[i].href) >= 0) {
        a[n] = a[i];
        n++;
      }
    }
    a.length = n;
  }

  /** Holds occurrences for href, replacing earlier ones. */
  put(href: string, occ: Occurrence[]): void {
    const i = this.indexOf(href);
    if (i >= 0) this.objects[i].occurrences = occ;
    else this.objects.push(new HeldObject(copyString(href), occ));
  }

  /**
   * The first tasks in display order and the count per kind at `now` (UTC seconds). Each object is
   * classified in a fresh scratch session, so scratch holds one object's work, not the account's.
   */
  classify(now: number): TopTasks {
    const keeper = new TopKeeper(DEFAULT_TOP_K);
    for (const o of this.objects) {
      scratchBegin();
      const kept: Task[] = [];
      for (const occ of o.occurrences) {
        const t = classify(occ, now, this.resolver);
        if (t !== null) keeper.offer(t, kept);
      }
      scratchEnd();
      keeper.settle(kept);
    }
    return keeper.top;
  }

  /** A deep copy in the current arena (see CalDavSync.carry), for `device` allocated there too. */
  carry(device: Zone): TaskStore {
    const s = new TaskStore(device);
    for (const o of this.objects) {
      const occ: Occurrence[] = [];
      for (const x of o.occurrences) occ.push(slimOccurrence(x.todo.uid, x.todo.summary, x.todo.priority, x.start, x.due));
      s.objects.push(new HeldObject(copyString(o.href), occ));
    }
    return s;
  }

  private indexOf(href: string): number {
    for (let i = 0; i < this.objects.length; i++) {
      if (this.objects[i].href === href) return i;
    }
    return -1;
  }
}
