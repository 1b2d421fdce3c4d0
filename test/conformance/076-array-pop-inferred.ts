// pop()!: TypeScript types pop() as T | undefined; the subset asks for `!` (the C panics when empty).
export function main(): void {
  const stack: number[] = [1, 2, 3];
  const top = stack.pop()!;
  console.log(top, stack.length);
  const words: string[] = ["a", "b"];
  console.log(words.pop()!, words.join(","));
}
