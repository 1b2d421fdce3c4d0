// Number to string conversion is the same whether it goes through String, toString, + or a template.
function show(x: number): void {
  const a = String(x);
  const b = x.toString();
  const c = "" + x;
  const d = `${x}`;
  console.log(a, a === b && b === c && c === d);
}

export function main(): void {
  const values: number[] = [0, 1, -1, 0.5, 1e21, 1e-7, 123e-20, 5e-324, 0.1 + 0.2, 1e300 * 10, 2.5e-6, 255, 65535.5, -123.125];
  for (const v of values) show(v);
  const seven = 7;
  console.log(seven.toString() + seven.toString());
}
