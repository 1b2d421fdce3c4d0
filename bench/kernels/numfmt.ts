// Number formatting: integers and doubles of several magnitudes turned into text as JavaScript's
// String(x) does, the bytes of each result folded into a hash.
import { utf8Encode } from "../../ts-src/lib/text";

/** Formats `count` generated numbers; returns the hash of all their text. */
export function run(count: number): number {
  let seed = 1;
  let h = 0;
  for (let i = 0; i < count; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const r = seed >>> 8;
    let x = 0;
    switch (i % 4) {
      case 0:
        x = r - 8388608;
        break;
      case 1:
        x = r / 1000;
        break;
      case 2:
        x = (r - 8388608) / 7;
        break;
      default:
        x = r * 1e-9;
    }
    for (const b of utf8Encode(String(x))) h = (Math.imul(h, 31) + b) | 0;
  }
  return h >>> 0;
}

/** Prints the checksum of a small run. */
export function main(): void {
  console.log(run(1000));
}
