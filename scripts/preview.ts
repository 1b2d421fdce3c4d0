// Renders every screen state and layout to PNG so they can be reviewed side by side.
// Usage: npm run -s preview -- [--out DIR]   (default out/preview; also writes all.png, a contact sheet)
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { ScreenModel } from "../ts-src/screen/screen";
import { renderBand } from "../ts-src/screen/render";
import { screenCases } from "../test/fixtures/screen/cases";

/** Renders a whole frame. */
export function renderFrame(model: ScreenModel): Uint16Array {
  const pixels = new Uint16Array(model.width * model.height);
  renderBand(model, 0, model.height, pixels);
  return pixels;
}

/** RGB565 pixels as an RGBA image, each channel widened by repeating its high bits. */
export function toImage(pixels: Uint16Array, width: number, height: number): PNG {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    const p = pixels[i]!;
    const r = (p >> 11) & 0x1f, g = (p >> 5) & 0x3f, b = p & 0x1f;
    png.data[i * 4] = (r << 3) | (r >> 2);
    png.data[i * 4 + 1] = (g << 2) | (g >> 4);
    png.data[i * 4 + 2] = (b << 3) | (b >> 2);
    png.data[i * 4 + 3] = 255;
  }
  return png;
}

/** PNG file bytes of RGB565 pixels. */
export function toPng(pixels: Uint16Array, width: number, height: number): Buffer {
  return PNG.sync.write(toImage(pixels, width, height));
}

/** Tiles images into one sheet, one row per panel size. */
function contactSheet(rows: PNG[][]): PNG {
  const gap = 8;
  const width = Math.max(...rows.map((r) => r.reduce((w, p) => w + p.width + gap, gap)));
  const height = rows.reduce((h, r) => h + Math.max(...r.map((p) => p.height)) + gap, gap);
  const sheet = new PNG({ width, height });
  sheet.data.fill(0x40);
  let y = gap;
  for (const row of rows) {
    let x = gap;
    for (const img of row) {
      PNG.bitblt(img, sheet, 0, 0, img.width, img.height, x, y);
      x += img.width + gap;
    }
    y += Math.max(...row.map((p) => p.height)) + gap;
  }
  return sheet;
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf("--out");
  const dir = at >= 0 && args[at + 1] ? args[at + 1]! : join("out", "preview");
  mkdirSync(dir, { recursive: true });
  const bySize = new Map<string, PNG[]>();
  for (const c of screenCases()) {
    const m = c.model;
    const started = process.hrtime.bigint();
    const pixels = renderFrame(m);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const img = toImage(pixels, m.width, m.height);
    writeFileSync(join(dir, `${c.name}.png`), PNG.sync.write(img));
    const size = `${m.width}x${m.height}`;
    if (!bySize.has(size)) bySize.set(size, []);
    bySize.get(size)!.push(img);
    console.log(`${c.name}.png  ${ms.toFixed(2)} ms`);
  }
  writeFileSync(join(dir, "all.png"), PNG.sync.write(contactSheet([...bySize.values()])));
  console.log(`wrote ${dir}/all.png`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ""))) main();
