// Template literals with numbers, booleans, nested templates and expressions.
function label(n: number): string {
  return n === 1 ? "item" : "items";
}

export function main(): void {
  const n = 3;
  const ok = true;
  console.log(`${n} ${label(n)}`);
  console.log(`${1} ${label(1)}`);
  console.log(`ok=${ok} not=${!ok}`);
  console.log(`${0.1 + 0.2}|${1e21}|${1e-7}|${-0}|${NaN}`);
  console.log(`outer ${`inner ${n * 2}`} end`);
  console.log(`${"a"}${"b"}${"c"}`);
  console.log(``);
  console.log(`line1
line2`);
  console.log(`back\`tick \${not} $ {x} $`);
  console.log(`unicode ${"é"} \u00e9 \u{1F600}`);
}
