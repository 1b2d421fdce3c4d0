// Array literals, length, indexing, assignment, append at length, push and pop.
export function main(): void {
  const a: number[] = [3, 1, 4];
  console.log(a.length, a[0], a[2]);
  a[1] = 10;
  a[a.length] = 5;
  console.log(a.length, a.join(","));
  console.log(a.push(9), a.length);
  const last = a.pop()!;
  console.log(last, a.length, a.join(","));
  const empty: string[] = [];
  console.log(empty.length, empty.join(","));
  empty.push("x");
  empty.push("y");
  console.log(empty.join("+"), empty.pop()!, empty.pop()!, empty.length);
  const flags: boolean[] = [true, false];
  flags.push(true);
  console.log(flags.length, flags[0], flags[1], flags[2]);
  const many: number[] = [];
  for (let i = 0; i < 1000; i++) many.push(i * i);
  console.log(many.length, many[999], many[500]);
  while (many.length > 3) many.pop();
  console.log(many.join(" "));
}
