// Quotients of int32s: `Math.floor(a / b)` and `(a / b) | 0` with a divisor of at least 1 are C
// integer divisions (floor and truncation differ below zero), at the ends of int32 too; a divisor
// that may be 0 or negative, or a double operand, keeps the double division. A safe dividend beyond
// int32 (a product, a sum, an int32 less one) is an int64 division.

/** Week numbers and remainders of day counts, as a calendar does. */
function weeks(days: number[]): string {
  let out = "";
  for (const d of days) {
    const i = d | 0;
    const w = Math.floor(i / 7);
    const t = (i / 7) | 0;
    out += `${i}:${w}:${t}:${i - w * 7} `;
  }
  return out;
}

export function main(): void {
  console.log(weeks([0, 1, 6, 7, 8, -1, -6, -7, -8, 2147483647, -2147483648, 49, -49]));
  // each divisor less one: `& 0x3fffffff` and `+ 1` give it the range [1, 2^30]
  const divisors = [0, 1, 2, 9, 399, 146096, 1073741823];
  let line = "";
  for (let k = 0; k < divisors.length; k++) {
    const b = (divisors[k]! & 0x3fffffff) + 1;
    for (const a of [2147483647, -2147483648, -1, 0, 1, 146096, -146097, 1000000007]) {
      const x = a | 0;
      line += `${Math.floor(x / b)},${(x / b) | 0},${(x / b) >> 1} `;
    }
  }
  console.log(line);
  // a divisor that may be 0 or -1: JavaScript's Infinity | 0 is 0, and -2^31 / -1 | 0 wraps
  const odd = [0, -1, -3];
  let s = "";
  for (let k = 0; k < odd.length; k++) {
    const b = odd[k]! | 0;
    for (const a of [7, -7, -2147483648, 0]) s += `${Math.floor((a | 0) / b)},${((a | 0) / b) | 0} `;
  }
  console.log(s);
  // dividends beyond int32 but safe: products and sums of int32s, and `y - 1` of an int32 y (a
  // hull that widens no further), divided in int64
  let wide = "";
  for (const a of [2147483647, -2147483648, -1, 0, 1, 146096, -146097, 1000000007]) {
    const x = a | 0;
    const big = x * 1000 + 7;
    const before = x - 1;
    const era = Math.floor(before / 400);
    wide += `${Math.floor(big / 7)},${Math.floor(big / 146097)},${era},${before - era * 400},${Math.floor((big - 1) / 2147483647)} `;
  }
  console.log(wide);
  // the digits of uint32s: `v % 10` and `(v / 10) >>> 0` of a `>>> 0` value in uint32 arithmetic;
  // ToInt32 and ToUint32 of quotients of safe integers below zero and past 2^32
  let digits = "";
  for (const a of [-1, 2147483647, -2147483648, 0, 1234567890]) {
    let v = a >>> 0;
    let text = "";
    while (v > 0) {
      text = String(v % 10) + text;
      v = (v / 10) >>> 0;
    }
    const big = (a | 0) * 1000 - 7;
    digits += `${text}:${(big / 7) | 0}:${(big / 3) >>> 0}:${(big / 1000) | 0} `;
  }
  console.log(digits);
  const half = 7.5;
  console.log(Math.floor(half / 2), (half / 2) | 0, Math.floor(-half / 2), Math.floor(0 / 5), 1 / Math.floor(-0 / 5));
}
