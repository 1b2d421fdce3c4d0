// for-of over typed arrays and their views; break and continue inside.
export function main(): void {
  const data = new Uint8Array([5, 0, 250, 7, 9, 1]);
  let sum = 0;
  for (const b of data) sum += b;
  console.log(sum);
  let evens = 0;
  for (const b of data.subarray(1, 5)) {
    if (b % 2 === 1) continue;
    evens++;
  }
  console.log(evens);
  let seen = 0;
  for (const b of data) {
    if (b === 7) break;
    seen++;
  }
  console.log(seen);
  const wide = new Int32Array([-1, 2000000000, 3]);
  let total = 0;
  for (const v of wide) total += v;
  console.log(total);
  const s = new Uint16Array([1, 65535]);
  for (const v of s) console.log(v);
  console.log(new Uint8Array(0).length);
}
