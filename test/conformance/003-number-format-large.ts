// Large magnitudes: integers up to 1e21, where JavaScript switches to exponent notation.
export function main(): void {
  console.log(Math.pow(2, 53));
  console.log(Math.pow(2, 53) + 1);
  console.log(Math.pow(2, 53) + 2);
  console.log(Math.pow(2, 31), Math.pow(2, 32), Math.pow(2, 63), Math.pow(2, 64));
  console.log(123456789012345678);
  console.log(1e20);
  console.log(1e21);
  console.log(-1e21);
  console.log(999999999999999900000);
  console.log(1e22);
  console.log(1.5e300);
  console.log(1.7976931348623157e308);
  console.log(-1.7976931348623157e308);
  console.log(4294967295, 4294967296);
  console.log(1000000, 10000000, 123456789);
  console.log(1e15 + 0.3);
  console.log(12345678.9);
  console.log(2e-5 * 1e10);
  console.log(Number.MAX_SAFE_INTEGER);
  console.log(-Number.MAX_SAFE_INTEGER);
}
