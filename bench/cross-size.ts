// Portable-core code size: runs scripts/cross.ts (what `npm run -s cross` runs after setup) and
// reads the totals off its summary line.
import { run } from "../test/harness/c-runner";
import type { CrossSizes } from "./results";

const COMMAND = "npx tsx scripts/cross.ts";

/** Parses the last line of scripts/cross.ts; null when it has no totals. */
export function parseCrossSummary(out: string): Omit<CrossSizes, "command"> | null {
  const line = out.trim().split("\n").filter((l) => l.startsWith("cross:")).pop() ?? "";
  const m = /rv32imac text (\d+) data (\d+) bss (\d+), xtensa-lx106 text (\d+) data (\d+) bss (\d+)/.exec(line);
  if (!m) return null;
  const n = m.slice(1).map(Number);
  return { rv32: { text: n[0]!, data: n[1]!, bss: n[2]! }, xtensa: { text: n[3]!, data: n[4]!, bss: n[5]! }, summary: line };
}

/** The sizes, or why there are none. */
export async function crossSizes(): Promise<CrossSizes | string> {
  const r = await run("sh", ["-c", COMMAND], { timeoutMs: 1_800_000 });
  const parsed = parseCrossSummary(r.stdout);
  if (!parsed) return `${COMMAND} exited ${r.code}: ${(r.stdout + r.stderr).trim().split("\n").slice(-3).join(" | ")}`;
  return { ...parsed, command: COMMAND };
}
