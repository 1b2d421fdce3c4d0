// Parameters and return values the compiler types as C integers when every call passes, and every
// return gives, an integer in range; and the ones that must stay doubles: a NaN at one call site, a
// fraction returned on one path, -0, sums that may leave int32, functions used as values.
import { fromCodePoint } from "../../ts-src/lib/text";

function twice(x: number): number {
  return x + x;
}

/** Every caller passes a byte: an int32_t parameter and return. */
function hexDigit(v: number): number {
  return v < 10 ? 48 + v : 87 + v;
}

function low(v: number): number {
  return v & 15;
}

/** One call site passes NaN: the parameter stays a double. */
function isBig(v: number): boolean {
  return v > 1000;
}

/** int on one path, a fraction on the other. */
function halfOrWhole(v: number): number {
  if ((v & 1) === 0) return v >> 1;
  return v / 2;
}

/** -x of an integer that may be 0 is -0. */
function negate(v: number): number {
  return -v;
}

/** Recursion: the depth grows by one per call, a counter. */
function depth(n: number): number {
  if (n <= 0) return 0;
  return depth(n - 1) + 1;
}

/** A counter parameter carried past 2^31. */
function next(c: number): number {
  return c + 1;
}

/** Used as a comparator value: its C signature is the function-pointer type. */
function byValue(a: number, b: number): number {
  return a - b;
}

function trace(label: string, v: number): number {
  console.log("eval", label);
  return v;
}

function pair(a: number, b: number): number {
  return a * 10 + b;
}

/** A parameter reassigned with a fraction inside the body. */
function shrink(v: number): number {
  v = v / 4;
  return v;
}

/** A conditional whose branches are calls (C's ?: evaluates one branch, as JavaScript does). */
function pick(flag: boolean, v: number): number {
  return flag ? low(v) : trace("pick", v & 3);
}

/** A call alone whose arguments have effects, and one call inside integer arithmetic. */
function tagged(v: number): number {
  let k = 0;
  const r = trace(`t${k++}`, v & 7);
  return r * 2 + (pick(v > 3, v) % 5) + k;
}

class Walker {
  private at: number = 0;
  /** private: integer parameters and returns through methods too */
  private stride(k: number): number {
    return (k * 3) & 7;
  }
  walk(steps: number): number {
    for (let i = 0; i < steps; i++) this.at = (this.at + this.stride(i)) | 0;
    return this.at;
  }
}

export function main(): void {
  console.log(twice(21), twice(2147483647), twice(-2147483648));
  let s = "";
  for (let b = 0; b < 16; b++) s += fromCodePoint(hexDigit(low(b * 17)));
  console.log(s);
  console.log(isBig(5), isBig(5000), isBig(NaN));
  console.log(halfOrWhole(8), halfOrWhole(7), halfOrWhole(-3));
  console.log(negate(5), negate(0), 1 / negate(0), 1 / negate(-0));
  console.log(depth(10), depth(0));
  let c = 2147483645;
  for (let i = 0; i < 5; i++) c = next(c);
  console.log(c, c | 0, next(c) * 3);
  const xs: number[] = [5, 1, 4];
  xs.sort(byValue);
  console.log(xs.join(","), byValue(1, 2));
  console.log(pair(trace("a", 1), trace("b", 2)));
  console.log(shrink(6), shrink(8));
  console.log(hexDigit(3) / 2, low(7) / low(2));
  console.log(new Walker().walk(100));
  console.log(pick(true, 29), pick(false, 6), tagged(2), tagged(13));
}
