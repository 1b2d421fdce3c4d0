// push() on arrays of every element size, across each doubling of the buffer: booleans, numbers,
// strings, objects, value-class structs and arrays; the count push returns; a push of an element
// of the same array just as it grows; appends by index; arrays built inside loop turns.

/** An immutable pair: a value class, stored in arrays as a struct. */
class Pt {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
  sum(): number {
    return this.x + this.y;
  }
}

/** A mutable record: arrays hold pointers to these. */
class Box {
  count: number = 0;
  constructor(public label: string) {}
}

function sizes(): void {
  const flags: boolean[] = [];
  const nums: number[] = [];
  const words: string[] = [];
  const boxes: Box[] = [];
  const pts: Pt[] = [];
  const rows: number[][] = [];
  const seen: number[] = [];
  for (let i = 0; i < 70; i++) {
    flags.push(i % 3 === 0);
    const n = nums.push(i * 0.5);
    if (n !== i + 1) console.log("push returned", n, "at", i);
    words.push("w" + String(i));
    boxes.push(new Box("b" + String(i)));
    pts.push(new Pt(i, -i * 2));
    rows.push([i, i + 1]);
    // the lengths at which a buffer fills: 4, 8, 16, 32, 64
    if (nums.length === 4 || nums.length === 8 || nums.length === 16 || nums.length === 32 || nums.length === 64) seen.push(nums.length);
  }
  console.log(seen.join(","));
  let f = 0;
  for (const b of flags) if (b) f++;
  let s = 0;
  for (const x of nums) s += x;
  let p = 0;
  for (const q of pts) p += q.sum();
  let r = 0;
  for (const row of rows) r += row[0] * row[1];
  console.log(f, s, words[0], words[69], words[35], boxes[42].label, p, r);
  boxes[7].count = 3;
  console.log(boxes[7].count, boxes[8].count, pts[69].x, pts[69].y);
}

function selfPush(): void {
  // each push reads an element of the array it grows, at every fill point
  const a: number[] = [1];
  for (let i = 0; i < 40; i++) a.push(a[i] + a[a.length - 1]);
  console.log(a.length, a[39], a[40]);
  const names: string[] = ["x"];
  for (let i = 0; i < 20; i++) names.push(names[names.length - 1] + String(i % 10));
  console.log(names.length, names[20]);
  const pts: Pt[] = [new Pt(1, 2)];
  for (let i = 0; i < 20; i++) pts.push(new Pt(pts[i].y, pts[i].x + pts[i].y));
  console.log(pts.length, pts[20].x, pts[20].y);
  const pushed: Pt[] = [new Pt(5, 6)];
  for (let i = 0; i < 9; i++) pushed.push(pushed[0]);
  console.log(pushed.length, pushed[9].x, pushed[9].y);
}

function appends(): void {
  const a: number[] = [];
  for (let i = 0; i < 33; i++) a[a.length] = i * 3;
  const b: string[] = [];
  for (let i = 0; i < 17; i++) b[i] = String(i);
  console.log(a.length, a[32], b.length, b.join(""));
}

function turns(): number {
  let total = 0;
  for (let t = 0; t < 50; t++) {
    // built and dropped within each turn
    const xs: number[] = [];
    for (let i = 0; i <= t; i++) xs.push(i * t);
    const ps: Pt[] = [];
    for (let i = 0; i < t % 9; i++) ps.push(new Pt(i, t));
    let s = 0;
    for (const x of xs) s += x;
    for (const q of ps) s -= q.sum();
    total += s;
  }
  return total;
}

export function main(): void {
  sizes();
  selfPush();
  appends();
  console.log(turns());
}
