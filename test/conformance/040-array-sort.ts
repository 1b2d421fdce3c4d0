// sort with a comparator is stable and sorts in place; comparators may be named or arrow functions.
interface Entry {
  key: number;
  name: string;
}

function byKey(a: Entry, b: Entry): number {
  return a.key - b.key;
}

export function main(): void {
  const nums: number[] = [5, -1, 3, 10, 2, 2, 0, -0, 100, 25];
  nums.sort((a: number, b: number): number => a - b);
  console.log(nums.join(","));
  nums.sort((a: number, b: number): number => b - a);
  console.log(nums.join(","));
  const entries: Entry[] = [];
  const names: string[] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"];
  for (let i = 0; i < names.length; i++) entries.push({ key: (i * 7) % 4, name: names[i] });
  const ret = entries.sort(byKey);
  const out: string[] = [];
  for (const e of ret) out.push(`${e.key}${e.name}`);
  console.log(out.join(" "));
  console.log(entries[0].name, entries[19].name);
  const single: number[] = [1];
  single.sort((a: number, b: number): number => a - b);
  const none: number[] = [];
  none.sort((a: number, b: number): number => a - b);
  console.log(single.join(","), none.length);
  const big: number[] = [];
  for (let i = 0; i < 500; i++) big.push((i * 7919) % 503);
  big.sort((a: number, b: number): number => a - b);
  let sorted = true;
  for (let i = 1; i < big.length; i++) if (big[i - 1] > big[i]) sorted = false;
  console.log(sorted, big[0], big[499]);
  const byBool: boolean[] = [true, false, true, false];
  byBool.sort((a: boolean, b: boolean): number => (a === b ? 0 : a ? 1 : -1));
  console.log(byBool[0], byBool[1], byBool[2], byBool[3]);
}
