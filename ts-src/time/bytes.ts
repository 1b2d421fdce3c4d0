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

/** Value of the n digits at buf[start…]; NaN when one of them is not a digit. */
export function digitsAt(buf: Uint8Array, start: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[start + i]!;
    if (!isDigit(b)) return NaN;
    v = v * 10 + (b - 0x30);
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
  const v = digitsAt(buf, i, end - i);
  return sign * v;
}
