// Writes `buf[at++] = v` (and `buf[++at]`, `buf[at--]`) into typed arrays whose declaration fixes
// their length, at positions whose range is known there: from a loop's test, and across calls of
// functions that return a sum of their parameters (`at = fill(buf, at, n, v)` is at + n), and
// through for loops whose counter bounds their trips (`for (let w = 0; w < 6; w++)`). The
// functions named free… need no bounds check in C (test/codegen-bounds.test.ts checks their C);
// the checked… ones keep theirs. Every buffer is written up to its last byte.

import { fromCodePoint } from "../../ts-src/lib/text";

const SIZE = 32;

/** Writes `count` copies of v from `at` on; returns the position after them. */
function fill(buf: Uint8Array, at: number, count: number, v: number): number {
  for (let i = 0; i < count; i++) buf[at + i] = v;
  return at + count;
}

/** The position `by` bytes back. */
function back(at: number, by: number): number {
  return at - by;
}

/** A sum with a constant, and a second return of another sum. */
function skip(at: number, wide: boolean): number {
  if (wide) return at + 2;
  return 1 + at;
}

/** Tags `<` name `>` while 8 bytes are left, then dots to the end. */
function freeRecords(turns: number): Uint8Array {
  const buf = new Uint8Array(SIZE);
  let at = 0;
  let t = 0;
  while (at < SIZE - 8 && t < turns) {
    buf[at++] = 60;
    at = fill(buf, at, 1 + (t % 4), 97 + (t % 26));
    buf[at++] = 62;
    at = skip(at, t % 2 === 0);
    t++;
  }
  while (at < SIZE) buf[at++] = 46;
  return buf;
}

/** Prefix steps, and steps down after a difference. */
function freeSteps(from: number): Uint8Array {
  const buf = new Uint8Array(8);
  let at = 0;
  if (from > 0 && from < 4) at = from;
  buf[++at] = 1;
  buf[++at] = 2;
  at = back(at, 2);
  buf[at--] = 3;
  if (at >= 0) buf[at] = 4;
  buf[7] = at + 10;
  return buf;
}

/** Moves its parameter before it returns the sum: the sum of the arguments says nothing of it. */
function skewed(at: number, n: number): number {
  if (n < 2) at = 4;
  return at + n;
}

/** The position comes back from skewed, up to 5 here but up to 6 for all skewed knows: the store keeps its check. */
function checkedSkewed(n: number): Uint8Array {
  const buf = new Uint8Array(6);
  let at = skewed(1, n);
  buf[at++] = 9;
  buf[0] = at;
  return buf;
}

/** Writes "xxx" at `at`; returns the position after it. */
function word(buf: Uint8Array, at: number): number {
  for (let i = 0; i < 3; i++) buf[at + i] = 120;
  return at + 3;
}

/** A for loop of at most six trips advances the position by four each: at most 24 in all. */
function freeLoop(words: number): Uint8Array {
  const buf = new Uint8Array(SIZE);
  let at = 0;
  for (let w = 0; w < words && w < 6; w++) {
    at = word(buf, at);
    buf[at++] = 32;
  }
  const n = 1 + (words % 6);
  for (let w = 1; w <= n; w++) buf[at++] = 48 + w;
  return buf;
}

/** The same loop stepping its counter in its body: its trips have no bound, nor has the position. */
function checkedLoop(words: number): Uint8Array {
  const buf = new Uint8Array(SIZE);
  let at = 0;
  let w = 0;
  while (w < words && w < 6) {
    at = word(buf, at);
    buf[at++] = 32;
    w++;
  }
  return buf;
}

/** The bytes of buf as text, `_` for zeros. */
function text(buf: Uint8Array): string {
  let s = "";
  for (const b of buf) s += b === 0 ? "_" : b < 32 ? String(b) : fromCodePoint(b);
  return s;
}

export function main(): void {
  for (let turns = 0; turns < 10; turns++) console.log(`records ${turns}: ${text(freeRecords(turns))}`);
  for (let from = -1; from <= 4; from++) {
    const buf = freeSteps(from);
    const bytes: number[] = [];
    for (const b of buf) bytes.push(b);
    console.log(`steps ${from}: ${bytes.join(" ")}`);
  }
  for (let n = 1; n <= 2; n++) console.log(`skewed ${n}: ${text(checkedSkewed(n))}`);
  for (let words = 0; words <= 7; words++) console.log(`loop ${words}: ${text(freeLoop(words))} ${text(checkedLoop(words))}`);
}
