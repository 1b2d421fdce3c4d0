// Glyph lookup in the generated bitmap fonts of ts-src/fonts/.
import { utf8Encode, utf8Length } from "../lib/text";

/** A fixed-cell 1-bit font: glyph g's row r starts at byte (g * height + r) * rowBytes, MSB leftmost. */
export interface BitmapFont {
  width: number;
  height: number;
  /** Rows from the top of the cell to the baseline. */
  ascent: number;
  rowBytes: number;
  /** Triples (first code point, last code point, index of the first glyph), ascending. */
  ranges: number[];
  bits: Uint8Array;
}

/** Index of the glyph for cp, or -1 when the font has none. */
export function glyphIndex(font: BitmapFont, cp: number): number {
  const r = font.ranges;
  for (let i = 0; i + 2 < r.length; i += 3) {
    if (cp < r[i]) return -1;
    if (cp <= r[i + 1]) return r[i + 2] + cp - r[i];
  }
  return -1;
}

/** True for combining diacritical marks, which sit on the previous character instead of taking a cell. */
export function isCombining(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f)
  );
}

/** True for code points that only modify the previous one: marks, variation selectors, skin tones, ZWJ. */
export function isZeroWidth(cp: number): boolean {
  return (
    isCombining(cp) ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f)
  );
}

/** Value of one lowercase ASCII hex digit (comparisons only: no bitwise conversions in C). */
function nibble(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57;
}

/** The bytes spelled by lowercase hex strings of even length, concatenated (fonts are stored as text: it compiles to constant C strings). */
export function hexBytes(hex: string[]): Uint8Array {
  let total = 0;
  for (const h of hex) total += utf8Length(h) / 2;
  const out = new Uint8Array(total);
  let at = 0;
  for (const h of hex) {
    const b = utf8Encode(h);
    for (let i = 0; i + 1 < b.length; i += 2) out[at++] = nibble(b[i]) * 16 + nibble(b[i + 1]);
  }
  return out;
}
