// Exports of a module that is not the entry: their number slots are inferred like private ones,
// since C drivers call the entry module's exports only.

/** Called with integers only: an integer parameter and return. */
export function twice(n: number): number {
  return (n * 2) | 0;
}

/** Called with NaN at one call site: the parameter stays a double. */
export function orZero(n: number): number {
  return n === n ? n : 0;
}

/** Passed as a comparator under another name: a function pointer, so its C signature stays. */
export function byValue(a: number, b: number): number {
  return a - b;
}

/** A public counter that passes 2^31 and a public field that is written a fraction. */
export class Tally {
  count: number = 0;
  level: number = 1;
  bump(by: number): void {
    this.count += by;
  }
}
