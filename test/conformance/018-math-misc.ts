// abs, sqrt, pow (incl. JavaScript's pow(1, Infinity) = NaN), sign, log, exp, hypot, imul.
export function main(): void {
  console.log(Math.abs(-3), Math.abs(-0), Math.abs(NaN), Math.abs(-Infinity));
  console.log(Math.sqrt(16), Math.sqrt(2), Math.sqrt(-1), Math.sqrt(-0), Math.sqrt(Infinity));
  console.log(Math.pow(2, 10), Math.pow(2, -2), Math.pow(0, 0), Math.pow(NaN, 0));
  console.log(Math.pow(1, Infinity), Math.pow(1, NaN), Math.pow(-1, Infinity), Math.pow(-8, 1 / 3));
  console.log(Math.pow(0, -1), Math.pow(-0, -1), Math.pow(-0, 3), Math.pow(10, 21), Math.pow(10, -7));
  // squares past 2^53 that fall on a tie, roots and reciprocals: one rounding, as in Node
  const big = [113060689, 94906267, 3037000499.97605];
  for (const x of big) console.log(x ** 2, Math.pow(x, 2), Math.pow(-x, 2), Math.pow(x * x, 0.5), Math.pow(x, -1), Math.pow(x, 1));
  console.log(Math.pow(-0, 0.5), Math.pow(-Infinity, 0.5), Math.pow(-4, 0.5), Math.pow(Infinity, 0.5), Math.pow(-Infinity, -1), Math.pow(0, 2));
  console.log(Math.sign(5), Math.sign(-5), Math.sign(0), Math.sign(-0), Math.sign(NaN));
  console.log(Math.log(1), Math.log(0), Math.log(-1), Math.log(2.718281828459045), Math.log(8) / Math.log(2));
  console.log(Math.exp(0), Math.exp(1), Math.exp(710), Math.exp(-1000));
  console.log(Math.hypot(3, 4), Math.hypot(5, 12), Math.hypot(NaN, Infinity), Math.hypot(-0, 0));
  // V8's hypot is not C's: it differs in the last bit here
  console.log(Math.hypot(8, 13), Math.hypot(-1e300, 3e299), Math.hypot(NaN, 1), Math.hypot(5e-324, 5e-324));
  console.log(Math.imul(3, 4), Math.imul(0xffffffff, 5), Math.imul(Math.pow(2, 31), 2), Math.imul(-7, 123456789));
  console.log(Math.imul(0x7fffffff, 0x7fffffff), Math.imul(NaN, 3), Math.imul(2.9, 3.9));
}
