// Multistatus body → tasks: the multistatus reader's calendar-data pieces go straight into the
// iCalendar reader (reset for each resource, so its line buffer is allocated once); each finished
// resource is classified and offered to the bounded top-K list, then dropped. What stays reachable
// is the readers' buffers, one resource's components and K tasks, whatever the size of the body;
// a driver running the pipeline in one arena still pays for each resource's parsed components
// until it releases the arena.
import { MsEvent, MultistatusReader } from "../caldav/multistatus";
import { defaultXmlLimits } from "../xml/tokenizer";
import { DEFAULT_LINE_LIMIT, ICalError, icalErrorName, ICalReader } from "../ical/reader";
import { ianaZone } from "../time/iana-zone";
import { parsePosixTz } from "../time/posix";
import { Resolver } from "../time/resolve";
import { Zone } from "../time/zone";
import { classify, DEFAULT_TOP_K, TopTasks } from "./classify";
import { errorToJson, tasksToJson } from "./json";
import { Occurrence, openOccurrences } from "./occurrence";

/** The device zone of a POSIX TZ string, or of an IANA name; null when it is neither. */
export function deviceZone(tz: string): Zone | null {
  const z = parsePosixTz(tz);
  return z !== null ? z : ianaZone(tz);
}

/** Streaming classification of one multistatus body. */
export class TaskPipeline {
  top: TopTasks;
  /** Calendar objects read, and those skipped as malformed. */
  resources: number = 0;
  badResources: number = 0;
  /** The first malformed object: `object n: what (line m)`, "" when none. */
  firstBad: string = "";
  /** Set when the body itself is malformed. */
  error: string = "";
  private ms: MultistatusReader = new MultistatusReader(defaultXmlLimits());
  private ical: ICalReader = new ICalReader(DEFAULT_LINE_LIMIT);
  /** IANA zones parsed so far, shared by every object of the body. */
  private zoneCache: Zone[] = [];
  /** Calendar data of the current response is being read. */
  private inObject: boolean = false;

  constructor(private now: number, private device: Zone, k: number) {
    this.top = new TopTasks(k);
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
    while (true) {
      const e = this.ms.next();
      if (e === MsEvent.NeedMore || e === MsEvent.Done) return;
      if (e === MsEvent.Error) {
        this.error = this.ms.error;
        return;
      }
      if (e === MsEvent.CalDataChunk) {
        if (!this.inObject) this.ical.reset();
        this.inObject = true;
        this.ical.feed(this.ms.bytes, this.ms.start, this.ms.end);
      } else if (e === MsEvent.CalDataEnd && this.inObject) {
        this.inObject = false;
        this.resource(this.ical);
      }
    }
  }

  private resource(reader: ICalReader): void {
    reader.end();
    this.resources++;
    if (reader.error !== ICalError.NONE) {
      this.badResources++;
      if (this.firstBad === "") this.firstBad = `object ${String(this.resources)}: ${icalErrorName(reader.error)} (line ${String(reader.errorLine)})`;
      return;
    }
    const r = new Resolver(this.device, reader.data.zones);
    r.shareCache(this.zoneCache);
    const occ: Occurrence[] = [];
    openOccurrences(reader.data, r, occ);
    for (const o of occ) {
      const t = classify(o, this.now, r);
      if (t !== null) this.top.add(t);
    }
  }
}

/** The JSON of design §4 for a whole body at `now` (UTC seconds) in device zone `tz`. */
export function tasksJson(body: Uint8Array, now: number, tz: string): string {
  const zone = deviceZone(tz);
  if (zone === null) return errorToJson(`bad time zone: ${tz}`);
  const p = new TaskPipeline(now, zone, DEFAULT_TOP_K);
  p.feed(body);
  p.finish();
  if (p.error !== "") return errorToJson(p.error);
  return tasksToJson(p.top.tasks, p.top.counts);
}
