// slice copies, set copies into place at an offset, fill converts its value.
function dump(label: string, a: Uint8Array): void {
  const parts: string[] = [];
  for (const v of a) parts.push(String(v));
  console.log(label, parts.join(","));
}

export function main(): void {
  const buf = new Uint8Array([10, 11, 12, 13, 14, 15]);
  const copy = buf.slice(1, 4);
  copy[0] = 99;
  dump("buf", buf);
  dump("copy", copy);
  dump("slice-neg", buf.slice(-2, buf.length));
  dump("slice-clamp", buf.slice(4, 50));
  const dst = new Uint8Array(8);
  dst.set(new Uint8Array([1, 2, 3]), 2);
  dump("set", dst);
  dst.set(buf.subarray(0, 2), 6);
  dump("set-end", dst);
  dst.set(dst.subarray(2, 5), 0);
  dump("set-self", dst);
  dst.fill(257);
  dump("fill", dst);
  dst.subarray(2, 4).fill(-1);
  dump("fill-view", dst);
  const w = new Int32Array(3);
  w.fill(Math.pow(2, 31));
  console.log(w[0], w[2]);
  const h = new Uint16Array(2);
  h.fill(-2);
  console.log(h[0], h[1]);
}
