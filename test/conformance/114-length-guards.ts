// Reads and writes `a[i]` reached only past a test that i is below a's length, with no write to i
// since: they need no bounds check in C (docs/LANGUAGE.md, *Memory*). The functions named free…
// have only such accesses (test/codegen-bounds.test.ts checks their C); the others keep a check
// the test does not cover. Every one runs at the edges: the last element, the length, past it.

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;

/** Counts tags and hashes their names the way a byte scanner does: `while (i < n …)` tests. */
function freeScan(buf: Uint8Array): number {
  const n = buf.length;
  let tags = 0;
  let quoted = 0;
  let h = 0;
  let i = 0;
  while (i < n) {
    const c = buf[i];
    if (c !== LT) {
      i++;
      continue;
    }
    i++;
    const closing = i < n && buf[i] === SLASH;
    if (closing) i++;
    while (i < n && buf[i] !== GT) {
      if (buf[i] === QUOTE) {
        i++;
        while (i < n && buf[i] !== QUOTE) {
          quoted++;
          i++;
        }
      } else h = (Math.imul(h, 31) + buf[i]) | 0;
      i++;
    }
    i++;
    tags++;
  }
  return (h ^ (tags << 8) ^ (quoted << 16)) | 0;
}

/** The test reversed (`n > i`), in `||` and `?:`, and its negation in an if's else. */
function freeForms(xs: number[], at: number): number {
  const i = at;
  if (i < 0) return -100;
  let s = 0;
  if (xs.length > i) s += xs[i];
  if (i >= xs.length || xs[i] < 0) s += 1000;
  s += i < xs.length ? xs[i] * 2 : -1;
  if (i >= xs.length) s -= 7;
  else s += xs[i] * 3;
  if (!(i >= xs.length) && i > 0) s += xs[i] * 5;
  return s;
}

/** Statements after `if (i >= n) return`, `break` or `continue`. */
function freeExits(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  let i = from;
  if (i < 0) return -2;
  if (i >= n) return -1;
  let s = bytes[i];
  for (let k = 0; k < 3; k++) {
    if (i >= n) break;
    s += bytes[i];
    i++;
    i++;
  }
  let j = from;
  for (let k = 0; k < 4; k++) {
    j++;
    if (j >= n) continue;
    s += bytes[j] * k;
  }
  return s;
}

/** Writes under the test; a write to i in the other branch, or after the access, is no obstacle. */
function freeWrites(out: Uint8Array, at: number, v: number): number {
  let i = at;
  if (i < 0) return 0;
  if (i < out.length) {
    if (v > 100) i = 0;
    else out[i] = v;
  }
  while (i < out.length) {
    out[i] = v + i;
    i++;
    i++;
  }
  return i;
}

/** The same shapes, but i changes between the test and the access: the check stays. */
function checkedAfterWrite(xs: number[], at: number): number {
  let i = at;
  if (i < 0) return 0;
  let s = 0;
  if (i < xs.length) {
    i++;
    if (i < 4) s += xs[i];
  }
  return s;
}

/** A loop inside the tested statements steps i after its read: the next turn reads past it. */
function checkedInnerLoop(xs: number[], at: number): number {
  let i = at;
  if (i < 0) return 0;
  let s = 0;
  if (i < xs.length) {
    for (let k = 0; k < 2; k++) {
      if (i < 4) s += xs[i];
      i++;
    }
  }
  return s;
}

/** Prints one line per function over the edges of its input. */
function show(label: string, values: number[]): void {
  console.log(`${label}: ${values.join(" ")}`);
}

export function main(): void {
  const doc = new Uint8Array([60, 97, 98, 32, 120, 61, 34, 49, 50, 34, 62, 116, 60, 47, 97, 98, 62, 60, 99]);
  show("scan", [freeScan(doc), freeScan(doc.subarray(0, 12)), freeScan(doc.subarray(0, 7)), freeScan(new Uint8Array(0))]);
  const xs = [5, -3, 8, 13];
  const forms: number[] = [];
  for (let i = -1; i <= 5; i++) forms.push(freeForms(xs, i));
  show("forms", forms);
  const bytes = new Uint8Array([1, 2, 3, 4, 5, 6]);
  const exits: number[] = [];
  for (let i = -1; i <= 7; i++) exits.push(freeExits(bytes, i));
  show("exits", exits);
  const out = new Uint8Array(7);
  const writes: number[] = [];
  for (let at = -1; at <= 8; at += 3) writes.push(freeWrites(out, at, at * 40));
  writes.push(freeWrites(out, 2, 200));
  show("writes", writes);
  const bytesOut: number[] = [];
  for (const b of out) bytesOut.push(b);
  show("out", bytesOut);
  const checked: number[] = [];
  for (let i = -1; i <= 4; i++) checked.push(checkedAfterWrite(xs, i), checkedInnerLoop(xs, i));
  show("checked", checked);
}
