// `npm run -s codegen -- ENTRY.ts --out DIR [--lib]`: compiles ENTRY.ts and its imports to C in DIR.
// --lib compiles for a driver (no main(); the driver calls nd_program_init and the exports).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compile } from "./compile";
import { formatDiagnostic } from "./diagnostics";

function usage(): never {
  console.error("usage: codegen ENTRY.ts --out DIR [--lib]");
  process.exit(2);
}

const args = process.argv.slice(2);
let entry: string | null = null;
let out: string | null = null;
let lib = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "--out") out = args[++i] ?? usage();
  else if (a === "--lib") lib = true;
  else if (a.startsWith("-")) usage();
  else entry = a;
}
if (!entry || !out) usage();

const result = compile(entry, { program: !lib });
if (result.tsErrors.length || result.diagnostics.length) {
  for (const e of result.tsErrors) console.error(e);
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  const n = result.tsErrors.length + result.diagnostics.length;
  console.error(`${n} error${n === 1 ? "" : "s"}; no C written`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
for (const [name, text] of result.files) writeFileSync(join(out, name), text);
