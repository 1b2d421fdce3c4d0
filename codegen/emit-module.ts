// Lowers one TypeScript module to a C header and source: its constants, functions, classes and
// the lambdas it uses, plus an init function that evaluates module-level constants in order.
import ts from "typescript";
import { relative } from "node:path";
import { diag, Refused, type Code, type Diagnostic } from "./diagnostics";
import { Calls } from "./calls";
import { cNumber, cStringLiteral, FunctionEmitter, localName, unparen, writeOf, type BodyWrites, type SlotCandidates } from "./emit-function";
import { cIntType, COUNTER, I32, IntSlots, judge, settle, within, type Judged, type LocalRanges, type Range } from "./int-range";
import { TurnRelease } from "./turn-release";
import { cName, intrinsicName, modulePrefix, objectMembers, VOID, type CType, TypeMapper } from "./types";

/** True for modules whose functions the C runtime implements (ts-src/lib/text.ts). */
export function isIntrinsicModule(sf: ts.SourceFile): boolean {
  return intrinsicName(sf) !== null;
}

/** What the function emitter needs from its module and program. */
/** The definitions whose name code uses: an expression emitted again asks for its statics again. */
function namedIn<T extends { name: string }>(defs: T[], code: string): T[] {
  return defs.filter(({ name }) => new RegExp(`\\b${name}\\b`).test(code));
}

export class ModuleContext {
  readonly calls: Calls;
  private literals = new Map<string, string>();
  private lambdas: string[] = [];
  private lambdaProtos: string[] = [];
  private lambdaCount = 0;

  constructor(
    readonly checker: ts.TypeChecker,
    readonly types: TypeMapper,
    readonly sf: ts.SourceFile,
    readonly prefix: string,
    private readonly diagnostics: Diagnostic[],
    readonly slots: IntSlots,
    /** which loops give back each turn's memory (only emission asks) */
    readonly turns: TurnRelease = new TurnRelease(checker),
  ) {
    this.calls = new Calls(this);
  }

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  refuse(node: ts.Node, code: Code, detail?: string): never {
    throw new Refused(diag(node, code, detail));
  }

  private fileNames = new Map<ts.SourceFile, string>();

  /** "file:line" of node, for comments. */
  where(node: ts.Node): string {
    const sf = node.getSourceFile();
    return `${relative(process.cwd(), sf.fileName)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  }

  /**
   * The C arguments `file, line` naming node for a panic: the file is one static string per
   * module, so a checked access costs a line number, not a string of its own.
   */
  loc(node: ts.Node): string {
    const sf = node.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    let file = this.fileNames.get(sf);
    if (file === undefined) {
      file = `nd_src${this.fileNames.size || ""}`;
      this.fileNames.set(sf, file);
    }
    return `${file}, ${line}`;
  }

  /** A pointer to a static nd_string holding text. */
  stringLiteral(text: string, node: ts.Node): string {
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
      this.refuse(node, "NUDGE1209", "a lone surrogate has no UTF-8 form");
    }
    let name = this.literals.get(text);
    if (!name) {
      name = `nd_lit_${this.literals.size + 1}`;
      this.literals.set(text, name);
    }
    return `(&${name})`;
  }

  /** The static strings and tables of the module; a file name or table only when `code` names it. */
  literalDefinitions(code: string): string[] {
    return [
      ...[...this.fileNames].filter(([, name]) => code.includes(`${name}, `)).map(([sf, name]) => `static const char ${name}[] = ${cStringLiteral(relative(process.cwd(), sf.fileName))};`),
      ...[...this.literals].map(([text, name]) => `ND_STR_LIT(${name}, ${cStringLiteral(text)});`),
      // an expression emitted and then emitted again (with temporaries, say) asked for its table twice
      ...namedIn(this.tables, code).map(({ definition }) => definition),
    ];
  }

  private tables: { name: string; definition: string }[] = [];
  /** Table names by element type and contents: equal tables are one. */
  private tableNames = new Map<string, string>();

  /** A static C array holding constant elements (so big literal tables cost no code). */
  staticTable(elemC: string, items: string[]): string {
    const key = `${elemC}:${items.join(",")}`;
    const known = this.tableNames.get(key);
    if (known) return known;
    const name = `nd_table_${this.tables.length + 1}`;
    const rows: string[] = [];
    for (let i = 0; i < items.length; i += 12) rows.push("  " + items.slice(i, i + 12).join(", "));
    this.tables.push({ name, definition: `static const ${elemC} ${name}[${items.length}] = {\n${rows.join(",\n")}\n};` });
    this.tableNames.set(key, name);
    return name;
  }

  /** The declaration a (possibly imported) identifier refers to. */
  declarationOf(e: ts.Node): ts.Declaration | undefined {
    const sym = this.types.symbolOf(e);
    return sym?.valueDeclaration ?? sym?.declarations?.[0];
  }

  private enclosingFunction(n: ts.Node): ts.Node | null {
    for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
      if (ts.isFunctionLike(p) || ts.isClassStaticBlockDeclaration(p)) return p;
      if (ts.isSourceFile(p)) return null;
    }
    return null;
  }

  /** C for a variable, parameter, constant or function named by an identifier. */
  resolveIdentifier(e: ts.Identifier, fnNode: ts.Node): string {
    const decl = this.declarationOf(e);
    if (!decl) this.refuse(e, "NUDGE1201", `unknown name ${e.text}`);
    if (ts.isParameter(decl) || (ts.isVariableDeclaration(decl) && this.enclosingFunction(decl))) {
      const owner = this.enclosingFunction(decl);
      if (owner !== fnNode) this.refuse(e, "NUDGE1204", e.text);
      return localName(e.text);
    }
    if (ts.isVariableDeclaration(decl)) {
      if (decl.getSourceFile().isDeclarationFile) this.refuse(e, "NUDGE1201", `global ${e.text}`);
      return `${modulePrefix(decl.getSourceFile())}_${e.text}`;
    }
    if (ts.isFunctionDeclaration(decl)) {
      return this.functionName(decl);
    }
    this.refuse(e, "NUDGE1201", `${e.text} is not a value`);
  }

  /** C for an identifier being assigned (locals only: module constants are read-only). */
  resolveAssignable(e: ts.Identifier, fnNode: ts.Node): string {
    const decl = this.declarationOf(e);
    if (decl && ts.isVariableDeclaration(decl) && !this.enclosingFunction(decl)) this.refuse(e, "NUDGE1108");
    return this.resolveIdentifier(e, fnNode);
  }

  /** Refuses writes into objects reached from a module-level constant. */
  checkWritable(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    let root: ts.Expression = e;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root) || ts.isNonNullExpression(root)) {
      root = root.expression;
    }
    if (!ts.isIdentifier(root)) return;
    const decl = this.declarationOf(root);
    if (decl && ts.isVariableDeclaration(decl) && !this.enclosingFunction(decl)) this.refuse(e, "NUDGE1108");
  }

  /** C name of a module-level function (or the plain name of a `declare function`). */
  functionName(decl: ts.FunctionDeclaration): string {
    const sf = decl.getSourceFile();
    const intrinsic = intrinsicName(sf);
    if (intrinsic !== null) return `nd_${intrinsic}_${decl.name!.text}`;
    if (!decl.body) return decl.name!.text;
    return `${modulePrefix(decl.getSourceFile())}_${decl.name!.text}`;
  }

  /** The declared TypeScript type of a struct (class instance type or interface). */
  structType(t: CType & { k: "obj" }): ts.Type {
    const sym = this.checker.getSymbolAtLocation(t.decl.name!)!;
    return this.checker.getDeclaredTypeOfSymbol(sym);
  }

  /** The C type of field `name` of object type t. */
  fieldType(t: CType & { k: "obj" }, name: string, at: ts.Node): CType {
    const prop = this.structType(t).getProperty(name);
    if (!prop) this.refuse(at, "NUDGE1201", `no field ${name}`);
    return this.types.map(this.checker.getTypeOfSymbolAtLocation(prop, at), at);
  }

  /** Emits a non-capturing arrow or function expression as a static C function; returns its name. */
  lambda(e: ts.ArrowFunction | ts.FunctionExpression, _outer: ts.Node): string {
    if (e.asteriskToken || e.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) this.refuse(e, "NUDGE1212");
    const sig = this.checker.getSignatureFromDeclaration(e)!;
    const ret = this.types.map(sig.getReturnType(), e);
    const name = `${this.prefix}__lambda_${++this.lambdaCount}`;
    const params = e.parameters.map((p) => this.param(p));
    const head = `static ${cName(ret)} ${name}(${params.length ? params.join(", ") : "void"})`;
    const body = new FunctionEmitter(this, e, ret, null).emitBody(e.body);
    this.lambdaProtos.push(`${head};`);
    this.lambdas.push(`${head} {\n${body}\n}`);
    return name;
  }

  /** "type name" for a parameter declaration. */
  param(p: ts.ParameterDeclaration): string {
    if (!ts.isIdentifier(p.name)) this.refuse(p.name, "NUDGE1104");
    if (p.questionToken || p.initializer) this.refuse(p, "NUDGE1008");
    if (p.dotDotDotToken) this.refuse(p, "NUDGE1205");
    const r = this.slots.params.get(p);
    return `${r ? cIntType(r) : cName(this.types.ofNode(p.name))} ${localName(p.name.text)}`;
  }

  private orders = new Map<string, { name: string; definition: string }>();

  /** The C ordering function nd_sort calls for the comparator fn over elements of C type elemC. */
  sortOrder(fn: string, elemC: string): string {
    const key = `${fn}:${elemC}`;
    let o = this.orders.get(key);
    if (!o) {
      const name = `${this.prefix}__order_${this.orders.size + 1}`;
      // NaN from the comparator counts as 0, as in the runtime's NAME_before
      const definition = [
        `static bool ${name}(const void *y, const void *x, const void *ctx) {`,
        "  (void)ctx;",
        `  return ${fn}(*(${elemC} const *)y, *(${elemC} const *)x) < 0;`,
        "}",
      ].join("\n");
      this.orders.set(key, (o = { name, definition }));
    }
    return o.name;
  }

  /** The ordering functions code names: an emission dropped and done again may have asked for one it no longer uses. */
  orderDefinitions(code: string): string[] {
    return namedIn([...this.orders.values()], code).map(({ definition }) => definition + "\n");
  }

  takeLambdas(): { protos: string[]; defs: string[] } {
    const r = { protos: this.lambdaProtos, defs: this.lambdas };
    this.lambdaProtos = [];
    this.lambdas = [];
    return r;
  }
}

export interface EmittedModule {
  prefix: string;
  header: string;
  source: string;
  hasInit: boolean;
}

/**
 * Emits one module; diagnostics are appended to `diagnostics`. `slots` is what inferSlots proved
 * over the whole program: integer fields, parameters and returns depend on every module.
 */
export function emitModule(sf: ts.SourceFile, checker: ts.TypeChecker, types: TypeMapper, diagnostics: Diagnostic[], slots: IntSlots, turns: TurnRelease): EmittedModule {
  const prefix = modulePrefix(sf);
  const ctx: ModuleContext = new ModuleContext(checker, types, sf, prefix, diagnostics, slots, turns);
  const hdr: string[] = [];
  const protos: string[] = [];
  const globals: string[] = [];
  const funcs: string[] = [];
  const init: string[] = [];

  const guard = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      if (e instanceof Refused) diagnostics.push(e.diagnostic);
      else throw e;
    }
  };

  const fnHead = (name: string, node: ts.SignatureDeclaration, self: string | null): { head: string; ret: CType } => {
    for (const p of node.parameters) if (!p.type) ctx.refuse(p, "NUDGE1109");
    if (!node.type && !ts.isConstructorDeclaration(node)) ctx.refuse(node.name ?? node, "NUDGE1109");
    if (node.typeParameters?.length) ctx.refuse(node, "NUDGE1005");
    if ((ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) || (node as ts.FunctionDeclaration).asteriskToken) ctx.refuse(node, "NUDGE1212");
    const sig = checker.getSignatureFromDeclaration(node)!;
    const ret = ts.isConstructorDeclaration(node) ? VOID : types.map(sig.getReturnType(), node.type ?? node);
    const params = node.parameters.map((p) => ctx.param(p));
    if (self) params.unshift(self);
    const ir = slots.returns.get(node);
    return { head: `${ir ? cIntType(ir) : cName(ret)} ${name}(${params.length ? params.join(", ") : "void"})`, ret };
  };

  // Functions and private methods no other module can name are `static`, so the C compiler may
  // inline them and drop the copy; only those this module uses, as an unused static function warns.
  const used = new Set<ts.Declaration>();
  // only names some function or method of this module has are looked up
  const names = new Set<string>();
  const named = (n: ts.Node): void => {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isClassDeclaration(n)) && n.name && ts.isIdentifier(n.name)) names.add(n.name.text);
    ts.forEachChild(n, named);
  };
  named(sf);
  const declares = (n: ts.Node) => (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isClassDeclaration(n)) && n.name !== undefined;
  const scan = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && names.has(n.text) && !(declares(n.parent) && (n.parent as ts.NamedDeclaration).name === n)) {
      const d = ctx.declarationOf(n);
      // a class counts as used where it is constructed: its other uses are types
      const built = d && ts.isClassDeclaration(d) && ts.isNewExpression(n.parent) && n.parent.expression === n;
      // a call of itself does not make a function used: static and called by nothing else, it warns
      const within = d !== undefined && n.pos >= d.pos && n.end <= d.end;
      if (d && d.getSourceFile() === sf && !within && (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || built)) used.add(d);
    }
    ts.forEachChild(n, scan);
  };
  scan(sf);
  // Methods of a class the module does not export are reached from other modules only through a
  // value of the class another module got from this one: the whole program's scan lists those.
  const unexported = (d: ts.Node): boolean => ts.isClassDeclaration(d) && !isExported(d);
  const local = (d: ts.FunctionDeclaration | ts.MethodDeclaration): boolean => {
    if (!used.has(d)) return false;
    if (ts.isFunctionDeclaration(d)) return !isExported(d);
    if (ts.getModifiers(d)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) return true;
    return unexported(d.parent) && slots.foreignMethods !== null && !slots.foreignMethods.has(d);
  };

  const emitFunction = (decl: ts.FunctionDeclaration): void => {
    const name = ctx.functionName(decl);
    const fh = fnHead(name, decl, null);
    const ret = fh.ret;
    const head = decl.body && local(decl) ? `static ${fh.head}` : fh.head;
    if (!decl.body) {
      hdr.push(`extern ${head};`);
      return;
    }
    const body = new FunctionEmitter(ctx, decl, ret, null).emitBody(decl.body);
    // a one-line leaf in the header is inlined where other modules call it, as in its own; the
    // declaration in its own C file makes that file hold the one external definition (C99 inline)
    if (isExported(decl) && !slots.linked.has(decl) && leafReturn(body, decl.parameters.map((p) => localName(p.name.getText())))) {
      hdr.push(`/** ${decl.name!.text} (${ctx.where(decl)}) */\ninline ${head} {\n${body}\n}`);
      protos.push(`${head};`);
      return;
    }
    (isExported(decl) ? hdr : protos).push(`${head};`);
    funcs.push(`/** ${decl.name!.text} (${ctx.where(decl)}) */\n${head} {\n${body}\n}`);
  };

  const emitClass = (decl: ts.ClassDeclaration): void => {
    if (decl.heritageClauses?.length) ctx.refuse(decl.heritageClauses[0]!, "NUDGE1301");
    if (decl.typeParameters?.length) ctx.refuse(decl, "NUDGE1005");
    const t = types.ofNode(decl.name!);
    if (t.k !== "obj") ctx.refuse(decl, "NUDGE1007");
    const sname = t.name;
    const out = isExported(decl) ? hdr : protos;
    const ctor = decl.members.find(ts.isConstructorDeclaration);
    // constructor: allocate, run field initializers in order, then the body
    guard(() => {
      // a value class's constructor returns the struct, a reference class's a pointer to it
      const made = t.byValue ? `${sname} ` : `${sname} *`;
      const { head } = ctor ? fnHead(`${sname}_new`, ctor, null) : { head: `${made}${sname}_new(void)` };
      // only this module can construct a class it does not export
      const fixed = (!isExported(decl) && used.has(decl) ? "static " : "") + head.replace(/^void /, made);
      out.push(`${fixed};`);
      const fe = new FunctionEmitter(ctx, ctor ?? decl, VOID, t);
      // a value class builds its struct in place and returns it
      const prologue = t.byValue ? [`${sname} nd_self = {0};`, `${sname} *self = &nd_self;`] : [`${sname} *self = (${sname} *)nd_alloc_zeroed(sizeof(${sname}));`];
      for (const p of ctor?.parameters ?? []) {
        if (ts.isIdentifier(p.name) && ts.getModifiers(p)?.some((m) => m.kind === ts.SyntaxKind.PublicKeyword || m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ReadonlyKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) {
          prologue.push(`self->${localName(p.name.text)} = ${localName(p.name.text)};`);
        }
      }
      for (const m of decl.members) {
        if (ts.isPropertyDeclaration(m) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) {
          if (m.questionToken) ctx.refuse(m, "NUDGE1008");
          if (!m.type) ctx.refuse(m, "NUDGE1304");
          const fr = slots.fields.get(m);
          if (m.initializer && fr) prologue.push(`self->${localName(m.name.getText())} = ${fe.intInit(m.initializer, cIntType(fr))};`);
          else if (m.initializer) {
            const ft = types.ofNode(m.name);
            prologue.push(`self->${localName(m.name.getText())} = ${fe.convert(fe.exprOf(m.initializer, ft), m.initializer.kind === ts.SyntaxKind.NullKeyword || ts.isObjectLiteralExpression(m.initializer) || ts.isArrayLiteralExpression(m.initializer) ? ft : types.ofNode(m.initializer), ft, m.initializer)};`);
          }
        }
      }
      const block = ctor?.body ?? ts.factory.createBlock([]);
      let body = fe.emitBody(block as ts.Block, prologue);
      body += t.byValue ? "\n  return nd_self;" : "\n  return self;";
      funcs.push(`${fixed} {\n${body}\n}`);
    });
    for (const m of decl.members) {
      guard(() => {
        if (ts.isConstructorDeclaration(m) || ts.isSemicolonClassElement(m)) return;
        if (ts.isPropertyDeclaration(m)) {
          if (m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) ctx.refuse(m, "NUDGE1303", "static fields");
          return;
        }
        if (ts.isGetAccessor(m) || ts.isSetAccessor(m) || ts.isIndexSignatureDeclaration(m)) ctx.refuse(m, "NUDGE1302");
        if (!ts.isMethodDeclaration(m) || !ts.isIdentifier(m.name) || !m.body) ctx.refuse(m, "NUDGE1303");
        const isStatic = !!m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
        const name = `${sname}_${m.name.text}`;
        const fh = fnHead(name, m, isStatic ? null : `${sname} *self`);
        const ret = fh.ret;
        const head = local(m) ? `static ${fh.head}` : fh.head;
        const reached = isExported(decl) || !slots.foreignMethods || slots.foreignMethods.has(m);
        (local(m) || !reached ? protos : hdr).push(`${head};`);
        // methods that never read `this` still take it: keep -Wunused-parameter quiet
        const body = new FunctionEmitter(ctx, m, ret, isStatic ? null : t).emitBody(m.body, isStatic ? [] : ["(void)self;"]);
        funcs.push(`${head} {\n${body}\n}`);
      });
    }
  };

  const initEmitter = new FunctionEmitter(ctx, sf, VOID, null);
  for (const s of sf.statements) {
    guard(() => {
      if (ts.isImportDeclaration(s)) {
        if (s.importClause?.name) ctx.refuse(s, "NUDGE1401", "default imports");
        const nb = s.importClause?.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) ctx.refuse(nb, "NUDGE1401", "namespace imports (import * as)");
        return;
      }
      if (ts.isExportDeclaration(s)) {
        if (!s.exportClause) ctx.refuse(s, "NUDGE1401", "export *");
        return;
      }
      if (ts.isExportAssignment(s)) ctx.refuse(s, "NUDGE1401", "export default");
      if (ts.isInterfaceDeclaration(s)) return checkInterface(s, ctx);
      if (ts.isTypeAliasDeclaration(s)) {
        if (s.typeParameters?.length) ctx.refuse(s, "NUDGE1005");
        if (ts.isTypeLiteralNode(s.type)) return checkMembers(s.type.members, ctx);
        return;
      }
      if (ts.isEnumDeclaration(s)) {
        for (const m of s.members) {
          if (typeof checker.getConstantValue(m) !== "number") ctx.refuse(m, "NUDGE1009");
        }
        return;
      }
      if (ts.isFunctionDeclaration(s)) {
        if (s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) ctx.refuse(s, "NUDGE1401", "export default");
        return emitFunction(s);
      }
      if (ts.isClassDeclaration(s)) return emitClass(s);
      if (ts.isVariableStatement(s)) {
        const list = s.declarationList;
        if (s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) ctx.refuse(s, "NUDGE1105", "declare const");
        if (!(list.flags & ts.NodeFlags.Const)) ctx.refuse(s, list.flags & ts.NodeFlags.Let ? "NUDGE1102" : "NUDGE1101");
        const fe = initEmitter;
        for (const d of list.declarations) {
          if (!ts.isIdentifier(d.name)) ctx.refuse(d.name, "NUDGE1104");
          if (!d.initializer) ctx.refuse(d, "NUDGE1103");
          const t = types.ofNode(d.name);
          const g = `${prefix}_${d.name.text}`;
          const v = t.k === "num" ? initEmitter.constant(d.initializer) : null;
          const exported = isExported(s) || isExported(d);
          if (v !== null) {
            // uses fold to the literal; the definition serves drivers (and costs no start-up code)
            if (exported) {
              hdr.push(`extern const double ${g};`);
              globals.push(`const double ${g} = ${cNumber(v)};`);
            }
            continue;
          }
          (exported ? hdr : protos).push(`extern ${cName(t)} ${g};`);
          globals.push(`${cName(t)} ${g};`);
          const init0 = d.initializer;
          const initT = init0.kind === ts.SyntaxKind.NullKeyword || ts.isObjectLiteralExpression(init0) || ts.isArrayLiteralExpression(init0) ? t : types.ofNode(init0);
          init.push(`  ${g} = ${fe.convert(fe.exprOf(init0, t), initT, t, init0)};`);
        }
        return;
      }
      if (ts.isModuleDeclaration(s)) ctx.refuse(s, "NUDGE1401", "namespaces");
      ctx.refuse(s, "NUDGE1105", "module-level statements other than declarations");
    });
  }

  const initTemps = initEmitter.temporaries();
  if (initTemps.trim()) init.unshift(initTemps);
  const { protos: lprotos, defs: ldefs } = ctx.takeLambdas();
  const hasInit = init.length > 0;
  const guardName = `ND_MOD_${prefix.toUpperCase()}_H`;
  const header = [
    `/* Generated from ${relative(process.cwd(), sf.fileName)}. */`,
    `#ifndef ${guardName}`,
    `#define ${guardName}`,
    `#include "nd_types.h"`,
    "",
    ...hdr,
    hasInit ? `void ${prefix}__init(void);` : "",
    "",
    "#endif",
    "",
  ].join("\n");
  const bodies = [
    ...ldefs.map((d) => d + "\n"),
    ...funcs.map((f) => f + "\n"),
    hasInit ? `void ${prefix}__init(void) {\n${init.join("\n")}\n}\n` : "",
  ];
  const code = [
    ...protos,
    ...lprotos,
    ...globals,
    "",
    ...ctx.orderDefinitions(bodies.join("\n")),
    ...bodies,
  ].join("\n");
  const source = [
    `/* Generated from ${relative(process.cwd(), sf.fileName)}. */`,
    `#include "nd_program.h"`,
    "",
    ...ctx.literalDefinitions(code),
    code,
  ].join("\n");
  return { prefix, header, source, hasInit };
}

/** C words a leaf's return may use besides its parameters and the runtime's `nd_` names. */
const C_WORDS = new Set(["int32_t", "uint32_t", "int64_t", "uint64_t", "uint8_t", "uint16_t", "int16_t", "double", "bool", "true", "false", "NAN", "INFINITY", "INT64_C", "UINT64_C"]);

/**
 * Whether a C body is one `return` of its parameters, literals, operators and runtime functions:
 * nothing of its module (statics such as the file name a check would pass, other functions,
 * globals), so the module's header can define it.
 */
function leafReturn(body: string, params: string[]): boolean {
  const m = /^ {2}return ([^;\n]*);$/.exec(body);
  if (!m) return false;
  const own = /^nd_(src|lit_|table_|t\d|i\d)/;
  return (m[1]!.match(/\d[\w.]*|[A-Za-z_]\w*/g) ?? []).every(
    (w) => /^\d/.test(w) || params.includes(w) || C_WORDS.has(w) || (w.startsWith("nd_") && !own.test(w)),
  );
}

/** The names a module exports with `export { a, b as c }` lists of its own declarations. */
const listedExports = new WeakMap<ts.SourceFile, Set<string>>();

function isExported(node: ts.Node): boolean {
  if (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Export) return true;
  const name = (node as ts.NamedDeclaration).name;
  if (!name || !ts.isIdentifier(name)) return false;
  const sf = node.getSourceFile();
  let listed = listedExports.get(sf);
  if (!listed) {
    listed = new Set();
    for (const s of sf.statements) {
      if (!ts.isExportDeclaration(s) || s.moduleSpecifier || !s.exportClause || !ts.isNamedExports(s.exportClause)) continue;
      for (const el of s.exportClause.elements) listed.add((el.propertyName ?? el.name).text);
    }
    listedExports.set(sf, listed);
  }
  // a variable's name sits on its declaration, while the modifier sits on its statement
  return listed.has(name.text);
}

function checkMembers(members: ts.NodeArray<ts.TypeElement>, ctx: ModuleContext): void {
  for (const m of members) {
    if (ts.isPropertySignature(m)) {
      if (m.questionToken) ctx.refuse(m, "NUDGE1008");
      continue;
    }
    if (ts.isIndexSignatureDeclaration(m)) ctx.refuse(m, "NUDGE1010");
    ctx.refuse(m, "NUDGE1302");
  }
}

function checkInterface(s: ts.InterfaceDeclaration, ctx: ModuleContext): void {
  if (s.typeParameters?.length) ctx.refuse(s, "NUDGE1005");
  if (s.heritageClauses?.length) ctx.refuse(s.heritageClauses[0]!, "NUDGE1301");
  checkMembers(s.members, ctx);
}

/** The C field declarations of a struct. */
export function structFields(types: TypeMapper, checker: ts.TypeChecker, name: string, diagnostics: Diagnostic[], slots: IntSlots): string[] {
  const decl = types.structs.get(name)!;
  const sym = checker.getSymbolAtLocation(decl.name!)!;
  const t = checker.getDeclaredTypeOfSymbol(sym);
  const out: string[] = [];
  for (const p of t.getProperties()) {
    if (!(p.flags & ts.SymbolFlags.Property)) continue;
    const at = p.valueDeclaration ?? decl;
    try {
      const ir = slots.fields.get(at);
      out.push(`${ir ? cIntType(ir) : cName(types.map(checker.getTypeOfSymbolAtLocation(p, at), at))} ${localName(p.getName())};`);
    } catch (e) {
      if (e instanceof Refused) diagnostics.push(e.diagnostic);
      else throw e;
    }
  }
  return out;
}


/** The smallest range holding every write, when all are integer values (null: keep the slot as is). */
function hull(ws: Judged[]): Range | null {
  if (ws.length === 0) return null;
  let lo = Infinity, hi = -Infinity;
  for (const w of ws) {
    if (w.k !== "range") return null;
    lo = Math.min(lo, w.r.lo);
    hi = Math.max(hi, w.r.hi);
  }
  return { lo, hi };
}

/** Whether a slot of range r holds what write w puts there. */
function fits(w: Judged, r: Range): boolean {
  if (r === COUNTER) return settle(COUNTER, judge([w])) === COUNTER;
  // a bitwise compound (`|=`, `&=` …) writes some int32
  return w.k === "range" ? within(w.r, r) : w.k === "bits" && within(I32, r);
}

/** Private and protected members are out of reach of C drivers, whatever their class. */
function hidden(m: ts.Declaration): boolean {
  return !!(ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
}

function isStatic(m: ts.Declaration): boolean {
  return !!(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static);
}

/** One body the analysis reads: a function, method, constructor, lambda or module-level code. */
interface Body {
  ctx: ModuleContext;
  fn: ts.Node;
  self: CType | null;
  /** inferred for integer locals (null: module-level code has none) */
  body: ts.Node | null;
  roots: ts.Node[];
  inits: [ts.Declaration, ts.Expression | ts.ParameterDeclaration][];
}

/**
 * Whole-program inference of integer class fields, parameters and return values. Candidates are
 * the number slots C drivers cannot see: C drivers call the entry module's exports only, so every
 * field, parameter and return is one but those of the entry's exported functions and classes
 * (their private and protected members are); minus functions used as values (their C signature
 * is a function-pointer type). All start as int32 and are demoted (to COUNTER, then to
 * double) until every write, argument and return in the program fits its slot's range under the
 * current assumptions: at that fixpoint no write can put anything else there.
 */
export function inferSlots(modules: ts.SourceFile[], entry: ts.SourceFile, checker: ts.TypeChecker, types: TypeMapper): IntSlots {
  const slots = new IntSlots();
  try {
    const cands: SlotCandidates = { fields: new Set(), params: new Set(), returns: new Set() };
    const bodies: Body[] = [];
    const isNum = (n: ts.Node): boolean => types.attempt(n)?.k === "num";
    const returnsNum = (d: ts.SignatureDeclaration): boolean => {
      try {
        return types.map(checker.getSignatureFromDeclaration(d)!.getReturnType(), d).k === "num";
      } catch {
        return false;
      }
    };
    const addSig = (d: ts.SignatureDeclaration): void => {
      for (const p of d.parameters) if (ts.isIdentifier(p.name) && !p.dotDotDotToken && !p.questionToken && !p.initializer && isNum(p.name)) cands.params.add(p);
      if (!ts.isConstructorDeclaration(d) && returnsNum(d)) cands.returns.add(d);
    };
    const functions = new Map<string, ts.FunctionDeclaration[]>();
    const ctxs: ModuleContext[] = [];
    // what C drivers reach: the entry module's exports
    const facing = (sf: ts.SourceFile, s: ts.Node): boolean => sf === entry && isExported(s);
    // a C driver builds the objects a declared function takes or returns: their types keep doubles
    const ffi = new Set<string>();
    let declared = false;
    for (const sf of modules) {
      for (const s of sf.statements) {
        if (!ts.isFunctionDeclaration(s) || s.body) continue;
        declared = true;
        const refs = (n: ts.Node): void => {
          if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName)) ffi.add(n.typeName.text);
          ts.forEachChild(n, refs);
        };
        refs(s);
      }
    }
    for (const sf of modules) {
      const ctx = new ModuleContext(checker, types, sf, modulePrefix(sf), [], slots);
      ctxs.push(ctx);
      const lambdas = (n: ts.Node): void => {
        if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) bodies.push({ ctx, fn: n, self: null, body: n.body, roots: [n.body], inits: [] });
        ts.forEachChild(n, lambdas);
      };
      lambdas(sf);
      for (const s of sf.statements) {
        if (ts.isFunctionDeclaration(s) && s.body && s.name) {
          if (!facing(sf, s)) {
            addSig(s);
            functions.set(s.name.text, [...(functions.get(s.name.text) ?? []), s]);
          }
          bodies.push({ ctx, fn: s, self: null, body: s.body, roots: [s.body], inits: [] });
        } else if (ts.isVariableStatement(s)) {
          bodies.push({ ctx, fn: sf, self: null, body: null, roots: [s], inits: [] });
        } else if ((ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && !facing(sf, s) && !ffi.has(s.name.text)) {
          // object literals and `o.f = e` are the only writes into an interface's fields
          for (const m of objectMembers(s)) if (ts.isPropertySignature(m) && isNum(m.name)) cands.fields.add(m);
        } else if (ts.isClassDeclaration(s) && s.name) {
          const open = (m: ts.Declaration) => !facing(sf, s) || hidden(m);
          const self = types.ofNode(s.name);
          const ctor = s.members.find(ts.isConstructorDeclaration);
          const inits: Body["inits"] = [];
          const roots: ts.Node[] = ctor?.body ? [ctor.body] : [];
          for (const m of s.members) {
            if (ts.isPropertyDeclaration(m) && !isStatic(m)) {
              if (open(m) && isNum(m.name)) cands.fields.add(m);
              if (m.initializer) {
                roots.push(m.initializer);
                if (cands.fields.has(m)) inits.push([m, m.initializer]);
              }
            } else if (ts.isMethodDeclaration(m) && m.body) {
              if (open(m)) addSig(m);
              bodies.push({ ctx, fn: m, self: isStatic(m) ? null : self, body: m.body, roots: [m.body], inits: [] });
            }
          }
          if (ctor) {
            if (open(ctor)) addSig(ctor);
            for (const p of ctor.parameters) {
              if (!ts.isIdentifier(p.name) || !ts.isParameterPropertyDeclaration(p, ctor) || !open(p) || !isNum(p.name)) continue;
              cands.fields.add(p);
              inits.push([p, p]);
            }
          }
          bodies.push({ ctx, fn: ctor ?? s, self, body: ctor?.body ?? null, roots, inits });
        }
      }
    }
    // a function named anywhere but as a callee is a function pointer: its C signature stays
    // (under its own name or the one an import gives it)
    const names = new Set(functions.keys());
    for (const sf of modules) {
      for (const s of sf.statements) {
        const b = ts.isImportDeclaration(s) ? s.importClause?.namedBindings : undefined;
        if (b && ts.isNamedImports(b)) for (const el of b.elements) names.add(el.name.text);
      }
    }
    // methods of non-exported classes, by name: a call of one from another module keeps its C symbol
    const hiddenMethods = new Set<string>();
    for (const sf of modules) {
      for (const s of sf.statements) {
        if (!ts.isClassDeclaration(s) || isExported(s)) continue;
        for (const m of s.members) if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name)) hiddenMethods.add(m.name.text);
      }
    }
    const foreign = new Set<ts.Declaration>();
    const shrunk = new Set<string>();
    // `a.sort(f)` on an array: calls.ts calls a named comparator f directly from an ordering function
    const sortArgument = (n: ts.Identifier): boolean => {
      const c = n.parent;
      if (!ts.isCallExpression(c) || c.arguments.length !== 1 || c.arguments[0] !== n || !ts.isPropertyAccessExpression(c.expression)) return false;
      return c.expression.name.text === "sort" && types.attempt(c.expression.expression)?.k === "arr";
    };
    const shortens = (n: ts.Node): ts.Expression | null => {
      const wr = writeOf(n);
      const t = wr && unparen(wr.target);
      if (t && ts.isPropertyAccessExpression(t) && t.name.text === "length") return t.expression;
      return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "pop" ? n.expression.expression : null;
    };
    modules.forEach((sf, i) => {
      const ctx = ctxs[i]!;
      const visit = (n: ts.Node): void => {
        const a = shortens(n);
        if (a) {
          const t = types.ofNode(a);
          if (t.k === "arr") shrunk.add(t.name);
        }
        const named = (p: ts.Node) => ts.isFunctionDeclaration(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p);
        if (ts.isPropertyAccessExpression(n) && hiddenMethods.has(n.name.text)) {
          const d = ctx.declarationOf(n.name);
          if (d && ts.isMethodDeclaration(d) && d.getSourceFile() !== sf) foreign.add(d);
        }
        if (ts.isIdentifier(n) && names.has(n.text) && !(ts.isCallExpression(n.parent) && n.parent.expression === n) && !named(n.parent)) {
          const d = ctx.declarationOf(n);
          if (d && ts.isFunctionDeclaration(d)) {
            slots.linked.add(d);
            for (const p of d.parameters) cands.params.delete(p);
            // a comparator handed to sort() is called by name from its ordering function, which
            // tests its result with `< 0` in whatever type it has (elements arrive as stored)
            if (!sortArgument(n)) cands.returns.delete(d);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    });
    slots.foreignMethods = foreign;
    for (const s of entry.statements) if (ts.isFunctionDeclaration(s) && isExported(s)) slots.linked.add(s);
    // a declared function runs driver code, which may shorten any array it was ever given
    slots.shrunk = declared ? null : shrunk;
    for (const d of cands.fields) slots.fields.set(d, I32);
    for (const d of cands.params) slots.params.set(d, I32);
    for (const d of cands.returns) slots.returns.set(d, I32);
    const kinds = ["fields", "params", "returns"] as const;
    // Each body's writes, and the slots it looked up to judge them: after a pass only the bodies
    // that read a changed slot are judged again (a slot's range changes or the slot goes, but no
    // slot is added, so a lookup that missed keeps missing).
    type Write = [kind: (typeof kinds)[number], d: ts.Declaration, w: Judged];
    type Judgment = { writes: Write[]; reads: Set<ts.Declaration>; state: string; locals: LocalRanges | undefined };
    const judged = new Map<Body, Judgment>();
    const seen = new Map<Body, BodyWrites>();
    // The ranges of the slots a judgment read: under the same ones it is the same. The second round
    // puts slots back to int32, and so many bodies back under ranges they were judged with before.
    const history = new Map<Body, Judgment[]>();
    const stateOf = (reads: Set<ts.Declaration>): string => {
      // a map found empty is not looked up in
      let key = `${slots.fields.size > 0} ${slots.returns.size > 0}`;
      for (const d of reads) {
        for (const k of kinds) {
          const r = slots[k].peek(d);
          key += r ? ` ${r.lo}:${r.hi}${r.counterable ? "c" : ""}` : " -";
        }
      }
      return key;
    };
    const rejudge = (changed: Set<ts.Declaration> | null): void => {
      for (const b of bodies) {
        const prev = judged.get(b);
        if (prev && changed && ![...prev.reads].some((d) => changed.has(d))) continue;
        let past = history.get(b);
        if (!past) history.set(b, (past = []));
        const again = past.find((j) => j.state === stateOf(j.reads));
        if (again) {
          judged.set(b, again);
          if (b.body && again.locals) slots.locals.set(b.body, again.locals);
          continue;
        }
        const out: Write[] = [];
        const reads = (slots.reads = new Set());
        let found = seen.get(b);
        if (!found) seen.set(b, (found = {}));
        new FunctionEmitter(b.ctx, b.fn, VOID, b.self).slotWrites(b.body, b.roots, cands, (kind, d, w) => out.push([kind, d, w]), b.inits, found);
        slots.reads = null;
        const j: Judgment = { writes: out, reads, state: stateOf(reads), locals: b.body ? slots.locals.get(b.body) : undefined };
        judged.set(b, j);
        past.push(j);
      }
    };
    const allWrites = (changed: Set<ts.Declaration> | null) => {
      rejudge(changed);
      const writes = { fields: new Map<ts.Declaration, Judged[]>(), params: new Map<ts.Declaration, Judged[]>(), returns: new Map<ts.Declaration, Judged[]>() };
      for (const { writes: ws } of judged.values()) {
        for (const [kind, d, w] of ws) {
          const list = writes[kind].get(d);
          if (list) list.push(w);
          else writes[kind].set(d, [w]);
        }
      }
      return writes;
    };
    // Demotes slots until every write fits its slot's range under the current ranges. A slot
    // narrowed by an earlier round widens from int32 as if it had never been narrowed.
    const demote = (changedFirst: Set<ts.Declaration> | null) => {
      let writes = allWrites(changedFirst);
      for (let changed = new Set<ts.Declaration>(); ; changed = new Set()) {
        for (const kind of kinds) {
          for (const [d, cur] of [...slots[kind]]) {
            const ws = writes[kind].get(d) ?? [];
            const next = settle(within(cur, I32) ? I32 : cur, judge(ws));
            // a narrowed slot keeps its range while its writes fit it
            if (next === cur || ws.every((w) => fits(w, cur))) continue;
            changed.add(d);
            if (next) slots[kind].set(d, next);
            else slots[kind].delete(d);
          }
        }
        if (changed.size === 0) return writes;
        writes = allWrites(changed);
      }
    };
    // Narrows each slot that is neither a counter nor a double to the hull of what is written to
    // it. Narrower reads only narrow what is computed from them, so the hulls hold again: a pass
    // checks that they do, and the next round narrows what the narrower reads give (a return
    // value computed from a narrowed parameter, say).
    // whether a narrowing was undone: the bodies judged under it have stale judgments
    let undone = false;
    const narrow = (writes: ReturnType<typeof allWrites>): void => {
      let valid = snapshot();
      for (let round = 0; round < 4; round++) {
        const narrowed = new Set<ts.Declaration>();
        for (const kind of kinds) {
          for (const [d, cur] of slots[kind]) {
            const h = cur === COUNTER ? null : hull(writes[kind].get(d) ?? []);
            if (h && within(h, cur) && (h.lo !== cur.lo || h.hi !== cur.hi)) {
              slots[kind].set(d, h);
              narrowed.add(d);
            }
          }
        }
        if (narrowed.size === 0) break;
        const check = allWrites(narrowed);
        const holds = kinds.every((kind) => [...slots[kind]].every(([d, r]) => (check[kind].get(d) ?? []).every((w) => fits(w, r))));
        if (!holds) {
          restore(valid);
          undone = true;
          break;
        }
        valid = snapshot();
        writes = check;
      }
    };
    type State = { ranges: Map<ts.Declaration, Range>[]; locals: Map<ts.Node, LocalRanges> };
    const snapshot = (): State => ({ ranges: kinds.map((k) => new Map(slots[k])), locals: new Map(slots.locals) });
    const restore = (st: State): void => {
      kinds.forEach((k, i) => { slots[k].clear(); for (const [d, r] of st.ranges[i]!) slots[k].set(d, r); });
      slots.locals.clear();
      for (const [b, l] of st.locals) slots.locals.set(b, l);
    };
    narrow(demote(null));
    // The first round judged every slot while the others were still all of int32, so a slot whose
    // writes need a narrower read (`next() % 6`, with next() returning a masked value) became a
    // double. Given the narrowed ranges they get a second chance; any assignment the demotion ends
    // at holds, so the second is kept unless it loses an integer slot the first had.
    const lost = kinds.map((k) => [...cands[k]].filter((d) => !slots[k].has(d)));
    if (lost.some((l) => l.length)) {
      const first = snapshot();
      const retried = new Set<ts.Declaration>();
      kinds.forEach((k, i) => { for (const d of lost[i]!) { slots[k].set(d, I32); retried.add(d); } });
      narrow(demote(undone ? null : retried));
      if (kinds.some((k, i) => [...first.ranges[i]!.keys()].some((d) => !slots[k].has(d)))) restore(first);
    }
    return slots;
  } catch (e) {
    // a program the analysis cannot read is refused by the emission itself: keep every slot double
    if (e instanceof Refused) return new IntSlots();
    throw e;
  }
}
