// ~ converts with ToInt32 first.
export function main(): void {
  console.log(~0, ~-1, ~5, ~-6);
  console.log(~NaN, ~Infinity, ~-0);
  console.log(~Math.pow(2, 31), ~Math.pow(2, 32), ~4294967295);
  console.log(~3.9, ~-3.9, ~1e21);
  console.log(~~7.9, ~~-7.9, ~~NaN);
}
