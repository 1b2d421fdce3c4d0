// @nudge-intrinsic: the compiler maps these functions onto the C runtime (codegen/runtime);
// the bodies below are what runs under Node. Both must agree byte for byte.

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

/** The UTF-8 bytes of s. */
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** The string held in bytes[start, end); invalid UTF-8 becomes U+FFFD as TextDecoder does. */
export function utf8Decode(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** Length of s in UTF-8 bytes. */
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** Orders two strings by Unicode code point: -1, 0 or 1. */
export function compareStrings(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

/** The string of one code point; surrogates and values outside 0..0x10FFFF give U+FFFD. */
export function fromCodePoint(cp: number): string {
  if (!Number.isInteger(cp) || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(cp);
}

/** s with A-Z mapped to a-z and every other character kept. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** s with a-z mapped to A-Z and every other character kept. */
export function asciiUpper(s: string): string {
  return s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
}
