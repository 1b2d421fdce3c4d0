// Counted loops that step by a constant (`i += 3`, `i -= 4`) or test the counter plus a constant
// (`i + 2 < r.length`): the counter stays within the bound plus one step, an int32 where that fits
// and an int64 where the last step passes int32 (near 2^31, or a step of 2^30). A counter the body
// also writes, or a fractional step, stays a double. Reads at `i + k` under `i + c < length` run
// unchecked behind a guard that holds.

/** The value range [lo, hi] maps to, at its offset, from a flat list of (lo, hi, base) triples. */
function lookup(r: number[], v: number): number {
  for (let i = 0; i + 2 < r.length; i += 3) {
    if (v < r[i]) return -1;
    if (v <= r[i + 1]) return r[i + 2] + v - r[i];
  }
  return -1;
}

/** Hash of the bytes taken in pairs (a trailing odd byte is skipped). */
function pairs(b: Uint8Array): number {
  let h = 0;
  for (let i = 0; i + 1 < b.length; i += 2) h = (Math.imul(h, 31) + b[i] * 256 + b[i + 1]) | 0;
  return h;
}

/** Bit set of the days first, first + 7, … up to dim. */
function weekly(first: number, dim: number): number {
  let days = 0;
  for (let d = first; d <= dim; d += 7) days |= 1 << d;
  return days;
}

/** Sum of n, n - 4, … down to 0 or just above; and of those above a negative bound. */
function downSums(n: number): string {
  let a = 0;
  for (let i = n; i >= 0; i -= 4) a += i;
  let b = 0;
  for (let i = n; i > -n; i -= 3) b += i;
  return a + " " + b;
}

/** Steps whose last one passes int32: near 2^31 and by 2^30. */
function wide(): string {
  let a = 0;
  let n = 0;
  for (let i = 2147483640; i <= 2147483647; i += 5) {
    a += i;
    n++;
  }
  let b = 0;
  for (let i = 0; i < 2147483647; i += 1073741824) b += i;
  let c = 0;
  for (let i = -2147483640; i >= -2147483648; i -= 6) c += i;
  return a + " " + n + " " + b + " " + c;
}

/** A counter the body writes too, and a fractional step: both doubles. */
function doubles(): string {
  let a = 0;
  for (let i = 0; i < 20; i += 3) {
    a += i;
    if (i === 6) i += 0.5;
  }
  let b = 0;
  for (let x = 0; x < 3; x += 0.75) b += x;
  return a + " " + b;
}

/** Reads at i, i + 1 and i + 2 under `i + c < length`, over a typed array and a plain one. */
function windows(u: Uint8Array, xs: number[]): number {
  let s = 0;
  for (let i = 0; i + 2 < u.length; i += 2) s += u[i] + u[i + 1] * 2 + u[i + 2] * 3;
  for (let i = 1; i + 1 < xs.length; i += 4) s += xs[i - 1] + xs[i + 1];
  return s;
}

export function main(): void {
  const r = [10, 20, 100, 30, 40, 200, 50, 50, 7];
  console.log(lookup(r, 5), lookup(r, 15), lookup(r, 25), lookup(r, 40), lookup(r, 50), lookup(r, 60), lookup([1, 2], 1));
  const b = new Uint8Array(9);
  for (let i = 0; i < b.length; i++) b[i] = i * 37;
  console.log(pairs(b), pairs(b.subarray(0, 8)), pairs(new Uint8Array(1)));
  console.log(weekly(3, 31), weekly(0, 6), weekly(5, 4));
  console.log(downSums(17), downSums(0), downSums(-5));
  console.log(wide());
  console.log(doubles());
  const u = new Uint8Array(11);
  for (let i = 0; i < u.length; i++) u[i] = 200 - i * 9;
  console.log(windows(u, [1.5, 2, 3, 4, 5, 6, 7, 8, 9.25]), windows(u.subarray(0, 2), [1]));
}
