// Imports functions, classes, interfaces, enums, types and constants from two modules.
import { Facing, GRID, ORIGIN, Pos, Rect, ShapeKind, turn } from "./geometry";
import { showFacing, showPos, showRect } from "./format";

export function main(): void {
  const p: Pos = { x: 13, y: 21 };
  const kind: ShapeKind = "rect";
  const r = Rect.snapped(p, 30, 9);
  console.log(GRID, showPos(ORIGIN), showPos(p));
  console.log(showRect(kind, r));
  let f = Facing.South;
  const seen: string[] = [];
  for (let i = 0; i < 5; i++) {
    seen.push(showFacing(f));
    f = turn(f);
  }
  console.log(seen.join(""));
}
