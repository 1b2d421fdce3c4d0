// Device-style Base64 (used for HTTP Basic auth): encode and decode over Uint8Array.
import { utf8Decode, utf8Encode } from "../../ts-src/lib/text";

const ALPHABET: Uint8Array = utf8Encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

function encode(src: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(src.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < src.length; i += 3) {
    const rest = src.length - i;
    const n = (src[i] << 16) | (rest > 1 ? src[i + 1] << 8 : 0) | (rest > 2 ? src[i + 2] : 0);
    out[o++] = ALPHABET[(n >> 18) & 63];
    out[o++] = ALPHABET[(n >> 12) & 63];
    out[o++] = rest > 1 ? ALPHABET[(n >> 6) & 63] : 61;
    out[o++] = rest > 2 ? ALPHABET[n & 63] : 61;
  }
  return utf8Decode(out, 0, o);
}

function value(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43) return 62;
  if (c === 47) return 63;
  return -1;
}

function decode(s: string): Uint8Array {
  const src = utf8Encode(s);
  const out = new Uint8Array(Math.floor((src.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const c of src) {
    const v = value(c);
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = acc >> bits;
    }
  }
  return out.subarray(0, o);
}

export function main(): void {
  const samples: string[] = ["", "f", "fo", "foo", "foob", "fooba", "foobar", "user:pässwörd", "\u{1F600}"];
  for (const s of samples) {
    const e = encode(utf8Encode(s));
    const d = decode(e);
    console.log(`[${e}]`, utf8Decode(d, 0, d.length) === s);
  }
  const all = new Uint8Array(256);
  for (let i = 0; i < 256; i++) all[i] = 255 - i;
  const e = encode(all);
  const d = decode(e);
  let same = d.length === 256;
  for (let i = 0; i < d.length; i++) if (d[i] !== all[i]) same = false;
  console.log(e.startsWith("//79"), e.endsWith("AA=="), same);
}
