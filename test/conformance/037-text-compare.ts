// compareStrings orders by code point: astral characters sort after U+E000..U+FFFF.
import { compareStrings } from "../../ts-src/lib/text";

function cmp(a: string, b: string): void {
  console.log(`${a}|${b}`, compareStrings(a, b), compareStrings(b, a));
}

export function main(): void {
  cmp("a", "b");
  cmp("a", "a");
  cmp("", "a");
  cmp("", "");
  cmp("ab", "abc");
  cmp("B", "a");
  cmp("z", "é");
  cmp("\uE000", "\u{1F600}");
  cmp("\uFFFF", "\u{10000}");
  cmp("\uFF21", "\u{1F600}");
  cmp("€", "😀");
  cmp("a\u0000", "a");
  const words: string[] = ["😀", "\uE000", "b", "B", "é", "", "ab", "a"];
  words.sort((a: string, b: string): number => compareStrings(a, b));
  console.log(words.join(","));
}
