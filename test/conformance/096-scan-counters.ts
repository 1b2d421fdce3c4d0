// Scan counters: a local stepped only by `while (x < bound && …) x++;` (or `++x`, `x += 1`) never
// passes the bound's highest value, so with an int32 bound it is an int32 in C, and sums and
// differences of it stay C integer arithmetic. Next to them: a scan whose bound reads the counter,
// a bound held in a double, a condition that writes, a body of two statements and a scan down,
// which keep the wider counter; and a scan that ends exactly at the int32 maximum, whose value
// plus one must not wrap.

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
  return `${a} ${b} ${c} ${d} ${a + b + c + d} ${a * 100000 - d}`;
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
  // a scan down
  let f = 12;
  while (f > 3 && f % 5 !== 0) f--;
  return `${a} ${b} ${c} ${seen} ${d} ${e} ${f}`;
}

function atTheMaximum(): string {
  let i = 2147483640;
  while (i < 2147483647 && (i & 15) !== 0) i++;
  const past = i + 1;
  let j = -2147483648;
  while (j < -2147483640 && (j & 3) !== 3) j++;
  return `${i} ${past} ${i * 2} ${j} ${j - 1} ${(past - j) / 2}`;
}

export function main(): void {
  const text = new Uint8Array([104, 105, 32, 116, 104, 101, 114, 101, 32, 32, 120]);
  console.log(words(text).join(","));
  console.log(stepForms(30));
  console.log(stepForms(2));
  console.log(keepsWide(7.5));
  console.log(keepsWide(-1));
  console.log(atTheMaximum());
}
