// subarray returns a view: writes through it are visible in the parent and in other views.
function dump(label: string, a: Uint8Array): void {
  const parts: string[] = [];
  for (let i = 0; i < a.length; i++) parts.push(String(a[i]));
  console.log(label, a.length, parts.join(","));
}

export function main(): void {
  const buf = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const mid = buf.subarray(2, 7);
  dump("mid", mid);
  mid[0] = 100;
  dump("buf", buf);
  const inner = mid.subarray(1, 3);
  inner[1] = 200;
  dump("inner", inner);
  dump("buf", buf);
  buf[3] = 42;
  dump("mid", mid);
  dump("empty", buf.subarray(5, 5));
  dump("clamped", buf.subarray(8, 100));
  dump("reversed", buf.subarray(6, 2));
  dump("neg", buf.subarray(-3, buf.length));
  dump("neg2", buf.subarray(-4, -1));
  const words = new Int32Array([1, -2, 3, -4]);
  const w = words.subarray(1, 3);
  w[0] = -20;
  console.log(words[1], w.length);
  const halves = new Uint16Array([1, 2, 3]);
  halves.subarray(1, 2)[0] = 70000;
  console.log(halves[1]);
}
