// Typed-array indexOf (strict equality, start index clamped like subarray's) and the views that
// indexOf and set use only once: `a.subarray(s, e).indexOf(v)`, `a.set(b.subarray(s, e), off)`.
function dump(label: string, a: Uint8Array): void {
  const parts: string[] = [];
  for (const v of a) parts.push(String(v));
  console.log(label, parts.join(","));
}

function at(v: number): number {
  console.log("arg", v);
  return v;
}

export function main(): void {
  const b = new Uint8Array([10, 13, 10, 0, 255, 10, 7]);
  const values: number[] = [10, 13, 0, 255, 256, -246, 10.5, NaN, -0, Infinity, 7];
  for (const v of values) console.log("find", v, b.indexOf(v));
  const starts: number[] = [0, 1, 3, 6, 7, 8, -1, -2, -100, 2.9, -1.5, NaN, Infinity, -Infinity];
  for (const s of starts) console.log("from", s, b.indexOf(10, s));
  // in a view: indexes count from the view's start; the search stops at its end
  console.log("view", b.subarray(1).indexOf(10), b.subarray(1, 2).indexOf(10), b.subarray(3, 6).indexOf(10));
  console.log("view-neg", b.subarray(-3).indexOf(10), b.subarray(-3, -1).indexOf(7), b.subarray(5, 2).indexOf(10));
  console.log("view-from", b.subarray(1, 6).indexOf(10, 2), b.subarray(1, 6).indexOf(10, -1), b.subarray(2).indexOf(10, 99));
  console.log("view-nan", b.subarray(NaN, 3).indexOf(13), b.subarray(2, Infinity).indexOf(7), b.subarray(-Infinity, 1).indexOf(10));
  const w = new Uint16Array([1, 65535, 300, 1]);
  console.log("u16", w.indexOf(300), w.indexOf(65535), w.indexOf(-1), w.indexOf(1, 1), w.subarray(1).indexOf(1));
  const n = new Int32Array([-5, 2147483647, -2147483648, 0]);
  console.log("i32", n.indexOf(-5), n.indexOf(-2147483648), n.indexOf(4294967291), n.indexOf(-0), n.subarray(1, 3).indexOf(0));
  // integer bounds, values and starts (the compiled code passes them without doubles)
  const ks: number[] = [];
  for (let k = -9; k < 10; k++) ks.push(b.indexOf(10, k), b.subarray(k).indexOf(10), b.subarray(1, k).indexOf(0, k >> 1));
  console.log("int-from", ks.join(" "));
  const vs: number[] = [];
  for (let k = -2; k < 4; k++) vs.push(b.indexOf(k * 245 + 10), w.indexOf(k * 65535 + 1), n.indexOf(k * 2147483647 - 5));
  console.log("int-value", vs.join(" "));
  const big = 2147483648 * 4;
  console.log("int-big", b.indexOf(10, big), b.indexOf(10, -big), b.subarray(-big, big).indexOf(7), b.indexOf(big));
  const into = new Uint8Array(5);
  for (let k = -4; k < 3; k++) {
    into.set(b.subarray(k, k + 3), k & 1);
    dump("int-set", into);
  }
  // every bound and value is evaluated once, in source order
  console.log("order", b.subarray(at(1), at(6)).indexOf(at(10), at(1)));
  const dst = new Uint8Array(8);
  dst.set(b.subarray(at(4)), at(1));
  dump("set-from", dst);
  dst.set(b.subarray(-2), 6);
  dump("set-neg", dst);
  dst.set(b.subarray(5, 2), 8);
  dump("set-empty-at-end", dst);
  dst.set(dst.subarray(0, 6), 2);
  dump("set-overlap", dst);
  dst.set((b.subarray(0, 3)), 0);
  dump("set-paren", dst);
  const view = dst.subarray(2, 6);
  view.set(b.subarray(0, 2), 2);
  dump("set-into-view", dst);
}
