// utf8Encode / utf8Length / utf8Decode round trips for 1- to 4-byte characters.
import { utf8Decode, utf8Encode, utf8Length } from "../../ts-src/lib/text";

function hex(b: Uint8Array): string {
  const digits = "0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f".split(",");
  const out: string[] = [];
  for (const v of b) out.push(digits[v >> 4] + digits[v & 15]);
  return out.join(" ");
}

export function main(): void {
  const samples: string[] = ["", "A", "é", "€", "😀", "a€😀z", "\u{10FFFF}", "\u0080", "\u07ff", "\u0800", "\uffff", "\u{10000}"];
  for (const s of samples) {
    const b = utf8Encode(s);
    const back = utf8Decode(b, 0, b.length);
    console.log(utf8Length(s), b.length, hex(b), back === s);
  }
  const b = utf8Encode("héllo");
  console.log(utf8Decode(b, 0, 1), utf8Decode(b, 1, 3), utf8Decode(b, 3, b.length), utf8Decode(b, 2, 2) === "");
}
