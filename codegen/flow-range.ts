// Flow-sensitive integer ranges of a body's number locals: an interval analysis over the body's
// statements in order, with facts from tests (`i < n` bounds i on the true branch) and from index
// checks (after `buf[at++] = c` runs, the old `at` was an index of buf), joined where control flow
// meets and widened at loop heads (a `for` loop whose counter bounds its trips is followed trip by
// trip instead). It gives each read of a local the range the local has there,
// and each step (`x++`) the range it writes, which the flow-insensitive judgment of a local's
// writes (int-range.ts) cannot see: a position stepped past a bound only after a test or an index
// check stays an int32 where the hull of "stepped by one" would be a 2^52 counter.
import ts from "typescript";
import { bitwiseResult, COMPOUND_OPERATOR, elementRange, I32, isBitwise, MIRRORED, isMathCall, rangeOf, type Range, type RangeContext } from "./int-range";

/** An integer interval whose bounds may be infinite (a value stepped without a test); null: any double. */
type Iv = Range | null;
/**
 * The intervals of the tracked locals at a point, local k's bounds at 2k and 2k + 1 (NaN: any
 * double, as every local is before its declaration), or null where control never gets. Flat
 * arrays: the analysis copies and joins states at every branch.
 */
type State = Float64Array | null;

/** What the analysis needs from its function. */
export interface FlowContext {
  /** Ranges of everything but the tracked locals; its varRange is consulted for other names. */
  rcx: RangeContext;
  /** The range of any call's result (a function returning integers) given its arguments' ranges there (arg(k)), or null. */
  callRange(e: ts.CallExpression, arg: (k: number) => Range | null): Range | null;
  /** The number locals the analysis follows: declared in the body or parameters, captured by nothing. */
  tracked: Set<ts.Declaration>;
  /** The tracked locals that hold a value on entry (parameters), with its range. */
  entry: Map<ts.Declaration, Range>;
}

/**
 * Per node: the range a tracked local has at a read of it (one bound may be infinite: a value
 * stepped without a test), and the range a step writes.
 */
export interface FlowRanges {
  reads: Map<ts.Node, Range>;
  steps: Map<ts.Node, Range>;
}

/** Indexes an array access accepts: lengths are int32 (rangeOf gives `length` [0, 2^31 - 1]). */
const INDEX: Range = { lo: 0, hi: I32.hi - 1 };
/** Loop-head joins before widening: a local set to a few constants in the loop settles without it. */
const JOINS = 1;
/** Trips after which a loop head that still moves is given up as any double (widening settles sooner). */
const MAX_TRIPS = 12;

function finite(v: Iv): Range | null {
  return v && Number.isSafeInteger(v.lo) && Number.isSafeInteger(v.hi) ? { lo: v.lo, hi: v.hi } : null;
}

function join(a: Iv, b: Iv): Iv {
  return a && b ? { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) } : null;
}

function meet(a: Iv, lo: number, hi: number): Iv | "empty" {
  if (!a) return null;
  const r = { lo: Math.max(a.lo, lo), hi: Math.min(a.hi, hi) };
  return r.lo > r.hi ? "empty" : r;
}

function copy(s: State): State {
  return s && s.slice();
}

/** The state after either a or b (NaN, any double, wins: comparisons with it are false). */
function joinStates(a: State, b: State): State {
  if (!a) return copy(b);
  if (!b) return a.slice();
  const out = a.slice();
  for (let i = 0; i < out.length; i += 2) {
    if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) out[i] = out[i + 1] = NaN;
    else {
      out[i] = Math.min(a[i]!, b[i]!);
      out[i + 1] = Math.max(a[i + 1]!, b[i + 1]!);
    }
  }
  return out;
}

/** Whether every interval of a lies within b's (a is then no new information at a loop head). */
function within(a: State, b: State): boolean {
  if (!a) return true;
  if (!b) return false;
  for (let i = 0; i < a.length; i += 2) {
    if (Number.isNaN(b[i]!)) continue;
    if (Number.isNaN(a[i]!) || a[i]! < b[i]! || a[i + 1]! > b[i + 1]!) return false;
  }
  return true;
}

/** Widening: a bound still moving goes to infinity, so every loop head settles. */
function widen(old: State, next: State): State {
  if (!old || !next) return copy(next);
  const out = next.slice();
  for (let i = 0; i < out.length; i += 2) {
    if (Number.isNaN(old[i]!)) out[i] = out[i + 1] = NaN;
    else if (!Number.isNaN(out[i]!)) {
      out[i] = out[i]! < old[i]! ? -Infinity : old[i]!;
      out[i + 1] = out[i + 1]! > old[i + 1]! ? Infinity : old[i + 1]!;
    }
  }
  return out;
}

/** s with every local any double. */
function top(s: State): State {
  return s && new Float64Array(s.length).fill(NaN);
}

function put(s: Float64Array, k: number, v: Iv): void {
  s[k] = v ? v.lo : NaN;
  s[k + 1] = v ? v.hi : NaN;
}

function unparen(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

interface Target {
  label: string | null;
  /** a loop, a switch, or a labelled block (which only a labelled break leaves) */
  kind: "loop" | "switch" | "block";
  breaks: State[];
  continues: State[];
}

/** Runs the analysis over body; see FlowRanges. */
export function flowRanges(body: ts.Node, fx: FlowContext): FlowRanges {
  return new Flow(fx).run(body);
}

class Flow {
  private st: State;
  /** Each tracked local's place in a state. */
  private readonly slot = new Map<ts.Declaration, number>();
  /** Above zero while a loop head is being iterated: its states are not yet final, so nothing is recorded. */
  private quiet = 0;
  private readonly reads = new Map<ts.Node, Iv>();
  private readonly steps = new Map<ts.Node, Iv>();
  private readonly targets: Target[] = [];
  /** The ranges of expressions that read no tracked local. */
  private readonly fixed = new Map<ts.Node, Iv>();
  private readonly fcx: RangeContext;

  constructor(private readonly fx: FlowContext) {
    for (const d of fx.tracked) this.slot.set(d, this.slot.size * 2);
    this.st = new Float64Array(this.slot.size * 2).fill(NaN);
    for (const [d, r] of fx.entry) {
      const k = this.slot.get(d)!;
      this.st[k] = r.lo;
      this.st[k + 1] = r.hi;
    }
    this.fcx = {
      ...fx.rcx,
      varRange: (d, use) => (fx.tracked.has(d) ? finite(this.read(d, use)) : fx.rcx.varRange(d, use)),
      callRange: (e) => fx.callRange(e, (k) => rangeOf(e.arguments[k]!, this.fcx)),
    };
  }

  run(body: ts.Node): FlowRanges {
    if (ts.isBlock(body)) this.block(body.statements);
    else if (ts.isExpression(body)) this.expr(body);
    const out = (m: Map<ts.Node, Iv>, bounded: (v: Iv) => Range | null) => {
      const r = new Map<ts.Node, Range>();
      for (const [n, v] of m) {
        const f = bounded(v);
        if (f) r.set(n, f);
      }
      return r;
    };
    // a read keeps a bound on one side (a counter stepped up from 0 is at least 0): the caller
    // meets it with the local's own range, which is finite
    return { reads: out(this.reads, (v) => (v && (Number.isFinite(v.lo) || Number.isFinite(v.hi)) ? v : null)), steps: out(this.steps, finite) };
  }

  private tracked(e: ts.Expression): ts.Declaration | null {
    e = unparen(e);
    if (!ts.isIdentifier(e)) return null;
    const d = this.fx.rcx.declarationOf(e);
    return d && this.fx.tracked.has(d) ? d : null;
  }

  /** The interval of d at `use`, noted for use when the state is final. */
  private read(d: ts.Declaration, use: ts.Node): Iv {
    const v = this.get(this.st, d);
    if (this.st && !this.quiet) this.note(this.reads, use, v);
    return v;
  }

  private note(m: Map<ts.Node, Iv>, n: ts.Node, v: Iv): void {
    m.set(n, m.has(n) ? join(m.get(n)!, v) : v);
  }

  private set(d: ts.Declaration, v: Iv): void {
    if (this.st) put(this.st, this.slot.get(d)!, v);
  }

  private get(s: State, d: ts.Declaration): Iv {
    const k = this.slot.get(d)!;
    return s && !Number.isNaN(s[k]!) ? { lo: s[k]!, hi: s[k + 1]! } : null;
  }

  /** Notes the reads of tracked locals in e, an expression that writes none of them. */
  private noteReads(e: ts.Node): void {
    if (ts.isIdentifier(e)) {
      const d = this.fx.rcx.declarationOf(e);
      if (d && this.fx.tracked.has(d)) this.read(d, e);
      return;
    }
    if (ts.isFunctionLike(e)) return;
    ts.forEachChild(e, (c) => this.noteReads(c));
  }

  // ---- expressions ----------------------------------------------------------------------------

  /** Evaluates e in the current state (its writes of tracked locals included); returns its interval. */
  private expr(e: ts.Expression): Iv {
    if (!this.st) return null;
    const K = ts.SyntaxKind;
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) return this.expr(e.expression);
    if (ts.isNumericLiteral(e)) {
      const v = Number(e.text);
      return Number.isSafeInteger(v) ? { lo: v, hi: v } : null;
    }
    if (ts.isIdentifier(e)) {
      const d = this.fx.rcx.declarationOf(e);
      if (d && this.fx.tracked.has(d)) return this.read(d, e);
      return rangeOf(e, this.fcx);
    }
    if (!reads(e, this.fx)) {
      // no tracked local in it: the same on every trip
      let v = this.fixed.get(e);
      if (v === undefined) this.fixed.set(e, (v = rangeOf(e, this.fcx)));
      return v;
    }
    if (!writes(e, this.fx)) {
      // + and - keep a bound at infinity; everything else is rangeOf's rules over finite ranges
      if (ts.isBinaryExpression(e) && (e.operatorToken.kind === K.PlusToken || e.operatorToken.kind === K.MinusToken) && this.fx.rcx.kindOf(e) === "num") {
        const a = this.expr(e.left);
        const b = this.expr(e.right);
        return this.arith(e.operatorToken.kind, a, b);
      }
      if (ts.isConditionalExpression(e)) return this.conditional(e);
      this.noteReads(e);
      const v = rangeOf(e, this.fcx);
      this.indexFacts(e);
      return v;
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === K.EqualsToken || (op >= K.FirstCompoundAssignment && op <= K.LastCompoundAssignment)) return this.assign(e);
      if (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken) {
        this.expr(e.left);
        const before = copy(this.st);
        this.expr(e.right);
        this.st = joinStates(before, this.st);
        return null;
      }
      if (op === K.CommaToken) {
        this.expr(e.left);
        return this.expr(e.right);
      }
      const a = this.expr(e.left);
      const b = this.expr(e.right);
      if (this.fx.rcx.kindOf(e) !== "num") return null;
      if (op === K.PlusToken || op === K.MinusToken) return this.arith(op, a, b);
      if (isBitwise(op)) return bitwiseResult(op, () => finite(a), () => finite(b));
      return null;
    }
    if (ts.isConditionalExpression(e)) return this.conditional(e);
    if (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) {
      if (e.operator === K.PlusPlusToken || e.operator === K.MinusMinusToken) return this.step(e);
      const v = this.expr(e.operand);
      if (e.operator === K.TildeToken) return I32;
      if (e.operator === K.PlusToken) return v;
      if (e.operator === K.MinusToken && v && (v.lo >= 1 || v.hi <= -1)) return { lo: -v.hi, hi: -v.lo };
      return null;
    }
    if (ts.isCallExpression(e)) {
      this.expr(e.expression);
      const args = e.arguments.map((a) => finite(this.expr(a)));
      return isMathCall(e, this.fcx, "imul") ? I32 : this.fx.callRange(e, (k) => args[k] ?? null);
    }
    if (ts.isElementAccessExpression(e)) {
      this.expr(e.expression);
      this.expr(e.argumentExpression);
      this.indexFact(e, false);
      return null;
    }
    // anything else runs its parts in source order, which is JavaScript's for what remains
    this.parts(e);
    return null;
  }

  /** Evaluates the expressions within n in source order (an object literal's values, say). */
  private parts(n: ts.Node): void {
    ts.forEachChild(n, (c) => {
      if (ts.isFunctionLike(c)) return;
      if (ts.isExpression(c)) this.expr(c);
      else this.parts(c);
    });
  }

  private arith(op: ts.SyntaxKind, a: Iv, b: Iv): Iv {
    if (!a || !b) return null;
    return op === ts.SyntaxKind.PlusToken ? { lo: a.lo + b.lo, hi: a.hi + b.hi } : { lo: a.lo - b.hi, hi: a.hi - b.lo };
  }

  private conditional(e: ts.ConditionalExpression): Iv {
    const [t, f] = this.cond(e.condition);
    this.st = t;
    const a = this.expr(e.whenTrue);
    const at = this.st;
    this.st = f;
    const b = this.expr(e.whenFalse);
    this.st = joinStates(at, this.st);
    return !at ? b : !f ? a : join(a, b);
  }

  /** `x = e`, `x op= e`, or a write into a field or element. */
  private assign(e: ts.BinaryExpression): Iv {
    const K = ts.SyntaxKind;
    const op = e.operatorToken.kind;
    const d = this.tracked(e.left);
    if (!d) {
      const t = this.place(e.left);
      const v = this.expr(e.right);
      if (ts.isElementAccessExpression(t)) this.indexFact(t, true, e.right);
      return op === K.EqualsToken ? v : null;
    }
    if (op === K.EqualsToken) {
      const v = this.expr(e.right);
      this.set(d, v);
      return v;
    }
    const old = this.read(d, unparen(e.left));
    const r = this.expr(e.right);
    const v = op === K.PlusEqualsToken ? this.arith(K.PlusToken, old, r) : op === K.MinusEqualsToken ? this.arith(K.MinusToken, old, r) : isBitwise(COMPOUND_OPERATOR[op] ?? op) ? bitwiseResult(COMPOUND_OPERATOR[op]!, () => finite(old), () => finite(r)) : null;
    if (e.right.kind === K.NumericLiteral && (e.right as ts.NumericLiteral).text === "1" && (op === K.PlusEqualsToken || op === K.MinusEqualsToken) && this.st && !this.quiet) this.note(this.steps, e, v);
    this.set(d, v);
    return v;
  }

  /** Evaluates the object (and index) of a field or element written to; returns the place. */
  private place(target: ts.Expression): ts.Expression {
    const t = unparen(target);
    if (ts.isElementAccessExpression(t)) {
      this.expr(t.expression);
      this.expr(t.argumentExpression);
    } else if (ts.isPropertyAccessExpression(t)) this.expr(t.expression);
    return t;
  }

  /** `x++`, `--x`, … of a tracked local (the step noted), or of a field or element. */
  private step(e: ts.PrefixUnaryExpression | ts.PostfixUnaryExpression): Iv {
    const d = this.tracked(e.operand);
    if (!d) {
      const t = this.place(e.operand);
      if (ts.isElementAccessExpression(t)) this.indexFact(t, true);
      return null;
    }
    const old = this.read(d, unparen(e.operand));
    const by = e.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1;
    const v = old && { lo: old.lo + by, hi: old.hi + by };
    if (this.st && !this.quiet) this.note(this.steps, e, v);
    this.set(d, v);
    return ts.isPrefixUnaryExpression(e) ? v : old;
  }

  /** The index facts of the element reads in e, an expression that writes no tracked local. */
  private indexFacts(e: ts.Node): void {
    if (ts.isFunctionLike(e)) return;
    ts.forEachChild(e, (c) => this.indexFacts(c));
    if (ts.isElementAccessExpression(e)) this.indexFact(e, false);
  }

  /**
   * After `a[i]` ran on an array or typed array (a write: on a typed array, where an index past the
   * end panics as a read does), i was an integer index: a tracked i lies in INDEX from here on, and
   * so does the old value of `i++` (the new one one above it). An index that may be -0 also passes
   * the check, so a plain `i` narrows only when it is known to be an integer already; `i ± 1` never
   * is -0. Only when nothing after the index (`rhs`) writes i.
   */
  private indexFact(e: ts.ElementAccessExpression, write: boolean, rhs?: ts.Expression): void {
    const k = this.fx.rcx.kindOf(e.expression);
    if (!this.st || !(k?.startsWith("typed:") || (k === "arr" && !write))) return;
    const ix = unparen(e.argumentExpression);
    const K = ts.SyntaxKind;
    let d: ts.Declaration | null = null;
    let shift = 0;
    if (ts.isIdentifier(ix)) d = this.tracked(ix);
    else if ((ts.isPostfixUnaryExpression(ix) || ts.isPrefixUnaryExpression(ix)) && (ix.operator === K.PlusPlusToken || ix.operator === K.MinusMinusToken)) {
      d = this.tracked(ix.operand);
      if (ts.isPostfixUnaryExpression(ix)) shift = ix.operator === K.PlusPlusToken ? 1 : -1;
    }
    if (!d || (rhs && writesLocal(rhs, d, this.fx))) return;
    const cur = this.get(this.st, d);
    if (!cur && ts.isIdentifier(ix)) return;
    const r = cur ? meet(cur, INDEX.lo + shift, INDEX.hi + shift) : { lo: INDEX.lo + shift, hi: INDEX.hi + shift };
    if (r === "empty") this.st = null;
    else put(this.st, this.slot.get(d)!, r);
  }

  // ---- conditions -----------------------------------------------------------------------------

  /** The states where e is true and where it is false (null: it never is). */
  private cond(e: ts.Expression): [State, State] {
    const K = ts.SyntaxKind;
    if (!this.st) return [null, null];
    if (ts.isParenthesizedExpression(e)) return this.cond(e.expression);
    if (ts.isPrefixUnaryExpression(e) && e.operator === K.ExclamationToken) {
      const [t, f] = this.cond(e.operand);
      return [f, t];
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === K.AmpersandAmpersandToken) {
        const [t1, f1] = this.cond(e.left);
        this.st = t1;
        const [t2, f2] = this.cond(e.right);
        return [t2, joinStates(f1, f2)];
      }
      if (op === K.BarBarToken) {
        const [t1, f1] = this.cond(e.left);
        this.st = f1;
        const [t2, f2] = this.cond(e.right);
        return [joinStates(t1, t2), f2];
      }
      const cmp = [K.LessThanToken, K.LessThanEqualsToken, K.GreaterThanToken, K.GreaterThanEqualsToken, K.EqualsEqualsEqualsToken, K.ExclamationEqualsEqualsToken];
      if (cmp.includes(op) && !writes(e, this.fx) && this.fx.rcx.kindOf(e.left) === "num" && this.fx.rcx.kindOf(e.right) === "num") {
        const a = this.expr(e.left);
        const b = this.expr(e.right);
        if (!this.st) return [null, null];
        const t = this.st.slice();
        const f = this.st.slice();
        const out: [State, State] = [t, f];
        const narrow = (x: ts.Expression, o: ts.SyntaxKind, xv: Iv, yv: Iv) => {
          const d = this.tracked(x);
          if (!d || !xv || !yv) return;
          const apply = (i: 0 | 1, lo: number, hi: number) => {
            const s = out[i];
            if (!s) return;
            const r = meet(xv, lo, hi);
            if (r === "empty") out[i] = null;
            else put(s, this.slot.get(d)!, r);
          };
          if (o === K.LessThanToken) { apply(0, -Infinity, yv.hi - 1); apply(1, yv.lo, Infinity); }
          if (o === K.LessThanEqualsToken) { apply(0, -Infinity, yv.hi); apply(1, yv.lo + 1, Infinity); }
          if (o === K.GreaterThanToken) { apply(0, yv.lo + 1, Infinity); apply(1, -Infinity, yv.hi); }
          if (o === K.GreaterThanEqualsToken) { apply(0, yv.lo, Infinity); apply(1, -Infinity, yv.hi - 1); }
          if (o === K.EqualsEqualsEqualsToken) apply(0, yv.lo, yv.hi);
          if (o === K.ExclamationEqualsEqualsToken) apply(1, yv.lo, yv.hi);
        };
        narrow(e.left, op, a, b);
        // the right side narrowed by the left's interval before the left was narrowed
        narrow(e.right, MIRRORED[op] ?? op, b, a);
        return out;
      }
    }
    this.expr(e);
    return [this.st, copy(this.st)];
  }

  // ---- statements -----------------------------------------------------------------------------

  private block(ss: readonly ts.Statement[]): void {
    for (const s of ss) this.stmt(s);
  }

  private stmt(s: ts.Statement, label: string | null = null): void {
    if (!this.st) return;
    if (ts.isBlock(s)) return this.block(s.statements);
    if (ts.isExpressionStatement(s)) {
      this.expr(s.expression);
      return;
    }
    if (ts.isVariableStatement(s)) return this.declarations(s.declarationList);
    if (ts.isIfStatement(s)) {
      const [t, f] = this.cond(s.expression);
      this.st = t;
      this.stmt(s.thenStatement);
      const after = this.st;
      this.st = f;
      if (s.elseStatement) this.stmt(s.elseStatement);
      this.st = joinStates(after, this.st);
      return;
    }
    if (ts.isWhileStatement(s)) return this.loop(label, s.expression, s.statement, null, true);
    if (ts.isDoStatement(s)) return this.loop(label, s.expression, s.statement, null, false);
    if (ts.isForStatement(s)) {
      if (s.initializer) {
        if (ts.isVariableDeclarationList(s.initializer)) this.declarations(s.initializer);
        else this.expr(s.initializer);
      }
      return this.loop(label, s.condition ?? null, s.statement, s.incrementor ?? null, true);
    }
    if (ts.isForOfStatement(s)) {
      this.expr(s.expression);
      const k = this.fx.rcx.kindOf(s.expression);
      const decl = ts.isVariableDeclarationList(s.initializer) ? s.initializer.declarations[0] : undefined;
      const each = () => {
        const target = decl ?? this.tracked(s.initializer as ts.Expression);
        if (target && this.fx.tracked.has(target)) this.set(target, elementRange(k));
      };
      return this.loop(label, null, s.statement, null, true, each, true);
    }
    if (ts.isLabeledStatement(s)) {
      const inner = s.statement;
      if (ts.isIterationStatement(inner, false)) return this.stmt(inner, s.label.text);
      const t: Target = { label: s.label.text, kind: "block", breaks: [], continues: [] };
      this.targets.push(t);
      this.stmt(inner);
      this.targets.pop();
      for (const b of t.breaks) this.st = joinStates(this.st, b);
      return;
    }
    if (ts.isSwitchStatement(s)) return this.switchStmt(s, label);
    if (ts.isBreakStatement(s) || ts.isContinueStatement(s)) {
      const name = s.label?.text ?? null;
      const brk = ts.isBreakStatement(s);
      for (let i = this.targets.length - 1; i >= 0; i--) {
        const t = this.targets[i]!;
        if (name ? t.label === name : brk ? t.kind !== "block" : t.kind === "loop") {
          (brk ? t.breaks : t.continues).push(this.st);
          break;
        }
      }
      this.st = null;
      return;
    }
    if (ts.isReturnStatement(s)) {
      if (s.expression) this.expr(s.expression);
      this.st = null;
      return;
    }
    // declarations of functions and classes, empty statements: nothing of ours runs
  }

  private declarations(list: ts.VariableDeclarationList): void {
    for (const d of list.declarations) {
      const v = d.initializer ? this.expr(d.initializer) : null;
      if (this.fx.tracked.has(d)) this.set(d, v);
    }
  }

  private switchStmt(s: ts.SwitchStatement, label: string | null): void {
    this.expr(s.expression);
    // the case tests run in order until one matches: a clause is entered after any prefix of them
    let tests = this.st;
    let entry: State = copy(this.st);
    for (const c of s.caseBlock.clauses) {
      if (ts.isCaseClause(c)) {
        this.st = tests;
        this.expr(c.expression);
        tests = this.st;
        entry = joinStates(entry, tests);
      }
    }
    const t: Target = { label, kind: "switch", breaks: [], continues: [] };
    this.targets.push(t);
    let fall: State = null;
    for (const c of s.caseBlock.clauses) {
      this.st = joinStates(entry, fall);
      this.block(c.statements);
      fall = this.st;
    }
    this.targets.pop();
    const noDefault = !s.caseBlock.clauses.some((c) => ts.isDefaultClause(c));
    this.st = joinStates(fall, noDefault ? entry : null);
    for (const b of t.breaks) this.st = joinStates(this.st, b);
  }

  /**
   * At most how many trips `for (…; w < B …; w++)` makes, when that is at most MAX_TRIPS: w a
   * tracked local that only the step writes, by one, B a constant or a tracked local the loop
   * does not write, `w < B` (or `w <= B`, `B > w`, `B >= w`) the test or one operand of its
   * top-level `&&`s; from their ranges on entry. Null otherwise.
   */
  private tripBound(test: ts.Expression, body: ts.Statement, incr: ts.Expression, entry: State): number | null {
    const K = ts.SyntaxKind;
    const step = unparen(incr);
    let w: ts.Declaration | null = null;
    if ((ts.isPrefixUnaryExpression(step) || ts.isPostfixUnaryExpression(step)) && step.operator === K.PlusPlusToken) w = this.tracked(step.operand);
    else if (ts.isBinaryExpression(step) && step.operatorToken.kind === K.PlusEqualsToken && ts.isNumericLiteral(step.right) && step.right.text === "1") w = this.tracked(step.left);
    const from = w && this.get(entry, w);
    if (!w || !from || writesLocal(body, w, this.fx) || writesLocal(test, w, this.fx)) return null;
    const bound = (e: ts.Expression): number | null => {
      e = unparen(e);
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === K.AmpersandAmpersandToken) {
        const a = bound(e.left);
        const b = bound(e.right);
        return a === null ? b : b === null ? a : Math.min(a, b);
      }
      if (!ts.isBinaryExpression(e)) return null;
      let op = e.operatorToken.kind;
      let [x, b] = [unparen(e.left), unparen(e.right)];
      if (op === K.GreaterThanToken || op === K.GreaterThanEqualsToken) [x, b, op] = [b, x, op === K.GreaterThanToken ? K.LessThanToken : K.LessThanEqualsToken];
      if ((op !== K.LessThanToken && op !== K.LessThanEqualsToken) || this.tracked(x) !== w) return null;
      const db = this.tracked(b);
      const r = db ? (writesLocal(body, db, this.fx) || writesLocal(test, db, this.fx) || writesLocal(incr, db, this.fx) ? null : this.get(entry, db)) : ts.isNumericLiteral(b) ? rangeOf(b, this.fcx) : null;
      return r && Number.isFinite(r.hi) ? Math.max(0, r.hi - from.lo + (op === K.LessThanEqualsToken ? 1 : 0)) : null;
    };
    const n = bound(test);
    return n !== null && n <= MAX_TRIPS ? n : null;
  }

  /**
   * A loop: its head state is iterated to an invariant (joined, then widened, then narrowed once)
   * without noting anything, and the body is then run once more from that invariant, noting.
   */
  private loop(label: string | null, test: ts.Expression | null, body: ts.Statement, incr: ts.Expression | null, testFirst: boolean, each?: () => void, ends = false): void {
    const entry = this.st;
    const t: Target = { label, kind: "loop", breaks: [], continues: [] };
    /** One trip from head: the state back at the head, the state leaving, and the breaks. */
    const trip = (head: State): { back: State; exit: State } => {
      this.st = copy(head);
      // a for…of ends when its elements do, before any trip
      let exit: State = ends ? copy(head) : null;
      if (testFirst && test) {
        const [yes, no] = this.cond(test);
        exit = no;
        this.st = yes;
      }
      each?.();
      t.breaks = [];
      t.continues = [];
      this.targets.push(t);
      this.stmt(body);
      this.targets.pop();
      for (const c of t.continues) this.st = joinStates(this.st, c);
      if (incr) this.expr(incr);
      if (!testFirst && test) {
        const [yes, no] = this.cond(test);
        exit = no;
        this.st = yes;
      }
      for (const b of t.breaks) exit = joinStates(exit, b);
      return { back: this.st, exit };
    };
    this.quiet++;
    let head = entry;
    const trips = testFirst && test && incr ? this.tripBound(test, body, incr, entry) : null;
    if (trips !== null) {
      // the head sees entry and the state after each of at most `trips` trips, and nothing else
      let s = entry;
      for (let k = 0; k < trips && s; k++) {
        s = trip(s).back;
        head = joinStates(head, s);
      }
    } else {
      let widened = false;
      for (let i = 0; ; i++) {
        const next = joinStates(entry, trip(head).back);
        if (within(next, head)) break;
        widened = i >= JOINS;
        head = !widened ? next : i < MAX_TRIPS ? widen(head, next) : top(next);
      }
      // one narrowing step after a widening: from an invariant H, entry plus one trip is again one,
      // as every step of a trip is monotone (a trip from less gives less, so back within that)
      if (widened) head = joinStates(entry, trip(head).back);
    }
    this.quiet--;
    this.st = trip(head).exit;
  }
}

/**
 * writes' answers by node: the same body always tracks the same locals (a nested function's nodes
 * belong to its own body), and the analysis asks of each expression on every trip.
 */
const writing = new WeakMap<ts.Node, boolean>();

const reading = new WeakMap<ts.Node, boolean>();

/** Whether e names a tracked local, outside nested functions (cached as writes is). */
function reads(e: ts.Node, fx: FlowContext): boolean {
  let r = reading.get(e);
  if (r === undefined) {
    const visit = (n: ts.Node): boolean => {
      if (ts.isIdentifier(n)) {
        const d = fx.rcx.declarationOf(n);
        return !!d && fx.tracked.has(d);
      }
      return !ts.isFunctionLike(n) && !!ts.forEachChild(n, (c) => visit(c) || undefined);
    };
    reading.set(e, (r = visit(e)));
  }
  return r;
}

/** Whether e writes a tracked local (`=`, compound assignments, ++/--), outside nested functions. */
function writes(e: ts.Node, fx: FlowContext): boolean {
  let w = writing.get(e);
  if (w === undefined) writing.set(e, (w = writesLocal(e, null, fx)));
  return w;
}

/** Whether e writes d (any tracked local when d is null). */
function writesLocal(e: ts.Node, d: ts.Declaration | null, fx: FlowContext): boolean {
  const K = ts.SyntaxKind;
  let found = false;
  const hit = (t: ts.Expression) => {
    t = unparen(t);
    if (!ts.isIdentifier(t)) return;
    const x = fx.rcx.declarationOf(t);
    if (x && (d ? x === d : fx.tracked.has(x))) found = true;
  };
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment) hit(n.left);
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken)) hit(n.operand);
    ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}
