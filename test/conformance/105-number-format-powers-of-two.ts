// String(x) at powers of two, whose interval of numbers that read back as x is half as wide below
// as above: the closest 16-digit string can miss x there while the other neighbour reads back
// (2^-24 is 5.9604644775390625e-8, printed 5.960464477539063e-8). Every power of two, negated,
// and a neighbour on each side.
import { utf8Encode } from "../../ts-src/lib/text";

/** Prints a hash of the text of every power of two and its neighbours, and some of them. */
export function main(): void {
  let h = 0;
  let shown = "";
  for (let k = -1074; k <= 1023; k++) {
    const p = Math.pow(2, k);
    for (const x of [p, -p, p * (1 + Math.pow(2, -52)), p * (1 - Math.pow(2, -53))]) {
      const s = String(x);
      if (k % 97 === 0) shown += s + " ";
      for (const c of utf8Encode(s)) h = (Math.imul(h, 31) + c) | 0;
    }
  }
  console.log(shown);
  console.log(h >>> 0);
  console.log(Math.pow(2, -24), -Math.pow(2, -24), Math.pow(2, -1020), Math.pow(2, 1023), Math.pow(2, 70));
  console.log(7.120236347223045e-307, 5.960464477539063e-8 * 2, 1.1102230246251565e-16, 2.2250738585072014e-308);
}
