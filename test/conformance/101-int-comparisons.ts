// Comparisons in C integers: differences of two counters (`end - start !== pattern.length`, the
// midpoint `(lo + hi) >> 1` of a binary search over counters), and a call returning integers
// compared with reads the call could change. JavaScript evaluates the left side first: a call on
// the left that bumps the element read on the right compares the new value, and a read on the left
// keeps the old one, and so for a call returning a double. A uint32 result (`>>> 0`) compared with
// a negative int32 element must not compare as unsigned.

/** Upper-case ASCII letter of c, other bytes unchanged. */
function upper(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
}

/** Whether buf[start, end) spells pattern, ignoring ASCII case; start and end are counters. */
function spells(buf: Uint8Array, start: number, end: number, pattern: Uint8Array): boolean {
  if (end - start !== pattern.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    if (upper(buf[start + i]!) !== pattern[i]!) return false;
  }
  return true;
}

/** The words of buf (runs of non-spaces), each checked against pattern. */
function matches(buf: Uint8Array, pattern: Uint8Array): string {
  let out = "";
  // stepped outside a scan, i is a counter, and so are the start and end it gives spells()
  let i = 0;
  while (i < buf.length) {
    if (buf[i] === 32) {
      i++;
      continue;
    }
    const start = i;
    while (i < buf.length && buf[i] !== 32) i++;
    out += spells(buf, start, i, pattern) ? "y" : "n";
  }
  return out;
}

/** Index of the first element of sorted xs at least v, by bisection with counter bounds. */
function lowerBound(xs: Int32Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  // steps make both bounds counters
  lo++;
  lo--;
  hi++;
  hi--;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds one to cells[0] (kept within a byte) and returns the new value. */
function bump(cells: Int32Array): number {
  cells[0] = (cells[0]! + 1) & 0xff;
  return cells[0]!;
}

/** Halves xs[0] and returns the new value, a double. */
function halve(xs: number[]): number {
  xs[0] = xs[0]! / 2;
  return xs[0]!;
}

/** A uint32: the bits of x read as unsigned. */
function unsigned(x: number): number {
  return x >>> 0;
}

export function main(): void {
  const text = new Uint8Array([104, 105, 32, 32, 72, 73, 32, 104, 105, 120, 32, 72, 105]);
  console.log(matches(text, new Uint8Array([72, 73])), matches(text, new Uint8Array([72, 73, 88])), matches(new Uint8Array(0), new Uint8Array([72])));
  const sorted = new Int32Array([-2147483648, -5, 0, 0, 3, 9, 2147483647]);
  let found = "";
  for (const v of [-2147483648, -6, -5, 0, 1, 9, 10, 2147483647]) found += `${lowerBound(sorted, v)} `;
  console.log(found);
  const cells = new Int32Array([254, -1]);
  // left first: the call runs before the read on the right, which sees the new value
  console.log(bump(cells) === cells[0]!, bump(cells) < cells[0]!, bump(cells) <= cells[0]!, cells[0]);
  // the read on the left keeps the value from before the call
  console.log(cells[0]! === bump(cells), cells[0]! < bump(cells), cells[0]! > bump(cells), cells[0]);
  // the same order where the call returns a double
  const xs = [5];
  console.log(halve(xs) === xs[0]!, xs[0]! === halve(xs), halve(xs) + xs[0]!, xs[0]! - halve(xs), xs[0]);
  // 2^32 - 1 against -1: equal as int32 bits, not as numbers
  console.log(unsigned(cells[1]!) === cells[1]!, unsigned(cells[1]!) > cells[1]!, cells[1]! < unsigned(cells[1]!), unsigned(-2147483648) > cells[1]!);
}
