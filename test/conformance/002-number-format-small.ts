// Shortest round-trip formatting of small and fractional numbers, incl. the 1e-7 switch to exponents.
export function main(): void {
  console.log(0.1 + 0.2);
  console.log(1 / 3);
  console.log(2 / 3);
  console.log(0.5, 0.25, 0.125);
  console.log(0.000001);
  console.log(0.0000001);
  console.log(1e-7);
  console.log(-1e-7);
  console.log(1.5e-7);
  console.log(0.00000123);
  console.log(1.23e-18);
  console.log(5e-324);
  console.log(-5e-324);
  console.log(2.2250738585072014e-308);
  console.log(4.9406564584124654e-324);
  console.log(0.1 * 3);
  console.log(1.1 * 1.1);
  console.log(100 / 3);
  console.log(123.456);
  console.log(9.95);
  console.log(1.005);
  console.log(0.3 - 0.1);
}
