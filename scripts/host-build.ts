// Builds the host firmware programs (firmware/host/Makefile) and returns their directory.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** Repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Runs make for the host programs (sanitize = ASan+UBSan build); returns build/host[-san]. */
export function buildHost(sanitize = false): string {
  const r = spawnSync("make", ["-s", "-C", join(ROOT, "firmware/host"), ...(sanitize ? ["SANITIZE=1"] : [])], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`building firmware/host failed:\n${r.stdout}${r.stderr}`);
  return join(ROOT, "build", sanitize ? "host-san" : "host");
}
