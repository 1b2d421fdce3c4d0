// Measuring, truncating and wrapping UTF-8 text in a fixed-cell font; cuts fall only between characters.
import { BitmapFont } from "./font";
import { clusterEnd } from "./utf8";
import { utf8Decode, utf8Encode } from "../lib/text";

const ELLIPSIS = "\u2026";

/** True for the bytes wrapping may break at: space and control characters such as newline. */
function isBlank(byte: number): boolean {
  return byte <= 0x20;
}

/** Number of cells the characters of b[start, end) take. */
function cells(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i = clusterEnd(b, i)) n++;
  return n;
}

/** Byte offset after at most `count` characters from start (never past end). */
function advance(b: Uint8Array, start: number, end: number, count: number): number {
  let i = start;
  for (let n = 0; n < count && i < end; n++) i = clusterEnd(b, i);
  return i;
}

/** Width of s in pixels. */
export function measureText(font: BitmapFont, s: string): number {
  const b = utf8Encode(s);
  return cells(b, 0, b.length) * font.width;
}

/** b[start, end) in at most `cols` cells, ending in an ellipsis when shortened or when `more` text follows. */
function fitCells(b: Uint8Array, start: number, end: number, cols: number, more: boolean): string {
  if (!more && cells(b, start, end) <= cols) return utf8Decode(b, start, end);
  if (cols < 1) return "";
  let cut = advance(b, start, end, cols - 1);
  while (cut > start && isBlank(b[cut - 1])) cut--;
  return utf8Decode(b, start, cut) + ELLIPSIS;
}

/** s shortened with an ellipsis so that it is at most maxWidth pixels wide. */
export function fitText(font: BitmapFont, s: string, maxWidth: number): string {
  const b = utf8Encode(s);
  return fitCells(b, 0, b.length, Math.floor(maxWidth / font.width), false);
}

/** s broken into at most maxLines lines of at most maxWidth pixels, at newlines and else at spaces where possible; the last line ends in an ellipsis if text remains. */
export function wrapText(font: BitmapFont, s: string, maxWidth: number, maxLines: number): string[] {
  const b = utf8Encode(s);
  const n = b.length;
  const cols = Math.max(1, Math.floor(maxWidth / font.width));
  const lines: string[] = [];
  let pos = 0;
  while (pos < n && isBlank(b[pos])) pos++;
  while (pos < n && lines.length < maxLines) {
    if (lines.length === maxLines - 1) {
      let end = pos;
      while (end < n && b[end] !== 0x0a) end++;
      let rest = end;
      while (rest < n && isBlank(b[rest])) rest++;
      while (end > pos && isBlank(b[end - 1])) end--;
      lines.push(fitCells(b, pos, end, cols, rest < n));
      break;
    }
    let i = pos;
    let used = 0;
    let lastBlank = -1;
    while (i < n && b[i] !== 0x0a) {
      if (isBlank(b[i])) lastBlank = i;
      if (used === cols) break;
      i = clusterEnd(b, i);
      used++;
    }
    let end = i;
    if (i < n && !isBlank(b[i]) && lastBlank > pos) end = lastBlank;
    let trimmed = end;
    while (trimmed > pos && isBlank(b[trimmed - 1])) trimmed--;
    lines.push(utf8Decode(b, pos, trimmed));
    pos = end;
    while (pos < n && isBlank(b[pos])) pos++;
  }
  return lines;
}
