// The palette, as RGB565 values in native order (drivers for big-endian panels swap bytes).

/** RGB565 value of an 8-bit-per-channel colour. */
export function rgb(r: number, g: number, b: number): number {
  return ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
}

export const BLACK = rgb(0, 0, 0);
export const WHITE = rgb(255, 255, 255);
export const TEXT = rgb(236, 236, 236);
export const DIM = rgb(150, 150, 150);
export const RULE = rgb(70, 70, 70);
export const OVERDUE = rgb(255, 72, 72);
export const TODAY = rgb(255, 160, 40);
export const UPCOMING = rgb(90, 190, 255);
export const LATER = rgb(170, 150, 255);
export const UNDATED = rgb(160, 160, 160);
export const GOOD = rgb(80, 210, 120);
export const WARN = rgb(255, 190, 40);
export const ERROR = rgb(255, 72, 72);
export const PRIORITY = rgb(255, 90, 200);
