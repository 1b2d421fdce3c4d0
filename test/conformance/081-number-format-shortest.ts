// String(x) is the shortest digit string that reads back as x: numbers of 1 to 17 significant
// digits over the whole exponent range, near powers of ten, and subnormals (where fewer digits
// than 15 can be the answer although x is not that decimal).
import { utf8Encode } from "../../ts-src/lib/text";

/** Prints a hash of the text of many generated numbers, and some of them. */
export function main(): void {
  let seed = 12345;
  let h = 0;
  let shown = "";
  const scales = [1e-320, 1e-310, 1e-300, 1e-30, 1e-7, 1e-6, 0.001, 1, 7, 1000, 1e15, 1e16, 1e17, 1e21, 1e22, 1e100, 1e300];
  for (let i = 0; i < 6000; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const a = seed >>> 0;
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const b = seed >>> 0;
    const scale = scales[i % scales.length]!;
    let x = (a + b / 4294967296) * scale;
    if (i % 3 === 1) x = Math.round(a / 1000) / 1000 * scale;
    if (i % 7 === 3) x = -x;
    const s = String(x);
    if (i % 250 === 0) shown += s + " ";
    for (const c of utf8Encode(s)) h = (Math.imul(h, 31) + c) | 0;
  }
  console.log(shown);
  console.log(h >>> 0);
  console.log(5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 4.9406564584124654e-324 * 3);
  console.log(0.1 + 0.2, 1 / 3, 2 / 3, 123456789012345680000, 9007199254740993, 1e21, 1e-7, 123e-20);
  console.log(0.30000000000000004, 1.7976931348623157e308, 5e-7, 1.5e-9, 100 / 7, 1e16 / 3);
  // 17 digits ending in 50 or carrying through nines: rounding them to 15 or 16 digits is a tie
  console.log(1.234567890123455, 9.999999999999995, 0.1234567890123455, 99999999999999.95, 1.0000000000000005);
  console.log(8.999999999999995e-5, 4.503599627370495e15, 2.718281828459045e200, 9.99999999999999e22, 1.23456789012345e-250);
  let t = 0.0000000000000005;
  let ties = "";
  for (let i = 0; i < 12; i++) {
    t = t * 10 + 5e-16 * (i + 1);
    ties += `${1 + t} ${(1 + t) * 7} `;
  }
  console.log(ties);
}
