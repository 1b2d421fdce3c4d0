// Prefix and postfix ++/-- on locals, fields, array elements and typed-array elements (with wrap).
class Counter {
  n: number = 0;
}

export function main(): void {
  let i = 5;
  const a = i++;
  const b = ++i;
  const c = i--;
  const d = --i;
  console.log(a, b, c, d, i);
  const k = new Counter();
  k.n++;
  ++k.n;
  const e = k.n++;
  console.log(e, k.n, k.n--, --k.n);
  const arr: number[] = [1, 2, 3];
  arr[0]++;
  const f = arr[1]--;
  ++arr[2];
  console.log(arr.join(","), f);
  const u = new Uint8Array(2);
  u[0] = 255;
  u[0]++;
  u[1]--;
  console.log(u[0], u[1]);
  let g = 0.5;
  g++;
  console.log(g, g--, g);
}
