import { byValue, first, floorDiv, isEmpty, same, step, upper, upperTwice } from "./lib";

/** An export of the entry module: drivers call it, so it keeps its C symbol. */
export function half(n: number): number {
  return n / 2;
}

export function main(): void {
  let s = "";
  for (const b of [0x41, 0x61, 0x7a, 0x7b, 0x60, 0]) s += `${upper(b)} `;
  console.log(s);
  console.log(floorDiv(7, 2), floorDiv(-7, 2), floorDiv(1, 0), floorDiv(0, -1), floorDiv(NaN, 1));
  console.log(same("a", "a"), same("", "b"), same("a", "b"), isEmpty(""), isEmpty("a"));
  const xs = [3, 1, 2];
  xs.sort(byValue);
  console.log(xs.join(","), first(xs), upperTwice(0x62), step(2), half(5));
}
