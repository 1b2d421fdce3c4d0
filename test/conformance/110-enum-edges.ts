// Numeric enums at the edges: members that are -0, fractions, beyond int32 and at 2^53; members
// computed from others; two members with one value in a switch (the first case wins); members as
// integer operands and typed-array indexes.

enum Edge {
  Zero = 0,
  NegZero = -0,
  Half = 0.5,
  Next,
  Big = 2147483647,
  Past,
  Safe = 9007199254740991,
}

enum Computed {
  Base = 3,
  Shifted = Base << 4,
  Inverted = ~Shifted,
  Unsigned = Inverted >>> 0,
  Sum = Base + Shifted,
  Masked = Unsigned & 0xff,
}

/** Names a value by the first member it equals. */
function edgeName(e: Edge): string {
  switch (e) {
    case Edge.Zero:
      return "zero";
    case Edge.NegZero:
      return "negative zero";
    case Edge.Half:
      return "half";
    case Edge.Next:
      return "next";
    case Edge.Big:
      return "big";
    case Edge.Past:
      return "past";
    default:
      return "safe";
  }
}

/** An edge from a number: the members are numbers, so any number is accepted. */
function pick(k: number): Edge {
  const all = [Edge.Zero, Edge.NegZero, Edge.Half, Edge.Next, Edge.Big, Edge.Past, Edge.Safe];
  return all[k % all.length]!;
}

export function main(): void {
  console.log(Edge.Zero, Edge.NegZero, Edge.Half, Edge.Next, Edge.Big, Edge.Past, Edge.Safe);
  console.log(1 / Edge.NegZero, 1 / Edge.Zero, Edge.NegZero === Edge.Zero);
  console.log(Computed.Base, Computed.Shifted, Computed.Inverted, Computed.Unsigned, Computed.Sum, Computed.Masked);
  for (let k = 0; k < 7; k++) console.log(k, edgeName(pick(k)), pick(k) + 1, pick(k) | 0, pick(k) >>> 0);
  const table = new Uint8Array(64);
  table[Computed.Shifted] = Computed.Masked;
  table[Computed.Base] = Edge.Past;
  let h = 0;
  for (const b of table) h = (Math.imul(h, 31) + b) | 0;
  console.log(table[Computed.Shifted], table[Computed.Base], h);
  let e: Edge = pick(3);
  e = e === Edge.Next ? Edge.Past : Edge.Zero;
  console.log(e, e > Edge.Big, e - Edge.Big, Edge.Safe + 2, Edge.Safe - Edge.Past);
}
