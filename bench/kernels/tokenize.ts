// Byte tokenizing: a generated XML-ish document scanned byte by byte as the multistatus reader
// does (tags, attribute values, text, entities), repeated over the same buffer.

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const SPACE = 32;
const AMP = 38;
const SEMI = 59;
const DOC_BYTES = 65536;

/** A linear congruential generator the C version reproduces bit for bit. */
class Gen {
  constructor(public seed: number) {}
  next(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) | 0;
    return (this.seed >>> 16) & 0x7fff;
  }
}

/** Writes `count` lowercase letters at `at`; returns the new position. */
function letters(buf: Uint8Array, at: number, count: number, g: Gen): number {
  for (let i = 0; i < count; i++) buf[at + i] = 97 + (g.next() % 26);
  return at + count;
}

/** A document of `size` bytes: open, close and empty tags with attributes, text with entities. */
function generate(size: number): Uint8Array {
  const buf = new Uint8Array(size);
  const g = new Gen(42);
  let at = 0;
  let depth = 0;
  while (at < size - 96) {
    const kind = g.next() % 6;
    if (kind <= 1 || (kind === 2 && depth === 0)) {
      buf[at++] = LT;
      at = letters(buf, at, 3 + (g.next() % 6), g);
      if (kind === 1) {
        buf[at++] = SPACE;
        at = letters(buf, at, 2 + (g.next() % 4), g);
        buf[at++] = 61;
        buf[at++] = QUOTE;
        at = letters(buf, at, 1 + (g.next() % 24), g);
        buf[at++] = QUOTE;
      }
      buf[at++] = GT;
      depth++;
    } else if (kind === 2) {
      buf[at++] = LT;
      buf[at++] = SLASH;
      at = letters(buf, at, 3 + (g.next() % 6), g);
      buf[at++] = GT;
      depth--;
    } else if (kind === 3) {
      buf[at++] = LT;
      at = letters(buf, at, 3 + (g.next() % 6), g);
      buf[at++] = SLASH;
      buf[at++] = GT;
    } else {
      const words = 1 + (g.next() % 6);
      for (let w = 0; w < words; w++) {
        if (g.next() % 8 === 0) {
          buf[at++] = AMP;
          at = letters(buf, at, 2 + (g.next() % 3), g);
          buf[at++] = SEMI;
        } else at = letters(buf, at, 1 + (g.next() % 9), g);
        buf[at++] = SPACE;
      }
    }
  }
  while (at < size) buf[at++] = SPACE;
  return buf;
}

/** One pass over the document: counts and hashes of tag names, attribute values and text. */
function scan(buf: Uint8Array): number {
  const n = buf.length;
  let opens = 0;
  let closes = 0;
  let empties = 0;
  let textBytes = 0;
  let attrBytes = 0;
  let entities = 0;
  let h = 0;
  let i = 0;
  while (i < n) {
    let c = buf[i];
    if (c !== LT) {
      if (c === AMP) entities++;
      textBytes++;
      h = (h + c) | 0;
      i++;
      continue;
    }
    i++;
    const closing = i < n && buf[i] === SLASH;
    if (closing) i++;
    let name = 0;
    while (i < n) {
      c = buf[i];
      if (c === GT || c === SLASH || c === SPACE) break;
      name = (Math.imul(name, 31) + c) | 0;
      i++;
    }
    while (i < n && buf[i] !== GT) {
      if (buf[i] === QUOTE) {
        i++;
        while (i < n && buf[i] !== QUOTE) {
          attrBytes++;
          i++;
        }
      } else if (buf[i] === SLASH) empties++;
      i++;
    }
    i++;
    if (closing) closes++;
    else opens++;
    h = (Math.imul(h, 31) + name) | 0;
  }
  return (h ^ opens ^ (closes << 4) ^ (empties << 8) ^ (textBytes << 12) ^ (attrBytes << 16) ^ (entities << 20)) | 0;
}

/** Generates the document once and scans it `passes` times; returns the checksum. */
export function run(passes: number): number {
  const buf = generate(DOC_BYTES);
  let sum = 0;
  for (let p = 0; p < passes; p++) sum = (Math.imul(sum, 31) + scan(buf)) | 0;
  return sum >>> 0;
}

/** Prints the checksum of a small run. */
export function main(): void {
  console.log(run(4));
}
