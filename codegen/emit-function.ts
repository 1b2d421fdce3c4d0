// Lowers the statements and expressions of one function body to C, keeping JavaScript's
// left-to-right evaluation order with temporaries where C's order is unspecified.
import ts from "typescript";
import { diag, Refused, type Code } from "./diagnostics";
import { cName, isRef, isValue, NUM, objectMembers, sameType, STR, zeroOf, type CType } from "./types";
import type { ModuleContext } from "./emit-module";
import { flowRanges, type FlowRanges } from "./flow-range";
import { sumAtCall, type SumContext } from "./return-sums";
import { bitwiseResult, cIntType, COMPOUND_OPERATOR, constantOf, COUNTER, elementRange, floorQuotient, I32, intQuotient, isBitwise, isMathCall, judge, meet, MIRRORED, pure, rangeOf, settle, U32, within, type Judged, type Range, type RangeContext } from "./int-range";

const C_RESERVED = new Set(
  ("auto break case char const continue default do double else enum extern float for goto if inline int long " +
    "register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while " +
    "bool true false NULL main self errno stdin stdout stderr exit abort malloc free printf puts assert " +
    "INFINITY NAN HUGE_VAL floor ceil round trunc fabs sqrt pow log exp sin cos tan fmod isnan isinf").split(" "),
);

/** A C identifier for a TypeScript local name. */
export function localName(name: string): string {
  return C_RESERVED.has(name) || name.startsWith("nd_") ? `${name}_` : name;
}

/** C string-literal text for the UTF-8 bytes of s (octal escapes outside printable ASCII). */
export function cStringLiteral(s: string): string {
  let out = '"';
  for (const b of Buffer.from(s, "utf8")) {
    if (b === 0x22 || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b >= 0x20 && b < 0x7f && b !== 0x3f) out += String.fromCharCode(b);
    else out += "\\" + b.toString(8).padStart(3, "0");
  }
  return out + '"';
}

/** C text for a number literal, always of type double. */
export function cNumber(v: number): string {
  if (Number.isNaN(v)) return "NAN";
  if (v === Infinity) return "HUGE_VAL";
  if (v === -Infinity) return "(-HUGE_VAL)";
  if (Object.is(v, -0)) return "(-0.0)";
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

interface Breakable {
  kind: "loop" | "switch" | "block";
  label: string | null;
  brk: string | null; // C label to goto for break (null: C break)
  cont: string | null; // C label to goto for continue (null: C continue)
  usedBrk: boolean;
  usedCont: boolean;
}

/** An integer C expression: its text, the range of its value and its C type. */
interface IntC {
  c: string;
  r: Range;
  ct: string;
}

/** C text of an integer constant in the type cIntType gives it. */
function intLiteral(v: number): string {
  if (v === -2147483648) return "(-2147483647 - 1)";
  const ct = cIntType({ lo: v, hi: v });
  return ct === "int32_t" ? String(v) : ct === "uint32_t" ? `${v}u` : `INT64_C(${v})`;
}

/** The most syntax nodes a loop body may have for offsetLoop to emit it twice. */
const OFFSET_LOOP_NODES = 64;
/**
 * The C type a local of integer type ct is declared with. An unsigned one is a size_t: where
 * size_t has 32 bits (the device) that is uint32_t, and on a 64-bit host an index of that type
 * needs no zero extension. It only holds values within [0, 2^32) (the range that made it
 * unsigned); arithmetic reads it through `(uint32_t)` casts (intExpr), as it reads a uint32_t.
 */
function localCType(ct: string): string {
  return ct === "uint32_t" ? "size_t" : ct;
}

/** A C identifier, and the `.` or `->` before it when it names a field (quietUnused). */
const C_NAME = /(\.|->)?\b([A-Za-z_]\w*)/g;
/** What indexOf answers: -1, or an index of an array, whose length is an int32. */
const INDEX_OF: Range = { lo: -1, hi: I32.hi - 1 };

/** How an assignment, compound assignment or ++/-- writes its target. */
type RawWrite = { k: "value"; e: ts.Expression } | { k: "step" } | { k: "bits" } | { k: "other" };
/** A write into a number local: as written, a typed-array element (for-of), or a counted loop's step. */
type LoopWrite = { k: "loop"; loop: CountedLoop; init: ts.Expression };
/** The step of a scan, `while (x < bound && …) x++`: it writes at most bound's highest value. */
type ScanWrite = { k: "scan"; decl: ts.Declaration; bound: ts.Expression; down: boolean };
/** A step of a local (`x++`, `x -= 1`): the flow analysis may know what it writes; it may be a scan's. */
type FlowStep = { k: "flowstep"; node: ts.Node; scan: ScanWrite | null };
type LocalWrite = RawWrite | { k: "range"; r: Range } | LoopWrite | FlowStep;
/** A body's number locals with their writes, and its counted loops' steps among them. */
interface LocalWrites {
  writes: Map<ts.Declaration, LocalWrite[]>;
  loops: LoopWrite[];
}
/** A write into a candidate slot, found in a body's syntax. */
type SlotSite = [kind: keyof SlotCandidates, d: ts.Declaration, w: RawWrite | ScanWrite];
/** What the slot inference found in one body's syntax, kept across its passes (filled on the first). */
export interface BodyWrites {
  locals?: LocalWrites;
  sites?: SlotSite[];
}

/** Whether e assigns anything (`=`, compound assignments, ++/--) outside nested functions. */
function assigns(e: ts.Node): boolean {
  if (writeOf(e)) return true;
  if (ts.isFunctionLike(e)) return false;
  return ts.forEachChild(e, (c) => assigns(c) || undefined) ?? false;
}

/** Whether e is `x++`, `x--`, `++x` or `--x`. */
function isIntStep(e: ts.Expression): e is (ts.PrefixUnaryExpression | ts.PostfixUnaryExpression) & { operand: ts.Identifier } {
  return (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) && (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken) && ts.isIdentifier(e.operand);
}

export function unparen(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/**
 * A `for (let i = …; i < B; i++)` over its own counter (`<=`, or the downward `>`/`>=` with
 * `i--`): each step follows a test against B, so the counter stays within B's range plus one step.
 * The step may be a constant (`i += 3`, `i -= 2`), and an upward test may add a constant to the
 * counter (`i + 2 < B`, that is i < B - 2).
 */
interface CountedLoop {
  stmt: ts.ForStatement;
  decl: ts.VariableDeclaration;
  step: ts.Node;
  bound: ts.Expression;
  up: boolean;
  inclusive: boolean;
  /** how far a step moves the counter */
  by: number;
  /** the constant the test adds to the counter (0 for `i < B`) */
  shift: number;
}

/** The value of a non-negative integer literal of at most 2^30, or null. */
function smallCount(e: ts.Expression): number | null {
  e = unparen(e);
  if (!ts.isNumericLiteral(e)) return null;
  const v = Number(e.text);
  return Number.isInteger(v) && v >= 0 && v <= 2 ** 30 ? v : null;
}

/** The counter a loop's step writes and by how much, up or down: `i++`, `--i`, `i += k`, `i -= k`. */
function loopStep(step: ts.Expression): { target: ts.Identifier; by: number; up: boolean } | null {
  const K = ts.SyntaxKind;
  if ((ts.isPrefixUnaryExpression(step) || ts.isPostfixUnaryExpression(step)) && (step.operator === K.PlusPlusToken || step.operator === K.MinusMinusToken)) {
    const t = unparen(step.operand);
    return ts.isIdentifier(t) ? { target: t, by: 1, up: step.operator === K.PlusPlusToken } : null;
  }
  if (!ts.isBinaryExpression(step) || !ts.isIdentifier(unparen(step.left))) return null;
  const op = step.operatorToken.kind;
  const by = smallCount(step.right);
  if ((op !== K.PlusEqualsToken && op !== K.MinusEqualsToken) || !by) return null;
  return { target: unparen(step.left) as ts.Identifier, by, up: op === K.PlusEqualsToken };
}

/** The counted loop s is, or null. */
function countedLoop(s: ts.ForStatement): CountedLoop | null {
  const K = ts.SyntaxKind;
  if (!s.initializer || !ts.isVariableDeclarationList(s.initializer) || !s.condition || !s.incrementor) return null;
  const step = unparen(s.incrementor);
  const st = loopStep(step);
  if (!st) return null;
  const { by, up } = st;
  const name = st.target.text;
  const decl = s.initializer.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
  if (!decl) return null;
  const c = unparen(s.condition);
  if (!ts.isBinaryExpression(c)) return null;
  const isI = (e: ts.Expression) => { e = unparen(e); return ts.isIdentifier(e) && e.text === name; };
  // `i + k` with a constant k, on the side of an upward test where the counter would be
  const plus = (e: ts.Expression): number | null => {
    e = unparen(e);
    if (isI(e)) return 0;
    return ts.isBinaryExpression(e) && e.operatorToken.kind === K.PlusToken && isI(e.left) ? smallCount(e.right) : null;
  };
  const mentions = (e: ts.Expression): boolean => isI(e) || (ts.isBinaryExpression(unparen(e)) && plus(e) !== null);
  const op = c.operatorToken.kind;
  // normalise to `i + shift OP bound`
  const [o, side, bound] = mentions(c.left) && !mentions(c.right) ? [op, c.left, c.right] : mentions(c.right) && !mentions(c.left) ? [MIRRORED[op], c.right, c.left] : [undefined, c.left, c.right];
  const shift = plus(side);
  if (shift === null || (shift !== 0 && !up)) return null;
  if (up && (o === K.LessThanToken || o === K.LessThanEqualsToken)) return { stmt: s, decl, step, bound, up, inclusive: o === K.LessThanEqualsToken, by, shift };
  if (!up && (o === K.GreaterThanToken || o === K.GreaterThanEqualsToken)) return { stmt: s, decl, step, bound, up, inclusive: o === K.GreaterThanEqualsToken, by, shift };
  return null;
}

/** The property of an interface, object type alias or class named name. */
function memberNamed(d: ts.Declaration, name: string): ts.Declaration | undefined {
  return objectMembers(d).find((m): m is ts.PropertySignature | ts.PropertyDeclaration => (ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) && ts.isIdentifier(m.name) && m.name.text === name);
}

/** The place node writes and how, or null when node writes nothing. */
export function writeOf(n: ts.Node): { target: ts.Expression; w: RawWrite } | null {
  const K = ts.SyntaxKind;
  if (ts.isBinaryExpression(n)) {
    const op = n.operatorToken.kind;
    const target = unparen(n.left);
    if (op === K.EqualsToken) return { target, w: { k: "value", e: n.right } };
    if (op === K.BarEqualsToken || op === K.AmpersandEqualsToken || op === K.CaretEqualsToken || op === K.LessThanLessThanEqualsToken || op === K.GreaterThanGreaterThanEqualsToken) {
      return { target, w: { k: "bits" } };
    }
    if ((op === K.PlusEqualsToken || op === K.MinusEqualsToken) && ts.isNumericLiteral(n.right) && n.right.text === "1") return { target, w: { k: "step" } };
    if (op >= K.FirstAssignment && op <= K.LastAssignment) return { target, w: { k: "other" } };
    return null;
  }
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken)) {
    return { target: unparen(n.operand), w: { k: "step" } };
  }
  return null;
}

/**
 * The bound of the scan whose only statement n is, `while (x < bound && …) x++` (or `++x`, `x += 1`),
 * or down, `while (x > bound && …) x--` (`--x`, `x -= 1`), when its condition writes nothing and
 * its bound does not read x; else null.
 */
function scanBound(n: ts.Node, x: ts.Declaration, down: boolean, cx: RangeContext): ts.Expression | null {
  const K = ts.SyntaxKind;
  const st = n.parent;
  if (!ts.isExpressionStatement(st) || st.expression !== n) return null;
  const loop = ts.isBlock(st.parent) && st.parent.statements.length === 1 ? st.parent.parent : st.parent;
  if (!ts.isWhileStatement(loop)) return null;
  let test = unparen(loop.expression);
  while (ts.isBinaryExpression(test) && test.operatorToken.kind === K.AmpersandAmpersandToken) test = unparen(test.left);
  const op = down ? K.GreaterThanToken : K.LessThanToken;
  if (!ts.isBinaryExpression(test) || test.operatorToken.kind !== op || !ts.isIdentifier(unparen(test.left))) return null;
  if (cx.declarationOf(unparen(test.left)) !== x) return null;
  const bound = test.right;
  let clean = true;
  const check = (e: ts.Node, inBound: boolean): void => {
    if (writeOf(e) || (inBound && ts.isIdentifier(e) && cx.declarationOf(e) === x)) clean = false;
    ts.forEachChild(e, (c) => check(c, inBound || c === bound));
  };
  check(loop.expression, false);
  return clean ? bound : null;
}

/** The slots whose integer type the program-wide analysis is deciding. */
export interface SlotCandidates {
  fields: Set<ts.Declaration>;
  params: Set<ts.Declaration>;
  returns: Set<ts.Declaration>;
}

/** Receives the judged writes into candidate slots. */
export type SlotSink = (kind: keyof SlotCandidates, decl: ts.Declaration, w: Judged) => void;

interface LValue {
  setup: string[];
  get: string;
  set(v: string): string;
  type: CType;
}

/** True when c is one parenthesised expression, "(...)" with the first "(" closing at the end. */
function outerParens(c: string): boolean {
  if (!c.startsWith("(") || !c.endsWith(")")) return false;
  let depth = 0, inStr = false;
  for (let i = 0; i < c.length; i++) {
    const ch = c[i];
    if (inStr) {
      if (ch === "\\") i++;
      else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') inStr = true;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0 && i !== c.length - 1) return false;
  }
  return true;
}

export class FunctionEmitter {
  private lines: string[] = [];
  private indent = 1;
  private temps: string[] = [];
  private tempCount = 0;
  private labelCount = 0;
  private breakables: Breakable[] = [];
  private pendingLabel: string | null = null;
  /** Locals proven to hold integers (int-range.ts), with the range their C type covers. */
  private intVars = new Map<ts.Declaration, Range>();
  /** The body's flow-sensitive ranges (flow-range.ts): per read of a local, and per step. */
  private flow: FlowRanges | null = null;
  /** The locals declared so far, with the index of their declaration in lines (see quietUnused). */
  private declared: { name: string; at: number }[] = [];
  /** Counters of counted loops, with the range their loop's body reads them in. */
  private loopCaps = new Map<ts.Declaration, { body: ts.Node; r: Range }>();
  /** While the test of a scan loop's unchecked version is emitted: its counter and the arrays it reads. */
  private scan: { i: ts.Declaration; arrays: Set<ts.Declaration> } | null = null;
  /** The arena mark each loop body whose turns give back their memory returns to (markTurns). */
  private turnMarks = new Map<ts.Statement, string>();
  /** Accesses an enclosing offsetLoop's guard has proven in bounds, while its fast copy is emitted. */
  private freeReads = new Set<ts.Node>();
  /** The names each counted loop assigns, for loopBounded. */
  private loopAssigns = new Map<ts.ForStatement, Set<ts.Declaration>>();
  /** The writes of each local in this function, for lengthGuarded. */
  private writeSites: Map<ts.Declaration, ts.Node[]> | null = null;
  /** Constants' lengths found by fixedLength (null: not fixed, or being found). */
  private lengths = new Map<ts.Declaration, number | null>();
  private builders = new Map<ts.Declaration, string>();
  private readonly rcx: RangeContext;
  private readonly sumCx: SumContext = { declarationOf: (x) => this.ctx.declarationOf(x), written: (n) => writeOf(n)?.target ?? null };
  /** Set while lowering an expression oneCall() vouched for: its one call may be an integer leaf. */
  private callLeaf = false;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly fnNode: ts.Node,
    private readonly returnType: CType,
    private readonly selfType: CType | null,
  ) {
    this.rcx = {
      checker: ctx.checker,
      kindOf: (e) => {
        try {
          const t = this.typeOf(e);
          return t.k === "typed" ? `typed:${t.name}` : t.k;
        } catch {
          return null;
        }
      },
      varRange: (d, use) => {
        let r = this.intVars.get(d);
        if (!r) return null;
        const cap = this.loopCaps.get(d);
        if (cap && use.getSourceFile() === cap.body.getSourceFile() && use.pos >= cap.body.pos && use.end <= cap.body.end) r = meet(r, cap.r);
        const f = this.flow?.reads.get(use);
        return f ? meet(r, f) : r;
      },
      callRange: (e) => (this.callLeaf ? this.callRange(e) : null),
      fieldRange: (e) => (ctx.slots.fields.size ? ctx.slots.fields.get(ctx.declarationOf(e.name)!) ?? null : null),
      declarationOf: (e) => ctx.declarationOf(e),
    };
  }

  /** The C body (between braces) of a function whose statements are `body`. */
  emitBody(body: ts.Block | ts.Expression, prologue: string[] = []): string {
    const known = this.ctx.slots.locals.get(body);
    if (known) {
      this.intVars = new Map(known.vars);
      this.loopCaps = new Map(known.caps);
      this.flow = known.flow;
    } else {
      this.paramInts();
      this.inferIntVars(body);
    }
    for (const p of prologue) this.line(p);
    const start = this.lines.length;
    if (ts.isBlock(body)) {
      for (const s of body.statements) this.stmt(s);
      const last = body.statements[body.statements.length - 1];
      if (this.returnType.k !== "void" && !(last && ts.isReturnStatement(last))) {
        this.line(`nd_panic("missing return at %s:%d", ${this.loc(body.getLastToken() ?? body)});`);
      }
    } else {
      const v = this.convert(this.expr(body, this.returnType), this.typeOfInit(body, this.returnType), this.returnType, body);
      this.line(this.returnType.k === "void" ? `${v};` : `return ${v};`);
    }
    const decls = this.quietUnused(start);
    return [...decls, ...this.lines].join("\n");
  }

  /** The declarations of every temporary, for code emitted outside a body (module initialisers). */
  temporaries(): string {
    return this.temps.map((t) => `  ${t}`).join("\n");
  }

  /** Emits the declaration of a local named `name`, which quietUnused checks for reads. */
  private declare(decl: string, name: string): void {
    this.line(decl);
    this.declared.push({ name, at: this.lines.length - 1 });
  }

  /**
   * Marks `(void)name;` the parameters and locals the C never reads, which C compilers warn about
   * (unused, or set but not used): a TypeScript name read nowhere, or only where it folded to a
   * constant (`(p >>> 0) % 1`, a parameter every caller passes the same value). Returns the
   * declarations of the temporaries: one whose use folded away is left out, one only written is
   * marked. Reads are counted as gcc and clang count them, in one pass over the lines: a name is
   * written, not read, before `=` and at the start of a statement `x += e;`; `x++` and a compound
   * assignment inside an expression read it. A field (`.x`, `->x`) is not the name.
   */
  private quietUnused(start: number): string[] {
    const params = ts.isFunctionLike(this.fnNode) ? this.fnNode.parameters.map((p) => localName((p.name as ts.Identifier).text)) : [];
    const temps = this.temps.map((t) => / (\w+)(?: = |;)/.exec(t)![1]!);
    const names = [...new Set([...params, ...this.declared.map((d) => d.name), ...temps])];
    if (!names.length) return [];
    const wanted = new Set(names);
    const reads = new Map<string, number[]>();
    const named = new Set<string>();
    this.lines.forEach((line, i) => {
      C_NAME.lastIndex = 0;
      for (let m = C_NAME.exec(line); m; m = C_NAME.exec(line)) {
        const name = m[2]!;
        if (m[1] || !wanted.has(name)) continue;
        named.add(name);
        const after = line.slice(m.index + m[0].length);
        if (/^\s*=(?!=)/.test(after)) continue;
        if (/^\s*(?:[-+*/%&|^]|<<|>>)=/.test(after) && line.slice(0, m.index).trim() === "") continue;
        const at = reads.get(name);
        if (at) at.push(i);
        else reads.set(name, [i]);
      }
    });
    const indents = this.lines.map((line) => line.length - line.trimStart().length);
    const inserts: { at: number; line: string }[] = [];
    for (const d of this.declared) {
      // a local is in scope until the first line indented less than its declaration
      const indent = indents[d.at]!;
      let end = d.at + 1;
      while (end < indents.length && indents[end]! >= indent) end++;
      if (!reads.get(d.name)?.some((i) => i > d.at && i < end)) inserts.push({ at: d.at + 1, line: `${" ".repeat(indent)}(void)${d.name};` });
    }
    for (const name of params) if (!reads.has(name)) inserts.push({ at: start, line: `  (void)${name};` });
    // from the last place up, and at one place last first, so that each lands where it was meant
    for (const { at, line } of inserts.reverse().sort((a, b) => b.at - a.at)) this.lines.splice(at, 0, line);
    const decls: string[] = [];
    for (const [k, t] of this.temps.entries()) {
      const name = temps[k]!;
      if (!named.has(name)) continue;
      decls.push(`  ${t}`);
      if (!reads.has(name)) decls.push(`  (void)${name};`);
    }
    return decls;
  }

  // ---- helpers ----------------------------------------------------------------------------

  private line(s: string): void {
    this.lines.push("  ".repeat(this.indent) + s);
  }

  private refuse(node: ts.Node, code: Code, detail?: string): never {
    throw new Refused(diag(node, code, detail));
  }

  private temp(t: CType): string {
    const name = `nd_t${++this.tempCount}`;
    this.temps.push(`${cName(t)} ${name} = ${zeroOf(t)};`);
    return name;
  }

  /** The string builder of a local that `+=` extends (one per declaration, zeroed at entry). */
  private builderFor(decl: ts.Declaration): string {
    let name = this.builders.get(decl);
    if (!name) {
      name = `nd_sb${++this.tempCount}`;
      this.temps.push(`nd_sb ${name} = {NULL, NULL, NULL, 0};`);
      this.builders.set(decl, name);
    }
    return name;
  }

  /**
   * The operands of a chain of string `+` (a + b + c … parsed as ((a + b) + c) …), left to right:
   * from the first `+` whose result is a string on, each operand is converted with ToString and
   * appended, so the chain is one concatenation of them all. Null when e is no such chain.
   */
  private concatParts(e: ts.Expression): ts.Expression[] | null {
    const parts: ts.Expression[] = [];
    let n = e;
    while (ts.isParenthesizedExpression(n)) n = n.expression;
    while (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && this.typeOf(n).k === "str") {
      parts.unshift(n.right);
      n = n.left;
      while (ts.isParenthesizedExpression(n)) n = n.expression;
    }
    parts.unshift(n);
    return parts.length > 1 ? parts : null;
  }

  /** C joining already converted string operands. */
  private catC(vals: string[]): string {
    if (vals.length === 2) return `nd_str_cat(${vals[0]}, ${vals[1]})`;
    return `nd_str_cat_n((nd_str[]){${vals.join(", ")}}, ${vals.length})`;
  }

  private tempC(ctype: string): string {
    const name = `nd_t${++this.tempCount}`;
    this.temps.push(`${ctype} ${name} = 0;`);
    return name;
  }

  // ---- integers ---------------------------------------------------------------------------

  /** Parameters the program-wide analysis proved integers are integer locals here. */
  private paramInts(): void {
    if (!ts.isFunctionLike(this.fnNode)) return;
    for (const p of this.fnNode.parameters) {
      const r = this.ctx.slots.params.get(p);
      if (r) this.intVars.set(p, r);
    }
  }

  /** The integer range of this function's return value, or null when it returns a double. */
  private get retRange(): Range | null {
    return this.ctx.slots.returns.get(this.fnNode as ts.Declaration) ?? null;
  }

  /** The function, method or constructor a call or `new` runs, when it has a body of ours. */
  private calleeOf(n: ts.CallExpression | ts.NewExpression): ts.SignatureDeclaration | null {
    if (ts.isNewExpression(n)) {
      const d = this.ctx.checker.getResolvedSignature(n)?.getDeclaration();
      return d && ts.isConstructorDeclaration(d) ? d : null;
    }
    const c = n.expression;
    const d = this.ctx.declarationOf(ts.isPropertyAccessExpression(c) ? c.name : c);
    return d && (ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) ? d : null;
  }

  /** The range of what a call returns, when its function was proved to return integers. */
  callRange(e: ts.CallExpression): Range | null {
    if (this.indexOfCall(e)) return INDEX_OF;
    if (this.ctx.slots.returns.size === 0) return null;
    const d = this.calleeOf(e);
    return d ? this.ctx.slots.returns.get(d) ?? null : null;
  }

  /**
   * callRange at a call whose arguments have the ranges arg(k) there: narrowed to the sum it
   * returns when the function returns a sum of its parameters (return-sums.ts).
   */
  private callRangeAt(e: ts.CallExpression, arg: (k: number) => Range | null): Range | null {
    const r = this.callRange(e);
    const f = r && this.calleeOf(e);
    const s = r && f && ts.isFunctionDeclaration(f) ? sumAtCall(f, e.arguments.length, arg, this.sumCx) : null;
    return r && s ? meet(r, s) : r;
  }

  /** Whether e is `a.indexOf(…)` on an array or typed array (or a view-free `subarray(…)` of one). */
  private indexOfCall(e: ts.CallExpression): boolean {
    const c = e.expression;
    if (!ts.isPropertyAccessExpression(c) || c.name.text !== "indexOf") return false;
    const k = this.rcx.kindOf(c.expression);
    return k === "arr" || !!k?.startsWith("typed:");
  }

  /** C for a call callRange gives a range: the runtime's indexOf answers a double, cast here. */
  private intCall(e: ts.CallExpression): string {
    const c = this.ctx.calls.call(this, e);
    return this.indexOfCall(e) ? `((int32_t)${c})` : c;
  }

  /** The range of a value written somewhere: a pure integer expression, or one with one integer call. */
  private valueRange(e: ts.Expression): Range | null {
    if (pure(e, this.rcx)) return rangeOf(e, this.rcx);
    e = unparen(e);
    if (ts.isCallExpression(e)) return this.callRange(e);
    if (ts.isConditionalExpression(e)) {
      // C's ?: evaluates the condition first and then one branch, as JavaScript does
      const a = this.valueRange(e.whenTrue);
      const b = a && this.valueRange(e.whenFalse);
      return a && b ? { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) } : null;
    }
    const r = this.oneCall(e) ? this.withCallLeaf(() => rangeOf(e, this.rcx)) : null;
    return r ?? this.bitwiseRange(e);
  }

  /**
   * The range of a bitwise operator with effects in its operands (`(h * 31 + next()) | 0`): ToInt32
   * and ToUint32 give integers whatever the operands are, so the result has a range all the same.
   */
  private bitwiseRange(e: ts.Expression): Range | null {
    e = unparen(e);
    if (ts.isPrefixUnaryExpression(e)) return e.operator === ts.SyntaxKind.TildeToken && this.rcx.kindOf(e.operand) === "num" ? I32 : null;
    if (!ts.isBinaryExpression(e) || !isBitwise(e.operatorToken.kind) || this.rcx.kindOf(e.left) !== "num" || this.rcx.kindOf(e.right) !== "num") return null;
    return bitwiseResult(e.operatorToken.kind, () => this.valueRange(e.left), () => this.valueRange(e.right));
  }

  /** C for a bitwise operator bitwiseRange gives a range: its operands in JavaScript's order, as integers. */
  private bitwiseInt(e: ts.Expression): IntC | null {
    const r = this.bitwiseRange(e);
    if (!r) return null;
    e = unparen(e);
    if (ts.isPrefixUnaryExpression(e)) return { c: `nd_u2i(~(uint32_t)${this.i32Any(e.operand)})`, r, ct: "int32_t" };
    const b = e as ts.BinaryExpression;
    const pre: string[] = [];
    const [l, x] = this.ordered([b.left, b.right], (n) => this.i32Any(n), pre, () => "int32_t");
    const K = ts.SyntaxKind;
    const op = b.operatorToken.kind;
    const ct = op === K.GreaterThanGreaterThanGreaterThanToken ? "uint32_t" : "int32_t";
    const c = op === K.BarToken ? `nd_u2i((uint32_t)${l} | (uint32_t)${x})`
      : op === K.AmpersandToken ? `nd_u2i((uint32_t)${l} & (uint32_t)${x})`
      : op === K.CaretToken ? `nd_u2i((uint32_t)${l} ^ (uint32_t)${x})`
      : op === K.LessThanLessThanToken ? `nd_u2i((uint32_t)${l} << ((uint32_t)${x} & 31u))`
      : op === K.GreaterThanGreaterThanToken ? `nd_sar32(${l}, (uint32_t)${x})`
      : `((uint32_t)${l} >> ((uint32_t)${x} & 31u))`;
    return { c: this.seq(pre, c), r, ct };
  }

  /** ToInt32 of any number expression, its effects included, as int32_t. */
  private i32Any(e: ts.Expression): string {
    if (pure(e, this.rcx)) return this.i32(e);
    const v = this.intValue(e);
    if (!v) return `nd_toint32(${this.expr(e)})`;
    return v.ct === "int32_t" ? v.c : v.ct === "uint32_t" ? `nd_u2i(${v.c})` : `nd_wrap64(${v.c})`;
  }

  private withCallLeaf<T>(f: () => T): T {
    const was = this.callLeaf;
    this.callLeaf = true;
    try {
      return f();
    } finally {
      this.callLeaf = was;
    }
  }

  /**
   * Whether e is integer arithmetic, bitwise operators or comparisons over literals, locals,
   * parameters, constants and exactly one call returning integers (with pure arguments): no other
   * operand can be changed by the call (locals are never captured), so C may evaluate the
   * operands in any order and still compute what JavaScript does.
   */
  private oneCall(e: ts.Expression): boolean {
    const K = ts.SyntaxKind;
    let calls = 0;
    const ok = (n: ts.Expression): boolean => {
      n = unparen(n);
      if (ts.isNumericLiteral(n)) return true;
      if (ts.isIdentifier(n)) {
        const d = this.ctx.declarationOf(n);
        return !!d && (ts.isParameter(d) || ts.isVariableDeclaration(d));
      }
      if (ts.isPropertyAccessExpression(n)) return constantOf(n, this.rcx) !== null;
      if (ts.isPrefixUnaryExpression(n)) return n.operator !== K.PlusPlusToken && n.operator !== K.MinusMinusToken && ok(n.operand);
      if (ts.isBinaryExpression(n)) {
        const op = n.operatorToken.kind;
        if ((op >= K.FirstAssignment && op <= K.LastAssignment) || op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken || op === K.CommaToken) return false;
        return ok(n.left) && ok(n.right);
      }
      if (ts.isCallExpression(n)) {
        if (isMathCall(n, this.rcx, "imul")) return n.arguments.every(ok);
        if (!this.callRange(n) || !n.arguments.every((a) => pure(a, this.rcx))) return false;
        calls++;
        return true;
      }
      return false;
    };
    const was = this.callLeaf;
    this.callLeaf = false;
    try {
      return ok(e) && calls === 1;
    } finally {
      this.callLeaf = was;
    }
  }

  private judgeValue(e: ts.Expression): Judged {
    const r = this.valueRange(e);
    return r ? { k: "range", r, counter: this.counterStep(e) } : { k: "other" };
  }

  /** The scan whose step n (a write w of x) is, or null. */
  private scanStep(n: ts.Node, w: RawWrite, x: ts.Declaration): ScanWrite | null {
    if (w.k !== "step") return null;
    const down = ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n) ? n.operator === ts.SyntaxKind.MinusMinusToken : ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken;
    const bound = scanBound(n, x, down, this.rcx);
    return bound ? { k: "scan", decl: x, bound, down } : null;
  }

  /**
   * A scan's step: x + 1 where x < bound is at most bound's highest value and one past x's lowest
   * at least; x - 1 where x > bound is at least bound's lowest and one below x's highest at most.
   */
  private judgeScan(w: ScanWrite): Judged {
    const b = pure(w.bound, this.rcx) ? rangeOf(w.bound, this.rcx) : null;
    const cur = this.intVars.get(w.decl);
    if (!b || !cur) return { k: "step" };
    let r: Range;
    if (w.down) {
      const lo = Math.max(cur.lo - 1, b.lo);
      r = { lo, hi: Math.max(cur.hi - 1, lo) };
    } else {
      const hi = Math.min(cur.hi + 1, b.hi);
      r = { lo: Math.min(cur.lo + 1, hi), hi };
    }
    return within(r, I32) ? { k: "range", r, counter: false } : { k: "step" };
  }

  private judgeRaw(w: RawWrite): Judged {
    return w.k === "value" ? this.judgeValue(w.e) : w;
  }

  /**
   * Reports every write this function makes into a candidate field, parameter or return value,
   * judged under the current assumptions: field writes, arguments of calls to candidate
   * functions, returns. `body` is inferred for integer locals first; `roots` are visited.
   */
  slotWrites(body: ts.Node | null, roots: ts.Node[], cands: SlotCandidates, sink: SlotSink, inits: [ts.Declaration, ts.Expression | ts.ParameterDeclaration][], seen: BodyWrites): void {
    seen.sites ??= this.slotSites(roots, cands);
    // a body that writes no slot leaves its locals to emitBody, which infers them under the final slots
    if (!seen.sites.length && !inits.length) return;
    this.paramInts();
    if (body) {
      this.inferIntVars(body, seen);
      this.ctx.slots.locals.set(body, { vars: new Map(this.intVars), caps: new Map(this.loopCaps), flow: this.flow });
    }
    for (const [d, v] of inits) {
      // a parameter property's field is written the parameter's value
      const pr = ts.isParameter(v) ? this.intVars.get(v) : null;
      sink("fields", d, !ts.isParameter(v) ? this.judgeValue(v) : pr ? { k: "range", r: pr, counter: true } : { k: "other" });
    }
    for (const [kind, d, w] of seen.sites) sink(kind, d, w.k === "scan" ? this.judgeScan(w) : this.judgeRaw(w));
  }

  /** Where roots write into candidate slots, in source order: syntax only, the same on every pass. */
  private slotSites(roots: ts.Node[], cands: SlotCandidates): SlotSite[] {
    const out: SlotSite[] = [];
    const fn = this.fnNode as ts.Declaration;
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n)) return;
      const wr = writeOf(n);
      if (wr) {
        const t = wr.target;
        const d = ts.isPropertyAccessExpression(t) ? this.ctx.declarationOf(t.name) : ts.isIdentifier(t) ? this.ctx.declarationOf(t) : undefined;
        if (d && (ts.isPropertyAccessExpression(t) ? cands.fields : cands.params).has(d)) {
          const scan = ts.isIdentifier(t) ? this.scanStep(n, wr.w, d) : null;
          out.push([ts.isPropertyAccessExpression(t) ? "fields" : "params", d, scan ?? wr.w]);
        }
      }
      if (ts.isReturnStatement(n) && n.expression && cands.returns.has(fn)) out.push(["returns", fn, { k: "value", e: n.expression }]);
      if (ts.isObjectLiteralExpression(n)) {
        for (const [d, v] of this.literalFields(n)) if (cands.fields.has(d)) out.push(["fields", d, { k: "value", e: v }]);
      }
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const d = this.calleeOf(n);
        d?.parameters.forEach((p, i) => {
          const a = n.arguments?.[i];
          if (cands.params.has(p)) out.push(["params", p, a ? { k: "value", e: a } : { k: "other" }]);
        });
      }
      ts.forEachChild(n, visit);
    };
    for (const r of roots) visit(r);
    return out;
  }

  /** The writes of every number local of body, and its counted loops: syntax only, the same on every pass. */
  private localWrites(body: ts.Node): LocalWrites {
    const writes = new Map<ts.Declaration, LocalWrite[]>();
    const steps = new Map<ts.Node, CountedLoop>();
    const visit = (n: ts.Node): void => {
      if (n !== body && ts.isFunctionLike(n)) return;
      if (ts.isForStatement(n)) {
        const l = countedLoop(n);
        if (l) steps.set(l.step, l);
      }
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && this.rcx.kindOf(n.name) === "num") {
        const list: LocalWrite[] = [];
        writes.set(n, list);
        const fo = n.parent.parent;
        if (ts.isForOfStatement(fo) && fo.initializer === n.parent) {
          const k = this.rcx.kindOf(fo.expression);
          const r = elementRange(k);
          list.push(r ? { k: "range", r } : { k: "other" });
        } else if (n.initializer) list.push({ k: "value", e: n.initializer });
        else list.push({ k: "other" });
      } else {
        const wr = writeOf(n);
        const d = wr && ts.isIdentifier(wr.target) ? this.ctx.declarationOf(wr.target) : undefined;
        const list = d && writes.get(d);
        const l = steps.get(n);
        const scan = list ? this.scanStep(n, wr!.w, d!) : null;
        if (list) list.push(l && l.decl === d && l.decl.initializer ? { k: "loop", loop: l, init: l.decl.initializer } : wr!.w.k === "step" ? { k: "flowstep", node: n, scan } : wr!.w);
      }
      ts.forEachChild(n, visit);
    };
    visit(body);
    // a counted loop's bound holds only while nothing but its step writes the counter
    for (const ws of writes.values()) {
      const i = ws.findIndex((w) => w.k === "loop");
      // then a step by one is what it would be anywhere else: a counter's; a longer one a double
      if (i >= 0 && ws.length !== 2) ws[i] = (ws[i] as LoopWrite).loop.by === 1 ? { k: "step" } : { k: "other" };
    }
    return { writes, loops: [...writes.values()].flatMap((ws) => ws.filter((w): w is LoopWrite => w.k === "loop")) };
  }

  /**
   * Finds the number locals that only ever hold integers: int32 when every write is an int32
   * value (bitwise results, typed-array elements, small constants), int64 "counters" when some
   * write is ++/--/+=1/-=1 (see COUNTER). Optimistic start, demoted until nothing changes; the
   * locals but the counters are then narrowed to the hull of their writes.
   */
  private inferIntVars(body: ts.Node, seen: BodyWrites = {}): void {
    const { writes, loops } = (seen.locals ??= this.localWrites(body));
    this.flow = this.flowOf(body, new Set(writes.keys()));
    const judged = (w: LocalWrite): Judged => {
      if (w.k === "range") return { k: "range", r: w.r, counter: false };
      if (w.k === "loop") {
        const r = this.loopRange(w.loop, w.init);
        return r ? { k: "range", r: r.all, counter: w.loop.by === 1 } : w.loop.by === 1 ? { k: "step" } : { k: "other" };
      }
      if (w.k === "flowstep") {
        const r = this.flow?.steps.get(w.node);
        return r ? { k: "range", r, counter: true } : w.scan ? this.judgeScan(w.scan) : { k: "step" };
      }
      return this.judgeRaw(w);
    };
    // reads inside a counted loop's body see the counter within its bound
    const capLoops = (): void => {
      this.loopCaps.clear();
      for (const w of loops) {
        const r = this.intVars.get(w.loop.decl) && this.loopRange(w.loop, w.init);
        if (r) this.loopCaps.set(w.loop.decl, { body: w.loop.stmt.statement, r: r.body });
      }
    };
    for (const d of writes.keys()) this.intVars.set(d, I32);
    for (let changed = true; changed; ) {
      changed = false;
      capLoops();
      for (const [d, ws] of writes) {
        const cur = this.intVars.get(d);
        if (!cur) continue;
        const next = settle(cur, judge(ws.map(judged)));
        if (next !== cur) {
          if (next) this.intVars.set(d, next);
          else this.intVars.delete(d);
          changed = true;
        }
      }
    }
    // Narrowing: ranges R are an invariant when every write, computed under R, lies within R; the
    // hull of the writes under an invariant is again one when it checks out, so repeat a few times
    // (int32 locals and the int64 hulls of wider writes: a counter's range is its own argument)
    const narrowable = [...writes.keys()].filter((d) => this.intVars.has(d) && this.intVars.get(d) !== COUNTER);
    const hull = (ws: LocalWrite[]): Range | null => {
      let h: Range | null = null;
      for (const w of ws) {
        const j = judged(w);
        const r = j.k === "range" ? j.r : j.k === "bits" ? I32 : null;
        if (!r) return null;
        h = h ? { lo: Math.min(h.lo, r.lo), hi: Math.max(h.hi, r.hi) } : r;
      }
      return h;
    };
    const current = (): Map<ts.Declaration, Range> => new Map(narrowable.map((d) => [d, this.intVars.get(d)!] as const));
    let valid = current();
    for (let round = 0; round < 4; round++) {
      capLoops();
      const next = new Map<ts.Declaration, Range>();
      for (const d of narrowable) {
        const h = hull(writes.get(d)!);
        if (!h || !within(h, this.intVars.get(d)!)) break;
        next.set(d, h);
      }
      if (next.size !== narrowable.length) break;
      valid = current();
      if (narrowable.every((d) => { const a = next.get(d)!, b = this.intVars.get(d)!; return a.lo === b.lo && a.hi === b.hi; })) break;
      for (const [d, r] of next) this.intVars.set(d, r);
    }
    for (const [d, r] of valid) this.intVars.set(d, r);
    capLoops();
  }

  /**
   * The flow analysis of body, or null when it has neither number locals nor integer parameters.
   * The slot inference judges a body again whenever a slot it reads changes; the analysis is redone
   * only when a slot it read itself (its parameters', a callee's return, a field) has changed.
   */
  private flowOf(body: ts.Node, locals: Set<ts.Declaration>): FlowRanges | null {
    const slots = this.ctx.slots;
    const params = ts.isFunctionLike(this.fnNode) ? this.fnNode.parameters : [];
    // integer parameters the body never writes enter the analysis with their slot's range
    const entry = new Map<ts.Declaration, Range>();
    for (const p of params) {
      const r = slots.params.get(p);
      if (r && r !== COUNTER && !locals.has(p)) entry.set(p, r);
    }
    if (!locals.size && !entry.size) return null;
    const same = (a: Range | undefined, b: Range | undefined) => a === b || (!!a && !!b && a.lo === b.lo && a.hi === b.hi);
    const last = slots.flows.get(body);
    if (last && last.deps.every(([m, d, r]) => same(m.get(d), r))) return last.flow;
    const reads: [Map<ts.Declaration, Range>, ts.Declaration][] = (slots.flowReads = []);
    let flow: FlowRanges;
    try {
      for (const p of params) slots.params.get(p);
      flow = flowRanges(body, { rcx: this.rcx, callRange: (e, arg) => this.callRangeAt(e, arg), tracked: new Set([...locals, ...entry.keys()]), entry });
    } finally {
      slots.flowReads = null;
    }
    const seen = new Map<Map<ts.Declaration, Range>, Set<ts.Declaration>>();
    const deps: [Map<ts.Declaration, Range>, ts.Declaration, Range | undefined][] = [];
    for (const [m, d] of reads) {
      let ds = seen.get(m);
      if (!ds) seen.set(m, (ds = new Set()));
      if (ds.has(d)) continue;
      ds.add(d);
      deps.push([m, d, m.get(d)]);
    }
    slots.flows.set(body, { deps, flow });
    return flow;
  }

  /**
   * The values a counted loop's counter takes (`all`: its initial values and every step up to the
   * bound) and those its body can see (`body`), under the current assumptions; null when the bound
   * or the initial value has no range.
   */
  private loopRange(l: CountedLoop, init: ts.Expression): { all: Range; body: Range } | null {
    const b = pure(l.bound, this.rcx) ? rangeOf(l.bound, this.rcx) : null;
    const i = this.valueRange(init);
    if (!b || !i) return null;
    if (l.up) {
      const inBody = (l.inclusive ? b.hi : b.hi - 1) - l.shift;
      const last = inBody + l.by;
      return { all: { lo: i.lo, hi: Math.max(i.hi, last, i.lo) }, body: { lo: i.lo, hi: Math.max(i.lo, inBody) } };
    }
    const inBody = l.inclusive ? b.lo : b.lo + 1;
    const last = inBody - l.by;
    return { all: { lo: Math.min(i.lo, last, i.hi), hi: i.hi }, body: { lo: Math.min(i.hi, inBody), hi: i.hi } };
  }

  /** Whether e is an integer local, or one plus or minus 1: a write of it moves a counter by at most one. */
  private counterStep(e: ts.Expression): boolean {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isIdentifier(e)) return this.intVar(e) !== null;
    // integer fields and calls returning integers hold int32 values or counters themselves
    if (ts.isPropertyAccessExpression(e)) return this.rcx.fieldRange(e) !== null && pure(e.expression, this.rcx);
    if (ts.isCallExpression(e)) return this.callRange(e) !== null;
    if (ts.isConditionalExpression(e)) {
      const small = (x: ts.Expression) => this.counterStep(x) || within(this.valueRange(x) ?? COUNTER, I32);
      return small(e.whenTrue) && small(e.whenFalse);
    }
    if (!ts.isBinaryExpression(e)) return false;
    const op = e.operatorToken.kind;
    const one = (x: ts.Expression) => ts.isNumericLiteral(x) && (x.text === "1" || x.text === "0");
    if (op === ts.SyntaxKind.PlusToken) return (one(e.right) && this.counterStep(e.left)) || (one(e.left) && this.counterStep(e.right));
    return op === ts.SyntaxKind.MinusToken && one(e.right) && this.counterStep(e.left);
  }

  /** The C type of an integer field that e (a property access) names, or null. */
  private intField(e: ts.Expression): string | null {
    e = unparen(e);
    const r = ts.isPropertyAccessExpression(e) ? this.rcx.fieldRange(e) : null;
    return r ? cIntType(r) : null;
  }

  /** The integer local an identifier names, or null. */
  private intVar(e: ts.Expression): { decl: ts.Declaration; r: Range; ct: string } | null {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isIdentifier(e) || this.intVars.size === 0) return null;
    const d = this.ctx.declarationOf(e);
    const r = d && this.intVars.get(d);
    return d && r ? { decl: d, r, ct: cIntType(r) } : null;
  }

  /** The integer form of a pure number expression with a known range, or null. */
  private intOf(e: ts.Expression): IntC | null {
    const r = pure(e, this.rcx) ? rangeOf(e, this.rcx) : null;
    return r ? this.intExpr(e, r) : null;
  }

  /** The integer form of a value valueRange gives a range: intOf, or one with one integer call. */
  private intValue(e: ts.Expression): IntC | null {
    const f = this.intOf(e);
    if (f) return f;
    e = unparen(e);
    if (ts.isCallExpression(e)) {
      const r = this.callRange(e);
      return r ? { c: this.intCall(e), r, ct: cIntType(r) } : null;
    }
    if (ts.isConditionalExpression(e)) {
      const r = this.valueRange(e);
      if (!r) return null;
      const ct = cIntType(r);
      const a = this.intValue(e.whenTrue)!;
      const b = this.intValue(e.whenFalse)!;
      return { c: `(${this.cond(e.condition)} ? ${this.castInt(a, ct)} : ${this.castInt(b, ct)})`, r, ct };
    }
    const g = this.oneCall(e) ? this.withCallLeaf(() => this.intOf(e)) : null;
    return g ?? this.bitwiseInt(e);
  }

  /** C storing the value of e (proved to fit) into an integer place of type ct. */
  intInit(e: ts.Expression, ct: string): string {
    return this.castInt(this.intValue(e)!, ct);
  }

  /** C for e, whose range is r (rangeOf said so); follows rangeOf case by case. */
  private intExpr(e: ts.Expression, r: Range): IntC {
    const ct = cIntType(r);
    if (r.lo === r.hi && (!this.callLeaf || !this.effectful(e))) {
      // a field that always holds one value folds to it, but its object still counts as read: C
      // warns about a local that is set and never used
      const objs = this.foldedLocals(e);
      return { c: objs.length ? `(${objs.map((o) => `(void)${o}, `).join("")}${intLiteral(r.lo)})` : intLiteral(r.lo), r, ct };
    }
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return this.intExpr(e.expression, r);
    if (ts.isIdentifier(e)) {
      const v = this.intVar(e)!;
      return { c: localName(e.text), r, ct: v.ct };
    }
    if (ts.isPropertyAccessExpression(e)) {
      const fr = this.rcx.fieldRange(e);
      const o = this.expr(e.expression);
      return fr ? { c: `${this.member(e.expression, o, this.typeOf(e.expression))}${localName(e.name.text)}`, r, ct: cIntType(fr) } : { c: `${this.wrapObj(o)}->len`, r, ct: "int32_t" };
    }
    if (ts.isElementAccessExpression(e)) {
      const t = this.typeOf(e.expression) as CType & { name: string };
      const a = this.wrapObj(this.expr(e.expression));
      const u = this.uncheckedIndex(e);
      if (u !== null) return { c: `((int32_t)${a}->data[${u}])`, r, ct: "int32_t" };
      const i = this.intIndex(e.argumentExpression);
      if (i !== null) return { c: `${t.name}_at(${a}, ${i}, ${this.loc(e)})`, r, ct: "int32_t" };
      return { c: `((int32_t)${a}->data[nd_index(${this.expr(e.argumentExpression)}, ${a}->len, ${this.loc(e)})])`, r, ct: "int32_t" };
    }
    if (ts.isCallExpression(e)) {
      const fq = floorQuotient(e, this.rcx);
      if (fq && within(fq.ra, I32)) return { c: `nd_floordiv32(${this.i32(fq.a)}, ${this.i32(fq.b)})`, r, ct: "int32_t" };
      if (fq) {
        const ct = cIntType(r);
        const q = `nd_floordiv64(${this.castInt(this.intOf(fq.a)!, "int64_t")}, ${this.i32(fq.b)})`;
        return { c: ct === "int64_t" ? q : `((${ct})${q})`, r, ct };
      }
      if (!isMathCall(e, this.rcx, "imul")) return { c: this.intCall(e), r, ct: cIntType(this.callRange(e)!) };
      return { c: `nd_imul32(${this.i32(e.arguments[0]!)}, ${this.i32(e.arguments[1]!)})`, r, ct: "int32_t" };
    }
    if (ts.isConditionalExpression(e)) {
      const a = this.intExpr(e.whenTrue, rangeOf(e.whenTrue, this.rcx)!);
      const b = this.intExpr(e.whenFalse, rangeOf(e.whenFalse, this.rcx)!);
      return { c: `(${this.cond(e.condition)} ? ${this.castInt(a, ct)} : ${this.castInt(b, ct)})`, r, ct };
    }
    if (ts.isPrefixUnaryExpression(e)) {
      if (e.operator === ts.SyntaxKind.TildeToken) return { c: `nd_u2i(~(uint32_t)${this.i32(e.operand)})`, r, ct: "int32_t" };
      const inner = this.intExpr(e.operand, rangeOf(e.operand, this.rcx)!);
      if (e.operator === ts.SyntaxKind.PlusToken) return inner;
      return { c: `(-(int64_t)${inner.c})`, r, ct: "int64_t" };
    }
    const b = e as ts.BinaryExpression;
    const K = ts.SyntaxKind;
    switch (b.operatorToken.kind) {
      case K.BarToken: return { c: `nd_u2i((uint32_t)${this.i32(b.left)} | (uint32_t)${this.i32(b.right)})`, r, ct: "int32_t" };
      case K.AmpersandToken: return { c: `nd_u2i((uint32_t)${this.i32(b.left)} & (uint32_t)${this.i32(b.right)})`, r, ct: "int32_t" };
      case K.CaretToken: return { c: `nd_u2i((uint32_t)${this.i32(b.left)} ^ (uint32_t)${this.i32(b.right)})`, r, ct: "int32_t" };
      case K.LessThanLessThanToken: return { c: `nd_u2i((uint32_t)${this.i32(b.left)} << (${this.u32(b.right)} & 31u))`, r, ct: "int32_t" };
      case K.GreaterThanGreaterThanToken: return { c: `nd_sar32(${this.i32(b.left)}, ${this.u32(b.right)})`, r, ct: "int32_t" };
      case K.GreaterThanGreaterThanGreaterThanToken: return { c: `((uint32_t)${this.i32(b.left)} >> (${this.u32(b.right)} & 31u))`, r, ct: "uint32_t" };
    }
    const l = this.intExpr(b.left, rangeOf(b.left, this.rcx)!);
    const rr = this.intExpr(b.right, rangeOf(b.right, this.rcx)!);
    const op = b.operatorToken.kind === K.PlusToken ? "+" : b.operatorToken.kind === K.MinusToken ? "-" : b.operatorToken.kind === K.AsteriskToken ? "*" : "%";
    // int32 arithmetic cannot overflow when the result's range is int32 too
    if (ct === "int32_t" && l.ct === "int32_t" && rr.ct === "int32_t") return { c: `(${l.c} ${op} ${rr.c})`, r, ct };
    // otherwise 32-bit operands and a result that fits 32 bits: uint32 arithmetic is exact modulo
    // 2^32, which a result in [0, 2^32) or in int32 reads back from (one register on rv32)
    const narrow = (x: IntC) => x.ct === "int32_t" || x.ct === "uint32_t";
    if (op !== "%" && narrow(l) && narrow(rr) && (within(r, I32) || within(r, U32))) {
      const u = `((uint32_t)${l.c} ${op} (uint32_t)${rr.c})`;
      return within(r, I32) ? { c: `nd_u2i${u}`, r, ct: "int32_t" } : { c: u, r, ct: "uint32_t" };
    }
    if (op === "%" && within(l.r, U32) && within(rr.r, U32)) {
      // a remainder of uint32s (the divisor is at least 1) is one machine instruction on 32-bit targets
      const u = `((uint32_t)${l.c} % (uint32_t)${rr.c})`;
      return { c: ct === "uint32_t" ? u : `((${ct})${u})`, r, ct };
    }
    return { c: `((int64_t)${l.c} ${op} (int64_t)${rr.c})`, r, ct: "int64_t" };
  }

  /** The C names of the locals and parameters whose fields e reads. */
  private foldedLocals(e: ts.Expression): string[] {
    const out: string[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression)) {
        const d = this.ctx.declarationOf(n.expression);
        const name = localName(n.expression.text);
        if (d && (ts.isParameter(d) || (ts.isVariableDeclaration(d) && this.isLocal(d))) && !out.includes(name)) out.push(name);
      }
      ts.forEachChild(n, visit);
    };
    visit(e);
    return out;
  }

  /** ToInt32 of a number expression, as int32_t. */
  private i32(e: ts.Expression): string {
    const f = this.intOf(e);
    // ToInt32 of a quotient of int32s is C's truncating division, and so of a wider safe integer
    // (the double quotient does not cross an integer: see floorQuotient), in uint32 when neither
    // operand is negative
    const q = f ? null : intQuotient(e, this.rcx, true);
    if (q && within(q.ra, I32)) return `(${this.i32(q.a)} / ${this.i32(q.b)})`;
    if (q && within(q.ra, U32)) return `nd_u2i(${this.u32(q.a)} / (uint32_t)${this.i32(q.b)})`;
    if (q) return `nd_wrap64(${this.castInt(this.intOf(q.a)!, "int64_t")} / ${this.i32(q.b)})`;
    if (!f) return `nd_toint32(${this.expr(e)})`;
    return f.ct === "int32_t" ? f.c : f.ct === "uint32_t" ? `nd_u2i(${f.c})` : `nd_wrap64(${f.c})`;
  }

  /** ToUint32 of a number expression, as uint32_t. */
  private u32(e: ts.Expression): string {
    const f = this.intOf(e);
    return f ? `(uint32_t)${f.c}` : `nd_touint32(${this.expr(e)})`;
  }

  /** An index as int64 when it is an integer expression or a step of an integer local, else null. */
  private intIndex(e: ts.Expression): string | null {
    const f = this.intOf(e);
    if (f) return f.c;
    if (isIntStep(e) && this.intVar(e.operand)) return this.incDecInt(e);
    return null;
  }

  /** The value of an integer expression converted to C type ct (the range fits, so this is exact). */
  private castInt(f: IntC, ct: string): string {
    return f.ct === ct ? f.c : `(${ct})${f.c}`;
  }

  /** ++/-- on an integer local, as the C integer expression. */
  private incDecInt(e: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression): string {
    const name = localName((e.operand as ts.Identifier).text);
    const d = e.operator === ts.SyntaxKind.PlusPlusToken ? "++" : "--";
    return ts.isPostfixUnaryExpression(e) ? `${name}${d}` : `${d}${name}`;
  }

  private label(kind: string): string {
    return `nd_${kind}_${++this.labelCount}`;
  }

  /** The C arguments `file, line` of node, for panics. */
  loc(node: ts.Node): string {
    return this.ctx.loc(node);
  }

  private typeOf(node: ts.Node): CType {
    return this.ctx.types.ofNode(node);
  }

  /** The type the context expects for node (object and empty array literals). */
  private expectedType(node: ts.Expression): CType {
    const ctxType = this.ctx.checker.getContextualType(node);
    if (!ctxType) this.refuse(node, ts.isArrayLiteralExpression(node) ? "NUDGE1217" : "NUDGE1216");
    return this.ctx.types.map(ctxType, node);
  }

  /** Checks that a value of type from may be stored where type to is expected. */
  convert(c: string, from: CType, to: CType, node: ts.Node): string {
    if (to.k === "void" || c === "NULL") return c;
    if (!sameType(from, to)) {
      const name = (t: CType) => ("name" in t ? t.name : t.k);
      this.refuse(node, "NUDGE1203", `${name(from)} to ${name(to)}`);
    }
    return c;
  }

  /** Whether evaluating node may change state (so operand order matters). */
  private effectful(node: ts.Node): boolean {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isPostfixUnaryExpression(n) ||
          (ts.isPrefixUnaryExpression(n) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) ||
          (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment)) {
        found = true;
        return;
      }
      if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return;
      ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  }

  private isConstantExpr(node: ts.Expression): boolean {
    return ts.isNumericLiteral(node) || ts.isStringLiteral(node) || node.kind === ts.SyntaxKind.TrueKeyword ||
      node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword ||
      ts.isNoSubstitutionTemplateLiteral(node);
  }

  /**
   * Whether evaluating eff can change what evaluating one of later reads: a local eff writes, or,
   * when eff calls a function (not `Math`'s), constructs or writes a field or element, any memory
   * or module `let`. Calls cannot change the caller's locals: arrows capture nothing.
   */
  private changesReads(eff: ts.Expression, later: ts.Expression[]): boolean {
    const written = new Set<ts.Declaration>();
    let memory = false;
    const visit = (n: ts.Node): void => {
      if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) return;
      const w = writeOf(n);
      const target = w && unparen(w.target);
      const d = target && ts.isIdentifier(target) ? this.ctx.declarationOf(target) : undefined;
      if (d) written.add(d);
      else if (target) memory = true;
      if (ts.isNewExpression(n) || (ts.isCallExpression(n) && !this.isMathBuiltin(n))) memory = true;
      ts.forEachChild(n, visit);
    };
    visit(eff);
    const reads = (n: ts.Node): boolean => {
      if (ts.isIdentifier(n)) {
        const d = this.ctx.declarationOf(n);
        return !!d && (written.has(d) || (memory && ts.isVariableDeclaration(d) && !this.isLocal(d) && !(ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const)));
      }
      if (memory && (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n) || ts.isNewExpression(n))) return true;
      return ts.forEachChild(n, reads) ?? false;
    };
    return later.some(reads);
  }

  /** Whether e only reads locals, parameters and literals and computes with operators. */
  private localArithmetic(e: ts.Expression): boolean {
    const K = ts.SyntaxKind;
    const n = unparen(e);
    if (this.isConstantExpr(n)) return true;
    if (ts.isIdentifier(n)) {
      const d = this.ctx.declarationOf(n);
      return !!d && (ts.isParameter(d) || (ts.isVariableDeclaration(d) && this.isLocal(d)));
    }
    if (ts.isPrefixUnaryExpression(n)) return n.operator !== K.PlusPlusToken && n.operator !== K.MinusMinusToken && this.localArithmetic(n.operand);
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op >= K.FirstAssignment && op <= K.LastAssignment) return false;
      return this.localArithmetic(n.left) && this.localArithmetic(n.right);
    }
    return false;
  }

  private isMathBuiltin(n: ts.CallExpression): boolean {
    const c = n.expression;
    return ts.isPropertyAccessExpression(c) && isMathCall(n, this.rcx, c.name.text);
  }

  /** A variable declared in a function, not in a module-level statement. */
  private isLocal(d: ts.VariableDeclaration): boolean {
    return !ts.isSourceFile(d.parent.parent.parent);
  }

  /**
   * Evaluates nodes left to right, returning C operands safe to use in any order. Every operand up
   * to the last one with an effect goes into a temporary first, and that one too when it can change
   * what an operand after it reads (changesReads): C leaves unsequenced the operands of an operator
   * and the arguments of a call, and a call's body runs before or after the other operands' reads
   * in no fixed order. An operand before it that only reads locals and computes with them, which no
   * later operand writes, needs none: it has no effect, cannot panic, and gives the same whenever
   * C evaluates it (calls cannot change the caller's locals).
   */
  private ordered(nodes: ts.Expression[], emit: (n: ts.Expression, i: number) => string, pre: string[], typeFor?: (n: ts.Expression, i: number) => CType | string): string[] {
    let lastEffect = -1;
    nodes.forEach((n, i) => { if (this.effectful(n)) lastEffect = i; });
    const readsAfter = lastEffect >= 0 && lastEffect < nodes.length - 1 && this.changesReads(nodes[lastEffect]!, nodes.slice(lastEffect + 1));
    const kept = (n: ts.Expression, i: number): boolean => this.localArithmetic(n) && !nodes.slice(i + 1, lastEffect + 1).some((m) => this.changesReads(m, [n]));
    return nodes.map((n, i) => {
      const c = emit(n, i);
      if ((i < lastEffect ? !kept(n, i) : i === lastEffect && readsAfter) && !this.isConstantExpr(n)) {
        const tt = typeFor ? typeFor(n, i) : this.typeOf(n);
        const t = typeof tt === "string" ? this.tempC(tt) : this.temp(tt);
        pre.push(`${t} = ${c}`);
        return t;
      }
      return c;
    });
  }

  private seq(pre: string[], value: string): string {
    return pre.length ? `(${[...pre, value].join(", ")})` : value;
  }

  // ---- statements ---------------------------------------------------------------------------

  stmt(s: ts.Statement): void {
    try {
      this.stmtInner(s);
    } catch (e) {
      if (e instanceof Refused) {
        this.ctx.report(e.diagnostic);
        return;
      }
      throw e;
    }
  }

  private block(stmts: readonly ts.Statement[] | ts.Statement): void {
    this.indent++;
    if (Array.isArray(stmts)) for (const s of stmts) this.stmt(s);
    else if (ts.isBlock(stmts as ts.Statement)) for (const s of (stmts as ts.Block).statements) this.stmt(s);
    else this.stmt(stmts as ts.Statement);
    this.indent--;
  }

  private stmtInner(s: ts.Statement): void {
    if (ts.isVariableStatement(s)) return this.varDecls(s.declarationList);
    if (ts.isExpressionStatement(s)) return this.line(`${this.exprStatement(s.expression)};`);
    if (ts.isReturnStatement(s)) {
      if (!s.expression) return this.line("return;");
      const rr = this.retRange;
      if (rr) return this.line(`return ${this.intInit(s.expression, cIntType(rr))};`);
      const v = this.convert(this.expr(s.expression, this.returnType), this.typeOfInit(s.expression, this.returnType), this.returnType, s.expression);
      return this.line(this.returnType.k === "void" ? `${v}; return;` : `return ${v};`);
    }
    if (ts.isIfStatement(s)) {
      this.line(`if (${this.cond(s.expression)}) {`);
      this.block(s.thenStatement);
      let els = s.elseStatement;
      while (els && ts.isIfStatement(els)) {
        this.line(`} else if (${this.cond(els.expression)}) {`);
        this.block(els.thenStatement);
        els = els.elseStatement;
      }
      if (els) {
        this.line("} else {");
        this.block(els);
      }
      return this.line("}");
    }
    if (ts.isBlock(s)) {
      this.line("{");
      this.block(s.statements);
      return this.line("}");
    }
    if (ts.isWhileStatement(s)) {
      const scan = this.pendingLabel ? null : this.scanLoop(s);
      if (scan) return this.versionedScan(s, scan);
      this.markTurns(s);
      return this.loop(() => {
        this.line(`while (${this.cond(s.expression)}) {`);
      }, s.statement);
    }
    if (ts.isDoStatement(s)) {
      this.markTurns(s);
      const b = this.pushLoop();
      this.line("do {");
      this.loopBody(s.statement, b);
      this.line(`} while (${this.cond(s.expression)});`);
      return this.popLoop(b);
    }
    if (ts.isForStatement(s)) {
      this.line("{");
      this.indent++;
      if (s.initializer) {
        if (ts.isVariableDeclarationList(s.initializer)) this.varDecls(s.initializer);
        else this.line(`${this.exprStatement(s.initializer)};`);
      }
      const cond = s.condition ? this.cond(s.condition) : "1";
      const inc = s.incrementor ? this.exprStatement(s.incrementor) : "";
      const offsets = this.pendingLabel ? null : this.offsetLoop(s);
      this.markTurns(s);
      if (offsets) this.versioned(offsets, () => this.loop(() => this.line(`for (; ${cond}; ${inc}) {`), s.statement));
      else this.loop(() => this.line(`for (; ${cond}; ${inc}) {`), s.statement);
      this.indent--;
      return this.line("}");
    }
    if (ts.isForOfStatement(s)) return this.forOf(s);
    if (ts.isForInStatement(s)) this.refuse(s, "NUDGE1107");
    if (ts.isBreakStatement(s) || ts.isContinueStatement(s)) return this.jump(s);
    if (ts.isSwitchStatement(s)) return this.switchStmt(s);
    if (ts.isLabeledStatement(s)) {
      const inner = s.statement;
      if (ts.isForStatement(inner) || ts.isWhileStatement(inner) || ts.isDoStatement(inner) || ts.isForOfStatement(inner) || ts.isSwitchStatement(inner)) {
        this.pendingLabel = s.label.text;
        return this.stmtInner(inner);
      }
      const b: Breakable = { kind: "block", label: s.label.text, brk: this.label("brk"), cont: null, usedBrk: false, usedCont: false };
      this.breakables.push(b);
      this.line("{");
      this.block(inner);
      this.line("}");
      this.breakables.pop();
      if (b.usedBrk) this.line(`${b.brk}:;`);
      return;
    }
    if (ts.isEmptyStatement(s)) return;
    if (ts.isThrowStatement(s) || ts.isTryStatement(s)) this.refuse(s, "NUDGE1106");
    if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) this.refuse(s, "NUDGE1105", "declarations inside functions");
    this.refuse(s, "NUDGE1105", ts.SyntaxKind[s.kind]);
  }

  private varDecls(list: ts.VariableDeclarationList): void {
    if (!(list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) this.refuse(list, "NUDGE1101");
    for (const d of list.declarations) {
      if (!ts.isIdentifier(d.name)) this.refuse(d.name, "NUDGE1104");
      if (!d.initializer) this.refuse(d, "NUDGE1103");
      if (ts.isOptionalChain(d.initializer)) this.refuse(d.initializer, "NUDGE1213");
      if (ts.isRegularExpressionLiteral(d.initializer)) this.refuse(d.initializer, "NUDGE1208");
      const iv = this.intVar(d.name);
      if (iv) {
        this.declare(`${localCType(iv.ct)} ${localName(d.name.text)} = ${this.intInit(d.initializer, iv.ct)};`, localName(d.name.text));
        continue;
      }
      const t = this.typeOf(d.name);
      const v = this.convert(this.expr(d.initializer, t), this.typeOfInit(d.initializer, t), t, d.initializer);
      this.declare(`${cName(t)} ${localName(d.name.text)} = ${v};`, localName(d.name.text));
    }
  }

  /** The type of an initializer, read from context for literals that have no type of their own. */
  private typeOfInit(e: ts.Expression, target: CType): CType {
    if (e.kind === ts.SyntaxKind.NullKeyword || ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e)) return target;
    return this.typeOf(e);
  }

  private pushLoop(): Breakable {
    const b: Breakable = { kind: "loop", label: this.pendingLabel, brk: null, cont: null, usedBrk: false, usedCont: false };
    this.pendingLabel = null;
    if (b.label) {
      b.brk = this.label("brk");
      b.cont = this.label("cont");
    }
    this.breakables.push(b);
    return b;
  }

  /**
   * Before the loop s: when no turn's allocations can outlive the turn (turn-release.ts), marks
   * the arena, and every turn gives back to the mark at its end. A turn that `continue` ends gives
   * back with the next one; `break` and `return` leave the memory to the enclosing scope.
   */
  private markTurns(s: ts.IterationStatement): void {
    if (!this.ctx.turns.releases(s)) return;
    const mark = `nd_t${++this.tempCount}`;
    // no initializer: nd_arena_mark below sets every field, and no jump enters the loop past it
    this.temps.push(`nd_mark ${mark};`);
    this.line(`nd_arena_mark(&${mark});`);
    this.turnMarks.set(s.statement, mark);
  }

  private loopBody(body: ts.Statement, b: Breakable): void {
    this.block(body);
    if (b.usedCont) this.line(`  ${b.cont}:;`);
    const mark = this.turnMarks.get(body);
    if (mark) this.line(`  nd_arena_back(&${mark});`);
  }

  private popLoop(b: Breakable): void {
    this.breakables.pop();
    if (b.usedBrk) this.line(`${b.brk}:;`);
  }

  /**
   * A scan `while (i < E && …a[i]…) i++;`: i only grows, one step per test, so every `a[i]` the
   * test reads after `i < E` lies in [0, a.length) once `i >= 0` and `E <= a.length` hold on entry
   * (a and E cannot change: the loop writes only i, and a is a name, or a typed array's length).
   * Null when s is not one, or none of its reads can drop the check.
   */
  private scanLoop(s: ts.WhileStatement): { i: ts.Declaration; arrays: Set<ts.Declaration>; guard: string[]; end: ts.Expression; rest: ts.Expression[] } | null {
    const stmt = ts.isBlock(s.statement) && s.statement.statements.length === 1 ? s.statement.statements[0]! : s.statement;
    if (!ts.isExpressionStatement(stmt)) return null;
    const step = unparen(stmt.expression);
    const K = ts.SyntaxKind;
    const up = ts.isBinaryExpression(step) ? step.operatorToken.kind === K.PlusEqualsToken : (ts.isPrefixUnaryExpression(step) || ts.isPostfixUnaryExpression(step)) && step.operator === K.PlusPlusToken;
    const w = writeOf(step);
    if (!up || !w || w.w.k !== "step" || !ts.isIdentifier(w.target)) return null;
    const i = this.ctx.declarationOf(w.target);
    const iv = this.intVar(w.target);
    if (!i || !iv) return null;
    const conj: ts.Expression[] = [];
    for (let c = unparen(s.expression); ; ) {
      if (ts.isBinaryExpression(c) && c.operatorToken.kind === K.AmpersandAmpersandToken) {
        conj.unshift(c.right);
        c = unparen(c.left);
      } else {
        conj.unshift(c);
        break;
      }
    }
    const test = unparen(conj[0]!);
    if (conj.length < 2 || !ts.isBinaryExpression(test) || test.operatorToken.kind !== K.LessThanToken) return null;
    const counter = unparen(test.left);
    if (!ts.isIdentifier(counter) || this.ctx.declarationOf(counter) !== i) return null;
    const end = unparen(test.right);
    const arrays = new Set<ts.Declaration>();
    let writes = false;
    const visit = (n: ts.Node): void => {
      if (writeOf(n)) writes = true;
      if (ts.isElementAccessExpression(n)) {
        const a = unparen(n.expression), x = unparen(n.argumentExpression);
        const d = ts.isIdentifier(a) ? this.ctx.declarationOf(a) : undefined;
        // a nullable name may be narrowed only inside the test, after the guard has read its length
        const t = d && (ts.isVariableDeclaration(d) || ts.isParameter(d)) && !this.ctx.checker.getTypeAtLocation(d.name).isUnion() ? this.typeOf(a) : null;
        if (t && this.neverShrinks(t) && ts.isIdentifier(x) && this.ctx.declarationOf(x) === i) arrays.add(d!);
      }
      ts.forEachChild(n, visit);
    };
    for (const c of conj) visit(c);
    if (writes || arrays.size === 0) return null;
    // E: a name or a constant, which the loop cannot change, or the length of the one array read
    const endArray = ts.isPropertyAccessExpression(end) && end.name.text === "length" && ts.isIdentifier(end.expression) ? this.ctx.declarationOf(end.expression) : undefined;
    const guard: string[] = [];
    if (iv.r.lo < 0) guard.push(`${localName(w.target.text)} >= 0`);
    if (endArray && arrays.size === 1 && arrays.has(endArray)) return { i, arrays, guard, end, rest: conj.slice(1) };
    if (!(ts.isIdentifier(end) || ts.isNumericLiteral(end)) || !this.intOf(end)) return null;
    const e = this.intOf(end)!.c;
    for (const d of arrays) guard.push(`(int64_t)${e} <= (int64_t)${this.expr((d as ts.VariableDeclaration | ts.ParameterDeclaration).name as ts.Identifier)}->len`);
    return { i, arrays, guard, end, rest: conj.slice(1) };
  }

  /**
   * A counted loop `for (let i = A; i < B; i++)` (or `<=`; any step up; `i + c < B`) whose body reads
   * or writes `a[i + k]` (also `a[k + i]`, `a[i - k]`, `a[i]`) with `a` a name of a typed array or
   * of an array that only grows, and a, k and B names, constants, sums and differences of them, or
   * typed arrays' lengths, none of which the loop assigns: i runs from its value on entry up to
   * B - c, so every such access is in bounds when `i + k >= 0` holds on entry and
   * `B - c + k <= a.length` (`<` for `<=`). The guard and the accesses it covers, or null when
   * there are none or the body is too large to emit twice.
   */
  private offsetLoop(s: ts.ForStatement): { reads: Set<ts.Node>; guard: string[] } | null {
    const loop = countedLoop(s);
    const cap = loop && loop.up ? this.loopCaps.get(loop.decl) : undefined;
    if (!loop || !cap || cap.body !== s.statement || !ts.isIdentifier(loop.decl.name)) return null;
    const assigned = this.assignedIn(s);
    // a name declared in the loop takes a value per turn, and the entry test cannot see it
    const isName = (e: ts.Expression, d: ts.Declaration | undefined): d is ts.VariableDeclaration | ts.ParameterDeclaration =>
      ts.isIdentifier(e) && !!d && (ts.isVariableDeclaration(d) || ts.isParameter(d)) && !assigned.has(d) &&
      !(d.getSourceFile() === s.getSourceFile() && d.pos >= s.pos && d.end <= s.end);
    const invariant = (e: ts.Expression): boolean => {
      e = unparen(e);
      if (ts.isNumericLiteral(e)) return true;
      if (ts.isIdentifier(e)) return isName(e, this.ctx.declarationOf(e)) && this.ctx.declarationOf(e) !== loop.decl;
      if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.PlusToken || e.operatorToken.kind === ts.SyntaxKind.MinusToken)) return invariant(e.left) && invariant(e.right);
      // an array that only grows would still move the bound: typed arrays alone keep it
      return ts.isPropertyAccessExpression(e) && e.name.text === "length" && invariant(e.expression) && this.typeOf(e.expression).k === "typed";
    };
    const bound = invariant(loop.bound) ? this.intOf(loop.bound) : null;
    const start = this.intVars.get(loop.decl);
    if (!bound || !start) return null;
    const i = localName(loop.decl.name.text);
    const isI = (e: ts.Expression): boolean => ts.isIdentifier(e) && this.ctx.declarationOf(e) === loop.decl;
    const reads = new Set<ts.Node>();
    const guard = new Set<string>();
    let nodes = 0;
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n)) return;
      nodes++;
      if (ts.isElementAccessExpression(n) && !this.uncheckedIndex(n)) {
        const a = unparen(n.expression);
        const d = ts.isIdentifier(a) ? this.ctx.declarationOf(a) : undefined;
        const x = unparen(n.argumentExpression);
        let k: ts.Expression | null = null;
        let sign = "+";
        if (isI(x)) k = null;
        else if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken && (isI(unparen(x.left)) || isI(unparen(x.right)))) k = isI(unparen(x.left)) ? x.right : x.left;
        else if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.MinusToken && isI(unparen(x.left))) [k, sign] = [x.right, "-"];
        else k = x;
        const kc = k === null ? { c: "0", r: { lo: 0, hi: 0 } } : invariant(k) ? this.intOf(k) : null;
        const t = isName(a, d) && !this.ctx.checker.getTypeAtLocation(d.name).isUnion() ? this.typeOf(a) : null;
        if ((k === null || k !== x) && kc && t && this.neverShrinks(t) && this.intOf(x)) {
          reads.add(n);
          const off = k === null ? "" : ` ${sign} (int64_t)${kc.c}`;
          const lo = sign === "+" ? start.lo + kc.r.lo : start.lo - kc.r.hi;
          if (lo < 0) guard.add(`(int64_t)${i}${off} >= 0`);
          const shift = loop.shift ? ` - ${loop.shift}` : "";
          guard.add(`(int64_t)${bound.c}${shift}${off} ${loop.inclusive ? "<" : "<="} (int64_t)${this.expr(a)}->len`);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(s.statement);
    // the body is emitted twice: a long one would cost more code than its checks
    return reads.size && nodes <= OFFSET_LOOP_NODES ? { reads, guard: [...guard] } : null;
  }

  /** Emits a loop twice: with the accesses the guard covers unchecked, and as it is otherwise. */
  private versioned(v: { reads: Set<ts.Node>; guard: string[] }, emit: () => void): void {
    this.line(`if (${v.guard.join(" && ")}) {`);
    this.indent++;
    const outer = this.freeReads;
    this.freeReads = new Set([...outer, ...v.reads]);
    emit();
    this.freeReads = outer;
    this.indent--;
    this.line("} else {");
    this.indent++;
    emit();
    this.indent--;
    this.line("}");
  }

  /** Emits a scan loop: its reads of the arrays at i unchecked, behind a guard when one is needed. */
  private versionedScan(s: ts.WhileStatement, scan: { i: ts.Declaration; arrays: Set<ts.Declaration>; guard: string[]; end: ts.Expression; rest: ts.Expression[] }): void {
    const fast = (): void => {
      this.scan = scan;
      const c = this.cond(s.expression);
      const rest = scan.rest.map((x) => this.cond(x)).join(" && ");
      this.scan = null;
      const i = localName((scan.i as ts.VariableDeclaration | ts.ParameterDeclaration).name.getText());
      // four tests a turn and one of the bound: the loop below takes what is left. At -Os the
      // loop below alone keeps the code small.
      this.line("#ifndef __OPTIMIZE_SIZE__");
      this.line(`while ((int64_t)${i} + 4 <= (int64_t)${this.intOf(scan.end)!.c}) {`);
      for (let k = 0; k < 4; k++) {
        this.line(`  if (!(${rest})) break;`);
        this.line(`  ${i}++;`);
      }
      this.line("}");
      this.line("#endif");
      this.loop(() => this.line(`while (${c}) {`), s.statement);
    };
    if (scan.guard.length === 0) return fast();
    this.line(`if (${scan.guard.join(" && ")}) {`);
    this.indent++;
    fast();
    this.indent--;
    this.line("} else {");
    this.indent++;
    this.loop(() => this.line(`while (${this.cond(s.expression)}) {`), s.statement);
    this.indent--;
    this.line("}");
  }

  private loop(head: () => void, body: ts.Statement): void {
    const b = this.pushLoop();
    head();
    this.loopBody(body, b);
    this.line("}");
    this.popLoop(b);
  }

  private forOf(s: ts.ForOfStatement): void {
    if (!ts.isVariableDeclarationList(s.initializer) || s.initializer.declarations.length !== 1) this.refuse(s.initializer, "NUDGE1104");
    const decl = s.initializer.declarations[0]!;
    if (!ts.isIdentifier(decl.name)) this.refuse(decl.name, "NUDGE1104");
    const coll = this.typeOf(s.expression);
    if (coll.k !== "arr" && coll.k !== "typed") this.refuse(s.expression, "NUDGE1107", "for…of takes an array or typed array");
    if (this.encodedString(s.expression)) return this.forOfBytes(s, decl.name, this.encodedString(s.expression)!);
    const arr = this.temp(coll);
    const idx = `nd_i${++this.tempCount}`;
    const elemT = this.typeOf(decl.name);
    const elem = coll.k === "arr" ? `${arr}->data[${idx}]` : `(double)${arr}->data[${idx}]`;
    this.line(`${arr} = ${this.expr(s.expression)};`);
    this.markTurns(s);
    const b = this.pushLoop();
    this.line(`for (int32_t ${idx} = 0; ${idx} < ${arr}->len; ${idx}++) {`);
    const iv = this.intVar(decl.name);
    this.declare(`  ${iv ? localCType(iv.ct) : cName(elemT)} ${localName(decl.name.text)} = ${iv ? `${arr}->data[${idx}]` : elem};`, localName(decl.name.text));
    this.loopBody(s.statement, b);
    this.line("}");
    this.popLoop(b);
  }

  /** The string argument when e is `utf8Encode(str)`, whose bytes are the string's own. */
  private encodedString(e: ts.Expression): ts.Expression | null {
    if (!ts.isCallExpression(e) || e.arguments.length !== 1) return null;
    const d = this.ctx.declarationOf(e.expression);
    return d && ts.isFunctionDeclaration(d) && this.ctx.functionName(d) === "nd_text_utf8Encode" ? e.arguments[0]! : null;
  }

  /** `for (const b of utf8Encode(s))` reads the bytes of s in place: the fresh copy is unreachable otherwise. */
  private forOfBytes(s: ts.ForOfStatement, name: ts.Identifier, str: ts.Expression): void {
    const t = this.temp(STR);
    const idx = `nd_i${++this.tempCount}`;
    this.line(`${t} = ${this.expr(str)};`);
    this.markTurns(s);
    const b = this.pushLoop();
    this.line(`for (size_t ${idx} = 0; ${idx} < ${t}->len; ${idx}++) {`);
    const iv = this.intVar(name);
    const byte = `(uint8_t)${t}->bytes[${idx}]`;
    this.declare(`  ${iv ? localCType(iv.ct) : "double"} ${localName(name.text)} = ${iv ? byte : `(double)${byte}`};`, localName(name.text));
    this.loopBody(s.statement, b);
    this.line("}");
    this.popLoop(b);
  }

  private jump(s: ts.BreakStatement | ts.ContinueStatement): void {
    const isBreak = ts.isBreakStatement(s);
    let target: Breakable | undefined;
    if (s.label) target = [...this.breakables].reverse().find((b) => b.label === s.label!.text);
    else target = [...this.breakables].reverse().find((b) => isBreak ? b.kind !== "block" : b.kind === "loop");
    if (!target) this.refuse(s, "NUDGE1105", "jump target not found");
    const innermostLoop = [...this.breakables].reverse().find((b) => b.kind === "loop");
    if (isBreak) {
      // switch lowers to goto, not a C switch, so a C break always reaches the innermost loop
      if (target.kind === "loop" && target === innermostLoop) return this.line("break;");
      if (!target.brk) target.brk = this.label("brk");
      target.usedBrk = true;
      return this.line(`goto ${target.brk};`);
    }
    if (target === innermostLoop) return this.line("continue;");
    if (!target.cont) target.cont = this.label("cont");
    target.usedCont = true;
    this.line(`goto ${target.cont};`);
  }

  private switchStmt(s: ts.SwitchStatement): void {
    const t = this.typeOf(s.expression);
    const b: Breakable = { kind: "switch", label: this.pendingLabel, brk: this.label("brk"), cont: null, usedBrk: false, usedCont: false };
    this.pendingLabel = null;
    // an integer discriminant against constant integer cases compares as C integers
    const di = this.intOf(s.expression);
    const caseInts = di && s.caseBlock.clauses.every((c) => ts.isDefaultClause(c) || this.constant(c.expression) !== null && Number.isSafeInteger(this.constant(c.expression)) && !Object.is(this.constant(c.expression), -0));
    const disc = caseInts ? this.tempC(di.ct) : this.temp(t);
    this.line(`${disc} = ${caseInts ? di.c : this.expr(s.expression)};`);
    this.line(`(void)${disc};`);
    const labels = s.caseBlock.clauses.map(() => this.label("case"));
    let defaultLabel: string | null = null;
    s.caseBlock.clauses.forEach((c, i) => {
      if (ts.isDefaultClause(c)) {
        defaultLabel = labels[i]!;
        return;
      }
      if (caseInts) {
        const k = this.constant(c.expression)!;
        // a case outside the discriminant's range never matches; compared as doubles it says so quietly
        const eq = within({ lo: k, hi: k }, di.r) ? `${disc} == ${intLiteral(k)}` : `(double)${disc} == ${cNumber(k)}`;
        this.line(`if (${eq}) goto ${labels[i]};`);
        return;
      }
      const v = this.expr(c.expression);
      const eq = this.equality(disc, v, t, this.typeOf(c.expression), c.expression);
      this.line(`if (${outerParens(eq) ? eq.slice(1, -1) : eq}) goto ${labels[i]};`);
    });
    if (!defaultLabel) b.usedBrk = true;
    this.line(`goto ${defaultLabel ?? b.brk};`);
    this.breakables.push(b);
    this.line("{");
    s.caseBlock.clauses.forEach((c, i) => {
      this.line(`${labels[i]}:;`);
      this.block(c.statements);
    });
    this.line("}");
    this.breakables.pop();
    if (b.usedBrk) this.line(`${b.brk}:;`);
  }

  // ---- expressions ----------------------------------------------------------------------

  /** C for an expression whose value is discarded. */
  exprStatement(e: ts.Expression): string {
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) return this.assign(e, false);
    if (ts.isPostfixUnaryExpression(e) || ts.isPrefixUnaryExpression(e)) {
      if (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken) return this.incDec(e, false);
    }
    const c = this.expr(e);
    return /^[A-Za-z_]\w*\(/.test(c) ? c : `(void)${c.startsWith("(") ? c : `(${c})`}`;
  }

  /** A C condition (int-like) for a TypeScript condition, without redundant outer parentheses. */
  cond(e: ts.Expression): string {
    const c = this.truthy(this.expr(e), this.typeOf(e));
    return outerParens(c) ? c.slice(1, -1) : c;
  }

  private truthy(c: string, t: CType): string {
    switch (t.k) {
      case "bool": return c;
      case "num": return `nd_num_truthy(${c})`;
      case "str": return `nd_str_truthy(${c})`;
      default:
        if (isValue(t)) this.ctx.types.demote(t);
        return `(${c} != NULL)`;
    }
  }

  /** C for a value expression; `want` is the type expected by the context when known. */
  expr(e: ts.Expression, want?: CType): string {
    switch (e.kind) {
      case ts.SyntaxKind.NumericLiteral: return cNumber(Number((e as ts.NumericLiteral).text));
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral: return this.ctx.stringLiteral((e as ts.StringLiteral).text, e);
      case ts.SyntaxKind.TrueKeyword: return "true";
      case ts.SyntaxKind.FalseKeyword: return "false";
      case ts.SyntaxKind.NullKeyword: return "NULL";
      case ts.SyntaxKind.ThisKeyword:
        if (!this.selfType) this.refuse(e, "NUDGE1201", "'this' outside a method");
        // a value class's methods get a pointer to the struct; its `this` is the struct
        return isValue(this.selfType) ? "(*self)" : "self";
      case ts.SyntaxKind.UndefinedKeyword: this.refuse(e, "NUDGE1002");
    }
    if (ts.isOptionalChain(e)) this.refuse(e, "NUDGE1213");
    if (ts.isIdentifier(e) || ts.isBinaryExpression(e) || ts.isPrefixUnaryExpression(e)) {
      // constants fold to literals, so C sees a number it can use in place, not a global's load
      const v = constantOf(e, this.rcx);
      if (v !== null) return cNumber(v);
    }
    if (ts.isParenthesizedExpression(e)) return `(${this.expr(e.expression, want)})`;
    if (ts.isIdentifier(e)) return this.identifier(e);
    if (ts.isTemplateExpression(e)) return this.template(e);
    if (ts.isBinaryExpression(e)) return this.binary(e);
    if (ts.isPrefixUnaryExpression(e)) return this.prefix(e);
    if (ts.isPostfixUnaryExpression(e)) return this.incDec(e, true);
    if (ts.isConditionalExpression(e)) {
      const t = this.typeOf(e);
      const a = this.convert(this.expr(e.whenTrue, t), this.typeOfInit(e.whenTrue, t), t, e.whenTrue);
      const b = this.convert(this.expr(e.whenFalse, t), this.typeOfInit(e.whenFalse, t), t, e.whenFalse);
      return `(${this.truthy(this.expr(e.condition), this.typeOf(e.condition))} ? ${a} : ${b})`;
    }
    if (ts.isNonNullExpression(e)) {
      const t = this.typeOf(e);
      // `a.pop()!` and `xs[i]!`: the C already panics instead of yielding undefined
      if (!isRef(t)) return this.expr(e.expression, want);
      return `((${cName(t)})nd_nonnull(${this.expr(e.expression)}, ${this.loc(e)}))`;
    }
    if (ts.isPropertyAccessExpression(e)) return this.property(e);
    if (ts.isElementAccessExpression(e)) return this.element(e);
    if (ts.isCallExpression(e)) {
      const f = isMathCall(e, this.rcx, "imul") || floorQuotient(e, this.rcx) ? this.intOf(e) : null;
      if (f) return `((double)${f.c})`;
      const c = this.ctx.calls.call(this, e);
      return this.callRange(e) ? `((double)${c})` : c;
    }
    if (ts.isNewExpression(e)) return this.ctx.calls.construct(this, e);
    if (ts.isObjectLiteralExpression(e)) return this.objectLiteral(e);
    if (ts.isArrayLiteralExpression(e)) return this.arrayLiteral(e, want);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return this.ctx.lambda(e, this.fnNode);
    if (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e)) {
      if (ts.isAsExpression(e) && ts.isTypeReferenceNode(e.type) && e.type.getText() === "const") return this.expr(e.expression, want);
      this.refuse(e, "NUDGE1207");
    }
    if (ts.isSatisfiesExpression(e)) return this.expr(e.expression, want);
    if (ts.isSpreadElement(e)) this.refuse(e, "NUDGE1205");
    if (ts.isTypeOfExpression(e) || ts.isDeleteExpression(e)) this.refuse(e, "NUDGE1206");
    if (ts.isRegularExpressionLiteral(e)) this.refuse(e, "NUDGE1208");
    if (ts.isAwaitExpression(e) || ts.isYieldExpression(e)) this.refuse(e, "NUDGE1212");
    if (ts.isVoidExpression(e)) this.refuse(e, "NUDGE1002");
    this.refuse(e, "NUDGE1201", ts.SyntaxKind[e.kind]);
  }

  private identifier(e: ts.Identifier): string {
    if (e.text === "undefined") this.refuse(e, "NUDGE1002");
    if (e.text === "NaN") return "NAN";
    if (e.text === "Infinity") return "HUGE_VAL";
    if (this.intVar(e)) return `((double)${localName(e.text)})`;
    return this.ctx.resolveIdentifier(e, this.fnNode);
  }

  private template(e: ts.TemplateExpression): string {
    const parts: string[] = [];
    if (e.head.text) parts.push(this.ctx.stringLiteral(e.head.text, e));
    const exprs = e.templateSpans.map((s) => s.expression);
    const pre: string[] = [];
    const vals = this.ordered(exprs, (x) => this.toStr(this.expr(x), this.typeOf(x), x), pre, () => STR);
    e.templateSpans.forEach((span, i) => {
      parts.push(vals[i]!);
      if (span.literal.text) parts.push(this.ctx.stringLiteral(span.literal.text, span));
    });
    if (parts.length === 0) return this.seq(pre, "(&nd_str_empty)");
    if (parts.length === 1) return this.seq(pre, exprs.length ? `nd_str_cat(&nd_str_empty, ${parts[0]})` : parts[0]!);
    return this.seq(pre, this.catC(parts));
  }

  /** Converts a value to a string as JavaScript's String() does. */
  toStr(c: string, t: CType, node: ts.Node): string {
    switch (t.k) {
      // only a `string | null` can be NULL in C
      case "str": return ts.isExpression(node) && this.nullable(node) ? `nd_str_or_null(${c})` : c;
      case "num": return `nd_str_of_num(${c})`;
      case "bool": return `nd_str_of_bool(${c})`;
      default: this.refuse(node, "NUDGE1211", "only strings, numbers and booleans convert to strings");
    }
  }

  /** Whether e's type admits null (the checker's, with strict null checks). */
  private nullable(e: ts.Expression): boolean {
    const t = this.ctx.checker.getTypeAtLocation(e);
    return !!(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) || (t.isUnion() && t.types.some((u) => u.flags & ts.TypeFlags.Null));
  }

  equality(a: string, b: string, ta: CType, tb: CType, node: ts.Node): string {
    // identity: a value class compared is held by reference instead
    if (isValue(ta)) this.ctx.types.demote(ta);
    if (isValue(tb)) this.ctx.types.demote(tb);
    if (b === "NULL" || a === "NULL") return `(${a} == ${b})`;
    if (ta.k === "str" && tb.k === "str") return `nd_str_eq(${a}, ${b})`;
    if (ta.k !== tb.k) this.refuse(node, "NUDGE1211", "=== between different types is always false");
    return `(${a} == ${b})`;
  }

  private binary(e: ts.BinaryExpression): string {
    const op = e.operatorToken.kind;
    const K = ts.SyntaxKind;
    if (op === K.EqualsToken) return this.assign(e, true);
    if (op >= K.FirstCompoundAssignment && op <= K.LastCompoundAssignment) return this.compound(e);
    if (op === K.EqualsEqualsToken || op === K.ExclamationEqualsToken) this.refuse(e.operatorToken, "NUDGE1202");
    if (op === K.QuestionQuestionToken) this.refuse(e.operatorToken, "NUDGE1213");
    if (op === K.InstanceOfKeyword || op === K.InKeyword) this.refuse(e.operatorToken, "NUDGE1206");
    if (op === K.CommaToken) {
      return `(${this.exprStatement(e.left)}, ${this.expr(e.right)})`;
    }
    const isNull = (x: ts.Expression) => x.kind === ts.SyntaxKind.NullKeyword;
    if (isNull(e.left) || isNull(e.right)) {
      if (op !== K.EqualsEqualsEqualsToken && op !== K.ExclamationEqualsEqualsToken) this.refuse(e, "NUDGE1211", "null only compares with === and !==");
      const other = isNull(e.left) ? e.right : e.left;
      const ot = isNull(other) ? null : this.typeOf(other);
      if (ot && isValue(ot)) this.ctx.types.demote(ot);
      const c = isNull(other) ? "NULL" : this.expr(other);
      return `(${c} ${op === K.EqualsEqualsEqualsToken ? "==" : "!="} NULL)`;
    }
    const tl = this.typeOf(e.left), tr = this.typeOf(e.right);
    if (op === K.AmpersandAmpersandToken || op === K.BarBarToken) return this.logical(e, tl, tr);
    if (tl.k === "num" && tr.k === "num") {
      const int = this.intBinary(e);
      if (int !== null) return int;
    }
    if (op === K.PlusToken && (tl.k === "str" || tr.k === "str")) {
      const parts = this.concatParts(e)!;
      const pre: string[] = [];
      const vals = this.ordered(parts, (x) => this.toStr(this.expr(x), this.typeOf(x), e), pre, () => STR);
      return this.seq(pre, this.catC(vals));
    }
    const pre: string[] = [];
    const [l, r] = this.ordered([e.left, e.right], (x) => this.expr(x), pre);
    const v = this.binaryOp(op, l!, r!, tl, tr, e);
    return this.seq(pre, v);
  }

  /** Integer C for arithmetic, bitwise operators and comparisons on integer operands, or null. */
  private intBinary(e: ts.BinaryExpression): string | null {
    const K = ts.SyntaxKind;
    const cmp: Partial<Record<ts.SyntaxKind, string>> = {
      [K.LessThanToken]: "<", [K.LessThanEqualsToken]: "<=", [K.GreaterThanToken]: ">", [K.GreaterThanEqualsToken]: ">=",
      [K.EqualsEqualsEqualsToken]: "==", [K.ExclamationEqualsEqualsToken]: "!=",
    };
    if (!pure(e, this.rcx) && this.oneCall(e)) return this.withCallLeaf(() => this.intBinary(e));
    const c = cmp[e.operatorToken.kind];
    if (c) {
      // mixed signedness would compare as unsigned in C: widen both
      // (or, when both values fit int32 or both uint32, that type: one register on rv32)
      const compare = (a: IntC, b: IntC) => {
        if (a.ct === b.ct) return `(${a.c} ${c} ${b.c})`;
        const ct = within(a.r, I32) && within(b.r, I32) ? "int32_t" : within(a.r, U32) && within(b.r, U32) ? "uint32_t" : "int64_t";
        return `(${this.castInt(a, ct)} ${c} ${this.castInt(b, ct)})`;
      };
      const a = this.intOf(e.left);
      const b = a && this.intOf(e.right);
      if (a && b) return compare(a, b);
      // A side with a call returning integers next to reads a call could precede in C
      // (`upperByte(buf[i]) !== pattern[i]`): the left side goes into a temporary first, as
      // JavaScript evaluates it first.
      const l = this.intValue(e.left);
      const r = l && this.intValue(e.right);
      if (!l || !r) return null;
      const t = this.tempC(l.ct);
      return `(${t} = ${l.c}, ${compare({ ...l, c: t }, r)})`;
    }
    const f = this.intOf(e);
    return f ? `((double)${f.c})` : null;
  }

  private logical(e: ts.BinaryExpression, tl: CType, tr: CType): string {
    const and = e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken;
    const t = this.typeOf(e);
    if (tl.k === "bool" && tr.k === "bool") {
      if (this.eager(e.right)) return `${and ? "nd_and_eager" : "nd_or_eager"}(${this.expr(e.left)}, ${this.expr(e.right)})`;
      return `(${this.expr(e.left)} ${and ? "&&" : "||"} ${this.expr(e.right)})`;
    }
    // Value-producing && / || on non-booleans: JavaScript returns one of the operands.
    if (!sameType(tl, t) || !sameType(this.typeOfInit(e.right, t), t)) {
      // In conditions the mixed forms still make sense as truth values.
      if (t.k === "bool" || (ts.isBinaryExpression(e.parent) || ts.isIfStatement(e.parent) || ts.isPrefixUnaryExpression(e.parent))) {
        const l = this.truthy(this.expr(e.left), this.typeOf(e.left));
        return `(${l} ${and ? "&&" : "||"} ${this.truthy(this.expr(e.right), this.typeOf(e.right))})`;
      }
      this.refuse(e, "NUDGE1211", "&& and || must combine values of one type");
    }
    const tmp = this.temp(t);
    const l = this.expr(e.left);
    const r = this.expr(e.right, t);
    return and ? `((${tmp} = ${l}), ${this.truthy(tmp, t)} ? ${r} : ${tmp})` : `((${tmp} = ${l}), ${this.truthy(tmp, t)} ? ${tmp} : ${r})`;
  }

  /**
   * Whether the right operand of `&&` or `||` may be evaluated whatever the left gives: it compares
   * doubles, reading locals, fields and the results of one-line methods of the same kind, with no
   * effect, no panic and little work. A C compiler must keep the branch around a comparison of
   * doubles, which could trap in C; JavaScript's never do, so nd_and_eager may drop it.
   */
  private eager(e: ts.Expression): boolean {
    const K = ts.SyntaxKind;
    const checker = this.ctx.checker;
    let budget = 24;
    // comparisons of doubles: the C compiler speculates integer ones itself, and folds them better
    let doubles = 0;
    const compared = (n: ts.BinaryExpression): void => {
      try {
        if (!rangeOf(n.left, this.rcx) || !rangeOf(n.right, this.rcx)) doubles++;
      } catch {
        doubles++;
      }
    };
    // a declaration whose declared type is one C value or an object that cannot be null
    const plain = (d: ts.Declaration | undefined): boolean => {
      if (!d || !(ts.isParameter(d) || ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d) || ts.isPropertySignature(d))) return false;
      if (!ts.isVariableDeclaration(d) && d.questionToken) return false;
      if (!ts.isIdentifier(d.name) || checker.getTypeAtLocation(d.name).isUnion()) return false;
      const k = this.rcx.kindOf(d.name);
      return k === "num" || k === "bool" || k === "obj";
    };
    // The left operand may narrow the operand's locals (`i < n && …`), and their integer lowering
    // with them: arithmetic on them, or passing them on, is left to run only where it ran before.
    // Fields, and the parameters of a method looked into, keep the ranges they have everywhere.
    const ok = (n: ts.Expression, depth: number, narrowed: boolean): boolean => {
      if (--budget < 0) return false;
      n = unparen(n);
      if (ts.isNumericLiteral(n) || n.kind === K.TrueKeyword || n.kind === K.FalseKeyword || n.kind === K.ThisKeyword) return true;
      if (ts.isIdentifier(n)) return plain(this.ctx.declarationOf(n)) && !(narrowed && depth === 0 && this.rcx.kindOf(n) === "num");
      if (ts.isPropertyAccessExpression(n)) {
        // a field of this, of a local, or of a struct held by value in either
        if (n.questionDotToken || !plain(this.ctx.declarationOf(n.name))) return false;
        const base = unparen(n.expression);
        const t = this.ctx.types.attempt(base);
        return (ts.isPropertyAccessExpression(base) ? t !== null && isValue(t) : t?.k === "obj") && ok(base, depth, false);
      }
      if (ts.isPrefixUnaryExpression(n)) {
        if (n.operator === K.ExclamationToken) return ok(n.operand, depth, narrowed);
        return n.operator === K.MinusToken && ok(n.operand, depth, true);
      }
      if (ts.isBinaryExpression(n)) {
        const op = n.operatorToken.kind;
        const kl = this.rcx.kindOf(n.left), kr = this.rcx.kindOf(n.right);
        const nums = kl === "num" && kr === "num";
        let arith = narrowed;
        if (op === K.LessThanToken || op === K.LessThanEqualsToken || op === K.GreaterThanToken || op === K.GreaterThanEqualsToken) {
          if (!nums) return false;
          compared(n);
        } else if (op === K.EqualsEqualsEqualsToken || op === K.ExclamationEqualsEqualsToken) {
          if (!nums && !(kl === "bool" && kr === "bool")) return false;
          if (nums) compared(n);
        } else if (op === K.PlusToken || op === K.MinusToken || op === K.AsteriskToken) {
          if (!nums) return false;
          arith = true;
        } else if (op !== K.AmpersandAmpersandToken && op !== K.BarBarToken) return false;
        return ok(n.left, depth, arith) && ok(n.right, depth, arith);
      }
      if (ts.isCallExpression(n) && depth < 2 && !n.questionDotToken) {
        // a function or method whose body is `return <such an expression>;`
        const callee = unparen(n.expression);
        const d = this.ctx.declarationOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
        if (!d || !(ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d)) || !d.body || d.body.statements.length !== 1) return false;
        const ret = d.body.statements[0]!;
        if (!ts.isReturnStatement(ret) || !ret.expression) return false;
        if (ts.isPropertyAccessExpression(callee) && (this.rcx.kindOf(callee.expression) !== "obj" || !ok(callee.expression, depth, false))) return false;
        return n.arguments.every((a) => ok(a, depth, true)) && ok(ret.expression, depth + 1, false);
      }
      return false;
    };
    return ok(e, 0, false) && doubles > 0;
  }

  binaryOp(op: ts.SyntaxKind, l: string, r: string, tl: CType, tr: CType, node: ts.Node): string {
    const K = ts.SyntaxKind;
    switch (op) {
      case K.EqualsEqualsEqualsToken: return this.equality(l, r, tl, tr, node);
      case K.ExclamationEqualsEqualsToken: return `!${this.equality(l, r, tl, tr, node)}`;
      case K.PlusToken:
        if (tl.k === "str" || tr.k === "str") return `nd_str_cat(${this.toStr(l, tl, node)}, ${this.toStr(r, tr, node)})`;
        break;
    }
    if (tl.k !== "num" || tr.k !== "num") {
      if (tl.k === "str" && tr.k === "str" && (op === K.LessThanToken || op === K.GreaterThanToken || op === K.LessThanEqualsToken || op === K.GreaterThanEqualsToken)) {
        this.refuse(node, "NUDGE1209", "string ordering");
      }
      this.refuse(node, "NUDGE1211", ts.tokenToString(op));
    }
    switch (op) {
      case K.PlusToken: return `(${l} + ${r})`;
      case K.MinusToken: return `(${l} - ${r})`;
      case K.AsteriskToken: return `(${l} * ${r})`;
      case K.SlashToken: return `(${l} / ${r})`;
      case K.PercentToken: return `nd_mod(${l}, ${r})`;
      case K.AsteriskAsteriskToken: return `nd_pow(${l}, ${r})`;
      case K.LessThanToken: return `(${l} < ${r})`;
      case K.GreaterThanToken: return `(${l} > ${r})`;
      case K.LessThanEqualsToken: return `(${l} <= ${r})`;
      case K.GreaterThanEqualsToken: return `(${l} >= ${r})`;
      case K.AmpersandToken: return `nd_i32((uint32_t)nd_toint32(${l}) & (uint32_t)nd_toint32(${r}))`;
      case K.BarToken: return `nd_i32((uint32_t)nd_toint32(${l}) | (uint32_t)nd_toint32(${r}))`;
      case K.CaretToken: return `nd_i32((uint32_t)nd_toint32(${l}) ^ (uint32_t)nd_toint32(${r}))`;
      case K.LessThanLessThanToken: return `nd_i32(nd_touint32(${l}) << (nd_touint32(${r}) & 31u))`;
      case K.GreaterThanGreaterThanToken: return `nd_sar(${l}, ${r})`;
      case K.GreaterThanGreaterThanGreaterThanToken: return `(double)(nd_touint32(${l}) >> (nd_touint32(${r}) & 31u))`;
    }
    this.refuse(node, "NUDGE1211", ts.tokenToString(op));
  }

  private prefix(e: ts.PrefixUnaryExpression): string {
    const K = ts.SyntaxKind;
    if (e.operator === K.PlusPlusToken || e.operator === K.MinusMinusToken) return this.incDec(e, true);
    if (e.operator === K.ExclamationToken) return `!${this.wrap(this.truthy(this.expr(e.operand), this.typeOf(e.operand)))}`;
    const t = this.typeOf(e.operand);
    if (t.k !== "num") this.refuse(e, "NUDGE1211", ts.tokenToString(e.operator));
    const f = e.operator === K.PlusToken ? null : this.intOf(e);
    if (f) return `((double)${f.c})`;
    const v = this.expr(e.operand);
    if (e.operator === K.MinusToken) return `(-${this.wrap(v)})`;
    if (e.operator === K.PlusToken) return v;
    if (e.operator === K.TildeToken) return `nd_i32(~(uint32_t)nd_toint32(${v}))`;
    this.refuse(e, "NUDGE1211");
  }

  private wrap(c: string): string {
    return /^[\w.>-]+$/.test(c) && !c.includes("-") ? c : `(${c})`;
  }

  /** The assignable place named by e, with its sub-expressions evaluated once. */
  private lvalue(e: ts.Expression): LValue {
    const type = this.typeOf(e);
    if (ts.isParenthesizedExpression(e)) return this.lvalue(e.expression);
    if (ts.isIdentifier(e)) {
      const c = this.ctx.resolveAssignable(e, this.fnNode);
      return { setup: [], get: c, set: (v) => `${c} = ${v}`, type };
    }
    if (ts.isPropertyAccessExpression(e)) {
      const objT = this.typeOf(e.expression);
      if (objT.k === "arr" && e.name.text === "length") {
        const o = this.simpleOrTemp(e.expression, objT);
        return { setup: o.setup, get: `(double)${o.c}->len`, set: (v) => `${objT.name}_set_length(${o.c}, ${v}, ${this.loc(e)})`, type };
      }
      if (objT.k !== "obj") this.refuse(e, "NUDGE1210", `assigning ${e.name.text}`);
      this.ctx.checkWritable(e);
      // only a value class's constructor writes its fields, through `this`
      const o = isValue(objT) ? { setup: [], c: "self" } : this.simpleOrTemp(e.expression, objT);
      const f = `${o.c}->${localName(e.name.text)}`;
      return { setup: o.setup, get: f, set: (v) => `${f} = ${v}`, type };
    }
    if (ts.isElementAccessExpression(e)) {
      const objT = this.typeOf(e.expression);
      this.ctx.checkWritable(e);
      const pre: string[] = [];
      const [a, i] = this.ordered([e.expression, e.argumentExpression], (x) => this.expr(x), pre);
      const at = this.temp(objT);
      const it = this.temp(NUM);
      pre.push(`${at} = ${a}`, `${it} = ${i}`);
      if (objT.k === "arr") {
        return { setup: pre, get: `${objT.name}_get(${at}, ${it}, ${this.loc(e)})`, set: (v) => `${objT.name}_set(${at}, ${it}, ${v}, ${this.loc(e)})`, type };
      }
      if (objT.k === "typed") {
        return { setup: pre, get: `${objT.name}_get(${at}, ${it}, ${this.loc(e)})`, set: (v) => `${objT.name}_put(${at}, ${it}, ${v}, ${this.loc(e)})`, type };
      }
      this.refuse(e, "NUDGE1210", "indexing this type");
    }
    this.refuse(e, "NUDGE1201", "not an assignable place");
  }

  private simpleOrTemp(e: ts.Expression, t: CType): { setup: string[]; c: string } {
    const c = this.expr(e);
    if (!this.effectful(e) && /^[\w>.-]+$/.test(c)) return { setup: [], c };
    const tmp = this.temp(t);
    return { setup: [`${tmp} = ${c}`], c: tmp };
  }

  private assign(e: ts.BinaryExpression, valueUsed: boolean): string {
    if (ts.isObjectLiteralExpression(e.left) || ts.isArrayLiteralExpression(e.left)) this.refuse(e.left, "NUDGE1104");
    const iv = this.intVar(e.left);
    if (iv) {
      const set = `${localName((e.left as ts.Identifier).text)} = ${this.intInit(e.right, iv.ct)}`;
      return valueUsed ? `((double)(${set}))` : set;
    }
    const field = this.intField(e.left);
    if (field) {
      const lv = this.lvalue(e.left);
      const set = this.seq(lv.setup, lv.set(this.intInit(e.right, field)));
      return valueUsed ? `((double)${set.startsWith("(") ? set : `(${set})`})` : set;
    }
    if (!valueUsed && ts.isElementAccessExpression(e.left)) {
      const fast = this.typedStore(e.left, e.right);
      if (fast !== null) return fast;
    }
    const lv = this.lvalue(e.left);
    const v = this.convert(this.expr(e.right, lv.type), this.typeOfInit(e.right, lv.type), lv.type, e.right);
    if (!valueUsed || lv.setup.length === 0) return this.seq(lv.setup, lv.set(v));
    const t = this.temp(lv.type);
    return this.seq([...lv.setup, `${t} = ${v}`, lv.set(t)], t);
  }

  /**
   * `a[i] = v` on a typed array with an integer index and a pure value: a store through the
   * checked element pointer. An index with an effect (`a[n++] = v`) is evaluated first, as in
   * JavaScript; null when the general lowering is needed.
   */
  private typedStore(el: ts.ElementAccessExpression, value: ts.Expression): string | null {
    const t = this.typeOf(el.expression);
    if (t.k !== "typed" || !this.plainRef(el.expression)) return null;
    if (!pure(value, this.rcx)) return this.typedStoreCall(el, value, t);
    this.ctx.checkWritable(el);
    const idx = this.intIndex(el.argumentExpression);
    if (idx === null) return null;
    const f = this.intOf(value);
    // an integer wraps into an unsigned element by C's conversion, exactly ToUint8/ToUint16
    const v = !f ? `${t.conv}(${this.expr(value)})` : t.elemC === "int32_t" ? this.i32(value) : `(${t.elemC})${f.c}`;
    const unchecked = this.uncheckedIndex(el) !== null;
    const store = (i: string) => (unchecked ? `${this.wrapObj(this.expr(el.expression))}->data[${i}] = ${v}` : `*${t.name}_ref(${this.expr(el.expression)}, ${i}, ${this.loc(el)}) = ${v}`);
    if (pure(el.argumentExpression, this.rcx)) return store(idx);
    // the step happens before the value is read, as in JavaScript
    const tmp = this.tempC(unchecked ? "int32_t" : "int64_t");
    return `(${tmp} = ${idx}, ${store(tmp)})`;
  }

  /**
   * `a[i] = f(…)` on a typed array local with an integer index: the index, then the value (whose
   * calls cannot change the local `a`, nor the index once it is in a temporary), then the checked
   * store, in JavaScript's order. Null for a value that assigns anything itself.
   */
  private typedStoreCall(el: ts.ElementAccessExpression, value: ts.Expression, t: CType & { k: "typed" }): string | null {
    const a = unparen(el.expression);
    const d = ts.isIdentifier(a) ? this.ctx.declarationOf(a) : undefined;
    if (!d || !(ts.isParameter(d) || (ts.isVariableDeclaration(d) && this.isLocal(d))) || assigns(value)) return null;
    this.ctx.checkWritable(el);
    const idx = this.intIndex(el.argumentExpression);
    if (idx === null) return null;
    // the value is emitted once: its arrows become functions of the module as they are emitted
    const f = t.elemC === "int32_t" ? null : this.intValue(value);
    const v = t.elemC === "int32_t" ? this.i32Any(value) : f ? `(${t.elemC})${f.c}` : `${t.conv}(${this.expr(value)})`;
    const u = pure(el.argumentExpression, this.rcx) ? this.uncheckedIndex(el) : null;
    const ti = this.tempC(u !== null ? "int32_t" : "int64_t");
    const tv = this.tempC(t.elemC);
    const store = u !== null ? `${this.wrapObj(this.expr(a))}->data[${ti}]` : `*${t.name}_ref(${this.expr(a)}, ${ti}, ${this.loc(el)})`;
    return `(${ti} = ${u ?? idx}, ${tv} = ${v}, ${store} = ${tv})`;
  }

  private compound(e: ts.BinaryExpression): string {
    const K = ts.SyntaxKind;
    const iv = this.intVar(e.left);
    const fct = iv ? null : this.intField(e.left);
    if (iv || fct) {
      const pre: string[] = [];
      const lv = fct ? this.lvalue(e.left) : null;
      let name = lv ? lv.get : localName((unparen(e.left) as ts.Identifier).text);
      const local = name;
      const set = lv ? lv.set : (v: string) => `${local} = ${v}`;
      const ct = iv ? iv.ct : fct!;
      if (lv) pre.push(...lv.setup);
      const op = e.operatorToken.kind;
      // the forms the analysis admitted: steps by a constant (of one, or a counted loop's, whose
      // range holds the step past its bound), and bitwise operators (int32 results)
      if (op === K.PlusEqualsToken || op === K.MinusEqualsToken) {
        const by = smallCount(e.right);
        if (!by) throw new Error(`internal: an integer's step by ${e.right.getText()} at ${this.ctx.where(e)}`);
        return this.seq(pre, `((double)(${name} ${op === K.PlusEqualsToken ? "+=" : "-="} ${by}))`);
      }
      const read = name;
      if (fct && this.effectful(e.right)) {
        // JavaScript reads the field before evaluating the right side, which may change it
        name = this.tempC(ct);
        pre.push(`${name} = ${read}`);
      }
      const r = this.i32(e.right);
      const bits: Partial<Record<ts.SyntaxKind, string>> = {
        [K.BarEqualsToken]: `nd_u2i((uint32_t)${name} | (uint32_t)${r})`,
        [K.AmpersandEqualsToken]: `nd_u2i((uint32_t)${name} & (uint32_t)${r})`,
        [K.CaretEqualsToken]: `nd_u2i((uint32_t)${name} ^ (uint32_t)${r})`,
        [K.LessThanLessThanEqualsToken]: `nd_u2i((uint32_t)${name} << ((uint32_t)${r} & 31u))`,
        [K.GreaterThanGreaterThanEqualsToken]: `nd_sar32(${ct === "int32_t" ? name : `nd_wrap64(${name})`}, (uint32_t)${r})`,
      };
      const v = bits[op]!;
      return this.seq(pre, `((double)(${set(v)}))`);
    }
    const op = COMPOUND_OPERATOR[e.operatorToken.kind];
    if (op === undefined) this.refuse(e.operatorToken, "NUDGE1213");
    const append = this.appendLocal(e);
    if (append !== null) return append;
    const lv = this.lvalue(e.left);
    const tr = this.typeOf(e.right);
    const pre = [...lv.setup];
    let r = this.expr(e.right);
    if (this.effectful(e.right)) {
      // JavaScript reads the target before evaluating the right side.
      const old = this.temp(lv.type);
      pre.push(`${old} = ${lv.get}`);
      return this.seq(pre, lv.set(this.binaryOp(op, old, r, lv.type, tr, e)));
    }
    return this.seq(pre, lv.set(this.binaryOp(op, lv.get, r, lv.type, tr, e)));
  }

  /** `s += a + b …` on a string local: appended through the local's builder, or null. */
  private appendLocal(e: ts.BinaryExpression): string | null {
    if (e.operatorToken.kind !== ts.SyntaxKind.PlusEqualsToken || !ts.isIdentifier(e.left) || this.typeOf(e.left).k !== "str") return null;
    const decl = this.ctx.declarationOf(e.left);
    if (!decl || !(ts.isParameter(decl) || ts.isVariableDeclaration(decl))) return null;
    const name = this.ctx.resolveAssignable(e.left, this.fnNode);
    const rhs = (this.typeOf(e.right).k === "str" && this.concatParts(e.right)) || [e.right];
    const pre: string[] = [];
    const vals = this.ordered([e.left, ...rhs], (x, i) => (i === 0 ? name : this.appendPart(x, e)), pre, () => STR);
    const [s, ...parts] = vals;
    return this.seq(pre, `(${name} = nd_str_append(&${this.builderFor(decl)}, ${s}, (nd_str[]){${parts.join(", ")}}, ${parts.length}))`);
  }

  /**
   * One operand of an append, as a string. A number (or `String(number)`) is formatted into
   * storage of the statement itself: nd_str_append copies every part and keeps none.
   */
  private appendPart(x: ts.Expression, at: ts.Node): string {
    let n = x;
    while (ts.isParenthesizedExpression(n)) n = n.expression;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "String" && n.arguments.length === 1) {
      const d = this.ctx.declarationOf(n.expression);
      if (!d || d.getSourceFile().isDeclarationFile) n = n.arguments[0]!;
    }
    if (this.typeOf(n).k === "num") return `nd_str_of_num_in(${this.expr(n)}, &(nd_string){0, NULL}, (char[32]){0})`;
    return this.toStr(this.expr(x), this.typeOf(x), at);
  }

  private incDec(e: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression, valueUsed: boolean): string {
    if (this.intVar(e.operand)) return valueUsed ? `((double)(${this.incDecInt(e)}))` : this.incDecInt(e);
    const lv = this.lvalue(e.operand);
    if (this.intField(e.operand) && valueUsed && ts.isPrefixUnaryExpression(e)) {
      return `((double)${this.seq(lv.setup, `(${lv.set(`${lv.get} ${e.operator === ts.SyntaxKind.PlusPlusToken ? "+" : "-"} 1`)})`)})`;
    }
    if (lv.type.k !== "num") this.refuse(e, "NUDGE1211", "++ and -- take numbers");
    const d = e.operator === ts.SyntaxKind.PlusPlusToken ? "+" : "-";
    const postfix = ts.isPostfixUnaryExpression(e);
    if (!valueUsed || !postfix) {
      if (lv.setup.length === 0 && /^\w+$/.test(lv.get)) return postfix ? `${lv.get}${d}${d}` : `${d}${d}${lv.get}`;
      return this.seq(lv.setup, lv.set(`${lv.get} ${d} 1`));
    }
    const old = this.temp(NUM);
    return this.seq([...lv.setup, `${old} = ${lv.get}`, lv.set(`${old} ${d} 1`)], old);
  }

  private property(e: ts.PropertyAccessExpression): string {
    if (e.questionDotToken) this.refuse(e, "NUDGE1213");
    const global = this.ctx.calls.globalProperty(e);
    if (global !== null) return global;
    const objT = this.typeOf(e.expression);
    const name = e.name.text;
    const o = this.expr(e.expression);
    switch (objT.k) {
      case "obj": {
        const sym = this.ctx.checker.getSymbolAtLocation(e.name);
        if (sym && sym.flags & ts.SymbolFlags.Method) this.refuse(e, "NUDGE1218");
        const f = `${this.member(e.expression, o, objT)}${localName(name)}`;
        return this.intField(e) ? `((double)${f})` : f;
      }
      case "arr":
      case "typed":
        if (name === "length") return `((double)${this.wrapObj(o)}->len)`;
        break;
      case "str":
        if (name === "length") this.refuse(e, "NUDGE1209", "string length in UTF-16 units");
        break;
    }
    this.refuse(e.name, "NUDGE1210", name);
  }

  /** How a field of object c (the C of node e) is reached: `self->` in a value class's own methods, `.` on values, `->` otherwise. */
  private member(e: ts.Expression, c: string, t: CType): string {
    if (!isValue(t)) return `${this.wrapObj(c)}->`;
    return unparen(e).kind === ts.SyntaxKind.ThisKeyword ? "self->" : `${this.wrapObj(c)}.`;
  }

  private wrapObj(c: string): string {
    return /^[\w>.-]+$/.test(c) ? c : `(${c})`;
  }

  private element(e: ts.ElementAccessExpression): string {
    if (e.questionDotToken) this.refuse(e, "NUDGE1213");
    const objT = this.typeOf(e.expression);
    if (objT.k === "str") this.refuse(e, "NUDGE1209", "indexing a string");
    if (objT.k !== "arr" && objT.k !== "typed") this.refuse(e, "NUDGE1010");
    const u = this.uncheckedIndex(e);
    if (u !== null) {
      const at = `${this.wrapObj(this.expr(e.expression))}->data[${u}]`;
      return objT.k === "typed" ? `((double)${at})` : at;
    }
    if (this.plainRef(e.expression)) {
      const i = this.intIndex(e.argumentExpression);
      if (i !== null) {
        const at = `${objT.name}_at(${this.expr(e.expression)}, ${i}, ${this.loc(e)})`;
        return objT.k === "typed" ? `((double)${at})` : at;
      }
    }
    const pre: string[] = [];
    const [a, i] = this.ordered([e.expression, e.argumentExpression], (x) => this.expr(x), pre);
    return this.seq(pre, `${objT.name}_get(${a}, ${i}, ${this.loc(e)})`);
  }

  /**
   * The C index of `a[i]` when it needs no bounds check, else null. Either `i`'s range lies within
   * a length the array's declaration guarantees (`fixedLength`), or `a[i]` sits in the body
   * of `for (…; i < a.length; i++)`, whose test it follows, with a counter from 0 up that only the
   * loop steps, and `a` a name the loop does not assign: a typed array keeps its length, and an
   * array of a type no code shortens only grows.
   */
  private uncheckedIndex(e: ts.ElementAccessExpression): string | null {
    const i = unparen(e.argumentExpression);
    const a = unparen(e.expression);
    if (!ts.isIdentifier(a)) return null;
    if (this.freeReads.has(e)) return this.intIndex(i);
    const scan = this.scan;
    if (scan && ts.isIdentifier(i) && this.ctx.declarationOf(i) === scan.i && scan.arrays.has(this.ctx.declarationOf(a)!)) return localName(i.text);
    const n = this.fixedLength(a);
    const r = n === null ? null : this.indexRange(i);
    if (n !== null && r && r.lo >= 0 && r.hi < n) return this.intIndex(i);
    if (!ts.isIdentifier(i)) return null;
    return this.loopBounded(a, i, e) || this.lengthGuarded(a, i, e) ? localName(i.text) : null;
  }

  /** The range of an index: of a pure one, or of `x++`/`x--` (x before the step) and `++x`/`--x` (after it). */
  private indexRange(i: ts.Expression): Range | null {
    if (!isIntStep(i) || !this.intVar(i.operand)) return rangeOf(i, this.rcx);
    const r = rangeOf(i.operand, this.rcx);
    const by = ts.isPostfixUnaryExpression(i) ? 0 : i.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1;
    return r && { lo: r.lo + by, hi: r.hi + by };
  }

  /**
   * Whether `a[i]` (e) is reached only past a test that i is below a's length (`i < a.length`, or
   * `i < n` with `const n = a.length`) and no write to i since: in the right operand of `&&` or
   * `||`, a branch of `if` or `?:`, the body of `while` or `for`, or the statements after
   * `if (i >= n) return;` (or `break`, `continue`). a is a name the function never assigns,
   * of a type that never shrinks; i an integer local not below 0 at e.
   */
  private lengthGuarded(a: ts.Identifier, i: ts.Identifier, e: ts.ElementAccessExpression): boolean {
    const da = this.ctx.declarationOf(a);
    const di = this.ctx.declarationOf(i);
    if (!da || !di || !(ts.isVariableDeclaration(da) || ts.isParameter(da)) || this.writesTo(da).length) return false;
    if (this.ctx.checker.getTypeAtLocation(da.name).isUnion() || !this.neverShrinks(this.typeOf(a)) || !this.intVar(i)) return false;
    const r = rangeOf(i, this.rcx);
    if (!r || r.lo < 0) return false;
    const isI = (x: ts.Expression): boolean => ts.isIdentifier(x) && this.ctx.declarationOf(x) === di;
    const isLength = (x: ts.Expression): boolean => {
      x = unparen(x);
      if (ts.isPropertyAccessExpression(x)) return x.name.text === "length" && ts.isIdentifier(x.expression) && this.ctx.declarationOf(x.expression) === da;
      const dn = ts.isIdentifier(x) ? this.ctx.declarationOf(x) : undefined;
      return !!dn && ts.isVariableDeclaration(dn) && !!(ts.getCombinedNodeFlags(dn) & ts.NodeFlags.Const) && !!dn.initializer && dn.initializer !== x && isLength(dn.initializer);
    };
    // the test in x that holds when x is `when`, or null
    const test = (x: ts.Expression, when: boolean): ts.Node | null => {
      x = unparen(x);
      if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) return test(x.operand, !when);
      if (!ts.isBinaryExpression(x)) return null;
      const op = x.operatorToken.kind;
      const [l, rt] = [unparen(x.left), unparen(x.right)];
      if (op === (when ? ts.SyntaxKind.AmpersandAmpersandToken : ts.SyntaxKind.BarBarToken)) return test(x.right, when) ?? test(x.left, when);
      const below = when ? ts.SyntaxKind.LessThanToken : ts.SyntaxKind.GreaterThanEqualsToken;
      const above = when ? ts.SyntaxKind.GreaterThanToken : ts.SyntaxKind.LessThanEqualsToken;
      return (op === below && isI(l) && isLength(rt)) || (op === above && isLength(l) && isI(rt)) ? x : null;
    };
    const exits = (st: ts.Statement): boolean => {
      const last = ts.isBlock(st) ? st.statements[st.statements.length - 1] : st;
      return !!last && (ts.isReturnStatement(last) || ts.isBreakStatement(last) || ts.isContinueStatement(last));
    };
    const loops: ts.Node[] = [];
    let guard: ts.Node | null = null;
    // writes that run before the test again (a for loop's step)
    let skip: ts.Node | null = null;
    for (let c: ts.Node = e, p = e.parent; p && !guard; c = p, p = p.parent) {
      if (ts.isFunctionLike(p)) return false;
      if (ts.isBinaryExpression(p) && c === p.right) {
        const op = p.operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken) guard = test(p.left, true);
        else if (op === ts.SyntaxKind.BarBarToken) guard = test(p.left, false);
      } else if (ts.isConditionalExpression(p) && c !== p.condition) guard = test(p.condition, c === p.whenTrue);
      else if (ts.isIfStatement(p) && c !== p.expression) guard = test(p.expression, c === p.thenStatement);
      else if (ts.isWhileStatement(p) && c === p.statement) guard = test(p.expression, true);
      else if (ts.isForStatement(p) && c === p.statement && p.condition) {
        guard = test(p.condition, true);
        if (guard) skip = p.incrementor ?? null;
      } else if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
        const list = p.statements as ts.NodeArray<ts.Statement>;
        for (let k = list.indexOf(c as ts.Statement) - 1; k >= 0 && !guard; k--) {
          const st = list[k]!;
          if (!ts.isIfStatement(st) || st.elseStatement || !exits(st.thenStatement)) continue;
          guard = test(st.expression, false);
          // what the exiting branch writes does not reach e
          if (guard) skip = st.thenStatement;
        }
      }
      if (!guard && ts.isIterationStatement(p, false)) loops.push(p);
    }
    if (!guard) return false;
    const within = (n: ts.Node, outer: ts.Node | null): boolean => !!outer && n.pos >= outer.pos && n.end <= outer.end;
    // a write in the other branch of an if or ?: than e cannot reach it (a loop around both that
    // lies past the test is in loops; one around the test runs the test again)
    const apart = (w: ts.Node): boolean => {
      for (let x: ts.Node | undefined = w.parent; x; x = x.parent) {
        if (ts.isIfStatement(x) && x.elseStatement && ((within(w, x.thenStatement) && within(e, x.elseStatement)) || (within(w, x.elseStatement) && within(e, x.thenStatement)))) return true;
        if (ts.isConditionalExpression(x) && ((within(w, x.whenTrue) && within(e, x.whenFalse)) || (within(w, x.whenFalse) && within(e, x.whenTrue)))) return true;
      }
      return false;
    };
    return this.writesTo(di).every((w) => {
      if (loops.some((l) => within(w, l))) return false;
      if (w.end <= guard!.pos || w.pos >= e.end || within(w, skip)) return true;
      return apart(w);
    });
  }

  /** The nodes in this function that write d (assignments, ++ and --), found once per function. */
  private writesTo(d: ts.Declaration): ts.Node[] {
    if (!this.writeSites) {
      const sites = new Map<ts.Declaration, ts.Node[]>();
      const visit = (n: ts.Node): void => {
        const w = writeOf(n);
        const t = w && ts.isIdentifier(w.target) ? this.ctx.declarationOf(w.target) : undefined;
        const list = t && sites.get(t);
        if (list) list.push(n);
        else if (t) sites.set(t, [n]);
        ts.forEachChild(n, visit);
      };
      visit(this.fnNode);
      this.writeSites = sites;
    }
    return this.writeSites.get(d) ?? [];
  }

  /** A typed array's length never changes; an array of a type no code shortens only grows. */
  private neverShrinks(t: CType): boolean {
    const shrunk = this.ctx.slots.shrunk;
    return t.k === "typed" || (t.k === "arr" && !!shrunk && !shrunk.has(t.name));
  }

  private loopBounded(a: ts.Identifier, i: ts.Identifier, e: ts.ElementAccessExpression): boolean {
    const d = this.ctx.declarationOf(i);
    const cap = d && this.loopCaps.get(d);
    if (!cap || cap.r.lo < 0 || e.pos < cap.body.pos || e.end > cap.body.end || e.getSourceFile() !== cap.body.getSourceFile()) return false;
    const loop = countedLoop(cap.body.parent as ts.ForStatement);
    const bound = loop && !loop.inclusive && loop.up ? unparen(loop.bound) : null;
    if (!loop || !bound || !ts.isPropertyAccessExpression(bound) || bound.name.text !== "length" || !ts.isIdentifier(bound.expression)) return false;
    const arr = this.ctx.declarationOf(a);
    if (!arr || arr !== this.ctx.declarationOf(bound.expression) || !(ts.isVariableDeclaration(arr) || ts.isParameter(arr))) return false;
    return this.neverShrinks(this.typeOf(a)) && !this.assignedIn(loop.stmt).has(arr);
  }

  /** The names a loop assigns, found once per loop (every access in it asks). */
  private assignedIn(loop: ts.ForStatement): Set<ts.Declaration> {
    let names = this.loopAssigns.get(loop);
    if (!names) {
      const found = new Set<ts.Declaration>();
      const visit = (n: ts.Node): void => {
        const w = writeOf(n);
        const d = w && ts.isIdentifier(w.target) ? this.ctx.declarationOf(w.target) : undefined;
        if (d) found.add(d);
        ts.forEachChild(n, visit);
      };
      visit(loop);
      this.loopAssigns.set(loop, (names = found));
    }
    return names;
  }

  /**
   * A length the array a `const` named a holds at least, when its initializer fixes it: a typed
   * array `new Uint8Array(n)` with a constant n, `new Uint8Array([…])`, or a call to a function of
   * this module that returns only such constants of one length (a typed array's length never
   * changes), or an array literal of a type no code shortens (it can only grow).
   */
  private fixedLength(a: ts.Identifier): number | null {
    const d = this.ctx.declarationOf(a);
    if (!d || !ts.isVariableDeclaration(d) || !(ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) || !d.initializer) return null;
    const known = this.lengths.get(d);
    if (known !== undefined) return known;
    // a function returning the constant it initialises finds null here
    this.lengths.set(d, null);
    let n: number | null = null;
    try {
      n = this.initLength(unparen(d.initializer), a.getSourceFile(), this.typeOf(a));
    } catch (e) {
      // an initializer without a C form is refused where it is emitted, not here
      if (!(e instanceof Refused)) throw e;
    }
    this.lengths.set(d, n);
    return n;
  }

  private initLength(init: ts.Expression, sf: ts.SourceFile, t: CType): number | null {
    if (ts.isArrayLiteralExpression(init)) {
      // an array of a type no code shortens keeps at least the literal's elements
      return t.k === "arr" && this.neverShrinks(t) && !init.elements.some(ts.isSpreadElement) ? init.elements.length : null;
    }
    if (ts.isNewExpression(init)) {
      if (this.typeOf(init).k !== "typed" || init.arguments?.length !== 1) return null;
      const arg = init.arguments[0]!;
      if (ts.isArrayLiteralExpression(arg)) return arg.elements.some(ts.isSpreadElement) ? null : arg.elements.length;
      const r = this.typeOf(arg).k === "num" ? rangeOf(arg, this.rcx) : null;
      return r && r.lo === r.hi ? r.lo : null;
    }
    if (!ts.isCallExpression(init) || init.arguments.length || !ts.isIdentifier(init.expression)) return null;
    const f = this.ctx.declarationOf(init.expression);
    if (!f || !ts.isFunctionDeclaration(f) || !f.body || f.getSourceFile() !== sf) return null;
    let n: number | null = null;
    let known = true;
    const visit = (x: ts.Node): void => {
      if (ts.isFunctionLike(x)) return;
      if (ts.isReturnStatement(x)) {
        const v = x.expression && unparen(x.expression);
        const m = v && ts.isIdentifier(v) ? this.fixedLength(v) : null;
        if (m === null || (n !== null && m !== n)) known = false;
        n = m;
      }
      ts.forEachChild(x, visit);
    };
    ts.forEachChild(f.body, visit);
    return known ? n : null;
  }

  /** A local, `this` or a chain of fields off one: reading it twice or late sees the same array. */
  private plainRef(e: ts.Expression): boolean {
    while (ts.isPropertyAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    return ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword;
  }

  /** The declared fields an object literal's properties write, with their values. */
  private literalFields(e: ts.ObjectLiteralExpression): [ts.Declaration, ts.Expression][] {
    let t: CType;
    try {
      t = this.expectedType(e);
    } catch {
      return [];
    }
    if (t.k !== "obj") return [];
    const out: [ts.Declaration, ts.Expression][] = [];
    for (const p of e.properties) {
      if ((!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) || (!ts.isIdentifier(p.name) && !ts.isStringLiteral(p.name))) continue;
      const d = memberNamed(t.decl, p.name.text);
      if (d) out.push([d, ts.isPropertyAssignment(p) ? p.initializer : p.name]);
    }
    return out;
  }

  private objectLiteral(e: ts.ObjectLiteralExpression): string {
    const t = this.expectedType(e);
    if (t.k !== "obj") this.refuse(e, "NUDGE1216");
    if (ts.isClassDeclaration(t.decl)) this.refuse(e, "NUDGE1203", "an object literal is not a class instance; use new");
    const tmp = this.temp(t);
    const parts = [`${tmp} = (${t.name} *)nd_alloc(sizeof(${t.name}))`];
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) this.refuse(p, "NUDGE1205");
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) this.refuse(p, "NUDGE1201", "object literal methods");
      if (!ts.isIdentifier(p.name) && !ts.isStringLiteral(p.name)) this.refuse(p.name, "NUDGE1201", "computed property names");
      const field = localName(p.name.text);
      const valueNode = ts.isPropertyAssignment(p) ? p.initializer : p.name;
      const fr = this.ctx.slots.fields.get(memberNamed(t.decl, p.name.text)!);
      if (fr) {
        parts.push(`${tmp}->${field} = ${this.intInit(valueNode, cIntType(fr))}`);
        continue;
      }
      const fieldT = this.ctx.fieldType(t, p.name.text, p);
      const v = this.convert(this.expr(valueNode, fieldT), this.typeOfInit(valueNode, fieldT), fieldT, valueNode);
      parts.push(`${tmp}->${field} = ${v}`);
    }
    return `(${[...parts, tmp].join(", ")})`;
  }

  private arrayLiteral(e: ts.ArrayLiteralExpression, want?: CType): string {
    const t = want && want.k === "arr" ? want : e.elements.length === 0 ? this.expectedType(e) : this.typeOf(e);
    if (t.k !== "arr") this.refuse(e, "NUDGE1217");
    const consts = this.constantElements(e.elements, t.elem);
    if (consts && consts.length > 0) return `${t.name}_of(${this.ctx.staticTable(cName(t.elem), consts)}, ${consts.length})`;
    // an empty array is a zeroed header (no items, no capacity, no buffer) that one runtime
    // function makes for every array type, where the type's _new would be one more function
    if (e.elements.length === 0) return `((${t.name} *)nd_arr_empty(sizeof(${t.name})))`;
    const tmp = this.temp(t);
    const parts = [`${tmp} = ${t.name}_new(${e.elements.length})`];
    for (const el of e.elements) {
      if (ts.isSpreadElement(el)) this.refuse(el, "NUDGE1205");
      const v = this.convert(this.expr(el, t.elem), this.typeOfInit(el, t.elem), t.elem, el);
      parts.push(`${t.name}_push(${tmp}, ${v})`);
    }
    return `(${[...parts, tmp].join(", ")})`;
  }

  /** C constants for literal elements (numbers, strings, booleans), or null when any is not one. */
  constantElements(elements: readonly ts.Expression[], elem: CType, conv?: (v: number) => number): string[] | null {
    const out: string[] = [];
    for (const el of elements) {
      let v: number | null = null;
      if (ts.isNumericLiteral(el)) v = Number(el.text);
      else if (ts.isPrefixUnaryExpression(el) && el.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(el.operand)) v = -Number(el.operand.text);
      if (v !== null && elem.k === "num") out.push(conv ? String(conv(v)) : cNumber(v));
      else if ((ts.isStringLiteral(el) || ts.isNoSubstitutionTemplateLiteral(el)) && elem.k === "str") out.push(this.ctx.stringLiteral(el.text, el).slice(1, -1));
      else if ((el.kind === ts.SyntaxKind.TrueKeyword || el.kind === ts.SyntaxKind.FalseKeyword) && elem.k === "bool") out.push(el.kind === ts.SyntaxKind.TrueKeyword ? "true" : "false");
      else return null;
    }
    return out;
  }

  /** Arguments converted to the parameter types, evaluated left to right. */
  args(nodes: readonly ts.Expression[], params: CType[], pre: string[], first: ts.Expression[] = [], decls?: readonly ts.ParameterDeclaration[]): string[] {
    const all = [...first, ...nodes];
    // the C type an argument is emitted in: an integer parameter's, or the parameter's type
    const typeFor = (n: ts.Expression, i: number): CType | string => {
      const pt = i < first.length ? this.typeOf(n) : params[i - first.length];
      if (!pt) this.refuse(n, "NUDGE1214", "too many arguments");
      const d = i < first.length ? undefined : decls?.[i - first.length];
      const ir = d && this.ctx.slots.params.get(d);
      return ir ? cIntType(ir) : pt;
    };
    const out = this.ordered(all, (n, i) => {
      if (i < first.length) return this.expr(n);
      const pt = typeFor(n, i);
      return typeof pt === "string" ? this.intInit(n, pt) : this.convert(this.expr(n, pt), this.typeOfInit(n, pt), pt, n);
    }, pre, typeFor);
    // A method of a value class takes a pointer to its receiver. Only a local (or a part of one)
    // is lent in place: nothing the method runs can write it, where a field of an object could be
    // replaced under the method, whose `this` must stay the struct it was called on. A value
    // class's own `this` is such a local, lent on; anything else is copied first.
    first.forEach((n, i) => {
      const t = this.typeOf(n);
      if (!isValue(t)) return;
      const c = out[i]!;
      const own = this.selfType !== null && isValue(this.selfType) && /^self->\w+(\.\w+)*$/.test(c);
      if (c === "(*self)") out[i] = "self";
      else if (own || /^\w+(\.\w+)*$/.test(c)) out[i] = `&${c}`;
      else {
        const tmp = this.temp(t);
        pre.push(`${tmp} = ${c}`);
        out[i] = `&${tmp}`;
      }
    });
    return out;
  }

  /** The value of a constant number expression (see constantOf), or null. */
  constant(e: ts.Expression): number | null {
    return constantOf(e, this.rcx);
  }

  /** The C integer form of e when it is a pure integer expression, else null (for the call lowering). */
  intArg(e: ts.Expression): string | null {
    return this.intOf(e)?.c ?? null;
  }

  /** Exposed for the call lowering. */
  exprOf(e: ts.Expression, want?: CType): string {
    return this.expr(e, want);
  }
  typeAt(e: ts.Node): CType {
    return this.typeOf(e);
  }
  tempOf(t: CType): string {
    return this.temp(t);
  }
  sequence(pre: string[], v: string): string {
    return this.seq(pre, v);
  }
  refuseAt(node: ts.Node, code: Code, detail?: string): never {
    this.refuse(node, code, detail);
  }
  hasEffect(e: ts.Expression): boolean {
    return this.effectful(e);
  }
  truth(c: string, t: CType): string {
    return this.truthy(c, t);
  }
}

