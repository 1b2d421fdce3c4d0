// The compiler pipeline: type-check the program with TypeScript (strict), lower every module
// to C, and add the runtime, the program-wide type header and a main() for the entry.
import ts from "typescript";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { diag, type Diagnostic } from "./diagnostics";
import { emitModule, inferSlots, isIntrinsicModule, structFields, type EmittedModule } from "./emit-module";
import { TurnRelease } from "./turn-release";
import { findValueClasses } from "./value-classes";
import { modulePrefix, TypeMapper } from "./types";

const RUNTIME_DIR = join(dirname(fileURLToPath(import.meta.url)), "runtime");
const RUNTIME_FILES = ["nd_rt.h", "nd_rt.c"];
const GLOBALS = join(dirname(fileURLToPath(import.meta.url)), "globals.d.ts");

export const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noImplicitReturns: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  noEmit: true,
  skipLibCheck: true,
  lib: ["lib.es2022.d.ts"],
  types: [],
};

/**
 * Source files parsed and bound once per text. Declaration files (the ES library, globals.d.ts)
 * are most of each program's text; a module whose text has not changed since it was last compiled in
 * this process (or in the startup snapshot's warm-up) keeps its syntax tree and binding, as
 * TypeScript's language service keeps them across edits: a binding holds no checker state.
 */
const sourceCache = new Map<string, ts.SourceFile>();

function compilerHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  // ts.sys remembers the first directory it sees, which in a startup snapshot is the build's
  host.getCurrentDirectory = () => process.cwd();
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const cached = sourceCache.get(fileName);
    // the library's declaration files do not change while a process runs
    if (cached?.isDeclarationFile) return cached;
    if (cached && !shouldCreate && cached.text === host.readFile(fileName)) return cached;
    const sf = read(fileName, languageVersion, onError, shouldCreate);
    if (sf) sourceCache.set(fileName, sf);
    return sf;
  };
  return host;
}

export interface CompileResult {
  /** file name → contents; empty when there are errors */
  files: Map<string, string>;
  /** formatted TypeScript errors (TS####), reported before subset errors */
  tsErrors: string[];
  diagnostics: Diagnostic[];
}

/** Options for compiling a library (no main) for a driver instead of a program. */
export interface CompileOptions {
  /** true: ENTRY must export main() and nd_main.c calls it */
  program: boolean;
}

/** Compiles entry and its imports to C. */
export function compile(entry: string, options: CompileOptions = { program: true }): CompileResult {
  const program = ts.createProgram([resolve(entry), GLOBALS], COMPILER_OPTIONS, compilerHost());
  const own = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !sf.fileName.includes("/node_modules/"));
  const tsErrors = ts.getPreEmitDiagnostics(program)
    .filter((d) => !d.file || own.includes(d.file))
    .map(formatTsDiagnostic);
  const result: CompileResult = { files: new Map(), tsErrors, diagnostics: [] };
  if (tsErrors.length) return result;

  const checker = program.getTypeChecker();
  const entrySf = program.getSourceFile(resolve(entry))!;
  const order = initOrder(entrySf, program).filter((sf) => !isIntrinsicModule(sf));
  const seen = new Map<string, ts.SourceFile>();
  for (const sf of order) {
    const p = modulePrefix(sf);
    const prev = seen.get(p);
    if (prev) result.diagnostics.push(diag(sf.statements[0] ?? sf, "NUDGE1402", `${relative(process.cwd(), prev.fileName)} and ${relative(process.cwd(), sf.fileName)}`));
    seen.set(p, sf);
  }
  const types = new TypeMapper(checker, findValueClasses(order, checker));
  const slots = inferSlots(order, entrySf, checker, types);
  // a value class the emitter finds compared, tested or made nullable becomes a reference: then
  // everything emitted so far is emitted again (each round demotes one class at least)
  let modules: EmittedModule[];
  let typesHeader: string;
  const early = result.diagnostics;
  do {
    // demotions while inferring the integer slots needed no second round
    types.settle();
    result.diagnostics = [...early];
    const turns = new TurnRelease(checker, types);
    modules = order.map((sf) => emitModule(sf, checker, types, result.diagnostics, slots, turns));
    typesHeader = types.header((name) => structFields(types, checker, name, result.diagnostics, slots));
  } while (types.settle());
  if (options.program) checkMain(entrySf, checker, result.diagnostics);
  if (result.diagnostics.length) return result;

  for (const f of RUNTIME_FILES) result.files.set(f, readFileSync(join(RUNTIME_DIR, f), "utf8"));
  result.files.set("nd_types.h", typesHeader);
  result.files.set("nd_program.h", [
    "/* Every module of the program, generated. */",
    "#ifndef ND_PROGRAM_H",
    "#define ND_PROGRAM_H",
    ...modules.map((m) => `#include "${m.prefix}.h"`),
    "/* Evaluates module-level constants, in import order. */",
    "void nd_program_init(void);",
    "#endif",
    "",
  ].join("\n"));
  for (const m of modules) {
    result.files.set(`${m.prefix}.h`, m.header);
    result.files.set(`${m.prefix}.c`, m.source);
  }
  const inits = modules.filter((m) => m.hasInit).map((m) => `  ${m.prefix}__init();`);
  const initC = [
    "/* this file holds the external definitions of the array functions nd_types.h instantiates */",
    "#define ND_PROGRAM_EXTERN",
    '#include "nd_program.h"',
    "",
    "void nd_program_init(void) {",
    ...inits,
    "}",
    "",
  ];
  if (options.program) {
    initC.push(
      "int main(void) {",
      "  nd_rt_start();",
      "  nd_program_init();",
      `  ${modulePrefix(entrySf)}_main();`,
      "  nd_rt_finish();",
      "  return 0;",
      "}",
      "",
    );
  }
  result.files.set("nd_main.c", initC.join("\n"));
  return result;
}

/** Modules in ECMAScript evaluation order: imports depth-first, then the importer. */
function initOrder(entry: ts.SourceFile, program: ts.Program): ts.SourceFile[] {
  const out: ts.SourceFile[] = [];
  const visiting = new Set<ts.SourceFile>();
  const visit = (sf: ts.SourceFile): void => {
    if (visiting.has(sf)) return;
    visiting.add(sf);
    for (const s of sf.statements) {
      if ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
        const r = ts.resolveModuleName(s.moduleSpecifier.text, sf.fileName, COMPILER_OPTIONS, ts.sys).resolvedModule;
        const dep = r && program.getSourceFile(r.resolvedFileName);
        if (dep && !dep.isDeclarationFile) visit(dep);
      }
    }
    out.push(sf);
  };
  visit(entry);
  return out;
}

function checkMain(entry: ts.SourceFile, checker: ts.TypeChecker, diagnostics: Diagnostic[]): void {
  const main = entry.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === "main");
  const exported = main && ts.getCombinedModifierFlags(main) & ts.ModifierFlags.Export;
  const sig = main && checker.getSignatureFromDeclaration(main);
  const ok = exported && sig && sig.parameters.length === 0 && sig.getReturnType().flags & ts.TypeFlags.Void;
  if (!ok) diagnostics.push(diag(main ?? entry.statements[0] ?? entry, "NUDGE1403"));
}

function formatTsDiagnostic(d: ts.Diagnostic): string {
  const msg = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  if (!d.file || d.start === undefined) return `error TS${d.code}: ${msg}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${relative(process.cwd(), d.file.fileName)}:${line + 1}:${character + 1}: error TS${d.code}: ${msg}`;
}
