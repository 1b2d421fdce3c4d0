// Device-style JSON writer: escapes strings byte by byte and builds the output in a growing buffer.
import { utf8Decode, utf8Encode } from "../../ts-src/lib/text";

class Writer {
  buf: Uint8Array = new Uint8Array(16);
  len: number = 0;

  byte(b: number): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf, 0);
      this.buf = bigger;
    }
    this.buf[this.len++] = b;
  }

  raw(s: string): void {
    for (const b of utf8Encode(s)) this.byte(b);
  }

  str(s: string): void {
    const hex = "0123456789abcdef";
    const digits = utf8Encode(hex);
    this.byte(34);
    for (const b of utf8Encode(s)) {
      if (b === 34 || b === 92) {
        this.byte(92);
        this.byte(b);
      } else if (b === 10) {
        this.raw("\\n");
      } else if (b < 0x20) {
        this.raw("\\u00");
        this.byte(digits[b >> 4]);
        this.byte(digits[b & 15]);
      } else {
        this.byte(b);
      }
    }
    this.byte(34);
  }

  num(n: number): void {
    this.raw(Number.isFinite(n) ? String(n) : "null");
  }

  text(): string {
    return utf8Decode(this.buf, 0, this.len);
  }
}

interface Task {
  uid: string;
  summary: string;
  priority: number;
  due: string | null;
  allDay: boolean;
}

function writeTask(w: Writer, t: Task): void {
  w.raw('{"uid":');
  w.str(t.uid);
  w.raw(',"summary":');
  w.str(t.summary);
  w.raw(',"priority":');
  w.num(t.priority);
  w.raw(',"due":');
  if (t.due === null) w.raw("null");
  else w.str(t.due);
  w.raw(',"allDay":');
  w.raw(t.allDay ? "true" : "false");
  w.raw("}");
}

export function main(): void {
  const tasks: Task[] = [];
  tasks.push({ uid: "1", summary: 'say "hi"', priority: 1, due: "2026-11-27T09:00:00Z", allDay: false });
  tasks.push({ uid: "2", summary: "tab\there\nnew line \\ back", priority: 0, due: null, allDay: false });
  tasks.push({ uid: "3", summary: "caf\u00e9 \u{1F600} \u0001", priority: 9, due: "2026-12-01", allDay: true });
  tasks.push({ uid: "4", summary: "", priority: 0.5, due: null, allDay: false });
  const w = new Writer();
  w.raw('{"tasks":[');
  for (let i = 0; i < tasks.length; i++) {
    if (i > 0) w.raw(",");
    writeTask(w, tasks[i]);
  }
  w.raw('],"count":');
  w.num(tasks.length);
  w.raw(',"bad":');
  w.num(NaN);
  w.raw("}");
  console.log(w.text());
  console.log(w.len, w.buf.length);
}
