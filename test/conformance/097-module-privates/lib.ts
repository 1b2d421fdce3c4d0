// Names exported by `export { … }` lists, and classes the module does not export: one only this
// module uses (its constructor and methods are static in C), one whose objects other modules get
// and call methods on, and a method nothing calls.

/** A cell only this module builds and reads. */
class Cell {
  constructor(public v: number) {}
  doubled(): number {
    return this.v * 2;
  }
  unused(): number {
    return -this.v;
  }
}

/** A counter other modules get from `counter()` and step themselves. */
class Counter {
  n: number = 0;
  step(by: number): number {
    this.n += by;
    return this.n;
  }
  private clamp(max: number): number {
    return this.n > max ? max : this.n;
  }
  capped(max: number): number {
    return this.clamp(max);
  }
}

const BASE = 40;
const NAMES: string[] = ["zero", "one", "two"];

function sumDoubled(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += new Cell(x).doubled();
  return s;
}

function counter(start: number): Counter {
  const c = new Counter();
  c.step(start);
  return c;
}

function name(i: number): string {
  return i >= 0 && i < NAMES.length ? NAMES[i]! : "many";
}

export { sumDoubled, counter as makeCounter, name, BASE, NAMES };
