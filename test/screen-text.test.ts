import { test } from "uvu";
import * as assert from "uvu/assert";
import { fitText, measureText, wrapText } from "../ts-src/screen/fit";
import { glyphIndex } from "../ts-src/screen/font";
import { Surface } from "../ts-src/screen/surface";
import { clusterEnd, cpAt } from "../ts-src/screen/utf8";
import { utf8Encode } from "../ts-src/lib/text";
import { BODY16 } from "../ts-src/fonts/body16";
import { SMALL12 } from "../ts-src/fonts/small12";
import { LARGE24 } from "../ts-src/fonts/large24";
import { LARGE32 } from "../ts-src/fonts/large32";

const W = BODY16.width;

/** Renders text in BODY16 on a black strip and returns the pixels. */
function draw(text: string, width = 200): Uint16Array {
  const px = new Uint16Array(width * BODY16.height);
  new Surface(px, width, 0, BODY16.height).drawText(BODY16, 0, 0, text, 0xffff);
  return px;
}

/** The pixels of cell `i` (BODY16) as a string of 0/1 rows, for comparing glyphs. */
function cell(px: Uint16Array, i: number, width = 200): string {
  let out = "";
  for (let y = 0; y < BODY16.height; y++) {
    for (let x = 0; x < W; x++) out += px[y * width + i * W + x] !== 0 ? "1" : "0";
    out += "\n";
  }
  return out;
}

test("fonts cover Latin-1 and Latin Extended-A, the ellipsis, and the clock digits", () => {
  for (const font of [BODY16, SMALL12]) {
    for (let cp = 0x20; cp <= 0x17f; cp++) {
      if (cp >= 0x7f && cp < 0xa0) continue;
      assert.ok(glyphIndex(font, cp) >= 0, `U+${cp.toString(16)}`);
    }
    assert.ok(glyphIndex(font, 0x2026) >= 0);
    assert.ok(glyphIndex(font, 0x301) >= 0);
  }
  for (const font of [LARGE24, LARGE32]) for (const ch of "0123456789:-") assert.ok(glyphIndex(font, ch.codePointAt(0)!) >= 0);
  assert.is(glyphIndex(BODY16, 0x4e00), -1);
  assert.is(glyphIndex(BODY16, 0x1f600), -1);
});

test("UTF-8 stepping: code points, clusters with marks, ZWJ sequences", () => {
  const b = utf8Encode("e\u0301x\u{1F468}\u200D\u{1F469}\u200D\u{1F467}y");
  assert.is(cpAt(b, 0), 0x65);
  assert.is(clusterEnd(b, 0), 3); // e + U+0301 (2 bytes)
  assert.is(cpAt(b, 3), 0x78);
  assert.is(clusterEnd(b, 4), b.length - 1); // the whole family is one character
  const bad = new Uint8Array([0xe2, 0x82, 0x41]);
  assert.is(cpAt(bad, 0), 0xfffd);
  assert.is(clusterEnd(bad, 0), 1);
});

test("measure counts characters, not bytes or marks", () => {
  assert.is(measureText(BODY16, "abc"), 3 * W);
  assert.is(measureText(BODY16, "Příčná"), 6 * W);
  assert.is(measureText(BODY16, "Cafe\u0301"), 4 * W);
  assert.is(measureText(BODY16, "\u{1F44D}\u{1F3FD}"), W); // thumbs up with skin tone
  assert.is(measureText(BODY16, "会議"), 2 * W);
  assert.is(measureText(BODY16, ""), 0);
});

test("fitText keeps text that fits and otherwise ends in one ellipsis within the width", () => {
  assert.is(fitText(BODY16, "Buy milk", 8 * W), "Buy milk");
  assert.is(fitText(BODY16, "Buy milk today", 8 * W), "Buy mil\u2026");
  assert.is(fitText(BODY16, "Buy milk today", 5 * W), "Buy\u2026"); // no space before the ellipsis
  assert.is(fitText(BODY16, "Žluťoučký kůň", 6 * W), "Žluťo\u2026");
  assert.is(fitText(BODY16, "Cafe\u0301 crème", 5 * W), "Cafe\u0301\u2026"); // mark stays with its letter
  assert.is(fitText(BODY16, "\u{1F389}\u{1F389}\u{1F389}", 2 * W), "\u{1F389}\u2026");
  assert.is(fitText(BODY16, "abc", W - 1), "");
  for (let width = W; width < 30 * W; width += 3) {
    const s = fitText(BODY16, "Fix the bike's rear brake which squeaks when it rains", width);
    assert.ok(measureText(BODY16, s) <= width, `${width}: ${s}`);
  }
});

test("wrapText breaks at spaces, splits overlong words, and ellipsises the last line", () => {
  assert.equal(wrapText(BODY16, "Open the setup page to enter the server", 16 * W, 3), ["Open the setup", "page to enter", "the server"]);
  assert.equal(wrapText(BODY16, "Open the setup page to enter the server", 16 * W, 2), ["Open the setup", "page to enter t\u2026"]);
  assert.equal(wrapText(BODY16, "Donaudampfschifffahrt", 8 * W, 3), ["Donaudam", "pfschiff", "fahrt"]);
  assert.equal(wrapText(BODY16, "line one\nline two", 20 * W, 3), ["line one", "line two"]);
  assert.equal(wrapText(BODY16, "one\ntwo\nthree", 20 * W, 2), ["one", "two\u2026"]);
  assert.equal(wrapText(BODY16, "line one\n\n", 20 * W, 1), ["line one"]);
  assert.equal(wrapText(BODY16, "  ", 8 * W, 2), []);
  assert.equal(wrapText(BODY16, "ab cd", 2 * W, 5), ["ab", "cd"]);
});

test("combining marks are drawn over the previous letter, leaving the next cell alone", () => {
  const composed = draw("\u00e9x");
  const decomposed = draw("e\u0301x");
  const plain = draw("ex");
  assert.is.not(cell(decomposed, 0), cell(plain, 0), "the accent is visible");
  assert.is(cell(decomposed, 1), cell(plain, 1));
  assert.is(cell(composed, 1), cell(plain, 1));
  // The mark adds pixels to the plain letter and removes none.
  const withMark = cell(decomposed, 0), without = cell(plain, 0);
  for (let i = 0; i < without.length; i++) if (without[i] === "1") assert.is(withMark[i], "1");
});

test("emoji, CJK and unknown characters get the same visible box; a ZWJ sequence gets one", () => {
  const px = draw("\u{1F600}会\u0378\u{1F468}\u200D\u{1F469}z");
  const box = cell(px, 0);
  assert.ok(box.includes("1"), "the box is visible");
  assert.is(cell(px, 1), box);
  assert.is(cell(px, 2), box);
  assert.is(cell(px, 3), box);
  assert.is(cell(px, 4), cell(draw("z"), 0));
});

test("text is clipped to the band and the frame edge", () => {
  const width = 20;
  const px = new Uint16Array(width * 4);
  const s = new Surface(px, width, 6, 10);
  s.drawText(BODY16, 10, 0, "HHHHHHHH", 0xffff);
  const full = new Uint16Array(width * BODY16.height);
  new Surface(full, width, 0, BODY16.height).drawText(BODY16, 10, 0, "HHHHHHHH", 0xffff);
  assert.equal(Array.from(px), Array.from(full.subarray(6 * width, 10 * width)));
  assert.ok(Array.from(full).some((p, i) => p !== 0 && i % width >= 10));
});

test.run();
