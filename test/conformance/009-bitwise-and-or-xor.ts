// Bitwise operators convert with ToInt32: wrap modulo 2^32, truncate, NaN and infinities give 0.
function show(x: number): void {
  console.log(x, x | 0, x & 0xff, x ^ 0, x & -1);
}

export function main(): void {
  show(3.7);
  show(-3.7);
  show(Math.pow(2, 31));
  show(Math.pow(2, 32));
  show(Math.pow(2, 32) + 5);
  show(-Math.pow(2, 31) - 1);
  show(4294967296.5);
  show(1e21);
  show(-1e21);
  show(1e300);
  show(NaN);
  show(Infinity);
  show(-Infinity);
  show(-0);
  show(Math.pow(2, 53) - 1);
  show(-Math.pow(2, 53) + 1);
  console.log(0xf0f0 & 0x0ff0, 0xf0f0 | 0x0ff0, 0xf0f0 ^ 0x0ff0);
  console.log(0xffffffff | 0, 0xffffffff & 0xffffffff, 0x80000000 ^ 1);
  console.log(-1 & 0x7fffffff, -2147483648 | 0);
}
