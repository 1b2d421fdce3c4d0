// Module-level constants initialised once, in declaration order, calling hoisted functions.
interface Limits {
  min: number;
  max: number;
}

class Tally {
  constructor(public start: number) {}

  plus(n: number): number {
    return this.start + n;
  }
}

const BASE = 4;
const SQUARE = BASE * BASE;
const TABLE: number[] = buildTable(SQUARE);
const GREETING = `base=${BASE} square=${SQUARE}`;
const LIMITS: Limits = { min: -SQUARE, max: SQUARE * 2 };
const NAMES: string[] = ["x", "y"];
const MASK = new Uint8Array([0xf0, 0x0f]);
const FIRST = TABLE[1] + LIMITS.max;
const COUNTER = new Tally(FIRST);

function buildTable(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i * BASE);
  return out;
}

function clamp(v: number): number {
  return Math.min(LIMITS.max, Math.max(LIMITS.min, v));
}

export function main(): void {
  console.log(GREETING);
  console.log(TABLE.length, TABLE[15], FIRST);
  console.log(clamp(100), clamp(-100), clamp(3));
  console.log(NAMES.join(""), MASK[0] & MASK[1], MASK[0] | MASK[1]);
  console.log(COUNTER.plus(1), COUNTER.start);
}
