// Loops `for (let i = …; i < a.length; i++)` whose reads and writes of `a[i]` need no bounds check
// in C (docs/LANGUAGE.md, *Memory*), next to the ones that keep it: the array grows while the loop
// runs, the counter starts past 0, the arrays are parameters, module constants, nested, and of a
// type that is shortened elsewhere. Then scans `while (i < end && …a[i]…) i++;`, whose unchecked
// version runs when `end` is within the array and the checked one otherwise (and tests four bytes
// a turn before the last few: stops at every offset modulo four).

class Item {
  constructor(
    public id: number,
    public label: string,
  ) {}
}

const PRIMES: number[] = [2, 3, 5, 7, 11, 13];
const TABLE = new Uint8Array([9, 8, 7, 6, 5]);

function sum(xs: number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}

function scale(bytes: Uint8Array, k: number): void {
  // typed-array writes wrap as in JavaScript
  for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i] * k;
}

function pairs(items: Item[]): string {
  let out = "";
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if ((items[i].id + items[j].id) % 3 === 0) out += `${items[i].label}${items[j].label} `;
    }
  }
  return out;
}

/** Appends while reading: the length read by the test grows, every index read is below it. */
function grow(xs: number[], limit: number): number[] {
  for (let i = 0; i < xs.length; i++) {
    if (xs.length < limit) xs.push(xs[i] * 2 + i);
  }
  return xs;
}

/** Strings are shortened elsewhere in the program (below), so reading them keeps its check. */
function joined(words: string[]): string {
  let out = "";
  for (let i = 0; i < words.length; i++) out += `<${words[i]}>`;
  return out;
}

/** The loop reassigns its array: the next test reads the new one's length. */
function halves(xs: number[]): string {
  let a = xs;
  let out = "";
  for (let i = 0; i < a.length; i++) {
    out += `${a[i]} `;
    if (i === 1) a = [a[i] * 100, 1, 2, 3, 4, 5, 6];
  }
  return out;
}

/** Skips bytes below 0x30 from `from` up to `end`. */
function skipLow(b: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end && b[i] < 0x30 && b[i] !== 0) i++;
  return i;
}

/** The first index at or after `from` whose value reaches `limit`, or the length. */
function firstAtLeast(xs: number[], from: number, limit: number): number {
  let i = from;
  while (i < xs.length && xs[i] < limit) i++;
  return i;
}

/** Stops at a 7 before `end` runs past the array: the checked version, and no read past the end. */
function findSeven(b: Uint8Array, end: number): number {
  let i = 0;
  while (i < end && b[i] !== 7) ++i;
  return i;
}

/** Where a scan of n ones with a zero at `zero` stops, from `from`: every stop modulo four, past the end too. */
function stops(n: number, from: number): string {
  let out = "";
  for (let zero = 0; zero <= n; zero++) {
    const b = new Uint8Array(n);
    b.fill(1);
    if (zero < n) b[zero] = 0;
    let i = from;
    while (i < b.length && b[i] !== 0 && i - from < 1000) i++;
    out += `${i} `;
  }
  return out;
}

export function main(): void {
  console.log(stops(9, 0), stops(9, 2), stops(3, 0), stops(0, 0));
  console.log(sum(PRIMES), sum([]), sum([0.5, -1.25, 1e21]));
  const bytes = new Uint8Array([1, 2, 100, 200, 255]);
  scale(bytes, 3);
  let shown = "";
  for (const b of bytes) shown += `${b},`;
  console.log(shown);
  let t = 0;
  for (let i = 0; i < TABLE.length; i++) t = t * 10 + TABLE[i];
  console.log(t);
  const items: Item[] = [];
  const labels = ["a", "b", "c", "d", "e", "f", "g"];
  for (let i = 0; i < labels.length; i++) items.push(new Item(i * 5 + 1, labels[i]));
  console.log(pairs(items));
  console.log(grow([1, 2], 9).join(" "));
  const words = ["ab", "cd", "ef"];
  console.log(joined(words));
  words.pop();
  words.length = 1;
  console.log(joined(words), words.length);
  console.log(halves([7, 8, 9]));
  let from = 0;
  for (let i = 2; i < PRIMES.length; i++) from += PRIMES[i] * i;
  console.log(from);
  const text = new Uint8Array([0x20, 0x2c, 0x09, 0x41, 0x20, 0x00, 0x20]);
  console.log(skipLow(text, 0, text.length), skipLow(text, 4, 7), skipLow(text, 6, 7), skipLow(text, 2, 2), skipLow(text, 5, 3));
  console.log(firstAtLeast([1, 5, 9, 12, 3], 0, 9), firstAtLeast([1, 5, 9], 1, 100), firstAtLeast([], 0, 1));
  console.log(findSeven(new Uint8Array([1, 2, 7, 4]), 50), findSeven(new Uint8Array([7]), 1), findSeven(new Uint8Array([3, 3]), 2));
}
