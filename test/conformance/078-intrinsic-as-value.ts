// A text intrinsic passed directly as a comparator, like any other named function.
import { compareStrings } from "../../ts-src/lib/text";

export function main(): void {
  const words: string[] = ["pear", "Apple", "\u{1F34E}", "apple", "\uE000"];
  words.sort(compareStrings);
  console.log(words.join(" "));
}
