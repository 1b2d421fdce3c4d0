// Loop counters bounded by an int32 each iteration are int32_t, and int32 locals are narrowed to the
// hull of their writes (so `%` by `320 - size` stays integer): the edges where that could drift from
// JavaScript — bounds at the top of int32, `<=` bounds, downward loops, counters written in the body,
// bounds that move, and locals whose writes leave their first range.

const TOP = 2147483647;

/** Counts up to a bound near 2^31 - 1: the last step lands on the bound itself. */
function nearTop(start: number): number {
  let n = 0;
  let last = 0;
  for (let i = start; i < TOP; i++) {
    n++;
    last = i + 1;
  }
  return n * 1000 + (last - start);
}

/** The same from an int32 start: an int32_t counter whose last step reaches 2^31 - 1. */
function nearTopInt(): string {
  let n = 0;
  let sum = 0;
  for (let i = TOP - 4; i < TOP; i++) {
    n++;
    sum = (sum + i + 1) | 0;
  }
  return `${n} ${sum}`;
}

/** `<=` to the top of int32 would step past it: that counter must not be an int32. */
function inclusiveTop(): string {
  let seen = "";
  let k = 0;
  for (let i = TOP - 2; i <= TOP; i++) {
    seen += `${i} `;
    k = i;
  }
  return `${seen}| ${k + 1} ${(k + 1) | 0}`;
}

/** Downward loops: `>` and `>=`, and one down to the bottom of int32. */
function downward(): string {
  let s = "";
  for (let i = 5; i > 0; i--) s += i;
  s += "|";
  for (let i = 3; i >= -2; i -= 1) s += `${i},`;
  let bottom = 0;
  for (let i = -2147483646; i >= -2147483648; i--) bottom = i - 1;
  return `${s} ${bottom} ${bottom | 0}`;
}

/** A counter the body writes is no counted loop: it may run far past the bound's range. */
function writtenInBody(): number {
  let steps = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 3) i = 4294967296 + 4294967296;
    steps++;
    if (steps > 20) break;
  }
  return steps;
}

/** The bound is read each iteration: a bound that grows inside the body still bounds the counter. */
function movingBound(xs: number[]): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    if (xs.length < 8) xs.push(i * 2);
    sum += xs[i] * (i + 1);
  }
  return sum;
}

/** Nested loops whose inner counter starts at the outer one plus one (the pairwise pattern). */
function pairs(n: number): number {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push((i * 7) % 5);
  let same = 0;
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (xs[i] === xs[j]) same++;
  return same;
}

/** Narrowed locals: a remainder by `C - size` with size in [4, 16], and a local that is written more. */
function narrowed(seed: number): string {
  let out = "";
  for (let k = 0; k < 4; k++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const size = 4 + ((seed >>> 16) % 13);
    const x = (seed >>> 8) % (320 - size);
    let y = size;
    if (k === 2) y = -size * 3;
    out += `${size}:${x}:${y}:${(x - y) % 7} `;
  }
  let neg = -5;
  neg = neg % 3;
  let zero = -3;
  zero = zero % 3;
  return `${out}${neg} ${zero} ${1 / zero}`;
}

/** A loop whose bound is a double: the counter is compared as a number. */
function doubleBound(limit: number): number {
  let c = 0;
  for (let i = 0; i < limit; i++) c += i;
  return c;
}

export function main(): void {
  console.log(nearTop(TOP - 5), nearTop(TOP), nearTop(TOP + 3));
  console.log(nearTopInt());
  console.log(inclusiveTop());
  console.log(downward());
  console.log(writtenInBody());
  console.log(movingBound([1, 2, 3]));
  console.log(pairs(40), pairs(0), pairs(1));
  console.log(narrowed(3), narrowed(-77));
  console.log(doubleBound(4.5), doubleBound(-1), doubleBound(0.5));
}
