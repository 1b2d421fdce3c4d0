// Stores into Uint8Array wrap modulo 256 after truncation; NaN and infinities store 0.
export function main(): void {
  const inputs: number[] = [0, 1, 255, 256, 257, -1, -256, -257, 3.9, -3.9, 255.99, 1e10, -1e10, NaN, Infinity, -Infinity, -0, 0.5, Math.pow(2, 53), 1e21];
  const u = new Uint8Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) u[i] = inputs[i];
  const parts: string[] = [];
  for (let i = 0; i < u.length; i++) parts.push(String(u[i]));
  console.log(parts.join(" "));
  const lit = new Uint8Array([300, -1, 65, 2.5, NaN]);
  console.log(lit[0], lit[1], lit[2], lit[3], lit[4], lit.length);
  u[0] = 200;
  u[0] += 100;
  console.log(u[0]);
  u[1] = 10;
  u[1] -= 20;
  console.log(u[1]);
}
