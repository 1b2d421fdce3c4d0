// The state kept across reboots, as compact bytes: the settings it belongs to, the time of the
// last good poll, the sync markers (so the first poll after boot is the cheap one) and the open
// occurrences of every object (so the task list is on screen before any network).
//
// Layout (version 2): "NDC" 2, then url, user, tz, lastPoll, collections, objects. Integers are
// LEB128 varints (signed ones zigzag-coded), strings a varint byte length and UTF-8. An object's
// href is written as 1 + its index among the collections' members when it is one (hrefs are the
// longest strings here, and would otherwise be written twice), else as 0 and the text.
import { TaskCollection } from "../caldav/sync";
import { utf8Decode, utf8Length } from "../lib/text";
import { ByteWriter } from "../tasks/json";
import { Moment, Occurrence } from "../tasks/occurrence";
import { HeldObject, slimOccurrence } from "./store";

const VERSION = 2;
/** Sanity bound on counts read back, far above anything a device holds. */
const MAX_COUNT = 100000;

/** What a snapshot holds. */
export class Snapshot {
  url: string = "";
  user: string = "";
  tz: string = "";
  /** UTC seconds of the last good poll. */
  lastPoll: number = 0;
  collections: TaskCollection[] = [];
  objects: HeldObject[] = [];
}

function writeUint(w: ByteWriter, n: number): void {
  let v = Math.max(0, Math.round(n));
  while (v >= 128) {
    w.byte((v % 128) + 128);
    v = Math.floor(v / 128);
  }
  w.byte(v);
}

function writeInt(w: ByteWriter, n: number): void {
  const v = Math.round(n);
  writeUint(w, v >= 0 ? v * 2 : -v * 2 - 1);
}

function writeText(w: ByteWriter, s: string): void {
  writeUint(w, utf8Length(s));
  w.raw(s);
}

/** 0 none, 1 a day, 2 an instant. */
function writeMoment(w: ByteWriter, m: Moment | null): void {
  if (m === null) w.byte(0);
  else if (m.isDate) {
    w.byte(1);
    writeInt(w, m.day);
    writeInt(w, m.utc);
  } else {
    w.byte(2);
    writeInt(w, m.utc);
  }
}

/** The snapshot as bytes; without markers the next poll re-fetches everything but the bytes are fewer. */
export function encodeSnapshot(s: Snapshot, withMarkers: boolean): Uint8Array {
  const w = new ByteWriter();
  w.raw("NDC");
  w.byte(VERSION);
  writeText(w, s.url);
  writeText(w, s.user);
  writeText(w, s.tz);
  writeUint(w, s.lastPoll);
  writeUint(w, withMarkers ? s.collections.length : 0);
  const members: string[] = [];
  if (withMarkers) {
    for (const c of s.collections) {
      writeText(w, c.url);
      writeText(w, c.name);
      writeText(w, c.ctag);
      writeText(w, c.syncToken);
      w.byte(c.syncWorks ? 1 : 0);
      writeUint(w, c.hrefs.length);
      for (let i = 0; i < c.hrefs.length; i++) {
        writeText(w, c.hrefs[i]);
        writeText(w, c.etags[i]);
        members.push(c.hrefs[i]);
      }
    }
  }
  writeUint(w, s.objects.length);
  for (const o of s.objects) {
    const m = members.indexOf(o.href);
    writeUint(w, m + 1);
    if (m < 0) writeText(w, o.href);
    writeUint(w, o.occurrences.length);
    for (const x of o.occurrences) {
      writeText(w, x.todo.uid);
      writeText(w, x.todo.summary);
      writeUint(w, x.todo.priority);
      writeMoment(w, x.start);
      writeMoment(w, x.due);
    }
  }
  return w.buf.slice(0, w.len);
}

/** Bounds-checked reading: past the end or on a bad value `ok` turns false and reads give 0/"". */
class Reader {
  pos: number = 0;
  ok: boolean = true;

  constructor(private b: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.b.length) {
      this.ok = false;
      return 0;
    }
    const v = this.b[this.pos];
    this.pos++;
    return v;
  }

  uint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const c = this.byte();
      v += (c % 128) * scale;
      if (c < 128) return v;
      scale *= 128;
    }
    this.ok = false;
    return 0;
  }

  int(): number {
    const u = this.uint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  count(): number {
    const n = this.uint();
    if (n > MAX_COUNT) this.ok = false;
    return this.ok ? n : 0;
  }

  text(): string {
    const n = this.uint();
    if (!this.ok || n > this.b.length - this.pos) {
      this.ok = false;
      return "";
    }
    const s = utf8Decode(this.b, this.pos, this.pos + n);
    this.pos += n;
    return s;
  }

  moment(): Moment | null {
    const tag = this.byte();
    if (tag === 0) return null;
    if (tag === 1) {
      const day = this.int();
      return new Moment(true, day, this.int());
    }
    if (tag === 2) return new Moment(false, NaN, this.int());
    this.ok = false;
    return null;
  }
}

/** The snapshot in b, or null when b is empty, of another version, truncated or malformed. */
export function decodeSnapshot(b: Uint8Array): Snapshot | null {
  const r = new Reader(b);
  if (r.byte() !== 0x4e || r.byte() !== 0x44 || r.byte() !== 0x43 || r.byte() !== VERSION) return null;
  const s = new Snapshot();
  s.url = r.text();
  s.user = r.text();
  s.tz = r.text();
  s.lastPoll = r.uint();
  const nc = r.count();
  const members: string[] = [];
  for (let i = 0; i < nc && r.ok; i++) {
    const url = r.text();
    const name = r.text();
    const ctag = r.text();
    const token = r.text();
    const works = r.byte() === 1;
    const c: TaskCollection = { url: url, name: name, ctag: ctag, syncToken: token, hrefs: [], etags: [], syncWorks: works };
    const n = r.count();
    for (let j = 0; j < n && r.ok; j++) {
      const href = r.text();
      c.hrefs.push(href);
      c.etags.push(r.text());
      members.push(href);
    }
    s.collections.push(c);
  }
  const no = r.count();
  for (let i = 0; i < no && r.ok; i++) {
    const m = r.uint();
    if (m > members.length) r.ok = false;
    const href = m === 0 ? r.text() : r.ok ? members[m - 1] : "";
    const n = r.count();
    const occ: Occurrence[] = [];
    for (let j = 0; j < n && r.ok; j++) {
      const uid = r.text();
      const summary = r.text();
      const priority = r.uint();
      const start = r.moment();
      occ.push(slimOccurrence(uid, summary, priority, start, r.moment()));
    }
    s.objects.push(new HeldObject(href, occ));
  }
  return r.ok && r.pos === b.length ? s : null;
}
