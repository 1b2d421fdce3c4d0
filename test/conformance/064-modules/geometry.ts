// Shapes shared with main.ts: an interface, a class, an enum, a type alias and constants.

/** Where something is on screen. */
export interface Pos {
  x: number;
  y: number;
}

/** Which way a shape faces. */
export enum Facing {
  North,
  East,
  South,
  West,
}

/** A named kind of shape. */
export type ShapeKind = "rect" | "dot";

/** Grid spacing in pixels. */
export const GRID = 8;

/** The screen origin. */
export const ORIGIN: Pos = { x: 0, y: 0 };

/** An axis-aligned rectangle. */
export class Rect {
  constructor(public at: Pos, public w: number, public h: number) {}

  /** Area in pixels. */
  area(): number {
    return this.w * this.h;
  }

  /** A rectangle snapped to the grid. */
  static snapped(p: Pos, w: number, h: number): Rect {
    return new Rect({ x: snap(p.x), y: snap(p.y) }, snap(w), snap(h));
  }
}

function snap(v: number): number {
  return Math.round(v / GRID) * GRID;
}

/** Turns clockwise. */
export function turn(f: Facing): Facing {
  return f === Facing.West ? Facing.North : f + 1;
}
