// Interfaces and object type aliases: literals, nesting, arrays of them, returning literals.
interface Point {
  x: number;
  y: number;
}

interface Shape {
  name: string;
  origin: Point;
  corners: Point[];
  filled: boolean;
}

type Range = { lo: number; hi: number };

function mid(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function span(values: number[]): Range {
  const r: Range = { lo: Infinity, hi: -Infinity };
  for (const v of values) {
    if (v < r.lo) r.lo = v;
    if (v > r.hi) r.hi = v;
  }
  return r;
}

export function main(): void {
  const p: Point = { x: 1, y: 2 };
  const q: Point = { y: 10, x: 5 };
  const m = mid(p, q);
  console.log(m.x, m.y);
  const s: Shape = { name: "box", origin: p, corners: [p, q, { x: 0, y: 0 }], filled: false };
  s.origin.x = 100;
  console.log(p.x, s.corners.length, s.corners[2].y, s.filled, s.name);
  s.corners.push(m);
  console.log(s.corners[3].x);
  const r = span([3, -2, 8, 0]);
  console.log(r.lo, r.hi);
  const rs: Range[] = [{ lo: 1, hi: 2 }, span([])];
  console.log(rs[1].lo, rs[1].hi, rs.length);
}
