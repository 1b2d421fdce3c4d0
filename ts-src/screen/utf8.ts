// Stepping through UTF-8 bytes one code point or one character (cluster) at a time.
import { isZeroWidth } from "./font";

/** Byte length of the code point starting at b[i] (1 for a stray or truncated byte). */
export function cpLength(b: Uint8Array, i: number): number {
  const lead = b[i];
  const n = lead < 0x80 ? 1 : lead >= 0xf0 && lead < 0xf8 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  if (n > 1 && (lead >= 0xf8 || i + n > b.length)) return 1;
  for (let k = 1; k < n; k++) {
    if ((b[i + k] & 0xc0) !== 0x80) return 1;
  }
  return n;
}

/** The code point starting at b[i]; a malformed sequence gives U+FFFD. */
export function cpAt(b: Uint8Array, i: number): number {
  const lead = b[i];
  const n = cpLength(b, i);
  if (n === 1) return lead < 0x80 ? lead : 0xfffd;
  let cp = n === 2 ? lead & 0x1f : n === 3 ? lead & 0x0f : lead & 0x07;
  for (let k = 1; k < n; k++) cp = cp * 64 + (b[i + k] & 0x3f);
  return cp;
}

/** Byte offset just past the character starting at i: the code point plus its marks, and whatever a ZWJ joins. */
export function clusterEnd(b: Uint8Array, i: number): number {
  let j = i + cpLength(b, i);
  while (j < b.length) {
    const cp = cpAt(b, j);
    if (!isZeroWidth(cp)) break;
    j += cpLength(b, j);
    if (cp === 0x200d && j < b.length) j += cpLength(b, j);
  }
  return j;
}
