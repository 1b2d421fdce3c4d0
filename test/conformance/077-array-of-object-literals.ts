// Array literals whose elements are object literals, typed by the declared element interface.
interface Point {
  x: number;
  y: number;
}

interface Named {
  name: string;
  alias: string | null;
}

function total(ps: Point[]): number {
  let t = 0;
  for (const p of ps) t += p.x * p.y;
  return t;
}

export function main(): void {
  const ps: Point[] = [{ x: 1, y: 2 }, { x: 3, y: 4 }];
  console.log(ps.length, total(ps), total([{ x: 5, y: 6 }, { x: 7, y: 8 }]));
  const names: Named[] = [{ name: "a", alias: null }, { name: "b", alias: "bee" }];
  for (const n of names) console.log(n.name, n.alias === null ? "-" : n.alias);
}
