// Flow-sensitive ranges: a local's range at each read comes from the tests and index checks that
// precede it. A write position stepped after each checked store (`buf[at++] = c`) and moved by a
// function returning `at + count` stays an integer, and one tested below a constant length before
// each turn stays within it; a scan index stepped past its bound after the
// test failed, two tests joined with && and ||, tests written either way round (on a parameter too), and loops left by
// break, continue (also labelled), do…while, switch fall-through and for…of. Next to them the
// values the analysis must not narrow: -0 passes an index check as 0 does, a fraction or NaN
// fails a test on both branches, and counters near the int32 limits that step past them.

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;

class Gen {
  constructor(public seed: number) {}
  next(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) | 0;
    return (this.seed >>> 16) & 0x7fff;
  }
}

/** Writes count letters at `at`; returns the position after them. */
function letters(buf: Uint8Array, at: number, count: number, g: Gen): number {
  for (let i = 0; i < count; i++) buf[at + i] = 97 + (g.next() % 26);
  return at + count;
}

function fill(size: number): Uint8Array {
  const buf = new Uint8Array(size);
  const g = new Gen(7);
  let at = 0;
  let depth = 0;
  while (at < size - 40) {
    const kind = g.next() % 4;
    if (kind === 0 || depth === 0) {
      buf[at++] = LT;
      at = letters(buf, at, 1 + (g.next() % 5), g);
      if (g.next() % 3 === 0) {
        buf[at++] = 32;
        buf[at++] = QUOTE;
        at = letters(buf, at, g.next() % 9, g);
        buf[at++] = QUOTE;
      }
      buf[at++] = GT;
      depth++;
    } else if (kind === 1) {
      buf[at++] = LT;
      buf[at++] = SLASH;
      at = letters(buf, at, 2, g);
      buf[at++] = GT;
      depth--;
    } else {
      at = letters(buf, at, 1 + (g.next() % 12), g);
      buf[at++] = 32;
    }
  }
  while (at < size) buf[at++] = 32;
  console.log("filled", at, depth, buf[0], buf[size - 1]);
  return buf;
}

/**
 * Words written into a buffer of any length with no test of the position, in a loop whose trips
 * have no bound: each checked store bounds it, so it stays an integer across the calls of letters.
 */
function pack(out: Uint8Array, words: number, g: Gen): number {
  let at = 0;
  let w = 0;
  while (w < words) {
    out[at++] = 91;
    at = letters(out, at, 1 + (g.next() % 3), g);
    out[at++] = 93;
    w++;
  }
  return at;
}

/** A scan whose index steps past its bound after the test failed (the tag at the very end). */
function scan(buf: Uint8Array): number {
  const n = buf.length;
  let tags = 0;
  let quoted = 0;
  let h = 0;
  let i = 0;
  while (i < n) {
    if (buf[i] !== LT) {
      h = (h * 31 + buf[i]) | 0;
      i++;
      continue;
    }
    i++;
    while (i < n && buf[i] !== GT) {
      if (buf[i] === QUOTE) {
        i++;
        while (i < n && buf[i] !== QUOTE) {
          quoted++;
          i++;
        }
      }
      i++;
    }
    i++;
    tags++;
  }
  console.log("scan", i - n, tags, quoted, h);
  return i;
}

/** A parameter's tests narrow it as a local's do: past them `from + 1` and `from - 1` are int32. */
function window(xs: Int32Array, from: number): number {
  if (from < 1 || from >= xs.length) return -1;
  const next = from + 1;
  const prev = from - 1;
  return next < xs.length ? xs[prev] + xs[from] + xs[next] : xs[prev] * 2 + next;
}

/** Tests written either way round, with <=, >=, ===, !==, && and ||, narrow what follows them. */
function tests(xs: Int32Array): void {
  let lo = 0;
  let hi = xs.length;
  let sum = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= 40) lo = mid + 1;
    else hi = mid;
    sum += lo;
  }
  let k = 0;
  for (;;) {
    if (!(xs.length > k)) break;
    if (k === 3 || k === 5) {
      k += 2;
      continue;
    }
    sum = (sum + xs[k++] * k) | 0;
  }
  let j = xs.length - 1;
  do {
    sum = (sum ^ xs[j]) | 0;
    j--;
  } while (0 <= j && xs[j] !== 0);
  console.log("tests", lo, hi, k, j, sum);
}

/** break and continue out of labelled loops, and a switch whose cases fall through. */
function jumps(n: number): void {
  let count = 0;
  let last = -1;
  outer: for (let a = 0; a < n; a++) {
    let b = a;
    while (true) {
      b++;
      if (b > a + 3) continue outer;
      if (b * a > 40) break outer;
      count++;
      last = b;
    }
  }
  let s = 0;
  for (let step = 0; step < 6; step++) {
    switch (step % 4) {
      case 0:
        s += 1;
      case 1:
        s += 10;
        break;
      case 2:
        s++;
      default:
        s += 100;
    }
  }
  console.log("jumps", count, last, s);
}

/** -0, fractions and NaN: an index check accepts -0, and no test makes a fraction an integer. */
function edges(flag: number): void {
  const buf = new Uint8Array(4);
  let z = flag > 0 ? -0 : 1;
  buf[z] = 9;
  console.log("minus zero", 1 / z, buf[0], buf[1], z === 0);
  z++;
  console.log("stepped", z, 1 / (z - 1));
  let f = flag / 4;
  if (f < 3) console.log("fraction", f, f * 2, f + 1);
  let q = 0 / flag - (flag - 1);
  if (!(q < 2)) console.log("nan or big", q, q | 0);
  else console.log("small", q);
  let c = -1;
  for (const v of buf) {
    if (v === 0) continue;
    c = v;
  }
  console.log("of", c);
  f = 0.5;
  while (f < 4) f = f * 2 + 0.25;
  console.log("doubling", f);
}

/** Counters next to the int32 limits: stepped past them under a test, they need 33 bits. */
function limits(): void {
  let up = 2147483640;
  while (up < 2147483647 + 3) up++;
  let down = -2147483645;
  while (down > -2147483648 - 2) down--;
  const big = new Uint8Array(3);
  let p = 0;
  while (p < 3) big[p++] = p * 100;
  let u = 4294967290;
  if (u < 4294967300) u += 1;
  console.log("limits", up, down, up - down, up + down, big[0], big[1], big[2], p, u, u - up, up > down, up - 1 >= 2147483647);
  let w = 2147483646;
  for (let r = 0; r < 3; r++) {
    if (w < 2147483647 + r) w++;
    console.log("w", w, w + 1, w - 2147483647, (w + 1) | 0);
  }
}

/**
 * A counter stepped up from 0 under a test against a double: nothing bounds it above, but it is
 * never below 0, so `i % 4` is an integer remainder and the switch compares integers.
 */
function phases(count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    switch (i % 4) {
      case 0:
        sum += 1;
        break;
      case 1:
        sum += 10;
        break;
      case 4:
        sum += 1000;
        break;
      default:
        sum += 100;
    }
  }
  return sum;
}

export function main(): void {
  const buf = fill(3000);
  scan(buf);
  const packed = new Uint8Array(40);
  console.log("packed", pack(packed, 6, new Gen(3)), packed[0], packed[39]);
  const tail = new Uint8Array(6);
  tail[0] = 97;
  tail[1] = LT;
  tail[2] = 98;
  tail[3] = QUOTE;
  tail[4] = 99;
  tail[5] = 100;
  scan(tail);
  const xs = new Int32Array(10);
  const vals = [1, 5, 9, 30, 40, 41, 90, 0, 7, 12];
  for (let i = 0; i < vals.length; i++) xs[i] = vals[i];
  tests(xs);
  console.log("window", window(xs, 0), window(xs, 1), window(xs, 8), window(xs, 9), window(xs, 10), window(xs, -2147483648), window(xs, 2147483647));
  jumps(9);
  edges(1);
  edges(-3);
  limits();
  console.log("phases", phases(9.5), phases(0.5), phases(-1), phases(NaN));
}
