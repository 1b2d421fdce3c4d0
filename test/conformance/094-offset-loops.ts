// Counted loops that read or write `a[i + k]`, `a[k + i]`, `a[i - k]` or `a[i]` against a bound
// other than a.length. C runs one copy of the loop without checks when the entry test
// `i + k >= 0 && B + k <= a.length` holds and the checked copy otherwise: here the test passes,
// fails for loops that stop early without leaving the array, and cannot apply (the offset, the
// array or the bound changes in the loop), and the results must be the same either way.

function same(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number): boolean {
  for (let i = 0; i < aEnd - aStart; i++) {
    if (a[aStart + i] !== b[bStart + i]) return false;
  }
  return true;
}

function digits(buf: Uint8Array, start: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = buf[start + i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function shifted(xs: number[], k: number, n: number): number {
  let s = 0;
  for (let i = k; i < n; i++) s += xs[i - k] * (i + 1);
  return s;
}

function fill(out: Uint8Array, from: number, to: number, v: number): void {
  // the stores wrap as in JavaScript: 300 becomes 44
  for (let i = from; i <= to; i++) out[1 + i] = v + i;
}

function moving(xs: number[]): number {
  let k = 0;
  let s = 0;
  for (let i = 0; i < 3; i++) {
    s += xs[i + k];
    k = 1;
  }
  return s;
}

function untilZero(b: Uint8Array, k: number, n: number): number {
  // the entry test fails (n + k is past the end), but a zero ends the loop first
  for (let i = 0; i < n; i++) if (b[i + k] === 0) return i;
  return -1;
}

function growing(xs: number[], ys: number[]): number {
  let s = 0;
  // xs[3] exists only once the loop has pushed it
  for (let i = 0; i < 3; i++) {
    s += xs[i + 1];
    if (i === 0) xs.push(ys[i]);
  }
  return s;
}

export function main(): void {
  const text = new Uint8Array([0x61, 0x62, 0x63, 0x31, 0x32, 0x33, 0x61, 0x62, 0x63]);
  const abc = new Uint8Array([0x61, 0x62, 0x63]);
  console.log(same(text, 0, 3, abc, 0), same(text, 6, 9, abc, 0), same(text, 3, 6, abc, 0), same(text, 1, 1, abc, 0));
  console.log(same(text, 6, 9, text, 0), same(abc, 0, 3, text, 6), same(abc, 1, 3, text, 7));
  console.log(digits(text, 3, 3), digits(text, 3, 1), digits(text, 2, 2), digits(text, 5, 0));
  console.log(shifted([1.5, 2, -3, 4], 1, 5), shifted([1, 2, 3], 0, 3), shifted([7], 2, 2));
  const out = new Uint8Array(6);
  fill(out, 0, 4, 298);
  fill(out, 3, 2, 1);
  let shown = "";
  for (const b of out) shown += `${b} `;
  console.log(shown);
  console.log(moving([10, 20, 30, 40]));
  const z = new Uint8Array([5, 6, 0, 8]);
  console.log(untilZero(z, 0, 4), untilZero(z, 1, 9), untilZero(z, 2, 100));
  console.log(growing([1, 2, 3], [50]), growing([1, 2, 3, 4, 5], [60]));
}
