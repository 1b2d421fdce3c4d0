// The tasks JSON document (what `npm run tasks` and `nudge-device --once` print), written over
// bytes. Strings are escaped exactly as JSON.stringify does for well-formed text: `"` and `\`,
// the short escapes \b \f \n \r \t, other controls below U+0020 as \u00XX; everything else
// (including U+2028/U+2029) as is.
import { utf8Decode, utf8Encode } from "../lib/text";
import { Counts, Task } from "./model";

const HEX = utf8Encode("0123456789abcdef");

/** A growable byte buffer. */
export class ByteWriter {
  buf: Uint8Array = new Uint8Array(256);
  len: number = 0;

  /** Appends one byte. */
  byte(b: number): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf, 0);
      this.buf = bigger;
    }
    this.buf[this.len] = b;
    this.len++;
  }

  /** Appends the UTF-8 bytes of s verbatim. */
  raw(s: string): void {
    const b = utf8Encode(s);
    for (let i = 0; i < b.length; i++) this.byte(b[i]!);
  }

  /** Appends s as a JSON string literal. */
  jsonString(s: string): void {
    const b = utf8Encode(s);
    this.byte(0x22);
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (c === 0x22 || c === 0x5c) {
        this.byte(0x5c);
        this.byte(c);
      } else if (c >= 0x20) {
        this.byte(c);
      } else if (c === 0x08) {
        this.raw("\\b");
      } else if (c === 0x0c) {
        this.raw("\\f");
      } else if (c === 0x0a) {
        this.raw("\\n");
      } else if (c === 0x0d) {
        this.raw("\\r");
      } else if (c === 0x09) {
        this.raw("\\t");
      } else {
        this.raw("\\u00");
        this.byte(HEX[c >> 4]!);
        this.byte(HEX[c & 15]!);
      }
    }
    this.byte(0x22);
  }

  /** The text written so far. */
  text(): string {
    return utf8Decode(this.buf, 0, this.len);
  }
}

/** `{"tasks":[…],"counts":{…}}` for the shown tasks. */
export function tasksToJson(tasks: Task[], counts: Counts): string {
  const w = new ByteWriter();
  w.raw('{"tasks":[');
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    if (i > 0) w.byte(0x2c);
    w.raw('{"uid":');
    w.jsonString(t.uid);
    w.raw(',"summary":');
    w.jsonString(t.summary);
    w.raw(',"due":');
    if (t.hasDue) w.jsonString(t.dueText);
    else w.raw("null");
    w.raw(`,"allDay":${t.allDay ? "true" : "false"},"priority":${String(t.priority)},"kind":`);
    w.jsonString(t.kind);
    w.byte(0x7d);
  }
  w.raw(`],"counts":{"overdue":${String(counts.overdue)},"today":${String(counts.today)},"upcoming":${String(counts.upcoming)}`);
  w.raw(`,"later":${String(counts.later)},"undated":${String(counts.undated)}}}`);
  return w.text();
}

/** `{"error":"…"}`. */
export function errorToJson(message: string): string {
  const w = new ByteWriter();
  w.raw('{"error":');
  w.jsonString(message);
  w.byte(0x7d);
  return w.text();
}
