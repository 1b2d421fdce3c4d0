// Builds a host program from a compiled TypeScript entry (codegen --lib) and a C driver, cached in
// build/core/ by a hash of every input, so repeated runs cost one stat of the sources.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "../codegen/compile";
import { formatDiagnostic } from "../codegen/diagnostics";
import { writeFileSync } from "node:fs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|c|h)$/.test(name)) out.push(p);
  }
  return out;
}

/** Compiles `entry` with the C `driver` into an executable; returns its path. */
export function buildCoreProgram(name: string, entry: string, driver: string, cflags: string[] = ["-O2"]): string {
  const inputs = [...files(join(ROOT, "ts-src")), ...files(join(ROOT, "codegen")), join(ROOT, driver)];
  const h = createHash("sha256");
  for (const f of inputs) h.update(relative(ROOT, f)).update(readFileSync(f));
  h.update(cflags.join(" "));
  const dir = join(ROOT, "build", "core", `${name}-${h.digest("hex").slice(0, 16)}`);
  const exe = join(dir, name);
  if (existsSync(exe)) return exe;
  const tmp = `${dir}.tmp${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const result = compile(join(ROOT, entry), { program: false });
  if (result.tsErrors.length || result.diagnostics.length) {
    throw new Error([...result.tsErrors, ...result.diagnostics.map(formatDiagnostic)].join("\n"));
  }
  for (const [f, text] of result.files) writeFileSync(join(tmp, f), text);
  const sources = readdirSync(tmp).filter((f) => f.endsWith(".c")).map((f) => join(tmp, f));
  const cc = spawnSync("cc", ["-std=c99", "-Wall", "-Wextra", "-Werror", ...cflags, "-I", tmp, ...sources, join(ROOT, driver), "-o", join(tmp, name), "-lm"], { encoding: "utf8" });
  if (cc.status !== 0) throw new Error(`building ${name} failed:\n${cc.stderr}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return exe;
}
