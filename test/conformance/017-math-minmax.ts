// Math.min/max: NaN wins, -0 is smaller than +0, several arguments.
export function main(): void {
  console.log(Math.min(1, 2), Math.max(1, 2));
  console.log(Math.min(NaN, 1), Math.max(1, NaN), Math.min(1, NaN), Math.max(NaN, NaN));
  console.log(Math.min(0, -0), Math.min(-0, 0), Math.max(0, -0), Math.max(-0, 0));
  console.log(Math.min(-0, -0), Math.max(-0, -0));
  console.log(Math.min(3, 1, 2), Math.max(3, 1, 2), Math.max(1, 2, NaN));
  console.log(Math.min(-Infinity, 5), Math.max(Infinity, 5));
  console.log(Math.max(-1, -0.5, -2), Math.min(5e-324, 0));
}
