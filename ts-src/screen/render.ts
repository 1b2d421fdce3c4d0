// Entry points for drivers: render any horizontal band of the screen into a caller's buffer.
import { BLACK } from "./color";
import { geometryFor } from "./geometry";
import { drawFooter, drawList, listPages } from "./list";
import { ScreenModel } from "./screen";
import { drawHeader, drawState, drawStrip, showsState, stripHeight } from "./status";
import { Surface } from "./surface";

/** Number of list pages for the model; the driver rotates model.page through them. */
export function pageCount(model: ScreenModel): number {
  const g = geometryFor(model);
  if (showsState(model)) return 1;
  return listPages(model, g, g.headerHeight, model.height - g.footerHeight - stripHeight(model));
}

/**
 * Renders rows y0..y1-1 of the frame for model into out, row by row, width × (y1 - y0) RGB565
 * pixels in native byte order (an ST7789 wants them big-endian: see swapBytes). Rendering all
 * bands of a frame gives exactly the pixels of rendering it whole.
 */
export function renderBand(model: ScreenModel, y0: number, y1: number, out: Uint16Array): void {
  const s = new Surface(out, model.width, y0, y1);
  s.fillRect(0, y0, model.width, y1 - y0, BLACK);
  const g = geometryFor(model);
  const strip = stripHeight(model);
  const bottom = model.height - strip;
  drawHeader(s, model, g);
  if (showsState(model)) {
    drawState(s, model, g.headerHeight, bottom);
  } else {
    const footerTop = bottom - g.footerHeight;
    drawList(s, model, g, g.headerHeight, footerTop);
    drawFooter(s, model, g, footerTop, pageCount(model));
  }
  drawStrip(s, model, bottom);
}

/** Swaps the two bytes of the first n pixels, for panels that take RGB565 big-endian. */
export function swapBytes(pixels: Uint16Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const p = pixels[i];
    pixels[i] = ((p & 0xff) << 8) | (p >> 8);
  }
}
