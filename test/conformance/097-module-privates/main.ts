import { BASE, makeCounter, name, NAMES, sumDoubled } from "./lib";

export function main(): void {
  console.log(sumDoubled([1, 2, 3.5, -4]), BASE + 2, NAMES.length);
  const c = makeCounter(5);
  console.log(c.step(3), c.step(-10), c.capped(0), c.capped(-5), c.n);
  for (let i = -1; i < 4; i++) console.log(i, name(i));
}
