// Division by zero and by negative zero follows IEEE 754.
export function main(): void {
  const zero = 0;
  const negZero = -0;
  console.log(1 / zero, -1 / zero, 0 / zero);
  console.log(1 / negZero, -1 / negZero);
  console.log(zero / -5, negZero / 5, negZero / -5);
  console.log(Infinity / Infinity, Infinity / 0, 1 / Infinity, -1 / Infinity);
  console.log(7 / 2, -7 / 2, 1e-320 / 1e10);
}
