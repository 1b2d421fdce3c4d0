// Methods calling methods through this, methods returning this-class objects, static methods.
class Vec {
  constructor(public x: number, public y: number) {}

  static zero(): Vec {
    return new Vec(0, 0);
  }

  static dot(a: Vec, b: Vec): number {
    return a.x * b.x + a.y * b.y;
  }

  add(o: Vec): Vec {
    return new Vec(this.x + o.x, this.y + o.y);
  }

  scale(k: number): Vec {
    return new Vec(this.x * k, this.y * k);
  }

  lengthSquared(): number {
    return Vec.dot(this, this);
  }

  describe(): string {
    return `(${this.x}, ${this.y}) |${this.lengthSquared()}|`;
  }

  moveBy(dx: number): void {
    this.x += dx;
  }
}

export function main(): void {
  const v = Vec.zero().add(new Vec(1, 2)).scale(3);
  console.log(v.describe());
  v.moveBy(0.5);
  console.log(v.describe(), Vec.dot(v, new Vec(2, 0)));
  const w = v;
  w.moveBy(1);
  console.log(v.x);
}
