// `npm run demo` end to end: real Radicale and Caddy, one poll of the host firmware; the printed
// list must hold every kind of sample task and out/screen.png must be a fresh frame of the panel.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { ROOT } from "../scripts/host-build";

test("the demo polls once, lists the sample tasks and writes the screen", () => {
  const started = Date.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/demo.ts")], { cwd: ROOT, encoding: "utf8", timeout: 600000 });
  assert.is(r.status, 0, r.stdout + r.stderr);
  const listed = r.stdout.split("\n").filter((l) => /^ {2}(overdue|today|upcoming|later|undated) /.test(l));
  assert.equal(new Set(listed.map((l) => l.trim().split(/\s+/)[0])), new Set(["overdue", "today", "upcoming", "later", "undated"]));
  assert.ok(listed.some((l) => l.includes("Bäckerei: Brötchen für Zoë")), r.stdout);
  assert.ok(listed.some((l) => l.includes("Take out the bins")), r.stdout);
  assert.not.ok(r.stdout.includes("Buy milk"), "a completed task is listed");
  assert.match(r.stdout, /TLSv1\.3/);
  const screen = join(ROOT, "out", "screen.png");
  assert.ok(statSync(screen).mtimeMs >= started - 1000, "out/screen.png was not written by this run");
  const png = PNG.sync.read(readFileSync(screen));
  assert.is(png.width, 320);
  assert.is(png.height, 170);
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  assert.ok(colours.size > 8, `only ${colours.size} colours: not a task list`);
});

test.run();
