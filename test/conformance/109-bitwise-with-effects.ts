// Bitwise operators whose operands call functions returning doubles or change state: the result is
// an integer whatever the operands are, so the locals, fields, parameters and returns it is written
// to are C integers, and the operands still run in JavaScript's order.

/** Doubles of every kind: fractions, -0, NaN, the infinities, beyond 2^32 and 2^53. */
export function odd(k: number): number {
  const all = [0.5, -0, NaN, Infinity, -Infinity, 4294967301.75, -2147483649.5, 2 ** 53 + 2, -7.9, 1e21, 3];
  return all[k % all.length]!;
}

/** Counts its calls, so the order of two in one expression shows. */
class Ticker {
  constructor(public n: number) {}
  tick(): number {
    this.n = this.n * 2 + 1;
    return this.n / 4;
  }
  /** Reads the field, then a call changes it: the read comes first. */
  mixed(): number {
    this.n = (this.n ^ this.tick()) >>> 0;
    return this.n;
  }
}

/** A parameter passed only bitwise results of calls. */
function spread(x: number, shift: number): number {
  return (x >>> shift) + (x << shift);
}

/** A return value that is a bitwise result of a call. */
function folded(k: number): number {
  return (odd(k) * 3 + k) | 0;
}

export function main(): void {
  let h = 0;
  for (let k = 0; k < 24; k++) h = (Math.imul(h, 31) + odd(k)) | 0;
  console.log("h", h);

  const t = new Ticker(3);
  const pair = (t.tick() << 3) | t.tick();
  console.log("pair", pair, t.n);
  console.log("mixed", t.mixed(), t.mixed(), t.n);

  let low = 0;
  const bytes = [200, 17, 255, 3];
  let i = 0;
  while (i < bytes.length) low = (bytes[i++]! + odd(i)) & 0xff;
  console.log("low", low, i);

  let inv = 0;
  for (let k = 0; k < 11; k++) inv = inv + ~odd(k);
  console.log("inv", inv);

  let sar = 0;
  let shr = 0;
  for (let k = 0; k < 11; k++) {
    sar += (odd(k) * 3) >> 4;
    shr = shr + (odd(k) >>> (k + odd(k + 1)));
  }
  console.log("shifts", sar, shr);

  let s = 0;
  for (let k = 0; k < 11; k++) s += spread(odd(k) ^ 5, folded(k) & 7);
  console.log("spread", s, folded(5), folded(7));
}
