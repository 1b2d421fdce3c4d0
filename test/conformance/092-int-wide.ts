// Integers beyond int32 that are never stepped are int64_t locals and slots holding the hull of
// their writes, and slots are narrowed over several rounds: the edges where that could drift from
// JavaScript — products and `>>> 0` past 2^31, hulls at ±2^51, values that grow each round (they
// must stay doubles), a counter set from a wide value, and a bitwise-compound field next to slots
// that narrow.

import { utf8Encode } from "../../ts-src/lib/text";

const TOP = 2147483647;

/** A stride product of an int32: up to 7 × (2^31 - 1), an int64 that is exact either way. */
function level(depth: number): number {
  const at = (depth | 0) * 7;
  return at + 6;
}

/** `>>> 0` of a negative int32 is above int32: compared, summed and printed as the unsigned value. */
function unsigned(x: number): string {
  const u = x >>> 0;
  const v = (x ^ 1) >>> 0;
  return `${u} ${u > v} ${u - v} ${u + v}`;
}

/** int32 × 2^20 stays within ±2^51; × 2^21 does not, so that one is a double with the same value. */
function products(x: number): string {
  const i = x | 0;
  const a = i * 1048576;
  const b = i * 2097152;
  return `${a} ${b} ${a - b} ${b + 1} ${(b + 1) % 1000}`;
}

/** A value multiplied by 3 each time round grows past every hull: it stays a double. */
function grows(rounds: number): string {
  let x = 5;
  const seen: number[] = [];
  for (let r = 0; r < rounds; r++) {
    x = x * 3;
    if (r % 10 === 9) seen.push(x);
  }
  return seen.join(" ");
}

/** A counter set from a wide value, then stepped. */
function counterFromWide(base: number): string {
  let c = (base | 0) * 1000;
  for (let k = 0; k < 3; k++) c++;
  c -= 1;
  return `${c} ${c % 7}`;
}

/** A return computed from a parameter the callers keep small: narrowed in a later round. */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** A reader whose flags field is written with `|=` next to fields that narrow. */
class Flags {
  bits: number = 0;
  count: number = 0;
  last: number = 0;
  note(c: number): void {
    const v = hexValue(c);
    if (v < 0) {
      this.bits |= 1 << (c & 31);
      return;
    }
    this.count = (this.count + 1) | 0;
    this.last = v * 16 + v;
  }
}

/**
 * Decimal digits of n >>> 0, lowest first: the local is narrowed from the int64 hull of its writes
 * to [0, 2^32), so `% 10` is an integer remainder; a local that also takes a negative value keeps
 * its hull and a double remainder, -0 and fractions included.
 */
function digits(n: number, k: number): string {
  let v = n >>> 0;
  let out = "";
  for (let i = 0; i < 10; i++) {
    out += `${v % 10}`;
    v = (v / 10) >>> 0;
  }
  let w = n >>> 0;
  if (k < 0) w = k;
  return `${out} ${w % 10} ${(w * 0.5) % 3}`;
}

export function main(): void {
  console.log(digits(-1, 0), digits(1234567890, -7), digits(0, -10), digits(2 ** 32 + 5, -2147483648));
  console.log(level(0), level(3), level(TOP), level(-TOP - 1), level(1.5), level(-0.5));
  console.log(unsigned(-1), unsigned(-2147483648), unsigned(0), unsigned(TOP));
  console.log(products(TOP), products(-TOP - 1), products(-3), products(0));
  console.log(grows(40));
  console.log(counterFromWide(TOP), counterFromWide(-TOP - 1), counterFromWide(7));
  const f = new Flags();
  for (const c of utf8Encode("c0ffee-Zq9!")) f.note(c);
  console.log(f.bits, f.count, f.last, f.bits >>> 0);
  let sum = 0;
  for (let c = 0; c < 128; c++) sum += hexValue(c) * c;
  console.log(sum);
}
