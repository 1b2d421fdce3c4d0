// console.log with each accepted argument kind, alone and mixed.
export function main(): void {
  console.log("hello");
  console.log(42);
  console.log(true);
  console.log(false);
  console.log("a", "b", "c");
  console.log("n =", 7, "ok =", true);
  console.log(1, 2.5, -3);
  console.log("");
  console.log("", "");
  console.log("tab\there");
  console.log("two\nlines");
}
