// `npm run -s codegen -- ENTRY.ts --out DIR [--lib]`: compiles ENTRY.ts and its imports to C in DIR.
// --lib compiles for a driver (no main(); the driver calls nd_program_init and the exports).
// `npm run codegen` starts it through codegen/run.mjs (a prepared Node snapshot); `tsx codegen/cli.ts`
// runs the same code straight from the sources.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { compile } from "./compile";
import { formatDiagnostic } from "./diagnostics";

/** Runs the command line ARGS (without node and script) and returns the process exit code. */
export function runCli(args: string[]): number {
  let entry: string | null = null;
  let out: string | null = null;
  let lib = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--out") {
      out = args[++i] ?? null;
      if (out === null) return usage();
    } else if (a === "--lib") lib = true;
    else if (a.startsWith("-")) return usage();
    else entry = a;
  }
  if (!entry || !out) return usage();

  const result = compile(entry, { program: !lib });
  if (result.tsErrors.length || result.diagnostics.length) {
    for (const e of result.tsErrors) console.error(e);
    for (const d of result.diagnostics) console.error(formatDiagnostic(d));
    const n = result.tsErrors.length + result.diagnostics.length;
    console.error(`${n} error${n === 1 ? "" : "s"}; no C written`);
    return 1;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, text] of result.files) writeFileSync(join(out, name), text);
  return 0;
}

function usage(): number {
  console.error("usage: codegen ENTRY.ts --out DIR [--lib]");
  return 2;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = runCli(process.argv.slice(2));
