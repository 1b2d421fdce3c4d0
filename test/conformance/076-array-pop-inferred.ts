// pop() without `!`: TypeScript types the result T | undefined, but pop() on a non-empty array is T.
export function main(): void {
  const stack: number[] = [1, 2, 3];
  const top = stack.pop();
  console.log(top, stack.length);
  const words: string[] = ["a", "b"];
  console.log(words.pop(), words.join(","));
}
