// Drawing primitives into one horizontal band of the frame; everything is clipped to the band.
import { BitmapFont, glyphIndex, isCombining, isZeroWidth } from "./font";
import { ICON_SIZE } from "./icons";
import { cpAt, cpLength } from "./utf8";
import { utf8Encode } from "../lib/text";

/** Rows y0..y1-1 of a frame `width` pixels wide, stored row by row in `pixels` (RGB565). */
export class Surface {
  constructor(
    public pixels: Uint16Array,
    public width: number,
    public y0: number,
    public y1: number,
  ) {}

  /** Fills the rectangle, clipped to the band and the frame width. */
  fillRect(x: number, y: number, w: number, h: number, color: number): void {
    const xa = Math.max(0, x);
    const xb = Math.min(this.width, x + w);
    if (xa >= xb) return;
    const ya = Math.max(this.y0, y);
    const yb = Math.min(this.y1, y + h);
    if (ya >= yb) return;
    if (xa === 0 && xb === this.width) {
      // Full-width rows are contiguous: one fill (a tight loop in C) for backgrounds and rules.
      this.pixels.subarray((ya - this.y0) * this.width, (yb - this.y0) * this.width).fill(color);
      return;
    }
    for (let row = ya; row < yb; row++) {
      const base = (row - this.y0) * this.width;
      for (let col = xa; col < xb; col++) this.pixels[base + col] = color;
    }
  }

  /** Sets one pixel if it lies in the band. */
  plot(x: number, y: number, color: number): void {
    if (x >= 0 && x < this.width && y >= this.y0 && y < this.y1) this.pixels[(y - this.y0) * this.width + x] = color;
  }

  /** Draws an icon (rows of ICON_SIZE bits, leftmost first) with each bit as a scale×scale square. */
  drawIcon(icon: number[], x: number, y: number, scale: number, color: number): void {
    const leftmost = Math.pow(2, ICON_SIZE - 1);
    for (let r = 0; r < ICON_SIZE; r++) {
      const top = y + r * scale;
      if (top >= this.y1 || top + scale <= this.y0) continue;
      let bits = icon[r];
      let mask = leftmost;
      for (let px = x; bits > 0; px += scale) {
        if (bits >= mask) {
          bits -= mask;
          if (scale === 1) this.plot(px, top, color);
          else this.fillRect(px, top, scale, scale, color);
        }
        mask = mask / 2;
      }
    }
  }

  /** Draws one glyph cell with its top-left corner at (x, y); only set bits are painted. */
  private drawGlyph(font: BitmapFont, index: number, x: number, y: number, color: number): void {
    const ra = Math.max(0, this.y0 - y);
    const rb = Math.min(font.height, this.y1 - y);
    // Bits are peeled off with comparisons and halving instead of bitwise operators: on targets
    // without an FPU every bitwise operation on a number is a ToInt32 conversion.
    const leftmost = Math.pow(2, font.rowBytes * 8 - 1);
    for (let r = ra; r < rb; r++) {
      const at = (index * font.height + r) * font.rowBytes;
      let bits = 0;
      for (let k = 0; k < font.rowBytes; k++) bits = bits * 256 + font.bits[at + k];
      const base = (y + r - this.y0) * this.width;
      let mask = leftmost;
      for (let px = x; bits > 0; px++) {
        if (bits >= mask) {
          bits -= mask;
          if (px >= 0 && px < this.width) this.pixels[base + px] = color;
        }
        mask = mask / 2;
      }
    }
  }

  /** The visible stand-in for characters the font lacks: an empty box in the cell. */
  private drawMissing(font: BitmapFont, x: number, y: number, color: number): void {
    const top = y + Math.floor(font.height / 6);
    const bottom = y + font.ascent;
    const right = x + font.width - 2;
    for (let py = top; py <= bottom; py++) {
      this.plot(x + 1, py, color);
      this.plot(right, py, color);
    }
    for (let px = x + 1; px <= right; px++) {
      this.plot(px, top, color);
      this.plot(px, bottom, color);
    }
  }

  /**
   * Draws UTF-8 text from (x, y) (top of the cells), one cell per character. Combining marks the
   * font has are drawn over the previous character, others are dropped; characters joined by a
   * ZWJ share one cell; anything else the font lacks (emoji, CJK…) is drawn as a box.
   */
  drawText(font: BitmapFont, x: number, y: number, text: string, color: number): void {
    if (y >= this.y1 || y + font.height <= this.y0 || x >= this.width) return;
    const b = utf8Encode(text);
    let cx = x;
    let prev = x;
    let joined = false;
    for (let i = 0; i < b.length; i += cpLength(b, i)) {
      const cp = cpAt(b, i);
      if (joined) {
        joined = false;
        continue;
      }
      if (isZeroWidth(cp)) {
        const mark = isCombining(cp) ? glyphIndex(font, cp) : -1;
        if (mark >= 0 && cx > x) this.drawGlyph(font, mark, prev, y, color);
        joined = cp === 0x200d;
        continue;
      }
      if (cp > 0x20) {
        const g = glyphIndex(font, cp);
        if (g >= 0) this.drawGlyph(font, g, cx, y, color);
        else this.drawMissing(font, cx, y, color);
      }
      prev = cx;
      cx += font.width;
      if (cx >= this.width) return;
    }
  }
}
