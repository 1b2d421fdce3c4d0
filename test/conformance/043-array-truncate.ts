// Assigning a smaller length truncates; the array keeps growing normally afterwards.
export function main(): void {
  const a: number[] = [1, 2, 3, 4, 5];
  a.length = 2;
  console.log(a.length, a.join(","));
  a.push(7);
  console.log(a.join(","));
  a.length = 0;
  console.log(a.length, `[${a.join(",")}]`);
  a.push(8);
  a[1] = 9;
  console.log(a.join(","));
  const s: string[] = ["x", "y", "z"];
  s.length = 3;
  console.log(s.join(""));
  s.length = 1;
  s.push("w");
  console.log(s.join(""));
}
