// Invalid UTF-8 decodes to U+FFFD exactly as TextDecoder does (maximal subparts).
import { utf8Decode, utf8Encode } from "../../ts-src/lib/text";

function hex(b: Uint8Array): string {
  const digits = "0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f".split(",");
  const out: string[] = [];
  for (const v of b) out.push(digits[v >> 4] + digits[v & 15]);
  return out.join(" ");
}

function decode(bytes: number[]): void {
  const b = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) b[i] = bytes[i];
  const s = utf8Decode(b, 0, b.length);
  console.log(hex(b), "->", hex(utf8Encode(s)), s);
}

export function main(): void {
  decode([0x41, 0xff, 0x42]);
  decode([0xc3]);
  decode([0xc3, 0x41]);
  decode([0x80]);
  decode([0x80, 0x80, 0x80]);
  decode([0xe2, 0x82]);
  decode([0xe2, 0x82, 0x41]);
  decode([0xf0, 0x9f, 0x98]);
  decode([0xf0, 0x9f, 0x98, 0x80]);
  decode([0xc0, 0x80]);
  decode([0xc1, 0xbf]);
  decode([0xe0, 0x80, 0x80]);
  decode([0xe0, 0x9f, 0xbf]);
  decode([0xed, 0xa0, 0x80]);
  decode([0xed, 0x9f, 0xbf]);
  decode([0xf4, 0x90, 0x80, 0x80]);
  decode([0xf5, 0x80]);
  decode([0xf8, 0x88, 0x80, 0x80, 0x80]);
  decode([0xef, 0xbf, 0xbd]);
  decode([0xef, 0xbb, 0xbf, 0x41]);
  const mixed = new Uint8Array([0x61, 0xe2, 0x82, 0xac, 0x62, 0xe2, 0x82]);
  console.log(utf8Decode(mixed, 1, 4), utf8Decode(mixed, 1, 3), utf8Decode(mixed, 5, 7));
}
