// Which loops give back, at the end of each turn, the arena memory the turn allocated. The arena
// frees nothing by itself (docs/LANGUAGE.md, Memory), so a loop that builds a string or a few
// objects per turn holds every turn's garbage until the driver resets the arena. A turn's memory
// can go back when nothing the turn allocated is reachable after it: the turn (and every function
// it calls) stores no reference where it outlives the turn, and grows no array that was there
// before the turn (growing moves the items into memory the turn allocated). Everything else is
// refused, so the answer errs towards keeping memory.
import ts from "typescript";
import { intrinsicName, type TypeMapper } from "./types";

/** e without parentheses and non-null assertions: `x!.push()` pushes onto x. */
export function unparen(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/**
 * The intrinsic modules (whose functions are the C runtime's) that only compute values. Any other
 * one, like lib/mem's scratch arena and its copies out of it, moves memory between arenas: a loop
 * that calls it keeps its turns' memory.
 */
const VALUE_INTRINSICS = new Set(["text"]);

/** Whether d is declared inside scope (a loop body, or a function with its parameters). */
function inside(d: ts.Node, scope: ts.Node): boolean {
  return d.getSourceFile() === scope.getSourceFile() && d.pos >= scope.pos && d.end <= scope.end;
}

/** The analysis of one program; its summaries of functions and classes are kept for every loop. */
export class TurnRelease {
  /** per function or class: stores nothing that outlives a call (true), or may (false); null while being read */
  private keeps = new Map<ts.Node, boolean | null>();
  /** per function or class: may allocate */
  private allocs = new Map<ts.Node, boolean | null>();
  private decided = new Map<ts.Node, boolean>();

  constructor(private readonly checker: ts.TypeChecker, private readonly types?: TypeMapper) {}

  /** Whether a value of type t holds no reference into the arena (numbers, booleans, null, value classes' structs). */
  private refFree(t: ts.Type): boolean {
    if (t.isUnion()) return t.types.every((u) => this.refFree(u));
    if (t.flags & ts.TypeFlags.StringLike) return false;
    if (this.types?.heldByValue(t)) return true;
    return !!(t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void));
  }

  /** Whether n builds an instance of a value class: a struct in place, no allocation. */
  private buildsValue(n: ts.NewExpression): boolean {
    return !!this.types?.heldByValue(this.checker.getTypeAtLocation(n));
  }

  /**
   * Whether every turn of loop s can give back what it allocated, to a mark taken before the loop:
   * what the test and the step allocate goes back with the turn after them, so they are read as
   * part of it. Only the body's own locals are the turn's: the head's variables outlive it.
   */
  releases(s: ts.IterationStatement): boolean {
    let r = this.decided.get(s);
    if (r === undefined) {
      const parts: ts.Node[] = [s.statement];
      if (ts.isForStatement(s)) parts.push(...[s.condition, s.incrementor].filter((e): e is ts.Expression => !!e));
      if (ts.isWhileStatement(s) || ts.isDoStatement(s)) parts.push(s.expression);
      r = parts.some((p) => this.allocates(p)) && parts.every((p) => this.contained(p, s.statement, false));
      this.decided.set(s, r);
    }
    return r;
  }

  private declarationOf(e: ts.Node): ts.Declaration | undefined {
    const s = this.checker.getSymbolAtLocation(e);
    const t = s && s.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(s) : s;
    return t?.valueDeclaration ?? t?.declarations?.[0];
  }

  private isArray(e: ts.Expression): boolean {
    const t = this.checker.getTypeAtLocation(e);
    return this.checker.isArrayType(t);
  }

  /** A const local of scope made from an array literal: an array the scope itself allocated. */
  private fresh(e: ts.Expression, scope: ts.Node): boolean {
    e = unparen(e);
    if (!ts.isIdentifier(e)) return false;
    const d = this.declarationOf(e);
    return !!d && ts.isVariableDeclaration(d) && inside(d, scope) && !!(ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) &&
      !!d.initializer && ts.isArrayLiteralExpression(unparen(d.initializer));
  }

  /** The function a call runs, when it has a body in the program; "lib" for the built-ins; null otherwise. */
  private target(n: ts.CallExpression | ts.NewExpression): ts.Node | "lib" | null {
    const d = this.checker.getResolvedSignature(n)?.getDeclaration();
    if (ts.isNewExpression(n)) {
      const cls = d && ts.isConstructorDeclaration(d) ? d.parent : this.declarationOf(n.expression);
      if (cls && (ts.isClassDeclaration(cls) || ts.isClassExpression(cls)) && !cls.getSourceFile().isDeclarationFile) return cls;
      return cls?.getSourceFile().isDeclarationFile ? "lib" : null;
    }
    if (!d) return null;
    const sf = d.getSourceFile();
    const intrinsic = intrinsicName(sf);
    if (intrinsic !== null) return VALUE_INTRINSICS.has(intrinsic) ? "lib" : null;
    if ((ts.isFunctionDeclaration(d) || ts.isMethodDeclaration(d) || ts.isFunctionExpression(d) || ts.isArrowFunction(d)) && d.body) return d;
    // a body-less declaration: the ES library's, or a platform function the drivers implement
    return sf.isDeclarationFile ? "lib" : null;
  }

  /**
   * Whether running root stores no reference where it outlives `scope` and grows no array from
   * outside it. In a constructor (`ctor`) the fields of `this` are the new object's own.
   */
  private contained(root: ts.Node, scope: ts.Node, ctor: boolean): boolean {
    let ok = true;
    const visit = (n: ts.Node): void => {
      if (!ok) return;
      if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
        ok = this.storeStays(unparen(n.left), scope, ctor);
      } else if (ts.isDeleteExpression(n) || ts.isYieldExpression(n) || ts.isAwaitExpression(n)) {
        ok = false;
      } else if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        ok = this.callStays(n, scope);
      } else if (ts.isIdentifier(n) && ts.isCallExpression(n.parent) && n.parent.arguments.includes(n)) {
        // a function passed as a value (a comparator) runs where the callee calls it
        const d = this.declarationOf(n);
        if (d && ts.isFunctionDeclaration(d) && d.body && !inside(d, scope)) ok = this.keepsNothing(d);
      }
      if (ok) ts.forEachChild(n, visit);
    };
    visit(root);
    return ok;
  }

  /** Whether a write to target keeps what it stores within scope. */
  private storeStays(target: ts.Expression, scope: ts.Node, ctor: boolean): boolean {
    if (ts.isIdentifier(target)) {
      const d = this.declarationOf(target);
      return !!d && (inside(d, scope) || this.refFree(this.checker.getTypeAtLocation(target)));
    }
    if (ts.isPropertyAccessExpression(target)) {
      if (this.refFree(this.checker.getTypeAtLocation(target))) return true;
      return ctor && target.expression.kind === ts.SyntaxKind.ThisKeyword;
    }
    if (ts.isElementAccessExpression(target)) {
      // a typed array's elements are numbers; an array's write may also append
      return !this.isArray(target.expression) || this.fresh(target.expression, scope);
    }
    return false;
  }

  private callStays(n: ts.CallExpression | ts.NewExpression, scope: ts.Node): boolean {
    const c = n.expression;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(c) && this.isArray(c.expression)) {
      const name = c.name.text;
      if (name === "push") return this.fresh(c.expression, scope);
      if (name === "unshift" || name === "splice" || name === "fill" || name === "copyWithin") return false;
    }
    const t = this.target(n);
    if (t === "lib") return true;
    if (!t) return false;
    // a function written inside the loop is read as part of it
    if (inside(t, scope)) return true;
    return this.keepsNothing(t);
  }

  /** Whether calling fn (or constructing class fn) stores nothing that outlives the call. */
  private keepsNothing(fn: ts.Node): boolean {
    const known = this.keeps.get(fn);
    if (known !== undefined) return known === true;
    this.keeps.set(fn, null);
    let r: boolean;
    if (ts.isClassDeclaration(fn) || ts.isClassExpression(fn)) {
      // the constructor and the field initialisers write the new object; a base class is not read
      r = !fn.heritageClauses?.length && fn.members.every((m) => {
        if (ts.isConstructorDeclaration(m)) return !m.body || this.contained(m, m, true);
        if (ts.isPropertyDeclaration(m) && m.initializer) return !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) && this.contained(m.initializer, m, true);
        return true;
      });
    } else r = this.contained(fn, fn, false);
    this.keeps.set(fn, r);
    return r;
  }

  /** Whether running root may allocate: only a loop that does gains from giving memory back. */
  private allocates(root: ts.Node): boolean {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if ((ts.isNewExpression(n) && !this.buildsValue(n)) || ts.isArrayLiteralExpression(n) || ts.isObjectLiteralExpression(n) || ts.isTemplateExpression(n)) found = true;
      else if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.PlusToken || n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) &&
        this.checker.getTypeAtLocation(n).flags & ts.TypeFlags.StringLike) found = true;
      else if (ts.isCallExpression(n)) {
        const t = this.target(n);
        // a built-in that returns a number or a boolean allocates nothing (sort returns its array)
        if (t === "lib") found = !this.refFree(this.checker.getTypeAtLocation(n));
        else if (!t) found = true;
        // a function written inside root is visited as part of it
        else if (!inside(t, root)) found = this.mayAllocate(t);
      }
      if (!found) ts.forEachChild(n, visit);
    };
    visit(root);
    return found;
  }

  private mayAllocate(fn: ts.Node): boolean {
    const known = this.allocs.get(fn);
    if (known !== undefined) return known !== false;
    this.allocs.set(fn, null);
    const r = this.allocates(fn);
    this.allocs.set(fn, r);
    return r;
  }
}
