// console.log treats a first string argument as a format string (%s, %d, %i, %f, %%, %c), as Node does.
export function main(): void {
  console.log("100%");
  console.log("%d items", 3);
  console.log("%s and %s", "a", "b");
  console.log("%i|%f", 3.7, 2.5);
  console.log("50%", "done");
  console.log("%% literal", 1);
  console.log("%c styled", "color: red");
  console.log("%s", true, "extra", 4);
  console.log("%d%%", 0.5);
  console.log(5, "%d", 6);
  console.log("%x stays", 1);
  console.log("%s");
}
