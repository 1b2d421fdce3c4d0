// Slots whose writes need a narrower read than int32: `next() % 6`, where next() returns a masked
// value, is an integer only because that value is never negative, which the analysis learns after
// its first round. Next to them, a remainder of a signed value, which may be -0, stays a double.

class Gen {
  constructor(public seed: number) {}
  /** 15 bits of the next state. */
  next(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) | 0;
    return (this.seed >>> 16) & 0x7fff;
  }
  /** The whole next state, negative half of the time. */
  signed(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) | 0;
    return this.seed;
  }
}

/** count letter numbers from `from` on, then the count. */
function letters(from: number, count: number): string {
  let s = "";
  for (let i = 0; i < count; i++) s += `${(from + i) % 26},`;
  return `${s}:${count}`;
}

/** A remainder that may be -0 reaches this parameter: 1 / r tells the zeros apart. */
function inverse(r: number): number {
  return 1 / r;
}

/** A field written only with masked remainders. */
class Span {
  constructor(public width: number) {}
  grow(g: Gen): void {
    this.width = 1 + (g.next() % 9);
  }
}

export function main(): void {
  const g = new Gen(42);
  for (let k = 0; k < 6; k++) console.log(letters(g.next() % 26, 1 + (g.next() % 7)));
  const span = new Span(g.next() % 4);
  for (let k = 0; k < 4; k++) {
    span.grow(g);
    console.log(span.width, span.width * 2 - 9);
  }
  const z = new Gen(-7);
  let out = "";
  for (let k = 0; k < 8; k++) out += `${inverse(z.signed() % 3)} `;
  console.log(out);
  console.log(inverse(-6 % 3), inverse(6 % 3), inverse(-5 % 3));
}
