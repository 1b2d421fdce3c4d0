// Class fields the compiler types as C integers (every write an int32 value, or a counter stepped
// by one), and the fields next to them that must stay doubles: a fraction written by a method, -0,
// a sum that can leave int32, a NaN through a parameter property.

/** Only ever int32 values: an int32_t field. */
class Tally {
  private count: number = 0;
  private bits: number = 0;
  /** starts as an integer, until half() writes a fraction */
  private level: number = 8;
  /** stepped by one from near 2^31: an int64 counter */
  private ticks: number = 2147483645;
  sign: number = 1;

  add(b: number): void {
    this.count = this.count < 100 ? this.count | b : b & 15;
    this.bits ^= b << 3;
    this.bits |= b;
    this.bits >>= 1;
  }
  tick(): number {
    this.ticks++;
    this.ticks += 1;
    return this.ticks;
  }
  half(): void {
    this.level = this.level / 2;
  }
  report(): string {
    return `${this.count} ${this.bits} ${this.level} ${this.ticks} ${this.ticks | 0} ${this.ticks * 2}`;
  }
  /** the value of an assignment to an integer field is the number */
  reset(): number {
    const z = (this.count = 7) / 2;
    return z + this.count;
  }
  /** JavaScript reads the field before the call on the right changes it */
  mix(): number {
    this.bits |= this.bump();
    return this.bits;
  }
  private bump(): number {
    this.bits = 1024;
    return 3;
  }
}

/** -0 and products that may be -0 keep their fields doubles. */
class Signed {
  private z: number = 0;
  private p: number = 0;
  constructor(private k: number) {}
  set(m: number): void {
    this.z = -0;
    this.p = this.k * m;
  }
  show(): string {
    return `${this.z} ${1 / this.z} ${this.p} ${1 / this.p}`;
  }
}

/** A point whose coordinates are parameter properties; one site passes NaN, one a fraction. */
class Pt {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

/** Reads the integer fields of another class and writes them from outside. */
class Grid {
  cells: Pt[] = [];
  private w: number = 0;
  put(p: Pt): void {
    this.cells.push(p);
    if (p.x + 1 > this.w) this.w = p.x + 1;
  }
  width(): number {
    return this.w;
  }
}

/** The same field written from a function outside the class. */
class Box {
  v: number = 0;
  n: number = 0;
}

function fill(b: Box, k: number): void {
  b.v = k & 255;
  b.n = b.n + 1;
}

/** A state field switched on: integer cases, one no int32 can match, and -0 (which matches 0). */
class Machine {
  private mode: number = 0;
  private steps: number = 0;
  feed(b: number): string {
    this.steps++;
    switch (this.mode) {
      case 0:
        this.mode = b > 5 ? 1 : 2;
        return "start";
      case 1:
        this.mode = 2;
        return "one";
      case 5000000000:
        return "never";
      default:
        this.mode = 0;
    }
    switch (this.mode) {
      case -0:
        return `zero after ${this.steps}`;
    }
    return "other";
  }
}

export function main(): void {
  const m = new Machine();
  let out = "";
  for (let i = 0; i < 7; i++) out += m.feed(i * 3) + ";";
  console.log(out);

  const t = new Tally();
  for (let i = 0; i < 40; i++) t.add((i * 37) & 127);
  console.log(t.report());
  for (let i = 0; i < 3; i++) console.log(t.tick());
  t.half();
  t.half();
  t.half();
  t.half();
  console.log(t.report());
  console.log(t.reset(), t.mix(), t.report());
  t.sign = -t.sign;
  console.log(t.sign);

  const s = new Signed(0);
  s.set(-5);
  console.log(s.show());
  const s2 = new Signed(3);
  s2.set(4);
  console.log(s2.show());

  const g = new Grid();
  g.put(new Pt(3, 4));
  g.put(new Pt(9, -2));
  g.put(new Pt(NaN, 1));
  g.put(new Pt(2.5, 0));
  console.log(g.width(), g.cells.length, g.cells[2]!.x, g.cells[3]!.x + g.cells[1]!.y);

  const b = new Box();
  for (let i = 0; i < 300; i++) fill(b, i * 7);
  console.log(b.v, b.n);
}
