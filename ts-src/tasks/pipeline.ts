// Multistatus body → tasks: the multistatus reader's calendar-data pieces go straight into an
// iCalendar reader; each finished resource is classified and offered to the bounded top-K list.
// Memory: each calendar object is read and classified in the runtime's scratch arena (lib/mem),
// which the next object resets; only the tasks the top-K admits are copied out (TopKeeper). An
// object may span body chunks, so between feed() calls scratch is paused with scratchEnd() and
// re-entered with scratchResume(). What lives across objects (multistatus reader, counters,
// top-K, the IANA zone cache) is allocated at construction or outside scratch and written only
// with numbers and bytes while in scratch. The driver's arena thus holds the readers' buffers, the
// cached zones and about K + 1 tasks whatever the number of objects read.
import { MsEvent, MultistatusReader } from "../caldav/multistatus";
import { defaultXmlLimits } from "../xml/tokenizer";
import { DEFAULT_LINE_LIMIT, ICalError, icalErrorName, ICalReader } from "../ical/reader";
import { keepString, scratchBegin, scratchEnd, scratchResume } from "../lib/mem";
import { ianaZone } from "../time/iana-zone";
import { parsePosixTz } from "../time/posix";
import { Resolver } from "../time/resolve";
import { Zone } from "../time/zone";
import { ZoneCache } from "../time/zone-cache";
import { classify, DEFAULT_TOP_K, TopTasks } from "./classify";
import { TopKeeper } from "./top-keeper";
import { errorToJson, tasksToJson } from "./json";
import { Task } from "./model";
import { Occurrence, openOccurrences } from "./occurrence";

/** The device zone of a POSIX TZ string, or of an IANA name; null when it is neither. */
export function deviceZone(tz: string): Zone | null {
  const z = parsePosixTz(tz);
  return z !== null ? z : ianaZone(tz);
}

/** Streaming classification of one multistatus body. */
export class TaskPipeline {
  private keeper: TopKeeper;
  top: TopTasks;
  /** Calendar objects read, and those skipped as malformed. */
  resources: number = 0;
  badResources: number = 0;
  /** The first malformed object: `object n: what (line m)`, "" when none. */
  firstBad: string = "";
  /** Set when the body itself is malformed. */
  error: string = "";
  private ms: MultistatusReader = new MultistatusReader(defaultXmlLimits());
  /** The reader of the object being read; it lives in scratch, null between objects. */
  private ical: ICalReader | null = null;
  private zones: ZoneCache = new ZoneCache();

  constructor(private now: number, private device: Zone, k: number) {
    this.keeper = new TopKeeper(k);
    this.top = this.keeper.top;
  }

  /** Consumes the next piece of the body. */
  feed(chunk: Uint8Array): void {
    if (this.error !== "") return;
    this.ms.feed(chunk);
    this.drain();
  }

  /** Marks the end of the body. */
  finish(): void {
    if (this.error !== "") return;
    this.ms.finish();
    this.drain();
  }

  private drain(): void {
    if (this.ical !== null) scratchResume();
    while (true) {
      const e = this.ms.next();
      if (e === MsEvent.NeedMore || e === MsEvent.Done) break;
      if (e === MsEvent.Error) {
        this.error = keepString(this.ms.error);
        break;
      }
      if (e === MsEvent.CalDataChunk) {
        if (this.ical === null) {
          scratchBegin();
          this.ical = new ICalReader(DEFAULT_LINE_LIMIT);
        }
        this.ical.feed(this.ms.bytes, this.ms.start, this.ms.end);
      } else if (e === MsEvent.CalDataEnd && this.ical !== null) {
        const kept = this.resource(this.ical);
        this.ical = null;
        scratchEnd();
        this.keeper.settle(kept);
      }
    }
    if (this.ical !== null) scratchEnd();
  }

  /** Classifies one finished object (in scratch); returns the tasks to settle, strings already kept. */
  private resource(reader: ICalReader): Task[] {
    reader.end();
    this.resources++;
    const kept: Task[] = [];
    if (reader.error !== ICalError.NONE) {
      this.badResources++;
      if (this.firstBad === "") this.firstBad = keepString(`object ${String(this.resources)}: ${icalErrorName(reader.error)} (line ${String(reader.errorLine)})`);
      return kept;
    }
    const r = new Resolver(this.device, reader.data.zones, this.zones);
    const occ: Occurrence[] = [];
    openOccurrences(reader.data, r, occ);
    for (const o of occ) {
      const t = classify(o, this.now, r);
      if (t !== null) this.keeper.offer(t, kept);
    }
    return kept;
  }
}

/** The tasks JSON (json.ts) for a whole body at `now` (UTC seconds) in device zone `tz`. */
export function tasksJson(body: Uint8Array, now: number, tz: string): string {
  const zone = deviceZone(tz);
  if (zone === null) return errorToJson(`bad time zone: ${tz}`);
  const p = new TaskPipeline(now, zone, DEFAULT_TOP_K);
  p.feed(body);
  p.finish();
  if (p.error !== "") return errorToJson(p.error);
  return tasksToJson(p.top.tasks, p.top.counts);
}
