import { test } from "uvu";
import * as assert from "uvu/assert";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { pageCount, renderBand, swapBytes } from "../ts-src/screen/render";
import { stripHeight } from "../ts-src/screen/status";
import { ScreenModel } from "../ts-src/screen/screen";
import { renderFrame, toImage, toPng } from "../scripts/preview";
import { screenCases } from "./fixtures/screen/cases";

// Golden frames: test/fixtures/screen/<case>.png plus SHA-256 of the RGB565 buffer (little-endian
// pixels) in golden.json. Regenerate after an intended change with UPDATE_GOLDEN=1 and look at them.
const FIXTURES = join(import.meta.dirname, "fixtures", "screen");
const GOLDEN = join(FIXTURES, "golden.json");
const DIFF_DIR = join(import.meta.dirname, "..", "build", "screen-diff");
const update = process.env.UPDATE_GOLDEN === "1";

/** SHA-256 of the pixels as little-endian RGB565 bytes. */
function pixelHash(pixels: Uint16Array): string {
  const bytes = Buffer.alloc(pixels.length * 2);
  pixels.forEach((p, i) => bytes.writeUInt16LE(p, i * 2));
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes the actual frame and a diff (changed pixels magenta over a dimmed golden) for review. */
function writeDiff(name: string, actual: Uint16Array, model: ScreenModel): string {
  mkdirSync(DIFF_DIR, { recursive: true });
  writeFileSync(join(DIFF_DIR, `${name}-actual.png`), toPng(actual, model.width, model.height));
  const goldenPath = join(FIXTURES, `${name}.png`);
  if (!existsSync(goldenPath)) return DIFF_DIR;
  const golden = PNG.sync.read(readFileSync(goldenPath));
  const mine = toImage(actual, model.width, model.height);
  const diff = new PNG({ width: model.width, height: model.height });
  for (let i = 0; i < model.width * model.height * 4; i += 4) {
    const same = [0, 1, 2].every((c) => golden.data[i + c] === mine.data[i + c]);
    diff.data[i] = same ? golden.data[i]! >> 2 : 255;
    diff.data[i + 1] = same ? golden.data[i + 1]! >> 2 : 0;
    diff.data[i + 2] = same ? golden.data[i + 2]! >> 2 : 255;
    diff.data[i + 3] = 255;
  }
  writeFileSync(join(DIFF_DIR, `${name}-diff.png`), PNG.sync.write(diff));
  return DIFF_DIR;
}

test("every case matches its golden hash and PNG", () => {
  const golden: Record<string, string> = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, "utf8")) : {};
  const next: Record<string, string> = {};
  const failures: string[] = [];
  for (const c of screenCases()) {
    const pixels = renderFrame(c.model);
    const hash = pixelHash(pixels);
    next[c.name] = hash;
    if (update) {
      writeFileSync(join(FIXTURES, `${c.name}.png`), toPng(pixels, c.model.width, c.model.height));
      continue;
    }
    const png = PNG.sync.read(readFileSync(join(FIXTURES, `${c.name}.png`)));
    const pngMatches = Buffer.compare(png.data, toImage(pixels, c.model.width, c.model.height).data) === 0;
    if (golden[c.name] !== hash || !pngMatches) failures.push(`${c.name} (see ${writeDiff(c.name, pixels, c.model)})`);
  }
  if (update) writeFileSync(GOLDEN, JSON.stringify(next, null, 2) + "\n");
  assert.equal(failures, [], `frames differ from the goldens: ${failures.join(", ")}`);
  if (!update) assert.equal(Object.keys(golden).sort(), Object.keys(next).sort());
});

test("rendering in bands gives the same pixels as one full frame", () => {
  for (const c of screenCases()) {
    const { width, height } = c.model;
    const full = renderFrame(c.model);
    for (const bands of [4, 7]) {
      const rows = Math.ceil(height / bands);
      const joined = new Uint16Array(width * height);
      for (let y0 = 0; y0 < height; y0 += rows) {
        const y1 = Math.min(height, y0 + rows);
        const band = new Uint16Array(width * (y1 - y0));
        band.fill(0xabcd); // the renderer must paint every pixel of the band
        renderBand(c.model, y0, y1, band);
        joined.set(band, y0 * width);
      }
      assert.ok(Buffer.compare(Buffer.from(joined.buffer), Buffer.from(full.buffer)) === 0, `${c.name} in ${bands} bands`);
    }
  }
});

test("pages rotate: page numbers wrap modulo the page count", () => {
  const c = screenCases().find((x) => x.name === "320x170-list")!;
  const pages = pageCount(c.model);
  assert.ok(pages >= 2, `sample list should need several pages, got ${pages}`);
  const first = pixelHash(renderFrame(c.model));
  const second = pixelHash(renderFrame({ ...c.model, page: 1 }));
  assert.is.not(first, second);
  assert.is(pixelHash(renderFrame({ ...c.model, page: pages })), first);
  assert.is(pixelHash(renderFrame({ ...c.model, page: -pages + 1 })), second);
});

test("page count: 13 tasks plus two \"+N more\" rows over 6, 7 and 8 rows per page", () => {
  const pages = (name: string) => pageCount(screenCases().find((x) => x.name === name)!.model);
  assert.is(pages("320x170-list"), 3);
  assert.is(pages("170x320-list"), 3);
  assert.is(pages("320x240-list"), 2);
  assert.is(pages("320x170-empty"), 1);
  assert.is(pages("320x170-setup"), 1);
});

test("the list shows the last poll time, and the offline strip the time since when", () => {
  const c = screenCases().find((x) => x.name === "320x240-offline")!;
  const online = pixelHash(renderFrame({ ...c.model, state: "ok", lastPoll: c.model.now - 60 }));
  const offline = pixelHash(renderFrame(c.model));
  const earlier = pixelHash(renderFrame({ ...c.model, lastPoll: c.model.lastPoll - 3600 }));
  assert.is.not(online, offline);
  assert.is.not(offline, earlier);
});

test("a good poll that could not read an object says so in the strip", () => {
  const c = screenCases().find((x) => x.name === "320x240-offline")!;
  const ok = { ...c.model, state: "ok" as const, message: "", lastPoll: c.model.now - 60 };
  const plain = renderFrame(ok);
  const noted = renderFrame({ ...ok, message: "1 calendar object could not be read" });
  assert.is.not(pixelHash(noted), pixelHash(plain));
  assert.ok(stripHeight({ ...ok, message: "1 calendar object could not be read" }) > 0);
  assert.is(stripHeight(ok), 0);
});

test("swapBytes gives the big-endian order an ST7789 expects", () => {
  const px = new Uint16Array([0xf800, 0x07e0, 0x1234]);
  swapBytes(px, 2);
  assert.equal(Array.from(px), [0x00f8, 0xe007, 0x1234]);
});

test("frame time per layout under Node", () => {
  for (const name of ["320x170-list", "170x320-list", "320x240-list"]) {
    const m = screenCases().find((x) => x.name === name)!.model;
    const pixels = new Uint16Array(m.width * m.height);
    for (let i = 0; i < 20; i++) renderBand(m, 0, m.height, pixels);
    const n = 200;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) renderBand(m, 0, m.height, pixels);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / n;
    console.log(`  ${name}: ${ms.toFixed(3)} ms per full frame (Node ${process.version})`);
    assert.ok(ms < 50);
  }
});

test.run();
