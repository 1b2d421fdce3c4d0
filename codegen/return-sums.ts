// Functions whose result is a sum of their parameters (`return at + count`): at a call, the result
// has the range of that sum of the arguments' ranges there, which can be far narrower than the
// range of every value the function returns anywhere. A writer that advances a position through a
// helper (`at = letters(buf, at, n)`) keeps its position's bound across the call.
import ts from "typescript";
import type { Range } from "./int-range";

/** One return's value: the parameters (by index) added or subtracted, plus a constant. */
interface ParamSum {
  terms: { k: number; sign: 1 | -1 }[];
  c: number;
}

/** What the judgment needs from the compiler. */
export interface SumContext {
  declarationOf(e: ts.Node): ts.Declaration | undefined;
  /** What n assigns, `++`s or `--`es (unparenthesised), or null when it writes nothing. */
  written(n: ts.Node): ts.Expression | null;
}

const sums = new WeakMap<ts.FunctionDeclaration, ParamSum[] | null>();

/**
 * The range of what a call of f returns given its arguments' ranges (arg(k), null: not an integer
 * there), when each of f's returns is a sum of parameters f never assigns and integer constants;
 * null otherwise.
 */
export function sumAtCall(f: ts.FunctionDeclaration, args: number, arg: (k: number) => Range | null, cx: SumContext): Range | null {
  let s = sums.get(f);
  if (s === undefined) sums.set(f, (s = returnSums(f, cx)));
  // a missing argument leaves its parameter undefined (or its default)
  if (!s || args !== f.parameters.length) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const sum of s) {
    let a = sum.c;
    let b = sum.c;
    for (const t of sum.terms) {
      const r = arg(t.k);
      if (!r) return null;
      a += t.sign > 0 ? r.lo : -r.hi;
      b += t.sign > 0 ? r.hi : -r.lo;
    }
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return Number.isSafeInteger(lo) && Number.isSafeInteger(hi) ? { lo, hi } : null;
}

function returnSums(f: ts.FunctionDeclaration, cx: SumContext): ParamSum[] | null {
  if (!f.body || f.asteriskToken || f.parameters.some((p) => p.initializer || p.questionToken || p.dotDotDotToken || !ts.isIdentifier(p.name))) return null;
  const params = f.parameters as readonly ts.ParameterDeclaration[];
  const out: ParamSum[] = [];
  let ok = true;
  const sumOf = (e: ts.Expression, sign: 1 | -1, into: ParamSum): boolean => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isNumericLiteral(e)) {
      const v = Number(e.text);
      into.c += sign * v;
      return Number.isSafeInteger(v);
    }
    if (ts.isIdentifier(e)) {
      const k = params.indexOf(cx.declarationOf(e) as ts.ParameterDeclaration);
      if (k < 0) return false;
      into.terms.push({ k, sign });
      return true;
    }
    if (!ts.isBinaryExpression(e)) return false;
    const op = e.operatorToken.kind;
    if (op !== ts.SyntaxKind.PlusToken && op !== ts.SyntaxKind.MinusToken) return false;
    return sumOf(e.left, sign, into) && sumOf(e.right, op === ts.SyntaxKind.PlusToken ? sign : sign === 1 ? -1 : 1, into);
  };
  const written = new Set<ts.Declaration>();
  const visit = (n: ts.Node, inner: boolean): void => {
    if (!ok) return;
    const target = cx.written(n);
    // a destructuring assignment could write any name in it
    if (target && (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target))) ok = false;
    const d = target && ts.isIdentifier(target) ? cx.declarationOf(target) : undefined;
    if (d) written.add(d);
    if (!inner && ts.isReturnStatement(n)) {
      const sum: ParamSum = { terms: [], c: 0 };
      if (!n.expression || !sumOf(n.expression, 1, sum)) ok = false;
      out.push(sum);
    }
    // a nested function's returns are its own; its writes to f's parameters still count
    ts.forEachChild(n, (c) => visit(c, inner || ts.isFunctionLike(c)));
  };
  ts.forEachChild(f.body, (c) => visit(c, ts.isFunctionLike(c)));
  if (!ok || !out.length || out.some((s) => s.terms.some((t) => written.has(params[t.k]!)))) return null;
  return out;
}
