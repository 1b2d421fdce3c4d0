// The task list: rows per task with kind icon, summary and due phrase, "+N more" rows, paging, footer counts.
import { duePhrase } from "./clock";
import { DIM, PRIORITY, RULE, TEXT } from "./color";
import { fitText, measureText, wrapText } from "./fit";
import { Geometry } from "./geometry";
import { ICON_SIZE } from "./icons";
import { countOf, KINDS, kindColor, kindIcon, kindWord } from "./kinds";
import { ScreenModel } from "./screen";
import { Surface } from "./surface";
import { Kind, Task } from "../tasks/model";
import { BODY16 } from "../fonts/body16";
import { SMALL12 } from "../fonts/small12";

/** One row of the list: a task (more = 0), or the number of tasks of a kind not in the list (task null). */
interface Row {
  task: Task | null;
  kind: Kind;
  more: number;
}

/** Highest priorities (1-4 in RFC 5545 terms) get a marker. */
function isHighPriority(task: Task): boolean {
  return task.priority >= 1 && task.priority <= 4;
}

/** The list's rows: each kind's tasks in model order, then "+N more" when counts exceed them. */
function rowsOf(model: ScreenModel): Row[] {
  const rows: Row[] = [];
  for (const kind of KINDS) {
    let listed = 0;
    for (const task of model.tasks) {
      if (task.kind !== kind) continue;
      const row: Row = { task: task, kind: kind, more: 0 };
      rows.push(row);
      listed++;
    }
    const more = countOf(model.counts, kind) - listed;
    if (more > 0) {
      const row: Row = { task: null, kind: kind, more: more };
      rows.push(row);
    }
  }
  return rows;
}

/** Rows that fit on one page between top and bottom. */
function rowsPerPage(g: Geometry, top: number, bottom: number): number {
  return Math.max(1, Math.floor((bottom - top) / g.rowHeight));
}

/** Number of pages the list needs between top and bottom. */
export function listPages(model: ScreenModel, g: Geometry, top: number, bottom: number): number {
  return Math.max(1, Math.ceil(rowsOf(model).length / rowsPerPage(g, top, bottom)));
}

/** model.page reduced to 0..pages-1 (the driver may count up forever). */
function pageIndex(model: ScreenModel, pages: number): number {
  return ((model.page % pages) + pages) % pages;
}

/** Draws one task row with its top at y. */
function drawTask(s: Surface, model: ScreenModel, g: Geometry, task: Task, y: number): void {
  const color = kindColor(task.kind);
  const due = duePhrase(task, model.now, model.utcOffset);
  const right = s.width - 4;
  let x = 20;
  if (g.portrait) {
    s.drawIcon(kindIcon(task.kind), 4, y + 4, 1, color);
    if (isHighPriority(task)) {
      s.drawText(BODY16, x, y + 2, "!", PRIORITY);
      x += 10;
    }
    if (due === "") {
      // No due line: the summary may take both lines.
      const lines = wrapText(BODY16, task.summary, right - x, 2);
      for (let i = 0; i < lines.length; i++) s.drawText(BODY16, x, y + 2 + i * 16, lines[i], TEXT);
      return;
    }
    s.drawText(BODY16, x, y + 2, fitText(BODY16, task.summary, right - x), TEXT);
    s.drawText(SMALL12, 20, y + 20, due, color);
    return;
  }
  const dueWidth = measureText(SMALL12, due);
  s.drawIcon(kindIcon(task.kind), 4, y + Math.floor((g.rowHeight - ICON_SIZE) / 2), 1, color);
  const ty = y + Math.floor((g.rowHeight - BODY16.height) / 2);
  if (isHighPriority(task)) {
    s.drawText(BODY16, x, ty, "!", PRIORITY);
    x += 10;
  }
  const room = right - x - (dueWidth > 0 ? dueWidth + 8 : 0);
  s.drawText(BODY16, x, ty, fitText(BODY16, task.summary, room), TEXT);
  s.drawText(SMALL12, right - dueWidth, y + Math.floor((g.rowHeight - SMALL12.height) / 2) + 1, due, color);
}

/** Draws a "+N more …" row with its top at y. */
function drawMore(s: Surface, g: Geometry, row: Row, y: number): void {
  const ty = g.portrait ? y + 2 : y + Math.floor((g.rowHeight - BODY16.height) / 2);
  const count = String(row.more);
  const text = fitText(BODY16, `+${count} more ${kindWord(row.kind)}`, s.width - 24);
  s.drawText(BODY16, 20, ty, text, kindColor(row.kind));
}

/** Draws the page of the list selected by model.page between top and bottom. */
export function drawList(s: Surface, model: ScreenModel, g: Geometry, top: number, bottom: number): void {
  const rows = rowsOf(model);
  const perPage = rowsPerPage(g, top, bottom);
  const pages = Math.max(1, Math.ceil(rows.length / perPage));
  const page = pageIndex(model, pages);
  const end = Math.min(rows.length, (page + 1) * perPage);
  for (let i = page * perPage; i < end; i++) {
    const y = top + (i - page * perPage) * g.rowHeight;
    if (y >= s.y1 || y + g.rowHeight <= s.y0) continue;
    const row = rows[i];
    if (row.more === 0) drawTask(s, model, g, row.task!, y);
    else drawMore(s, g, row, y);
    if (g.portrait && i + 1 < end) s.fillRect(20, y + g.rowHeight - 2, s.width - 24, 1, RULE);
  }
}

/** Draws the footer with its top at y: per-kind counts and, with several pages, "page/pages". */
export function drawFooter(s: Surface, model: ScreenModel, g: Geometry, y: number, pages: number): void {
  s.fillRect(0, y, s.width, 1, RULE);
  const font = g.portrait ? SMALL12 : BODY16;
  const ty = y + 1 + Math.floor((g.footerHeight - 1 - font.height) / 2);
  const iy = y + 1 + Math.floor((g.footerHeight - 1 - ICON_SIZE) / 2);
  const pageText = pages > 1 ? `${pageIndex(model, pages) + 1}/${pages}` : "";
  const limit = s.width - 4 - measureText(font, pageText) - 10;
  let x = 4;
  for (const kind of KINDS) {
    const n = countOf(model.counts, kind);
    if (n === 0) continue;
    const text = String(n);
    const w = ICON_SIZE + 3 + measureText(font, text);
    if (x + w > limit) break;
    s.drawIcon(kindIcon(kind), x, iy, 1, kindColor(kind));
    s.drawText(font, x + ICON_SIZE + 3, ty, text, kindColor(kind));
    x += w + (g.portrait ? 6 : 12);
  }
  s.drawText(font, s.width - 4 - measureText(font, pageText), ty, pageText, DIM);
}
