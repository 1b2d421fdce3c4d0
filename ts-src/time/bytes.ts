// Small scanners over byte ranges: the subset has no string indexing, so every value parser in
// ts-src/time and ts-src/ical reads ASCII syntax straight from Uint8Array ranges.

/** True when b is an ASCII decimal digit. */
export function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** The ASCII upper-case form of byte b. */
export function upperByte(b: number): number {
  return b >= 0x61 && b <= 0x7a ? b - 32 : b;
}

/** Value of the n <= 9 digits at buf[start…]; -1 when one of them is not a digit or n > 9. */
export function digitsAt(buf: Uint8Array, start: number, n: number): number {
  if (n > 9) return -1;
  // nine digits stay below 2^31, so `| 0` changes nothing and keeps the value a C int
  let v = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[start + i]!;
    if (!isDigit(b)) return -1;
    v = (v * 10 + (b - 0x30)) | 0;
  }
  return v;
}

/** True when buf[start, end) equals the upper-case ASCII pattern, ignoring ASCII case. */
export function equalsUpper(buf: Uint8Array, start: number, end: number, pattern: Uint8Array): boolean {
  if (end - start !== pattern.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    if (upperByte(buf[start + i]!) !== pattern[i]!) return false;
  }
  return true;
}

/** Index of the first byte b in buf[start, end), or end. */
export function indexOfByte(buf: Uint8Array, start: number, end: number, b: number): number {
  for (let i = start; i < end; i++) {
    if (buf[i] === b) return i;
  }
  return end;
}

/** Signed decimal integer filling buf[start, end) exactly; NaN otherwise. */
export function parseIntRange(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) {
    if (buf[i] === 0x2d) sign = -1;
    i++;
  }
  if (i >= end || end - i > 9) return NaN;
  const v = digitsAt(buf, i, (end - i) | 0);
  return v < 0 ? NaN : sign * v;
}

/**
 * End of the well-formed UTF-8 character of two to four bytes at input[i] when it lies whole in
 * input[i, end), else i (no overlongs, surrogates or code points past U+10FFFF).
 */
export function utf8CharEnd(input: Uint8Array, i: number, end: number): number {
  const c = input[i];
  let n = 0;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 2;
    if (c === 0xe0) lo = 0xa0;
    if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 3;
    if (c === 0xf0) lo = 0x90;
    if (c === 0xf4) hi = 0x8f;
  } else return i;
  if (end - i <= n) return i;
  const b = input[i + 1];
  if (b < lo || b > hi) return i;
  for (let k = 2; k <= n; k++) {
    const d = input[i + k];
    if (d < 0x80 || d > 0xbf) return i;
  }
  return (i + n + 1) | 0;
}
