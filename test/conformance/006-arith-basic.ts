// Arithmetic precedence, unary minus and IEEE double rounding.
export function main(): void {
  const a = 7;
  const b = 2;
  console.log(a + b * 3, (a + b) * 3, a - b - 1, a / b / 2);
  console.log(-a, -(-a), +a, -a * -b);
  console.log(a * 0.1, a / 10);
  console.log(9007199254740991 + 2);
  console.log(0.1 + 0.7, 3 * 1.1);
  console.log(1e308 * 10, -1e308 * 10);
  console.log(5e-324 / 2, -5e-324 / 2);
  console.log(2 - 3 + 4 * 5 / 2);
  let acc = 0;
  for (let i = 0; i < 10; i++) acc += 0.1;
  console.log(acc);
}
