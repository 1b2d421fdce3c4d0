// Uint16Array and Int32Array conversions: wrap modulo 2^16 / 2^32, Int32 signed.
export function main(): void {
  const inputs: number[] = [0, 65535, 65536, 70000, -1, -65537, 3.99, -3.99, NaN, Infinity, Math.pow(2, 31), Math.pow(2, 32) + 7, -Math.pow(2, 31) - 1, 1e21, 4294967295];
  const a = new Uint16Array(inputs.length);
  const b = new Int32Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    a[i] = inputs[i];
    b[i] = inputs[i];
  }
  for (let i = 0; i < inputs.length; i++) console.log(inputs[i], a[i], b[i]);
  const c = new Int32Array([2147483647, 2147483648, -2147483649]);
  console.log(c[0], c[1], c[2]);
  c[0]++;
  console.log(c[0]);
  const d = new Uint16Array([65535]);
  d[0]++;
  console.log(d[0], d.length);
}
