// Integer ranges of number expressions: where JavaScript's double is provably an integer in a known
// range (bitwise results, typed-array elements, lengths, small counters), C can compute with int32
// or int64 and get the same value. Every rule keeps -0 and NaN out: an expression has a range only
// when its value can never be -0, NaN, an infinity or a fraction.
import ts from "typescript";
import type { FlowRanges } from "./flow-range";

/** Inclusive bounds of an integer value. */
export interface Range {
  lo: number;
  hi: number;
  /** a hull of writes of the form `x = y ± 1`: widening it again makes a counter (see judge) */
  counterable?: boolean;
}

export const I32: Range = { lo: -2147483648, hi: 2147483647 };
export const U32: Range = { lo: 0, hi: 4294967295 };
/**
 * Locals only ever stepped by ++/--/+=1/-=1 or set to int32 values: passing ±(2^52 - 1) from there
 * takes more than 2^51 - 1 steps (26 days at one step per nanosecond), so such a counter stays an
 * exact integer, and its sums with int32 values and with another counter (a length `end - start`)
 * stay safe integers.
 */
export const COUNTER: Range = { lo: -(2 ** 52 - 1), hi: 2 ** 52 - 1 };
const LIMIT = 2 ** 53;

/** The C integer type that holds every value of r. */
export function cIntType(r: Range): "int32_t" | "uint32_t" | "int64_t" {
  if (r.lo >= I32.lo && r.hi <= I32.hi) return "int32_t";
  if (r.lo >= 0 && r.hi <= U32.hi) return "uint32_t";
  return "int64_t";
}

/** The values a and b share (a when none: the code reading it never runs). */
export function meet(a: Range, b: Range): Range {
  const lo = Math.max(a.lo, b.lo), hi = Math.min(a.hi, b.hi);
  return lo <= hi ? { lo, hi } : a;
}

/** Whether a fits inside b. */
export function within(a: Range, b: Range): boolean {
  return a.lo >= b.lo && a.hi <= b.hi;
}

const TYPED_ELEMENT: Record<string, Range> = {
  nd_u8arr: { lo: 0, hi: 255 },
  nd_u16arr: { lo: 0, hi: 65535 },
  nd_i32arr: I32,
};

/** The range of an element of a typed array of kind k ("typed:<name>"), or null for any other kind. */
export function elementRange(k: string | null): Range | null {
  return k?.startsWith("typed:") ? TYPED_ELEMENT[k.slice(6)] ?? null : null;
}

/** A comparison with its sides swapped: `a < b` is `b > a`. */
export const MIRRORED: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
  [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken, [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken, [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken,
};

/** The binary operator of a compound assignment (`+=` is `+`). */
export const COMPOUND_OPERATOR: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
  [ts.SyntaxKind.PlusEqualsToken]: ts.SyntaxKind.PlusToken, [ts.SyntaxKind.MinusEqualsToken]: ts.SyntaxKind.MinusToken,
  [ts.SyntaxKind.AsteriskEqualsToken]: ts.SyntaxKind.AsteriskToken, [ts.SyntaxKind.SlashEqualsToken]: ts.SyntaxKind.SlashToken,
  [ts.SyntaxKind.PercentEqualsToken]: ts.SyntaxKind.PercentToken, [ts.SyntaxKind.AsteriskAsteriskEqualsToken]: ts.SyntaxKind.AsteriskAsteriskToken,
  [ts.SyntaxKind.AmpersandEqualsToken]: ts.SyntaxKind.AmpersandToken, [ts.SyntaxKind.BarEqualsToken]: ts.SyntaxKind.BarToken,
  [ts.SyntaxKind.CaretEqualsToken]: ts.SyntaxKind.CaretToken, [ts.SyntaxKind.LessThanLessThanEqualsToken]: ts.SyntaxKind.LessThanLessThanToken,
  [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanGreaterThanToken,
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken]: ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
};

function range(lo: number, hi: number): Range | null {
  return Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && Math.abs(lo) <= LIMIT && Math.abs(hi) <= LIMIT ? { lo, hi } : null;
}

/** What the analysis needs from its function: the C kind of a node and the range of a local. */
export interface RangeContext {
  checker: ts.TypeChecker;
  /** "num", "arr", "typed:<name>" … for the expression's type; null when it has no C type */
  kindOf(e: ts.Expression): string | null;
  /** The range of a local integer variable read at `use`, or null when it is a double. */
  varRange(decl: ts.Declaration, use: ts.Node): Range | null;
  /** The range of an integer class field read as `o.f`, or null when the field is a double. */
  fieldRange(e: ts.PropertyAccessExpression): Range | null;
  /** The range of a call returning integers, where the caller vouches for its evaluation order. */
  callRange(e: ts.CallExpression): Range | null;
  declarationOf(e: ts.Node): ts.Declaration | undefined;
}

/**
 * The class fields, parameters and return values the whole program proves to hold integers
 * (emit-module.ts infers them): reads of them have the range, writes store C integers.
 */
export class IntSlots {
  readonly fields = new SlotMap(this);
  readonly params = new SlotMap(this);
  readonly returns = new SlotMap(this);
  /** While set, every slot looked up (the inference re-reads a body only when one of these changes). */
  reads: Set<ts.Declaration> | null = null;
  /** The integer locals of each body under the final slots, found by the inference: emission reuses them. */
  readonly locals = new Map<ts.Node, LocalRanges>();
  /**
   * The C array types some code shortens (`pop()`, a write to `length`); null when not known, as
   * if every one were. An array of any other type only grows, so an index below its length stays so.
   */
  shrunk: Set<string> | null = null;
  /** Functions that need a C symbol of their own: the entry's exports (drivers call them) and functions used as values. */
  readonly linked = new Set<ts.Declaration>();
  /** Methods of non-exported classes that another module calls; null when the program was not read. */
  foreignMethods: Set<ts.Declaration> | null = null;
  /** While set, every slot looked up, with its map: what a flow analysis depends on. */
  flowReads: [Map<ts.Declaration, Range>, ts.Declaration][] | null = null;
  /** Each body's last flow analysis and the slots it read with their ranges then: it holds while they do. */
  readonly flows = new Map<ts.Node, { deps: [Map<ts.Declaration, Range>, ts.Declaration, Range | undefined][]; flow: FlowRanges }>();
}

/** A body's integer locals and parameters, and the bounds its counted loops give their counters inside. */
export interface LocalRanges {
  vars: Map<ts.Declaration, Range>;
  caps: Map<ts.Declaration, { body: ts.Node; r: Range }>;
  flow: FlowRanges | null;
}

/** A map of slots that notes each lookup in its IntSlots' `reads`. */
class SlotMap extends Map<ts.Declaration, Range> {
  constructor(private readonly owner: IntSlots) {
    super();
  }

  override get(d: ts.Declaration): Range | undefined {
    this.owner.reads?.add(d);
    this.owner.flowReads?.push([this, d]);
    return super.get(d);
  }

  /** The range of d, not noted as a lookup. */
  peek(d: ts.Declaration): Range | undefined {
    return super.get(d);
  }
}

/** A write into an integer place as the analysis judges it. */
export type Judged = { k: "range"; r: Range; counter: boolean } | { k: "step" } | { k: "bits" } | { k: "other" };

/**
 * Integers beyond int32 that a place holds without being stepped (a product of an int32 and a
 * constant, say) stay within this, so that a counter later set to one still cannot reach 2^52.
 */
const WIDE: Range = { lo: -(2 ** 51), hi: 2 ** 51 };

/**
 * The range of a place given all its writes: int32 when every write is an int32 value or a bitwise
 * compound, COUNTER when besides those it is only stepped by one or set to a counter-like value
 * (another integer place, plus or minus one) beyond WIDE, the hull of the writes (held in int64)
 * when some are exact integers beyond int32 within WIDE and none steps (a counter when some do),
 * null (a double) otherwise. A hull with counter-like writes (`const yy = y - 1` of an int32 y) is
 * counterable: should it have to widen again (`x = x + 1` in a loop) it becomes COUNTER.
 */
export function judge(ws: Iterable<Judged>): Range | null {
  let next: Range = I32;
  const wide: Range = { ...I32 };
  let counterable = false;
  for (const w of ws) {
    if (w.k === "step") next = COUNTER;
    else if (w.k === "other") return null;
    else if (w.k === "range" && !within(w.r, I32)) {
      if (w.counter && !within(w.r, WIDE)) next = COUNTER;
      else {
        counterable ||= w.counter;
        wide.lo = Math.min(wide.lo, w.r.lo);
        wide.hi = Math.max(wide.hi, w.r.hi);
      }
    }
  }
  if (wide.lo === I32.lo && wide.hi === I32.hi) return next;
  // a counter may start from such a value: within WIDE it still cannot step out of COUNTER
  if (!within(wide, WIDE)) return null;
  if (next === COUNTER) return COUNTER;
  return counterable ? { ...wide, counterable } : wide;
}

/**
 * A place's range after one more round of the analysis, given what its writes now need: it keeps
 * its range while that holds them, and otherwise only widens along int32 → a hull → COUNTER (from
 * int32, or from a hull when the writes are counter-like), then becomes a double, so every
 * fixpoint iteration ends.
 */
export function settle(cur: Range, next: Range | null): Range | null {
  if (!next) return null;
  if (within(next, cur)) return cur;
  if (cur === I32 || next === COUNTER) return next;
  return next.counterable ? COUNTER : null;
}

/** Whether evaluating e has no effect (reads, arithmetic and Math calls; indexing may still panic). */
export function pure(e: ts.Expression, cx: RangeContext): boolean {
  const s = shape(e);
  return s === Shape.Calls ? pureCalls(e, cx) : s === Shape.Pure;
}

/** What pure can tell from syntax alone; the range analysis asks about each subexpression again and again. */
const enum Shape { Pure, Impure, Calls }
const shapes = new WeakMap<ts.Node, Shape>();

/** Pure or Impure whatever the calls in e return, else Calls: then pureCalls decides. */
function shape(e: ts.Expression): Shape {
  let s = shapes.get(e);
  if (s === undefined) {
    s = shapeOf(e);
    shapes.set(e, s);
  }
  return s;
}

function shapeOf(e: ts.Expression): Shape {
  const all = (...es: ts.Expression[]): Shape => {
    let s = Shape.Pure;
    for (const x of es) {
      const t = shape(x);
      if (t === Shape.Impure) return t;
      if (t === Shape.Calls) s = t;
    }
    return s;
  };
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return shape(e.expression);
  if (ts.isIdentifier(e) || ts.isNumericLiteral(e) || ts.isStringLiteral(e) || e.kind === ts.SyntaxKind.ThisKeyword ||
      e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return Shape.Pure;
  if (ts.isPropertyAccessExpression(e)) return shape(e.expression);
  if (ts.isElementAccessExpression(e)) return all(e.expression, e.argumentExpression);
  if (ts.isPrefixUnaryExpression(e)) return e.operator !== ts.SyntaxKind.PlusPlusToken && e.operator !== ts.SyntaxKind.MinusMinusToken ? shape(e.operand) : Shape.Impure;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment ? Shape.Impure : all(e.left, e.right);
  }
  if (ts.isConditionalExpression(e)) return all(e.condition, e.whenTrue, e.whenFalse);
  if (ts.isCallExpression(e)) return all(...e.arguments) === Shape.Impure ? Shape.Impure : Shape.Calls;
  return Shape.Impure;
}

/** pure for an expression with calls and no other effect: whether every call is one without effects. */
function pureCalls(e: ts.Expression, cx: RangeContext): boolean {
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return pure(e.expression, cx);
  if (ts.isPropertyAccessExpression(e)) return pure(e.expression, cx);
  if (ts.isElementAccessExpression(e)) return pure(e.expression, cx) && pure(e.argumentExpression, cx);
  if (ts.isPrefixUnaryExpression(e)) return pure(e.operand, cx);
  if (ts.isBinaryExpression(e)) return pure(e.left, cx) && pure(e.right, cx);
  if (ts.isConditionalExpression(e)) return pure(e.condition, cx) && pure(e.whenTrue, cx) && pure(e.whenFalse, cx);
  if (ts.isCallExpression(e)) return (isMathCall(e, cx, "imul") || floorQuotient(e, cx) !== null || cx.callRange(e) !== null) && e.arguments.every((a) => pure(a, cx));
  return false;
}

/** Whether e is `Math.<name>(...)` on the global Math. */
export function isMathCall(e: ts.CallExpression, cx: RangeContext, name: string): boolean {
  const c = e.expression;
  if (!ts.isPropertyAccessExpression(c) || c.name.text !== name || !ts.isIdentifier(c.expression) || c.expression.text !== "Math") return false;
  const d = cx.declarationOf(c.expression);
  return !d || d.getSourceFile().isDeclarationFile;
}

/**
 * `a / b` of pure int32 a (with `wide`, any integer a has a range for, all safe integers) and int32
 * b >= 1 (no zero divisor, no overflow): its operands and ranges, else null.
 */
export function intQuotient(q: ts.Expression, cx: RangeContext, wide = false): { a: ts.Expression; b: ts.Expression; ra: Range; rb: Range } | null {
  while (ts.isParenthesizedExpression(q)) q = q.expression;
  if (!ts.isBinaryExpression(q) || q.operatorToken.kind !== ts.SyntaxKind.SlashToken) return null;
  if (!pure(q.left, cx) || !pure(q.right, cx)) return null;
  const ra = rangeOf(q.left, cx);
  const rb = ra && (wide || within(ra, I32)) ? rangeOf(q.right, cx) : null;
  return ra && rb && rb.lo >= 1 && rb.hi <= I32.hi ? { a: q.left, b: q.right, ra, rb } : null;
}

/**
 * `Math.floor(a / b)` of such a quotient with a safe integer a, else null. A quotient that is no
 * integer is at least 1/b from one, while the double division rounds a/b by at most
 * |a/b| * 2^-53 < 1/b (|a| < 2^53), so the floor of the double quotient is the floor of the exact one.
 */
export function floorQuotient(e: ts.CallExpression, cx: RangeContext): ReturnType<typeof intQuotient> {
  return isMathCall(e, cx, "floor") && e.arguments.length === 1 ? intQuotient(e.arguments[0]!, cx, true) : null;
}

/** literalValue's answers, per program: the range analysis reads the same constants on every pass. */
const literals = new WeakMap<ts.TypeChecker, Map<ts.Expression, number | null>>();

/** The constant integer value of a number-literal type (a `const` initialised with one), or null. */
function literalValue(e: ts.Expression, cx: RangeContext): number | null {
  let known = literals.get(cx.checker);
  if (!known) literals.set(cx.checker, (known = new Map()));
  let v = known.get(e);
  if (v === undefined) known.set(e, (v = literalTypeValue(e, cx)));
  return v;
}

function literalTypeValue(e: ts.Expression, cx: RangeContext): number | null {
  const t = cx.checker.getTypeAtLocation(e);
  if (t.flags & ts.TypeFlags.NumberLiteral) {
    const v = (t as ts.NumberLiteralType).value;
    return Number.isSafeInteger(v) && !Object.is(v, -0) && !(v === 0 && negativeZero(e, cx, 0)) ? v : null;
  }
  return null;
}

/** Whether a name typed `0` holds -0: TypeScript gives `const z = -0` (and names set to z) the type 0. */
function negativeZero(e: ts.Expression, cx: RangeContext, depth: number): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPrefixUnaryExpression(e)) return e.operator === ts.SyntaxKind.MinusToken || negativeZero(e.operand, cx, depth + 1);
  if (!ts.isIdentifier(e) || depth > 16) return false;
  const d = cx.declarationOf(e);
  return !!d && ts.isVariableDeclaration(d) && !!d.initializer && negativeZero(d.initializer, cx, depth + 1);
}

/** Whether op is a binary bitwise operator or shift. */
export function isBitwise(op: ts.SyntaxKind): boolean {
  const K = ts.SyntaxKind;
  return op === K.BarToken || op === K.CaretToken || op === K.AmpersandToken || op === K.LessThanLessThanToken ||
    op === K.GreaterThanGreaterThanToken || op === K.GreaterThanGreaterThanGreaterThanToken;
}

/**
 * The range of a bitwise operator's result, given its operands' ranges (null: any number), which
 * only `&` and the shifts ask for: ToInt32 and ToUint32 make integers of any operand.
 */
export function bitwiseResult(op: ts.SyntaxKind, left: () => Range | null, right: () => Range | null): Range {
  const K = ts.SyntaxKind;
  switch (op) {
    case K.AmpersandToken: {
      const nonneg = [left(), right()].filter((r): r is Range => r !== null && r.lo >= 0 && r.hi <= I32.hi);
      return nonneg.length ? { lo: 0, hi: Math.min(...nonneg.map((r) => r.hi)) } : I32;
    }
    case K.GreaterThanGreaterThanToken: case K.GreaterThanGreaterThanGreaterThanToken: {
      const r = right();
      const k = r && r.lo === r.hi ? ((r.lo % 32) + 32) % 32 : null;
      if (op === K.GreaterThanGreaterThanToken) return k === null ? I32 : { lo: -(2 ** (31 - k)), hi: 2 ** (31 - k) - 1 };
      return k === null ? U32 : { lo: 0, hi: 2 ** (32 - k) - 1 };
    }
  }
  return I32;
}

/** The range of a pure number expression, or null when it may be anything but an integer there. */
export function rangeOf(e: ts.Expression, cx: RangeContext): Range | null {
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return rangeOf(e.expression, cx);
  if (cx.kindOf(e) !== "num") return null;
  if (ts.isNumericLiteral(e)) {
    const v = Number(e.text);
    return Number.isSafeInteger(v) ? { lo: v, hi: v } : null;
  }
  if (ts.isIdentifier(e)) {
    const d = cx.declarationOf(e);
    const r = d ? cx.varRange(d, e) : null;
    if (r) return r;
    if (d && ts.isVariableDeclaration(d) && ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) {
      const v = literalValue(e, cx);
      if (v !== null) return { lo: v, hi: v };
    }
    return null;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const ok = cx.kindOf(e.expression);
    if (e.name.text === "length" && (ok === "arr" || ok?.startsWith("typed:"))) return pure(e.expression, cx) ? { lo: 0, hi: I32.hi } : null;
    const fr = cx.fieldRange(e);
    if (fr) return pure(e.expression, cx) ? fr : null;
    const d = cx.declarationOf(e);
    if (d && ts.isEnumMember(d)) {
      const v = cx.checker.getConstantValue(d);
      return typeof v === "number" && Number.isSafeInteger(v) && !Object.is(v, -0) ? { lo: v, hi: v } : null;
    }
    return null;
  }
  if (ts.isElementAccessExpression(e)) {
    const k = cx.kindOf(e.expression);
    return pure(e, cx) ? elementRange(k) : null;
  }
  if (ts.isCallExpression(e)) {
    const fq = floorQuotient(e, cx);
    if (fq) {
      // floor(a / b) grows with a; with b it falls for a >= 0 and rises for a < 0
      const { ra, rb } = fq;
      return { lo: Math.floor(ra.lo / (ra.lo >= 0 ? rb.hi : rb.lo)), hi: Math.floor(ra.hi / (ra.hi >= 0 ? rb.lo : rb.hi)) };
    }
    if (!isMathCall(e, cx, "imul")) return pure(e, cx) ? cx.callRange(e) : null;
    return e.arguments.length === 2 && pure(e, cx) ? I32 : null;
  }
  if (ts.isConditionalExpression(e)) {
    const a = pure(e.condition, cx) ? rangeOf(e.whenTrue, cx) : null;
    const b = a && rangeOf(e.whenFalse, cx);
    return a && b ? { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) } : null;
  }
  if (ts.isPrefixUnaryExpression(e)) {
    if (e.operator === ts.SyntaxKind.TildeToken) return pure(e.operand, cx) ? I32 : null;
    const r = rangeOf(e.operand, cx);
    if (!r) return null;
    if (e.operator === ts.SyntaxKind.PlusToken) return r;
    // -0 is the one value negation could make that is no integer of ours
    if (e.operator === ts.SyntaxKind.MinusToken && (r.lo >= 1 || r.hi <= -1)) return range(-r.hi, -r.lo);
    return null;
  }
  if (!ts.isBinaryExpression(e)) return null;
  const K = ts.SyntaxKind;
  const op = e.operatorToken.kind;
  if (isBitwise(op)) return pure(e, cx) ? bitwiseResult(op, () => rangeOf(e.left, cx), () => rangeOf(e.right, cx)) : null;
  const a = rangeOf(e.left, cx);
  const b = a && rangeOf(e.right, cx);
  if (!a || !b) return null;
  switch (op) {
    case K.PlusToken: return range(a.lo + b.lo, a.hi + b.hi);
    case K.MinusToken: return range(a.lo - b.hi, a.hi - b.lo);
    case K.AsteriskToken: {
      // 0 times a negative number is -0: only non-negative factors, or a positive constant
      const posConst = (r: Range) => r.lo === r.hi && r.lo > 0;
      if (!(a.lo >= 0 && b.lo >= 0) && !posConst(a) && !posConst(b)) return null;
      const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
      return range(Math.min(...c), Math.max(...c));
    }
    case K.PercentToken:
      // C's % agrees with JavaScript's for a non-negative dividend and a divisor >= 1
      return a.lo >= 0 && b.lo >= 1 ? { lo: 0, hi: Math.min(a.hi, b.hi - 1) } : null;
  }
  return null;
}

/**
 * The value of a number expression made only of literals, module-level `const`s initialised with
 * such expressions and enum members, computed here with JavaScript's own arithmetic; null otherwise.
 */
export function constantOf(e: ts.Expression, cx: RangeContext, depth = 0): number | null {
  if (depth > 16) return null;
  if (ts.isParenthesizedExpression(e)) return constantOf(e.expression, cx, depth + 1);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (cx.kindOf(e) !== "num") return null;
  if (ts.isIdentifier(e)) {
    const d = cx.declarationOf(e);
    if (!d || !ts.isVariableDeclaration(d) || !d.initializer || !(ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const)) return null;
    // module-level only: a local constant stays a C local (which C folds itself)
    if (d.getSourceFile().isDeclarationFile || !ts.isSourceFile(d.parent.parent.parent)) return null;
    return constantOf(d.initializer, cx, depth + 1);
  }
  if (ts.isPropertyAccessExpression(e)) {
    const d = cx.declarationOf(e);
    const v = d && ts.isEnumMember(d) ? cx.checker.getConstantValue(d) : undefined;
    return typeof v === "number" ? v : null;
  }
  if (ts.isPrefixUnaryExpression(e)) {
    const v = constantOf(e.operand, cx, depth + 1);
    if (v === null) return null;
    switch (e.operator) {
      case ts.SyntaxKind.MinusToken: return -v;
      case ts.SyntaxKind.PlusToken: return v;
      case ts.SyntaxKind.TildeToken: return ~v;
    }
    return null;
  }
  if (!ts.isBinaryExpression(e)) return null;
  const a = constantOf(e.left, cx, depth + 1);
  const b = a === null ? null : constantOf(e.right, cx, depth + 1);
  if (a === null || b === null) return null;
  const K = ts.SyntaxKind;
  switch (e.operatorToken.kind) {
    case K.PlusToken: return a + b;
    case K.MinusToken: return a - b;
    case K.AsteriskToken: return a * b;
    case K.SlashToken: return a / b;
    case K.PercentToken: return a % b;
    case K.AsteriskAsteriskToken: return a ** b;
    case K.BarToken: return a | b;
    case K.AmpersandToken: return a & b;
    case K.CaretToken: return a ^ b;
    case K.LessThanLessThanToken: return a << b;
    case K.GreaterThanGreaterThanToken: return a >> b;
    case K.GreaterThanGreaterThanGreaterThanToken: return a >>> b;
  }
  return null;
}
