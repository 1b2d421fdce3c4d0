// The header (clock, date, connection), the status strip and the full-screen states.
import { formatDate, formatTime } from "./clock";
import { BLACK, DIM, ERROR, GOOD, RULE, TEXT, WARN } from "./color";
import { BitmapFont } from "./font";
import { fitText, measureText, wrapText } from "./fit";
import { Geometry, isStale } from "./geometry";
import { ICON_AUTH, ICON_CONNECTING, ICON_OFFLINE, ICON_OK, ICON_SETUP, ICON_SIZE, ICON_TLS } from "./icons";
import { ScreenModel } from "./screen";
import { Surface } from "./surface";
import { BODY16 } from "../fonts/body16";
import { LARGE24 } from "../fonts/large24";
import { SMALL12 } from "../fonts/small12";

/** Icon for the connection state. */
function stateIcon(model: ScreenModel): number[] {
  switch (model.state) {
    case "setup":
      return ICON_SETUP;
    case "connecting":
      return ICON_CONNECTING;
    case "ok":
      return ICON_OK;
    case "offline":
      return ICON_OFFLINE;
    case "auth":
      return ICON_AUTH;
    case "tls":
      return ICON_TLS;
  }
}

/** Colour for the connection state: green when current, amber when degraded, red when action is needed. */
function stateColor(model: ScreenModel): number {
  switch (model.state) {
    case "setup":
    case "connecting":
      return DIM;
    case "ok":
      return isStale(model) || model.message !== "" ? WARN : GOOD;
    case "offline":
      return WARN;
    case "auth":
    case "tls":
      return ERROR;
  }
}

/** UTC seconds before 2020: the clock has not been set yet (no SNTP answer since boot). */
const CLOCK_SET_AFTER = 1577836800;

/** True once the device knows the time. */
function hasClock(model: ScreenModel): boolean {
  return model.now >= CLOCK_SET_AFTER;
}

/** Draws the clock, the date and the connection state with the time of the last good poll. */
export function drawHeader(s: Surface, model: ScreenModel, g: Geometry): void {
  const known = hasClock(model);
  const clock = known ? formatTime(model.now, model.utcOffset) : "--:--";
  const cy = Math.floor((g.headerHeight - 1 - g.clockFont.height) / 2);
  s.drawText(g.clockFont, 6, cy, clock, TEXT);
  const date = known ? formatDate(model.now, model.utcOffset) : "";
  const polled = model.lastPoll > 0 ? formatTime(model.lastPoll, model.utcOffset) : "";
  const right = s.width - 6;
  if (g.portrait) {
    s.drawText(SMALL12, right - measureText(SMALL12, date), 6, date, DIM);
    const w = measureText(SMALL12, polled);
    s.drawText(SMALL12, right - w, 25, polled, stateColor(model));
    s.drawIcon(stateIcon(model), right - w - (w > 0 ? 4 : 0) - ICON_SIZE, 25, 1, stateColor(model));
  } else {
    const mid = Math.floor((g.headerHeight - 1 - BODY16.height) / 2);
    s.drawText(BODY16, 6 + 5 * g.clockFont.width + 10, mid, date, DIM);
    const w = measureText(BODY16, polled);
    s.drawText(BODY16, right - w, mid, polled, stateColor(model));
    const iy = Math.floor((g.headerHeight - 1 - ICON_SIZE) / 2);
    s.drawIcon(stateIcon(model), right - w - (w > 0 ? 6 : 0) - ICON_SIZE, iy, 1, stateColor(model));
  }
  s.fillRect(0, g.headerHeight - 1, s.width, 1, RULE);
}

/** What the status strip says, or "" when all is well. */
function stripText(model: ScreenModel): string {
  const since = formatTime(model.lastPoll, model.utcOffset);
  const detail = model.message === "" ? "" : `: ${model.message}`;
  switch (model.state) {
    case "offline":
      return `Offline since ${since}${detail}`;
    case "auth":
      return model.message === "" ? "Sign-in failed: check user and password" : `Sign-in failed${detail}`;
    case "tls":
      return `TLS failed${detail}`;
    case "ok":
      // a good poll's message says what it could not read (a task file the server holds broken)
      return isStale(model) ? `Not updated since ${since}` : model.message;
    case "setup":
    case "connecting":
      return "";
  }
}

/** The strip's lines for the panel width (at most two). */
function stripLines(model: ScreenModel): string[] {
  const text = model.lastPoll > 0 ? stripText(model) : "";
  return text === "" ? [] : wrapText(SMALL12, text, model.width - 8, 2);
}

/** Height of the status strip shown above the footer, 0 when there is none. */
export function stripHeight(model: ScreenModel): number {
  const n = stripLines(model).length;
  return n === 0 ? 0 : n * 13 + 4;
}

/** Draws the status strip with its top at y: a coloured bar saying what is wrong and since when. */
export function drawStrip(s: Surface, model: ScreenModel, y: number): void {
  const lines = stripLines(model);
  if (lines.length === 0) return;
  s.fillRect(0, y, s.width, lines.length * 13 + 4, stateColor(model));
  for (let i = 0; i < lines.length; i++) s.drawText(SMALL12, 4, y + 2 + i * 13, lines[i], BLACK);
}

/** True when the full-screen state is "nothing to do" rather than a connection state. */
function isAllDone(model: ScreenModel): boolean {
  return model.state !== "setup" && (model.lastPoll > 0 || model.state === "ok");
}

/** Title of the full-screen state: what a person should understand at a glance. */
function stateTitle(model: ScreenModel): string {
  if (isAllDone(model)) return "All done";
  switch (model.state) {
    case "setup":
      return "Not set up";
    case "connecting":
      return "Connecting\u2026";
    case "ok":
      return "All done";
    case "offline":
      return "Offline";
    case "auth":
      return "Sign-in failed";
    case "tls":
      return "TLS failed";
  }
}

/** Explanation under the title; the driver's message when it has one. */
function stateDetail(model: ScreenModel): string {
  if (isAllDone(model)) return "No open tasks";
  if (model.message !== "") return model.message;
  switch (model.state) {
    case "setup":
      return "Open the setup page to enter the CalDAV server";
    case "auth":
      return "Check the user name and password";
    case "offline":
      return "No network";
    case "connecting":
    case "tls":
    case "ok":
      return "";
  }
}

/** True when the screen shows a state instead of the task list. */
export function showsState(model: ScreenModel): boolean {
  return model.state === "setup" || model.lastPoll === 0 || model.tasks.length === 0;
}

/** Draws one line centred horizontally. */
function centered(s: Surface, font: BitmapFont, y: number, text: string, color: number): void {
  const t = fitText(font, text, s.width - 8);
  s.drawText(font, Math.floor((s.width - measureText(font, t)) / 2), y, t, color);
}

/** Draws the full-screen state (first start, connecting, errors before any data, no tasks) between top and bottom. */
export function drawState(s: Surface, model: ScreenModel, top: number, bottom: number): void {
  const empty = isAllDone(model);
  const title = stateTitle(model);
  const titleFont = measureText(LARGE24, title) <= s.width - 8 ? LARGE24 : BODY16;
  const detail = wrapText(BODY16, stateDetail(model), s.width - 16, 3);
  const scale = 3;
  const block = ICON_SIZE * scale + 10 + titleFont.height + 6 + detail.length * 18;
  let y = top + Math.max(4, Math.floor((bottom - top - block) / 2));
  const color = empty ? GOOD : stateColor(model);
  s.drawIcon(empty ? ICON_OK : stateIcon(model), Math.floor((s.width - ICON_SIZE * scale) / 2), y, scale, color);
  y += ICON_SIZE * scale + 10;
  centered(s, titleFont, y, title, TEXT);
  y += titleFont.height + 6;
  for (const line of detail) {
    centered(s, BODY16, y, line, DIM);
    y += 18;
  }
}
