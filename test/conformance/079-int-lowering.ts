// Locals and expressions the compiler computes in C integers must print what Node prints: int32
// overflow of bitwise results, counters past 2^31, -0 from products and remainders, NaN and
// fractions reaching bitwise operators, unsigned against signed comparisons, typed-array stores.

function wraps(): void {
  let h = 0;
  for (let i = 0; i < 200; i++) h = (Math.imul(h, 31) + i * 7919) | 0;
  let u = h >>> 0;
  console.log(h, u, u > h, u === h, (h ^ -1) >>> 0, h >> 3, h >>> 29, h << 31);
  let x = 2147483647;
  x = (x + 1) | 0;
  console.log(x, x - 1, (x - 1) | 0, -x, ~x, x * 2);
  let m = -2147483648;
  m |= 0;
  m >>= 1;
  m ^= 0x7fffffff;
  m <<= 1;
  m &= 0xffff;
  console.log(m);
}

function counters(): void {
  let big = 2147483640;
  for (let k = 0; k < 20; k++) big++;
  console.log(big, big | 0, big >>> 0, big * 3, big % 7);
  let j = big + 1;
  j -= 1;
  j = j - 1;
  console.log(j, j === big - 1);
  let down = -2147483645;
  for (let k = 0; k < 10; k++) down--;
  console.log(down, down | 0);
}

function zeros(): void {
  const bytes = new Uint8Array([0, 1, 200]);
  let z = bytes[0]! * 3;
  console.log(z, 1 / z);
  const neg = -5;
  const prod = bytes[0]! * neg;
  console.log(prod, 1 / prod, 1 / prod < 0 ? "minus zero" : "plus zero");
  let r = -4 % 2;
  console.log(r, 1 / r, -7 % 3, 7 % -3, 5 % 0);
  let q = (bytes[2]! >> 1) % 7;
  console.log(q, bytes[2]! % 8, (bytes[2]! - 300) % 8);
  console.log(1 / (0 - bytes[0]!), 1 / -bytes[0]!);
}

function nans(): void {
  const f = 2.75;
  const n = NaN;
  let a = f | 0;
  let b = n | 0;
  let c = (f * 1e10) | 0;
  let d = -f >>> 0;
  console.log(a, b, c, d, Infinity | 0, (2 ** 53 + 2) | 0, 1e300 >> 1);
  console.log(Math.imul(f, 3.9), Math.imul(0xffffffff, 5), Math.imul(-1e10, 3));
}

function indices(): void {
  const xs = new Int32Array(5);
  const ws = new Uint16Array(3);
  const bs = new Uint8Array(4);
  for (let i = 0; i < xs.length; i++) xs[i] = i * 1000000000;
  let at = 0;
  bs[at++] = 300;
  bs[at++] = -1;
  bs[at++] = 255 + 2;
  bs[at] = at;
  ws[0] = 70000;
  ws[1] = -2;
  ws[2] = (1 << 31) | 5;
  let text = "";
  for (const v of xs) text += ` ${v}`;
  for (const v of ws) text += ` ${v}`;
  for (const v of bs) text += ` ${v}`;
  console.log(text, at);
  let sum = 0;
  for (const v of xs) sum = (sum + v) | 0;
  let total = 0;
  for (const w of ws) total += w;
  console.log(sum, total, xs[4]! + xs[3]!, xs[4]! * 3);
  const names = ["a", "b", "c"];
  let k = 2;
  console.log(names[k], names[k - 2], names[(k * 5) % 3]);
}

/** TypeScript types `const z = -0` as the literal 0: such a constant is no integer. */
const NEG_ZERO = -0;
const ALSO_NEG_ZERO = NEG_ZERO;

function negZero(): number {
  return NEG_ZERO;
}

function negZeroConsts(): void {
  const local = -0;
  const copy = local;
  console.log(negZero(), NEG_ZERO, ALSO_NEG_ZERO, local, copy, 1 / copy, 1 / NEG_ZERO, 1 / negZero(), NEG_ZERO === 0);
}

/** Prints every case. */
export function main(): void {
  wraps();
  counters();
  zeros();
  nans();
  indices();
  negZeroConsts();
}
