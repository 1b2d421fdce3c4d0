// Where the parts of the screen go for a panel size: landscape rows or portrait two-line rows.
import { BitmapFont } from "./font";
import { ScreenModel } from "./screen";
import { LARGE24 } from "../fonts/large24";
import { LARGE32 } from "../fonts/large32";

/** Seconds after the last good poll from which the screen says the list may be out of date. */
export const STALE_AFTER = 30 * 60;

/** Sizes of the regions of one layout. */
export interface Geometry {
  /** Two-line task rows (summary above, due below) for narrow panels. */
  portrait: boolean;
  clockFont: BitmapFont;
  headerHeight: number;
  rowHeight: number;
  footerHeight: number;
}

/** The layout for the model's panel size. */
export function geometryFor(model: ScreenModel): Geometry {
  if (model.height > model.width) {
    const portrait: Geometry = { portrait: true, clockFont: LARGE32, headerHeight: 44, rowHeight: 36, footerHeight: 20 };
    return portrait;
  }
  if (model.height >= 200) {
    const tall: Geometry = { portrait: false, clockFont: LARGE32, headerHeight: 42, rowHeight: 22, footerHeight: 22 };
    return tall;
  }
  const wide: Geometry = { portrait: false, clockFont: LARGE24, headerHeight: 30, rowHeight: 20, footerHeight: 18 };
  return wide;
}

/** True when the model's data is older than it should be although the last poll worked. */
export function isStale(model: ScreenModel): boolean {
  return model.lastPoll > 0 && model.now - model.lastPoll > STALE_AFTER;
}
