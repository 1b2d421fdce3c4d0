// The entry's own exports keep doubles (C drivers call main); the imported ones follow their uses.
import { byValue as ascending, orZero, Tally, twice } from "./lib";

export function main(): void {
  console.log(twice(21), twice(-7), twice(1073741824));
  console.log(orZero(5), orZero(NaN), orZero(-0), 1 / orZero(-0));
  const xs: number[] = [3, -1, 2.5, 0];
  xs.sort(ascending);
  console.log(xs.join(","));
  const t = new Tally();
  for (let i = 0; i < 5; i++) t.bump(1000000000);
  t.level = t.level / 4;
  console.log(t.count, t.level);
}
