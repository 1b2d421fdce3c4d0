// Formatting helpers; its private snap() must not clash with geometry.ts's.
import { Facing, Pos, Rect, ShapeKind } from "./geometry";

function snap(s: string): string {
  return `<${s}>`;
}

/** A position as text. */
export function showPos(p: Pos): string {
  return snap(`${p.x},${p.y}`);
}

/** A rectangle as text. */
export function showRect(kind: ShapeKind, r: Rect): string {
  return `${kind} ${showPos(r.at)} ${r.w}x${r.h} area=${r.area()}`;
}

/** A facing as text. */
export function showFacing(f: Facing): string {
  const names: string[] = ["N", "E", "S", "W"];
  return names[f];
}
