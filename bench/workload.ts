// The one workload every parse + classify engine gets: deterministic generated multistatus
// bodies (test/fixtures/tasks/generate.ts, seed 42) classified at one instant in one zone.
// `npx tsx bench/workload.ts N > FILE` writes the body of N tasks.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { randomBody } from "../test/fixtures/tasks/generate";

/** 2026-11-15T12:00:00Z: inside the generated due dates (Oct–Dec 2026), so every kind occurs. */
export const BENCH_NOW = Date.UTC(2026, 10, 15, 12) / 1000;
export const BENCH_TZ = "Europe/Berlin";
export const TOP_K = 64;
export const SEED = 42;

/** Writes the body of n tasks into dir (once per run of the bench); returns its path and size. */
export function writeBody(dir: string, n: number): { path: string; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const body = randomBody(SEED, n);
  const path = join(dir, `body-${n}.xml`);
  writeFileSync(path, body);
  return { path, bytes: body.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stdout.write(randomBody(SEED, Number(process.argv[2])));
}
