// Runs every uvu suite (test/**/*.test.ts) in its own process and closes with one summary line,
// "N passed, N failed", so a reader (or CI) sees the totals without parsing uvu's layout.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const filter = process.argv[2] ? new RegExp(process.argv[2]) : null;
function suites(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== "fixtures") out.push(...suites(p)); }
    else if (name.endsWith(".test.ts") && (!filter || filter.test(p))) out.push(p);
  }
  return out;
}

let passed = 0, failed = 0, skipped = 0;
const broken = [];
for (const file of suites("test")) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
  const text = (r.stdout ?? "") + (r.stderr ?? "");
  const num = (label) => Number((text.match(new RegExp(`${label}:\\s+(\\d+)`)) ?? [0, 0])[1]);
  const total = num("Total"), ok = num("Passed"), skip = num("Skipped");
  const bad = r.status !== 0 || ok + skip < total ? Math.max(total - ok - skip, 1) : 0;
  passed += ok; skipped += skip; failed += bad;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${bad ? "FAIL" : "ok  "} ${file} (${ok}/${total}, ${secs}s)`);
  if (bad) { broken.push(file); process.stdout.write(text.split("\n").map((l) => "    " + l).join("\n") + "\n"); }
}
if (broken.length) console.log(`failing suites: ${broken.join(", ")}`);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
process.exit(failed ? 1 : 0);
