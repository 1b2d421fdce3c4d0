// === and !== on strings compare content, including non-ASCII and built strings.
function same(a: string, b: string): void {
  console.log(a === b, a !== b);
}

export function main(): void {
  same("", "");
  same("a", "");
  same("abc", "abd");
  same("abc", "ab");
  same("é", "e\u0301");
  same("é", "\u00e9");
  same("😀", "\u{1F600}");
  same("😀", "\uD83D\uDE00");
  let built = "";
  built += "x";
  built += "y";
  same(built, "xy");
  same("a" + "bc", "ab" + "c");
}
