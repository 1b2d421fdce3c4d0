// Device-style byte tokenizer: unfolds iCalendar content lines and splits NAME;PARAMS:VALUE.
import { utf8Decode, utf8Encode } from "../../ts-src/lib/text";

interface Line {
  name: string;
  params: string;
  value: string;
}

const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const COLON = 58;
const SEMI = 59;
const QUOTE = 34;

/** Removes CRLF + (space | tab) folds, in place; returns the new length. */
function unfold(b: Uint8Array): number {
  let w = 0;
  let r = 0;
  while (r < b.length) {
    if (b[r] === CR && r + 2 < b.length && b[r + 1] === LF && (b[r + 2] === SPACE || b[r + 2] === TAB)) {
      r += 3;
      continue;
    }
    b[w++] = b[r++];
  }
  return w;
}

function splitLine(b: Uint8Array, start: number, end: number): Line {
  let nameEnd = -1;
  let colon = -1;
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === QUOTE) quoted = !quoted;
    if (quoted) continue;
    if (c === SEMI && nameEnd < 0) nameEnd = i;
    if (c === COLON) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return { name: "", params: "", value: utf8Decode(b, start, end) };
  if (nameEnd < 0) nameEnd = colon;
  const params = nameEnd < colon ? utf8Decode(b, nameEnd + 1, colon) : "";
  return { name: utf8Decode(b, start, nameEnd), params: params, value: utf8Decode(b, colon + 1, end) };
}

export function main(): void {
  const text =
    "BEGIN:VTODO\r\nUID:abc-123\r\nSUMMARY:Buy milk and a very long\r\n  description that was folded\r\n" +
    'DUE;TZID="Europe/Berlin;x":20261127T090000\r\nX-EMOJI:caf\u00e9 \u{1F600}\r\nbroken line\r\nEND:VTODO\r\n';
  const bytes = utf8Encode(text);
  const n = unfold(bytes);
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i + 1 < n; i++) {
    if (bytes[i] === CR && bytes[i + 1] === LF) {
      lines.push(splitLine(bytes, start, i));
      start = i + 2;
      i++;
    }
  }
  console.log(bytes.length, n, lines.length);
  for (const l of lines) console.log(`${l.name}|${l.params}|${l.value}`);
}
