// Stable sort of many records with few distinct keys; comparators returning fractions, and NaN (= equal);
// every short length: booleans, and strings by a key of three values (stable).
interface Rec {
  key: number;
  seq: number;
}

const FRUIT: string[] = ["kiwi", "fig", "apple", "plum", "date", "pear", "lime", "nut", "yam"];

function byKey(a: Rec, b: Rec): number {
  return (a.key - b.key) / 1000;
}

export function main(): void {
  const recs: Rec[] = [];
  for (let i = 0; i < 1000; i++) recs.push({ key: (i * 37) % 7, seq: i });
  recs.sort(byKey);
  let stable = true;
  let ordered = true;
  let checksum = 0;
  for (let i = 1; i < recs.length; i++) {
    const p = recs[i - 1];
    const q = recs[i];
    if (p.key > q.key) ordered = false;
    if (p.key === q.key && p.seq > q.seq) stable = false;
    checksum = (checksum * 31 + q.seq) % 1000003;
  }
  console.log(ordered, stable, checksum, recs[0].seq, recs[999].seq);
  const nums: number[] = [3, 1, 2, 5, 4];
  nums.sort((a: number, b: number): number => (a < b ? NaN : NaN));
  console.log(nums.join(","));
  const halves: number[] = [0.5, 0.25, 0.75, 0.1];
  halves.sort((a: number, b: number): number => a - b);
  console.log(halves.join(","));
  const desc: number[] = [];
  for (let i = 0; i < 100; i++) desc.push(100 - i);
  desc.sort((a: number, b: number): number => a - b);
  console.log(desc[0], desc[50], desc[99]);
  // every length up to 40 (insertion-sorted runs of 8, and merges of runs that end early at each
  // width), booleans (1-byte elements)
  for (let n = 0; n <= 40; n++) {
    const flags: boolean[] = [];
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      flags.push((i * 5) % 3 === 0);
      words.push(FRUIT[(i * 7) % 9]);
    }
    flags.sort((a: boolean, b: boolean): number => (a === b ? 0 : a ? -1 : 1));
    words.sort((a: string, b: string): number => (FRUIT.indexOf(a) % 3) - (FRUIT.indexOf(b) % 3));
    console.log(n, flags.join(","), words.join(","));
  }
}
