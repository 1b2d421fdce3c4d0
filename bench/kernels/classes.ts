// Class-heavy code: sprites with small immutable point and rectangle objects, stepped over a
// 320x170 screen each frame, their bounds tested pairwise and clipped through method calls.

const SPRITES = 96;

/** An immutable integer point. */
class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  plus(o: Point): Point {
    return new Point(this.x + o.x, this.y + o.y);
  }
}

/** An immutable integer rectangle. */
class Rect {
  constructor(
    public x: number,
    public y: number,
    public w: number,
    public h: number,
  ) {}
  right(): number {
    return this.x + this.w;
  }
  bottom(): number {
    return this.y + this.h;
  }
  intersects(o: Rect): boolean {
    return this.x < o.right() && o.x < this.right() && this.y < o.bottom() && o.y < this.bottom();
  }
  intersection(o: Rect): Rect {
    const x = Math.max(this.x, o.x);
    const y = Math.max(this.y, o.y);
    return new Rect(x, y, Math.min(this.right(), o.right()) - x, Math.min(this.bottom(), o.bottom()) - y);
  }
  area(): number {
    return this.w * this.h;
  }
}

/** A square that moves and bounces off the edges of the world. */
class Sprite {
  constructor(
    public pos: Point,
    public vel: Point,
    public size: number,
  ) {}
  step(world: Rect): void {
    const next = this.pos.plus(this.vel);
    let vx = this.vel.x;
    let vy = this.vel.y;
    if (next.x < world.x || next.x + this.size > world.right()) vx = -vx;
    if (next.y < world.y || next.y + this.size > world.bottom()) vy = -vy;
    if (vx !== this.vel.x || vy !== this.vel.y) this.vel = new Point(vx, vy);
    else this.pos = next;
  }
  bounds(): Rect {
    return new Rect(this.pos.x, this.pos.y, this.size, this.size);
  }
}

/** Runs `frames` frames; returns a hash of collisions, clipped areas and final positions. */
export function run(frames: number): number {
  const world = new Rect(0, 0, 320, 170);
  const clip = new Rect(40, 20, 200, 100);
  const sprites: Sprite[] = [];
  let seed = 3;
  for (let i = 0; i < SPRITES; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const size = 4 + ((seed >>> 16) % 13);
    const pos = new Point((seed >>> 8) % (320 - size), (seed >>> 4) % (170 - size));
    sprites.push(new Sprite(pos, new Point(((seed >>> 20) % 7) - 3, ((seed >>> 24) % 5) - 2), size));
  }
  let collisions = 0;
  let clipped = 0;
  for (let f = 0; f < frames; f++) {
    const boxes: Rect[] = [];
    for (const s of sprites) {
      s.step(world);
      boxes.push(s.bounds());
    }
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      if (a.intersects(clip)) clipped += a.intersection(clip).area();
      for (let j = i + 1; j < boxes.length; j++) if (a.intersects(boxes[j])) collisions++;
    }
  }
  let h = (collisions + Math.imul(clipped, 31)) | 0;
  for (const s of sprites) h = (Math.imul(h, 31) + s.pos.x * 1000 + s.pos.y) | 0;
  return h >>> 0;
}

/** Prints the checksum of a small run. */
export function main(): void {
  console.log(run(10));
}
