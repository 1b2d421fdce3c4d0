// fromCodePoint (invalid input gives U+FFFD) and ASCII-only case mapping.
import { asciiLower, asciiUpper, fromCodePoint, utf8Length } from "../../ts-src/lib/text";

export function main(): void {
  const cps: number[] = [65, 0xe9, 0x20ac, 0x1f600, 0x10ffff, 0, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0x10000];
  for (const cp of cps) {
    const s = fromCodePoint(cp);
    console.log(cp, utf8Length(s), s === "\uFFFD");
  }
  const bad: number[] = [-1, 0xd800, 0xdfff, 0x110000, 1.5, NaN, Infinity];
  for (const cp of bad) console.log(cp, fromCodePoint(cp) === "\uFFFD");
  console.log(fromCodePoint(0x48) + fromCodePoint(0x69) + fromCodePoint(0x1f44b));
  console.log(asciiLower("Hello WORLD 123 ÄÖÜ ÀÉ"), asciiUpper("hello world 123 äöü àé ß"));
  console.log(asciiLower("") === "", asciiUpper("@[`{"), asciiLower("@[`{"));
  console.log(asciiLower("BEGIN:VTODO") === "begin:vtodo");
}
