// Maps checked TypeScript types onto C types and collects the program-wide type declarations
// (structs, array instantiations, function-pointer typedefs) into nd_types.h.
import ts from "typescript";
import { diag, Refused } from "./diagnostics";

export type CType =
  | { k: "num" }
  | { k: "bool" }
  | { k: "str" }
  | { k: "void" }
  | ObjType
  | { k: "arr"; name: string; elem: CType }
  | { k: "typed"; name: string; elemC: string; conv: string }
  | { k: "fn"; name: string; params: CType[]; ret: CType };

/** A class or interface; a value class (see value-classes.ts) is a struct held by value, not by pointer. */
export interface ObjType {
  k: "obj";
  name: string;
  decl: ts.ClassDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
  byValue: boolean;
}

export const NUM: CType = { k: "num" };
export const BOOL: CType = { k: "bool" };
export const STR: CType = { k: "str" };
export const VOID: CType = { k: "void" };

const TYPED: Record<string, { name: string; elemC: string; conv: string }> = {
  Uint8Array: { name: "nd_u8arr", elemC: "uint8_t", conv: "nd_to_u8" },
  Uint16Array: { name: "nd_u16arr", elemC: "uint16_t", conv: "nd_to_u16" },
  Int32Array: { name: "nd_i32arr", elemC: "int32_t", conv: "nd_to_i32" },
};

/** The C spelling of a value of type t. */
export function cName(t: CType): string {
  switch (t.k) {
    case "num": return "double";
    case "bool": return "bool";
    case "str": return "nd_str";
    case "void": return "void";
    case "obj": return t.byValue ? t.name : `${t.name} *`;
    case "arr": return `${t.name} *`;
    case "typed": return `${t.name} *`;
    case "fn": return t.name;
  }
}

/** True for types held by pointer (which may be null). */
export function isRef(t: CType): boolean {
  return (t.k === "obj" && !t.byValue) || t.k === "arr" || t.k === "typed" || t.k === "str" || t.k === "fn";
}

/** A zero value of the C type, for temporaries' declarations. */
export function zeroOf(t: CType): string {
  return t.k === "num" ? "0" : t.k === "bool" ? "false" : isValue(t) ? "{0}" : "NULL";
}

/** Whether t is a class held by value. */
export function isValue(t: CType): t is ObjType {
  return t.k === "obj" && t.byValue;
}

/** Whether values of a and b have the same C representation (nominal for objects). */
export function sameType(a: CType, b: CType): boolean {
  if (a.k !== b.k) return false;
  if (a.k === "obj" || a.k === "arr" || a.k === "typed" || a.k === "fn") return a.name === (b as { name: string }).name;
  return true;
}

/**
 * The name of an intrinsic module (`ts-src/lib/text.ts` is "text"), whose functions are the C
 * runtime's `nd_<name>_…`; null for any other module.
 */
export function intrinsicName(sf: ts.SourceFile): string | null {
  return sf.text.startsWith("// @nudge-intrinsic") ? sf.fileName.replace(/^.*\//, "").replace(/\.ts$/, "") : null;
}

/** Names C identifiers after the module a declaration lives in. */
export function modulePrefix(sf: ts.SourceFile): string {
  const base = sf.fileName.replace(/^.*\//, "").replace(/\.ts$/, "");
  const name = base.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(name) ? `m${name}` : name;
}

export class TypeMapper {
  private arrays = new Map<string, { elem: CType }>();
  private fns = new Map<string, { key: string; params: CType[]; ret: CType }>();
  private fnKeys = new Map<string, string>();
  readonly structs = new Map<string, ts.ClassDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration>();
  /** one object per struct, so that demoting a value class reaches every use of it */
  private objs = new Map<string, ObjType>();
  private demoted = false;

  /** the classes still held by value */
  private values: Set<ts.ClassDeclaration>;

  constructor(readonly checker: ts.TypeChecker, valueClasses: ReadonlySet<ts.ClassDeclaration> = new Set()) {
    this.values = new Set(valueClasses);
  }

  /** Holds class t by pointer from now on: the program uses its identity (or null). */
  demote(t: ObjType): void {
    if (ts.isClassDeclaration(t.decl)) this.demoteClass(t.decl);
  }

  private demoteClass(c: ts.ClassDeclaration): void {
    if (!this.values.delete(c)) return;
    const o = this.objs.get(this.structName(c));
    if (o) o.byValue = false;
    this.demoted = true;
    // a value class embedding it would now hold a pointer: it is a reference too
    for (const v of [...this.values]) {
      const declared = this.checker.getDeclaredTypeOfSymbol(this.checker.getSymbolAtLocation(v.name!)!);
      if (declared.getProperties().some((p) => this.checker.getTypeOfSymbol(p).getSymbol()?.declarations?.[0] === c)) this.demoteClass(v);
    }
  }

  private structName(d: ts.ClassDeclaration | ts.InterfaceDeclaration | ts.TypeAliasDeclaration): string {
    return `${modulePrefix(d.getSourceFile())}_${d.name!.text}`;
  }

  /** Whether t is the instance type of a class held by value. */
  heldByValue(t: ts.Type): boolean {
    const d = t.getSymbol()?.declarations?.[0];
    return !!d && ts.isClassDeclaration(d) && this.values.has(d);
  }

  /** Whether a class was demoted since the last call: what was emitted since must be emitted again. */
  settle(): boolean {
    const d = this.demoted;
    this.demoted = false;
    return d;
  }

  /** What each name refers to, aliases followed: the checker does not cache these lookups. */
  private symbols = new Map<ts.Node, ts.Symbol | undefined>();

  /** The symbol a name refers to, through imports. */
  symbolOf(name: ts.Node): ts.Symbol | undefined {
    if (this.symbols.has(name)) return this.symbols.get(name);
    let sym = this.checker.getSymbolAtLocation(name);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    this.symbols.set(name, sym);
    return sym;
  }

  /** C types already computed: the checker redoes flow analysis for every query of an identifier. */
  private nodeTypes = new Map<ts.Node, CType>();

  /** The C type of the expression or declaration at node. */
  ofNode(node: ts.Node): CType {
    let t = this.nodeTypes.get(node);
    if (!t) {
      const refused = this.nodeRefusals.get(node);
      if (refused) throw refused;
      try {
        t = this.structural(node) ?? this.map(this.declaredType(node) ?? this.checker.getTypeAtLocation(node), node);
      } catch (e) {
        if (e instanceof Refused) this.nodeRefusals.set(node, e);
        throw e;
      }
      this.nodeTypes.set(node, t);
    }
    return t;
  }

  /** Nodes without a C type, and why: the range analysis asks again and again (`Math` in `Math.floor(x)`, say). */
  private nodeRefusals = new Map<ts.Node, Refused>();

  /**
   * The C type of an operator expression read off its operator and operands. Asking the checker
   * instead re-checks the whole subtree each time (expression types are not cached there).
   */
  private structural(node: ts.Node): CType | null {
    const K = ts.SyntaxKind;
    switch (node.kind) {
      case K.NumericLiteral: return NUM;
      case K.StringLiteral: case K.NoSubstitutionTemplateLiteral: case K.TemplateExpression: return STR;
      case K.TrueKeyword: case K.FalseKeyword: return BOOL;
      case K.ParenthesizedExpression: return this.ofNode((node as ts.ParenthesizedExpression).expression);
      case K.PostfixUnaryExpression: return NUM;
      case K.PrefixUnaryExpression: return (node as ts.PrefixUnaryExpression).operator === K.ExclamationToken ? BOOL : NUM;
      case K.CallExpression: {
        const sig = this.checker.getResolvedSignature(node as ts.CallExpression);
        return sig && !sig.typeParameters?.length && sig.getDeclaration() && !sig.getDeclaration().getSourceFile().isDeclarationFile ? this.map(sig.getReturnType(), node) : null;
      }
      case K.BinaryExpression: {
        const e = node as ts.BinaryExpression;
        switch (e.operatorToken.kind) {
          case K.MinusToken: case K.AsteriskToken: case K.SlashToken: case K.PercentToken: case K.AsteriskAsteriskToken:
          case K.BarToken: case K.AmpersandToken: case K.CaretToken: case K.LessThanLessThanToken:
          case K.GreaterThanGreaterThanToken: case K.GreaterThanGreaterThanGreaterThanToken:
            return this.ofNode(e.left).k === "num" && this.ofNode(e.right).k === "num" ? NUM : null;
          case K.LessThanToken: case K.GreaterThanToken: case K.LessThanEqualsToken: case K.GreaterThanEqualsToken:
          case K.EqualsEqualsEqualsToken: case K.ExclamationEqualsEqualsToken:
            return BOOL;
          case K.PlusToken: case K.PlusEqualsToken: {
            const l = this.ofNode(e.left).k, r = this.ofNode(e.right).k;
            return l === "str" || r === "str" ? STR : l === "num" && r === "num" ? NUM : null;
          }
          case K.MinusEqualsToken: case K.AsteriskEqualsToken: case K.SlashEqualsToken: case K.PercentEqualsToken:
          case K.AsteriskAsteriskEqualsToken: case K.BarEqualsToken: case K.AmpersandEqualsToken: case K.CaretEqualsToken:
          case K.LessThanLessThanEqualsToken: case K.GreaterThanGreaterThanEqualsToken: case K.GreaterThanGreaterThanGreaterThanEqualsToken:
            return this.ofNode(e.left).k === "num" ? NUM : null;
          // an assignment or comma has its right side's type; `a && b`, `a || b` of one primitive type have it too
          case K.EqualsToken: case K.CommaToken:
            return this.primitive(e.right);
          case K.AmpersandAmpersandToken: case K.BarBarToken: {
            const l = this.primitive(e.left);
            return l && l === this.primitive(e.right) ? l : null;
          }
        }
        return null;
      }
      case K.ConditionalExpression: {
        const c = node as ts.ConditionalExpression;
        const t = this.primitive(c.whenTrue);
        return t && t === this.primitive(c.whenFalse) ? t : null;
      }
      case K.ThisKeyword: {
        // in an instance method or constructor (or an arrow function in one), the class itself
        let f = node.parent;
        while (ts.isArrowFunction(f) || !(ts.isFunctionLike(f) || ts.isClassLike(f) || ts.isSourceFile(f))) f = f.parent;
        const method = ts.isMethodDeclaration(f) || ts.isConstructorDeclaration(f) || ts.isGetAccessorDeclaration(f) || ts.isSetAccessorDeclaration(f);
        if (!method || ts.getCombinedModifierFlags(f) & ts.ModifierFlags.Static || !ts.isClassDeclaration(f.parent) || !f.parent.name) return null;
        return this.attempt(f.parent.name);
      }
      case K.ElementAccessExpression: {
        // element types as declared (the subset has no noUncheckedIndexedAccess)
        const a = this.attempt((node as ts.ElementAccessExpression).expression);
        return a?.k === "typed" ? NUM : a?.k === "arr" ? a.elem : null;
      }
      case K.PropertyAccessExpression: {
        const p = node as ts.PropertyAccessExpression;
        if (p.name.text !== "length") return null;
        const k = this.attempt(p.expression)?.k;
        return k === "typed" || k === "arr" || k === "str" ? NUM : null;
      }
    }
    return null;
  }

  /** NUM, STR or BOOL when node has that type, else null (also when it has no C type). */
  private primitive(node: ts.Node): CType | null {
    const t = this.attempt(node);
    return t === NUM || t === STR || t === BOOL ? t : null;
  }

  /** The C type at node, or null when it has none (an operand's: the checker then judges the whole expression). */
  attempt(node: ts.Node): CType | null {
    try {
      return this.ofNode(node);
    } catch (e) {
      if (e instanceof Refused) return null;
      throw e;
    }
  }

  /**
   * The declared type of a local, parameter, module constant or field named at node, or null.
   * Its C type is that of the narrowed type the checker would compute by flow analysis (narrowing
   * only removes null or literal members, which share the C representation), at a fraction of
   * the cost.
   */
  private declaredType(node: ts.Node): ts.Type | null {
    const name = ts.isIdentifier(node) ? node : ts.isPropertyAccessExpression(node) ? node.name : null;
    if (!name) return null;
    const sym = this.symbolOf(name);
    const decl = sym?.valueDeclaration;
    if (!sym || !decl || decl.getSourceFile().isDeclarationFile) return null;
    const f = sym.flags;
    if (!(f & (ts.SymbolFlags.Variable | ts.SymbolFlags.Property)) || f & ts.SymbolFlags.Method) return null;
    return this.checker.getTypeOfSymbol(sym);
  }

  private typeCache = new Map<ts.Type, CType>();

  /** Maps a TypeScript type, refusing what has no C representation. */
  map(type: ts.Type, at: ts.Node): CType {
    let t = this.typeCache.get(type);
    if (!t) {
      t = this.mapType(type, at);
      this.typeCache.set(type, t);
    }
    return t;
  }

  private mapType(type: ts.Type, at: ts.Node): CType {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) throw new Refused(diag(at, "NUDGE1001"));
    if (f & ts.TypeFlags.Undefined) throw new Refused(diag(at, "NUDGE1002"));
    if (f & (ts.TypeFlags.Void)) return VOID;
    if (f & ts.TypeFlags.Never) return VOID;
    if (f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return NUM;
    if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return BOOL;
    if (f & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral)) return STR;
    if (f & ts.TypeFlags.EnumLike) {
      if (type.isUnion() ? type.types.some((t) => t.flags & ts.TypeFlags.StringLiteral) : f & ts.TypeFlags.StringLiteral) {
        throw new Refused(diag(at, "NUDGE1009"));
      }
      return NUM;
    }
    if (f & ts.TypeFlags.Null) throw new Refused(diag(at, "NUDGE1201", "a bare null needs a declared type"));
    if (type.isUnion()) return this.mapUnion(type, at);
    if (f & ts.TypeFlags.Object) return this.mapObject(type as ts.ObjectType, at);
    if (f & ts.TypeFlags.TypeParameter) {
      // `this` inside a class is a type parameter constrained by the class itself
      const constraint = (type as ts.TypeParameter & { isThisType?: boolean }).isThisType ? type.getConstraint() : undefined;
      if (constraint) return this.map(constraint, at);
      throw new Refused(diag(at, "NUDGE1005"));
    }
    throw new Refused(diag(at, "NUDGE1007", this.checker.typeToString(type)));
  }

  private mapUnion(type: ts.UnionType, at: ts.Node): CType {
    const parts = type.types.filter((t) => !(t.flags & ts.TypeFlags.Null));
    if (parts.some((t) => t.flags & ts.TypeFlags.Undefined)) throw new Refused(diag(at, "NUDGE1002"));
    const nullable = parts.length < type.types.length;
    let mapped: CType;
    if (parts.every((t) => t.flags & ts.TypeFlags.StringLiteral)) mapped = STR;
    else if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) mapped = BOOL;
    else if (parts.every((t) => t.flags & ts.TypeFlags.EnumLike) || parts.every((t) => t.flags & ts.TypeFlags.NumberLiteral)) mapped = NUM;
    else if (parts.length === 1) mapped = this.map(parts[0]!, at);
    else throw new Refused(diag(at, "NUDGE1003", this.checker.typeToString(type)));
    if (nullable && mapped.k === "obj") this.demote(mapped);
    if (nullable && !isRef(mapped)) throw new Refused(diag(at, "NUDGE1004", this.checker.typeToString(type)));
    return mapped;
  }

  private mapObject(type: ts.ObjectType, at: ts.Node): CType {
    const checker = this.checker;
    if (checker.isArrayType(type)) {
      const elem = this.map(checker.getTypeArguments(type as ts.TypeReference)[0]!, at);
      if (elem.k === "void") throw new Refused(diag(at, "NUDGE1217"));
      return this.arrayOf(elem);
    }
    if (checker.isTupleType(type)) throw new Refused(diag(at, "NUDGE1007", "tuples"));
    const sym = type.aliasSymbol ?? type.getSymbol();
    const name = sym?.getName() ?? "";
    if (name in TYPED && sym?.declarations?.some((d) => d.getSourceFile().isDeclarationFile)) {
      const t = TYPED[name]!;
      return { k: "typed", ...t };
    }
    if (/Array$/.test(name) && sym?.declarations?.some((d) => d.getSourceFile().isDeclarationFile)) {
      throw new Refused(diag(at, "NUDGE1007", `${name} (the typed arrays are Uint8Array, Uint16Array and Int32Array; use number[] for doubles)`));
    }
    if (name === "Map" || name === "Set" || type.getStringIndexType() || type.getNumberIndexType()) {
      throw new Refused(diag(at, "NUDGE1010"));
    }
    const sigs = type.getCallSignatures();
    if (sigs.length > 0) {
      if (sigs.length !== 1 || type.getProperties().length > 0) throw new Refused(diag(at, "NUDGE1007", "overloaded callable"));
      return this.fnOf(sigs[0]!, at);
    }
    const decl = sym?.declarations?.[0];
    if (decl && (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl))) {
      if (decl.getSourceFile().isDeclarationFile) throw new Refused(diag(at, "NUDGE1007", name));
      if ((decl as ts.ClassDeclaration).typeParameters?.length) throw new Refused(diag(at, "NUDGE1005"));
      const cname = this.structName(decl);
      this.structs.set(cname, decl);
      let o = this.objs.get(cname);
      if (!o) {
        o = { k: "obj", name: cname, decl, byValue: ts.isClassDeclaration(decl) && this.values.has(decl) };
        this.objs.set(cname, o);
      }
      return o;
    }
    throw new Refused(diag(at, "NUDGE1006", checker.typeToString(type)));
  }

  /** The array instantiation for element type elem. */
  arrayOf(elem: CType): CType {
    const name = `nd_arr_${this.key(elem)}`;
    if (name !== "nd_arr_str") this.arrays.set(name, { elem });
    return { k: "arr", name, elem };
  }

  private key(t: CType): string {
    switch (t.k) {
      case "obj": return t.name;
      case "arr": return `arr_${this.key(t.elem)}`;
      case "typed": return t.name.replace(/^nd_/, "");
      case "fn": return t.name;
      default: return t.k;
    }
  }

  /** The function-pointer typedef for a call signature. */
  fnOf(sig: ts.Signature, at: ts.Node): CType {
    if (sig.typeParameters?.length) throw new Refused(diag(at, "NUDGE1005"));
    const params = sig.parameters.map((p) => this.map(this.checker.getTypeOfSymbolAtLocation(p, at), at));
    const ret = this.map(sig.getReturnType(), at);
    const key = `${params.map((p) => this.key(p)).join(",")}->${this.key(ret)}`;
    let name = this.fnKeys.get(key);
    if (!name) {
      name = `nd_fn_${this.fnKeys.size + 1}`;
      this.fnKeys.set(key, name);
      this.fns.set(name, { key, params, ret });
    }
    return { k: "fn", name, params, ret };
  }

  /** nd_types.h: every struct, array instantiation and function typedef of the program. */
  header(fields: (structName: string) => string[]): string {
    // Struct fields may name arrays and function types created while mapping them: map first.
    const bodies = new Map<string, string[]>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of this.structs.keys()) {
        if (!bodies.has(s)) {
          bodies.set(s, fields(s));
          grew = true;
        }
      }
    }
    const out: string[] = ["/* Types of the whole program, generated. */", "#ifndef ND_TYPES_H", "#define ND_TYPES_H", '#include "nd_rt.h"', ""];
    for (const s of [...bodies.keys()].sort()) out.push(`typedef struct ${s} ${s};`);
    out.push("#define nd_eq_ptr(a, b) ((a) == (b))", "ND_ARRAY_INDEX_OF(nd_arr_str, nd_str, nd_str_eq)");
    // value structs hold only numbers, booleans and value structs: they come first, inner ones first
    const laid = new Set<string>();
    const layOut = (s: string): void => {
      if (laid.has(s)) return;
      laid.add(s);
      const o = this.objs.get(s)!;
      const declared = this.checker.getDeclaredTypeOfSymbol(this.checker.getSymbolAtLocation(o.decl.name!)!);
      for (const p of declared.getProperties()) {
        const at = p.valueDeclaration ?? o.decl;
        const f = p.flags & ts.SymbolFlags.Property ? this.map(this.checker.getTypeOfSymbolAtLocation(p, at), at) : null;
        if (f && isValue(f)) layOut(f.name);
      }
      const body = bodies.get(s)!;
      out.push(`struct ${s} {`, ...body.map((l) => `  ${l}`), "};");
    };
    for (const s of [...bodies.keys()].sort()) if (this.objs.get(s)?.byValue) layOut(s);
    const done = new Set<string>(["nd_arr_str"]);
    const emit = (t: CType): void => {
      if (t.k === "arr") {
        if (done.has(t.name)) return;
        done.add(t.name);
        emit(t.elem);
        const eq = t.elem.k === "num" ? "nd_eq_num" : t.elem.k === "bool" ? "nd_eq_bool" : t.elem.k === "str" ? "nd_str_eq" : "nd_eq_ptr";
        out.push(`ND_ARRAY(${t.name}, ${cName(t.elem)})`);
        // values have no identity to search by: indexOf demotes their class
        if (!isValue(t.elem)) out.push(`ND_ARRAY_INDEX_OF(${t.name}, ${cName(t.elem)}, ${eq})`);
      } else if (t.k === "fn") {
        if (done.has(t.name)) return;
        done.add(t.name);
        t.params.forEach(emit);
        emit(t.ret);
        const ps = t.params.length ? t.params.map(cName).join(", ") : "void";
        out.push(`typedef ${cName(t.ret)} (*${t.name})(${ps});`);
      }
    };
    for (const [name, { elem }] of [...this.arrays].sort()) emit({ k: "arr", name, elem });
    for (const [name, f] of [...this.fns].sort()) emit({ k: "fn", name, params: f.params, ret: f.ret });
    out.push("");
    for (const s of [...bodies.keys()].sort()) {
      if (laid.has(s)) continue;
      const body = bodies.get(s)!;
      out.push(`struct ${s} {`, ...(body.length ? body.map((l) => `  ${l}`) : ["  char nd_empty;"]), "};");
    }
    out.push("", "#endif", "");
    return out.join("\n");
  }
}

/** The members of an interface or object type alias or class (none for other aliases). */
export function objectMembers(d: ts.Declaration): readonly ts.Node[] {
  if (ts.isInterfaceDeclaration(d) || ts.isClassDeclaration(d)) return d.members;
  return ts.isTypeAliasDeclaration(d) && ts.isTypeLiteralNode(d.type) ? d.type.members : [];
}
