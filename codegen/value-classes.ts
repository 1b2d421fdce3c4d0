// Which classes are held by value in C: small immutable records of numbers and booleans, whose
// instances the program cannot tell apart by identity. `new Point(x, y)` then builds a struct in
// place instead of allocating, arrays hold the structs themselves, and a field of such a type is
// embedded in its owner, as hand-written C would hold them (docs/LANGUAGE.md, Value classes).
//
// A class qualifies when every field is a number, a boolean or another value class; only its
// constructor writes its fields, through `this`; and the constructor uses `this` only to read or
// write a field or call a method. Copying such an instance is then invisible except through
// identity: `===`, null, truthiness and indexOf. The emitter demotes a class to a reference where
// it meets one of those (or a nullable type of the class), and the program is emitted again.
import ts from "typescript";
import { unparen } from "./turn-release";

/** Whether a field of type t holds plain data: numbers, booleans, numeric enums. */
function plain(t: ts.Type): boolean {
  if (t.isUnion()) return t.types.every(plain);
  return !!(t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral | ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral | ts.TypeFlags.Enum | ts.TypeFlags.EnumLiteral)) &&
    !(t.flags & ts.TypeFlags.StringLiteral);
}

/** The place n writes (an assignment, `++`/`--` or `delete`), or null. */
function isWrite(n: ts.Node): ts.Expression | null {
  if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return unparen(n.left);
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) return unparen(n.operand);
  if (ts.isDeleteExpression(n)) return unparen(n.expression);
  return null;
}

/** The classes of the program's own modules that qualify to be held by value. */
export function findValueClasses(files: readonly ts.SourceFile[], checker: ts.TypeChecker): Set<ts.ClassDeclaration> {
  const classes: ts.ClassDeclaration[] = [];
  const find = (n: ts.Node): void => {
    if (ts.isClassDeclaration(n) && n.name) classes.push(n);
    ts.forEachChild(n, find);
  };
  files.forEach(find);
  const candidates = new Set(classes.filter((c) => shapeQualifies(c)));
  // by declaration: a field reached through `this` has a symbol of its own
  const fieldOwner = new Map<ts.Node, ts.ClassDeclaration>();
  const fieldTypes = new Map<ts.ClassDeclaration, ts.Type[]>();
  for (const c of candidates) {
    const instance = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(c.name!)!);
    const props = instance.getProperties().filter((p) => p.flags & ts.SymbolFlags.Property);
    if (props.length === 0) candidates.delete(c);
    for (const p of props) if (p.valueDeclaration) fieldOwner.set(p.valueDeclaration, c);
    fieldTypes.set(c, props.map((p) => checker.getTypeOfSymbol(p)));
  }
  // writes from outside the constructor, through anything but `this`
  const walk = (n: ts.Node): void => {
    const target = isWrite(n);
    if (target && ts.isPropertyAccessExpression(target)) {
      const d = checker.getSymbolAtLocation(target.name)?.valueDeclaration;
      const owner = d && fieldOwner.get(d);
      if (owner && !(target.expression.kind === ts.SyntaxKind.ThisKeyword && enclosingFunction(n) === owner.members.find(ts.isConstructorDeclaration))) candidates.delete(owner);
    }
    ts.forEachChild(n, walk);
  };
  files.forEach(walk);
  // a field of a class type embeds that class, which must itself be a value class (and not itself)
  const classOf = (t: ts.Type): ts.ClassDeclaration | null => {
    const d = t.getSymbol()?.declarations?.[0];
    return d && ts.isClassDeclaration(d) ? d : null;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of candidates) {
      const ok = fieldTypes.get(c)!.every((t) => {
        if (plain(t)) return true;
        const inner = classOf(t);
        return inner !== null && inner !== c && candidates.has(inner) && !embeds(inner, c, fieldTypes, classOf);
      });
      if (!ok) {
        candidates.delete(c);
        changed = true;
      }
    }
  }
  return candidates;
}

/** Whether value class c embeds target at any depth (a cycle could never be laid out). */
function embeds(c: ts.ClassDeclaration, target: ts.ClassDeclaration, fieldTypes: Map<ts.ClassDeclaration, ts.Type[]>, classOf: (t: ts.Type) => ts.ClassDeclaration | null): boolean {
  const seen = new Set<ts.ClassDeclaration>();
  const visit = (x: ts.ClassDeclaration): boolean => {
    if (x === target) return true;
    if (seen.has(x)) return false;
    seen.add(x);
    return (fieldTypes.get(x) ?? []).some((t) => {
      const inner = classOf(t);
      return inner !== null && visit(inner);
    });
  };
  return visit(c);
}

/** The function, method or constructor whose own code n is (arrow functions count as their own). */
function enclosingFunction(n: ts.Node): ts.Node | undefined {
  let f = n.parent;
  while (f && !ts.isFunctionLike(f)) f = f.parent;
  return f;
}

/** A class of fields, a constructor and methods, whose `this` no nested function and no half-built constructor lends out. */
function shapeQualifies(c: ts.ClassDeclaration): boolean {
  if (c.heritageClauses?.length || c.typeParameters?.length) return false;
  if (ts.getCombinedModifierFlags(c) & (ts.ModifierFlags.Abstract | ts.ModifierFlags.Ambient)) return false;
  for (const m of c.members) {
    const isStatic = ts.canHaveModifiers(m) && !!ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    if (isStatic) return false;
    if (!ts.isPropertyDeclaration(m) && !ts.isMethodDeclaration(m) && !ts.isConstructorDeclaration(m) && !ts.isSemicolonClassElement(m)) return false;
  }
  let ok = true;
  const visit = (n: ts.Node, member: ts.Node): void => {
    if (!ok) return;
    if (n.kind === ts.SyntaxKind.ThisKeyword) {
      const p = n.parent;
      const read = ts.isPropertyAccessExpression(p) && p.expression === n;
      // `this` inside a nested function would outlive the call that lent it; a method may pass
      // `this` on as a copy, but a constructor would hand out a struct it has yet to fill in
      if (enclosingFunction(n) !== member || (!read && ts.isConstructorDeclaration(member))) ok = false;
    }
    ts.forEachChild(n, (x) => visit(x, member));
  };
  for (const m of c.members) {
    if (ts.isPropertyDeclaration(m)) {
      // an initializer runs in the constructor: it may not lend `this` or capture anything
      const v = (n: ts.Node): void => {
        if (n.kind === ts.SyntaxKind.ThisKeyword || ts.isFunctionLike(n)) ok = false;
        else ts.forEachChild(n, v);
      };
      if (m.initializer) v(m.initializer);
      continue;
    }
    ts.forEachChild(m, (x) => visit(x, m));
  }
  return ok;
}
