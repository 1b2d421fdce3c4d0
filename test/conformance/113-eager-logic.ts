// `&&` and `||` whose right operand only compares numbers (fields, locals, one-line methods) may
// evaluate it whatever the left gives; everything else keeps JavaScript's short circuit: a right
// operand that reads what the left tested (a null, an index), that calls something with
// an effect, or that does arithmetic on locals the left bounds. NaN, -0 and Infinity compare as in
// JavaScript either way.

/** An immutable box (a value class: a struct held by value). */
class Box {
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
  overlaps(o: Box): boolean {
    return this.x < o.right() && o.x < this.right() && this.y < o.bottom() && o.y < this.bottom();
  }
  touches(o: Box): boolean {
    return this.right() === o.x || o.right() === this.x || this.bottom() === o.y || o.bottom() === this.y;
  }
}

class Node {
  next: Node | null = null;
  constructor(public value: number) {}
}

/** Counts its calls: a right operand with an effect. */
class Probe {
  calls: number = 0;
  positive(v: number): boolean {
    this.calls++;
    return v > 0;
  }
}

/** Walks a list whose last node has no next: the right operand reads what the left tested. */
function longestRise(head: Node): number {
  let best = 0;
  let run = 0;
  for (let n: Node | null = head; n !== null; n = n.next) {
    if (n.next !== null && n.next.value > n.value) run++;
    else run = 0;
    if (run > best) best = run;
  }
  return best;
}

/** Bounds an index on the left, reads the array on the right. */
function positives(xs: number[], upTo: number): number {
  let c = 0;
  for (let i = 0; i <= upTo; i++) if (i < xs.length && xs[i] > 0) c++;
  return c;
}

/** The left bounds i, the right adds to it: near the int32 limit the sum must not run. */
function nearLimit(i: number, j: number): boolean {
  return i < 100 && i + 1 > j;
}

export function main(): void {
  const boxes: Box[] = [];
  let seed = 11;
  for (let i = 0; i < 40; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    const f = i % 9 === 0 ? 0.5 : 0;
    boxes.push(new Box(((seed >>> 8) % 50) + f, ((seed >>> 4) % 30) - f, ((seed >>> 16) % 9) + 1, ((seed >>> 20) % 7) + 1));
  }
  boxes.push(new Box(NaN, 0, 5, 5), new Box(-0, 0, Infinity, 1), new Box(0, -Infinity, 3, Infinity));
  let overlapping = 0;
  let touching = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (boxes[i].overlaps(boxes[j])) overlapping++;
      if (boxes[i].touches(boxes[j])) touching++;
    }
  }
  console.log(overlapping, touching);

  // the right operand runs only when needed, and counts it
  const probe = new Probe();
  let hits = 0;
  for (let v = -3; v <= 3; v++) if (v !== 0 && probe.positive(v)) hits++;
  for (let v = -3; v <= 3; v++) if (v === 0 || probe.positive(-v)) hits++;
  console.log(hits, probe.calls);

  const head = new Node(1);
  let tail = head;
  for (const v of [2, 3, 1, 4, 5, 6, 0]) {
    const n = new Node(v);
    tail.next = n;
    tail = n;
  }
  console.log(longestRise(head), longestRise(new Node(7)));
  console.log(positives([3, -1, 4, 0, 5], 9));
  console.log(nearLimit(2147483647, 0), nearLimit(99, 99), nearLimit(-2147483648, -2147483648), nearLimit(5, 7));

  // a flag and a comparison of doubles, either way round; -0 equals 0, NaN equals nothing
  const zero = -0;
  const nan = NaN;
  const flags: boolean[] = [];
  for (const x of [zero, 0, nan, 1.5, -Infinity]) {
    const box = new Box(x, x, 1, 1);
    flags.push(box.x === 0 && box.y <= 0, box.x !== box.x || box.y > 1, x < 1 && box.right() > 0);
  }
  console.log(flags.join(","));
}
