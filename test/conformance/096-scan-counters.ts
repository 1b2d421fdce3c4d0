// Scan counters: a local stepped only by `while (x < bound && …) x++;` (or `++x`, `x += 1`) never
// passes the bound's highest value, and one stepped only by `while (x > bound && …) x--;` (or
// `--x`, `x -= 1`) never falls below the bound's lowest, so with an int32 bound it is an int32 in
// C, and sums and differences of it stay C integer arithmetic. Next to them: scans whose bound
// reads the counter, bounds held in a double, a condition that writes and a body of two
// statements, which keep the wider counter; and scans that end exactly at the int32 maximum and
// minimum, whose value plus or minus one must not wrap.

class Span {
  constructor(public end: number) {}
}

const SPACE = 32;

function wordEnd(text: Uint8Array, from: number): number {
  let i = from | 0;
  while (i < text.length && text[i] !== SPACE) i++;
  // a difference of two int32 values: no double arithmetic needed
  return (i - from) | 0;
}

/** The end of text without its trailing spaces, counted back from `end`. */
function trimmedEnd(text: Uint8Array, from: number, end: number): number {
  let k = end | 0;
  while (k > from && text[k - 1] === SPACE) k--;
  return k - from;
}

function words(text: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    const n = wordEnd(text, i);
    out.push(n);
    i = (i + n + 1) | 0;
  }
  return out;
}

function stepForms(limit: number): string {
  let a = 0;
  while (a < 10 && a * a < limit) a++;
  let b = -5;
  while (b < 7 && b !== 3) ++b;
  let c = 2;
  while (c < 40 && c % 7 !== 0) c += 1;
  const s = new Span(25);
  let d = 20;
  while (d < s.end && (d & 3) !== 3) d++;
  let e = 12;
  while (e > 3 && e % 5 !== 0) e--;
  let f = 40;
  while (f > -7 && f * f > limit) --f;
  let g = 9;
  while (g > s.end - 30 && g % 4 !== 1) g -= 1;
  return `${a} ${b} ${c} ${d} ${a + b + c + d} ${a * 100000 - d} ${e} ${f} ${g} ${e - f * g}`;
}

function keepsWide(bound: number): string {
  // the bound reads the counter
  let a = 0;
  while (a < a + 1 && a < 5) a++;
  // the bound is a double: it may be anything
  let b = 0;
  while (b < bound && b < 1000) b++;
  // the condition writes the counter
  let c = 0;
  let seen = 0;
  while (c < 10 && (seen = c) < 6) c++;
  // two statements in the body
  let d = 0;
  let e = 0;
  while (d < 8) {
    d++;
    e += d;
  }
  // a scan down whose bound is a double, and one whose bound reads the counter
  let f = 12;
  while (f > bound && f % 5 !== 0) f--;
  let g = 3;
  while (g > g - 1 && g > -4) g--;
  return `${a} ${b} ${c} ${seen} ${d} ${e} ${f} ${g}`;
}

function atTheMaximum(): string {
  let i = 2147483640;
  while (i < 2147483647 && (i & 15) !== 0) i++;
  const past = i + 1;
  let j = -2147483648;
  while (j < -2147483640 && (j & 3) !== 3) j++;
  let k = -2147483640;
  while (k > -2147483648 && (k & 15) !== 0) k--;
  const below = k - 1;
  let m = 2147483647;
  while (m > 2147483640 && (m & 7) !== 0) m--;
  return `${i} ${past} ${i * 2} ${j} ${j - 1} ${(past - j) / 2} ${k} ${below} ${k * 2} ${m} ${m + 1} ${(m - k) / 2}`;
}

export function main(): void {
  const text = new Uint8Array([104, 105, 32, 116, 104, 101, 114, 101, 32, 32, 120]);
  console.log(words(text).join(","));
  console.log(trimmedEnd(text, 0, text.length), trimmedEnd(new Uint8Array([120, 32, 32]), 0, 3), trimmedEnd(text, 9, 9), trimmedEnd(new Uint8Array([32, 32]), 0, 2));
  console.log(stepForms(30));
  console.log(stepForms(2));
  console.log(keepsWide(7.5));
  console.log(keepsWide(-1));
  console.log(atTheMaximum());
}
