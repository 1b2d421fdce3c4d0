// Shifts: counts are taken modulo 32, >> is arithmetic, >>> yields an unsigned 32-bit result.
export function main(): void {
  console.log(1 << 31, 1 << 32, 1 << 33, 1 << -1);
  console.log(-8 >> 1, -8 >>> 1, -8 >>> 28, -1 >>> 0, -1 >> 31);
  console.log(0xdeadbeef >> 0, 0xdeadbeef >>> 0, 0xdeadbeef << 4);
  console.log(5 << 0.9, 5 >> 1.9, 5 >>> 33);
  console.log(NaN << 2, Infinity >> 1, NaN >>> 0, -Infinity >>> 0);
  console.log(1e21 >>> 0, -1e21 >> 3, Math.pow(2, 40) >>> 8);
  console.log(-0 >>> 0, -0.5 >>> 0, 4294967295.9 >>> 0);
  console.log(255 << 24, (255 << 24) >>> 0, (255 << 24) >> 24);
  let x = 1;
  for (let i = 0; i < 40; i++) x = (x << 1) | (x >>> 31);
  console.log(x);
}
