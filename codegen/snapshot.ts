// The compiler as one script for a Node startup snapshot (codegen/run.mjs bundles it with TypeScript
// and builds the snapshot). While the snapshot is built it compiles WARMUP_ENTRY once, so the
// snapshot holds TypeScript already loaded, the ES library's declaration files and WARMUP_ENTRY's
// modules parsed and bound (compile.ts reuses a module while its text is unchanged), and the bytecode
// of the functions a compile runs: a compile from the snapshot skips that start-up.
import { existsSync } from "node:fs";
import { startupSnapshot } from "node:v8";
import { runCli } from "./cli";
import { compile } from "./compile";

export { runCli };

/** Compiles ENTRY for its side effects on the process (caches, compiled functions), ignoring errors. */
function warmUp(entry: string): void {
  if (!existsSync(entry)) return;
  try {
    compile(entry, { program: false });
  } catch {
    // a compiler that throws on ENTRY throws again, and is reported, when it is run for real
  }
}

if (startupSnapshot.isBuildingSnapshot()) {
  warmUp(process.env["NUDGE_CODEGEN_WARMUP"] ?? "");
  startupSnapshot.setDeserializeMainFunction(() => {
    // argv is [node, ...arguments] when started from a snapshot: there is no script name
    process.exitCode = runCli(process.argv.slice(1));
  });
}
