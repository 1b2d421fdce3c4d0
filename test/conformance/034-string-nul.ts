// A NUL character inside a string is part of the string, not its end.
import { utf8Encode, utf8Length } from "../../ts-src/lib/text";

export function main(): void {
  const s: string = "a\u0000b";
  console.log(utf8Length(s));
  console.log(s === "a", s === "a\u0000b");
  const bytes = utf8Encode(s + "\0");
  console.log(bytes.length, bytes[1], bytes[2]);
  console.log(s);
  const parts = "x\0y\0z".split("\0");
  console.log(parts.length, parts.join("-"));
}
