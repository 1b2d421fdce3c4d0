// Classes held by value: immutable records of numbers and booleans whose identity the program
// never observes. Copies must behave as the one shared object Node has: fields read through
// methods, temporaries as receivers, nesting, arrays of them (sorted, sliced, popped), values
// passed to functions, module constants, fields of a mutable class (and a method called on one
// while it moves the holder). Next to them, classes that look alike but are compared, tested for
// null or searched by identity, one that embeds a compared class, and one that a method other
// than the constructor writes: those stay references.

/** A point; its methods return new points. */
class Vec {
  constructor(
    public x: number,
    public y: number,
  ) {}
  plus(o: Vec): Vec {
    return new Vec(this.x + o.x, this.y + o.y);
  }
  scaled(k: number): Vec {
    return new Vec(this.x * k, this.y * k);
  }
  dot(o: Vec): number {
    return this.x * o.x + this.y * o.y;
  }
  len2(): number {
    return this.dot(this);
  }
  /** Moves h, which holds this point, then reads this point: still the one it was called on. */
  xAfter(h: Body): number {
    h.step();
    return this.x + this.plus(UNIT).x;
  }
}

/** A segment nests two points; its constructor body computes a field. */
class Segment {
  readonly length: number;
  readonly flat: boolean = false;
  constructor(
    public from: Vec,
    public to: Vec,
  ) {
    const d = to.plus(from.scaled(-1));
    this.length = Math.sqrt(d.len2());
    this.flat = d.y === 0;
  }
  mid(): Vec {
    return this.from.plus(this.to).scaled(0.5);
  }
}

/** An enum-typed field and an integer field. */
enum Kind {
  A,
  B,
}
class Tag {
  constructor(
    public kind: Kind,
    public n: number,
    public on: boolean,
  ) {}
}

/** A mutable holder of value fields. */
class Body {
  moves: number = 0;
  constructor(
    public at: Vec,
    public v: Vec,
  ) {}
  step(): void {
    this.at = this.at.plus(this.v);
    this.moves++;
  }
}

/** Compared by identity: stays a reference. */
class Key {
  constructor(public id: number) {}
}

/** Sometimes null: stays a reference. */
class Maybe {
  constructor(public v: number) {}
}

/** Searched with indexOf: stays a reference. */
class Item {
  constructor(public v: number) {}
}

/** Written after construction: stays a reference. */
class Cell {
  constructor(public v: number) {}
  set(v: number): void {
    this.v = v;
  }
}

/** Compared by identity, and embedded in Pair: both stay references. */
class Pin {
  constructor(public v: number) {}
}
class Pair {
  constructor(
    public pin: Pin,
    public n: number,
  ) {}
  sum(): number {
    return this.pin.v + this.n;
  }
}

const ORIGIN = new Vec(0, 0);
const UNIT = new Vec(1, 1);

function show(v: Vec): string {
  return `(${v.x}, ${v.y})`;
}

function farthest(vs: Vec[]): Vec {
  let best = ORIGIN;
  for (const v of vs) if (v.len2() > best.len2()) best = v;
  return best;
}

function findMaybe(ms: Maybe[], v: number): Maybe | null {
  for (const m of ms) if (m.v === v) return m;
  return null;
}

export function main(): void {
  // receivers that are temporaries, chains, module constants
  const a = new Vec(3, 4);
  console.log(show(a.plus(UNIT).scaled(2)), a.len2(), new Vec(1, 2).plus(a).dot(UNIT), ORIGIN.plus(a).x);
  // copies are independent of later assignments to the variable they came from
  let p = a;
  const q = p;
  p = p.plus(UNIT);
  console.log(show(p), show(q), show(a));
  // -0 survives a copy
  const z = new Vec(-0, 0);
  const zc = z;
  console.log(1 / zc.x, 1 / zc.scaled(-1).y, 1 / z.plus(zc).x);
  // nesting
  const s = new Segment(new Vec(0, 0), new Vec(6, 8));
  console.log(s.length, s.flat, show(s.mid()), show(s.from), s.to.plus(s.mid()).x);
  const flat = new Segment(new Vec(1, 5), new Vec(9, 5));
  console.log(flat.length, flat.flat);
  // arrays of values: push, index, sort, slice, pop; a function value taking them
  const vs: Vec[] = [];
  for (let i = 0; i < 7; i++) vs.push(new Vec((i * 5) % 7, i - 3));
  vs.sort((u, w) => u.x - w.x || w.y - u.y);
  const shown: string[] = [];
  const describe: (v: Vec) => string = show;
  for (const v of vs) shown.push(describe(v));
  console.log(shown.join(" "));
  const top = vs.slice(2, 5);
  top[0] = new Vec(100, 100);
  console.log(show(vs[2]!), show(top[0]!), top.length);
  const last = vs.pop()!;
  console.log(show(last), vs.length, show(farthest(vs)));
  const lit = [new Vec(1, 1), a, ORIGIN];
  console.log(lit.length, show(lit[1]!), lit[0]!.len2() + lit[2]!.len2());
  // a comparator reading a module constant
  vs.sort((u, w) => u.plus(UNIT).dot(UNIT) - w.dot(UNIT) - 1);
  console.log(show(vs[0]!), show(vs[vs.length - 1]!));
  // a mutable class holding values
  const b = new Body(new Vec(0, 0), new Vec(2, -1));
  const start = b.at;
  for (let i = 0; i < 5; i++) b.step();
  console.log(show(b.at), show(start), b.moves);
  console.log(b.at.xAfter(b), show(b.at), b.at.plus(b.v).xAfter(b), show(b.at));
  const bodies = [b, new Body(UNIT, UNIT)];
  bodies[1]!.step();
  console.log(show(bodies[1]!.at), show(UNIT));
  // enum, integer and boolean fields
  const tags = [new Tag(Kind.A, 1, true), new Tag(Kind.B, 2, false)];
  let sum = 0;
  for (const t of tags) sum += t.kind === Kind.B ? t.n * 10 : t.on ? t.n : 0;
  console.log(sum);
  // identity, null and search keep references
  const k1 = new Key(1);
  const k2 = new Key(1);
  const k3 = k1;
  console.log(k1 === k2, k1 === k3, k1 !== k2);
  const ms = [new Maybe(1), new Maybe(2)];
  const found = findMaybe(ms, 2);
  console.log(found === null ? -1 : found.v, findMaybe(ms, 3) === null);
  const items = [new Item(5), new Item(6)];
  const it = items[1]!;
  console.log(items.indexOf(it), items.indexOf(new Item(5)), items.includes(it));
  const pin = new Pin(3);
  const pair = new Pair(pin, 4);
  const pairs = [pair, pair];
  console.log(pair.pin === pin, pairs[1]!.pin === new Pin(3), pairs[0]!.sum());
  const c = new Cell(1);
  const c2 = c;
  c.set(9);
  console.log(c2.v);
}
