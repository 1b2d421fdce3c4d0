// for-of over arrays with break and continue, and over an array mutated by index inside the loop.
export function main(): void {
  const xs: number[] = [1, 2, 3, 4, 5, 6];
  let sum = 0;
  for (const x of xs) {
    if (x === 2) continue;
    if (x === 5) break;
    sum += x;
  }
  console.log(sum);
  const words: string[] = ["alpha", "beta", "gamma"];
  let joined = "";
  for (const w of words) joined += w + ";";
  console.log(joined);
  for (const w of words) {
    for (const v of words) {
      if (v === w) break;
      console.log(w, v);
    }
  }
  const empty: number[] = [];
  for (const e of empty) console.log("never", e);
  let count = 0;
  for (let x of xs) {
    x = x * 10;
    count += x;
  }
  console.log(count, xs[0]);
}
