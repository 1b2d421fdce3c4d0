// Lowers calls, `new` and built-in globals: module functions, methods, function values,
// console.log, Math, Number, String(), and the methods of strings, arrays and typed arrays.
import ts from "typescript";
import { cNumber, type FunctionEmitter } from "./emit-function";
import type { ModuleContext } from "./emit-module";
import { cName, isValue, NUM, STR, type CType } from "./types";

const MATH_1: Record<string, string> = {
  floor: "nd_floor", ceil: "nd_ceil", trunc: "nd_trunc", abs: "fabs", sqrt: "sqrt", round: "nd_round", sign: "nd_sign",
  log: "log", log2: "log2", log10: "log10", exp: "exp", sin: "sin", cos: "cos", tan: "tan", atan: "atan",
  asin: "asin", acos: "acos", cbrt: "cbrt",
};
const MATH_2: Record<string, string> = { pow: "nd_pow", atan2: "atan2", hypot: "nd_hypot", imul: "nd_imul" };
const MATH_CONST: Record<string, number> = { PI: Math.PI, E: Math.E, LN2: Math.LN2, LN10: Math.LN10, SQRT2: Math.SQRT2 };
const NUMBER_CONST: Record<string, string> = {
  MAX_SAFE_INTEGER: "9007199254740991.0", MIN_SAFE_INTEGER: "(-9007199254740991.0)", EPSILON: "2.220446049250313e-16",
  MAX_VALUE: "1.7976931348623157e+308", MIN_VALUE: "4.9406564584124654e-324", POSITIVE_INFINITY: "HUGE_VAL",
  NEGATIVE_INFINITY: "(-HUGE_VAL)", NaN: "NAN",
};

export class Calls {
  constructor(private readonly ctx: ModuleContext) {}

  private isGlobal(e: ts.Expression, name: string): boolean {
    if (!ts.isIdentifier(e) || e.text !== name) return false;
    const decl = this.ctx.declarationOf(e);
    return !decl || decl.getSourceFile().isDeclarationFile;
  }

  /** Math.PI, Number.MAX_SAFE_INTEGER, enum members; null when e is not one of those. */
  globalProperty(e: ts.PropertyAccessExpression): string | null {
    const name = e.name.text;
    if (this.isGlobal(e.expression, "Math")) {
      if (name in MATH_CONST) return cNumber(MATH_CONST[name]!);
      this.ctx.refuse(e, "NUDGE1210", `Math.${name}`);
    }
    if (this.isGlobal(e.expression, "Number")) {
      if (name in NUMBER_CONST) return NUMBER_CONST[name]!;
      this.ctx.refuse(e, "NUDGE1210", `Number.${name}`);
    }
    const decl = this.ctx.declarationOf(e);
    if (decl && ts.isEnumMember(decl)) {
      const v = this.ctx.checker.getConstantValue(decl);
      if (typeof v !== "number") this.ctx.refuse(e, "NUDGE1009");
      return cNumber(v);
    }
    return null;
  }

  /** The parameter types of the signature a call resolves to. */
  private paramTypes(e: ts.CallExpression | ts.NewExpression): CType[] {
    const sig = this.ctx.checker.getResolvedSignature(e);
    if (!sig) this.ctx.refuse(e, "NUDGE1214");
    const decl = sig.getDeclaration();
    if (decl && decl.parameters.some((p) => p.dotDotDotToken)) this.ctx.refuse(e, "NUDGE1205", "rest parameters");
    return sig.parameters.map((p) => this.ctx.types.map(this.ctx.checker.getTypeOfSymbolAtLocation(p, e), e));
  }

  /** The parameter declarations of the function a call resolves to (their integer types). */
  private paramDecls(e: ts.CallExpression | ts.NewExpression): readonly ts.ParameterDeclaration[] | undefined {
    return this.ctx.checker.getResolvedSignature(e)?.getDeclaration()?.parameters;
  }

  /** C for `new C(...)` and `new Uint8Array(...)`. */
  construct(fe: FunctionEmitter, e: ts.NewExpression): string {
    const t = fe.typeAt(e);
    const args = e.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    if (t.k === "typed") {
      if (args.length !== 1) this.ctx.refuse(e, "NUDGE1210", "typed arrays are made from a length or an array literal");
      const a = args[0]!;
      const at = fe.typeAt(a);
      if (ts.isArrayLiteralExpression(a)) {
        if (a.elements.length === 0) return `${t.name}_new(0, ${this.ctx.loc(e)})`;
        // constant elements: converted here exactly as the typed array would store them
        const wrap = t.name === "nd_u8arr" ? (v: number) => new Uint8Array([v])[0]! : t.name === "nd_u16arr" ? (v: number) => new Uint16Array([v])[0]! : (v: number) => new Int32Array([v])[0]!;
        const consts = fe.constantElements(a.elements, NUM, wrap);
        if (consts) return `${t.name}_of(${this.ctx.staticTable(t.elemC, consts.map((c) => (c === "-2147483648" ? "(-2147483647 - 1)" : c)))}, ${consts.length})`;
        const items = a.elements.map((x) => `${t.conv}(${fe.exprOf(x)})`);
        return `${t.name}_of((const ${t.elemC}[]){${items.join(", ")}}, ${items.length})`;
      }
      if (at.k === "num") return `${t.name}_new(${fe.exprOf(a)}, ${this.ctx.loc(e)})`;
      if (at.k === "typed" && at.name === t.name) return `${t.name}_slice(${fe.exprOf(a)}, 0, 0, false)`;
      this.ctx.refuse(a, "NUDGE1210", "typed arrays are made from a length, an array literal or a typed array of the same kind");
    }
    if (t.k === "obj" && ts.isClassDeclaration(t.decl)) {
      const pre: string[] = [];
      const vals = fe.args(args, this.paramTypes(e), pre, [], this.paramDecls(e));
      return fe.sequence(pre, `${t.name}_new(${vals.join(", ")})`);
    }
    if (t.k === "arr") this.ctx.refuse(e, "NUDGE1210", "use an array literal ([]) instead of new Array");
    this.ctx.refuse(e, "NUDGE1214", "new of this type");
  }

  /** C for a call expression. */
  call(fe: FunctionEmitter, e: ts.CallExpression): string {
    const callee = e.expression;
    if (e.questionDotToken || ts.isOptionalChain(e)) this.ctx.refuse(e, "NUDGE1213");
    if (ts.isPropertyAccessExpression(callee) && ts.isRegularExpressionLiteral(callee.expression)) this.ctx.refuse(callee.expression, "NUDGE1208");
    if (e.typeArguments?.length) this.ctx.refuse(e, "NUDGE1005");
    if (ts.isPropertyAccessExpression(callee)) {
      const special = this.builtinMethod(fe, e, callee);
      if (special !== null) return special;
    }
    if (ts.isIdentifier(callee)) {
      const special = this.builtinFunction(fe, e, callee);
      if (special !== null) return special;
    }
    const decl = this.ctx.declarationOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    const pre: string[] = [];
    // module-level function (possibly through a namespace import), or a runtime intrinsic
    if (decl && ts.isFunctionDeclaration(decl)) {
      const vals = fe.args(e.arguments, this.paramTypes(e), pre, [], decl.parameters);
      const name = this.ctx.functionName(decl);
      return fe.sequence(pre, `${name}(${vals.join(", ")})`);
    }
    if (decl && ts.isMethodDeclaration(decl) && ts.isPropertyAccessExpression(callee)) {
      const cls = decl.parent as ts.ClassDeclaration;
      const owner = this.ctx.types.ofNode(cls.name!);
      if (owner.k !== "obj") this.ctx.refuse(e, "NUDGE1214");
      const isStatic = !!decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
      const fn = `${owner.name}_${callee.name.text}`;
      if (isStatic) {
        const vals = fe.args(e.arguments, this.paramTypes(e), pre, [], decl.parameters);
        return fe.sequence(pre, `${fn}(${vals.join(", ")})`);
      }
      const vals = fe.args(e.arguments, this.paramTypes(e), pre, [callee.expression], decl.parameters);
      return fe.sequence(pre, `${fn}(${vals.join(", ")})`);
    }
    // a function-typed value: variable, parameter or field
    const ft = fe.typeAt(callee);
    if (ft.k === "fn") {
      const vals = fe.args(e.arguments, ft.params, pre, [callee]);
      const [f, ...rest] = vals;
      return fe.sequence(pre, `(${f})(${rest.join(", ")})`);
    }
    this.ctx.refuse(callee, "NUDGE1214");
  }

  private builtinFunction(fe: FunctionEmitter, e: ts.CallExpression, callee: ts.Identifier): string | null {
    const name = callee.text;
    const decl = this.ctx.declarationOf(callee);
    if (decl && !decl.getSourceFile().isDeclarationFile) return null;
    const arg = (i: number) => e.arguments[i]!;
    switch (name) {
      case "String":
        if (e.arguments.length !== 1) this.ctx.refuse(e, "NUDGE1210", "String() takes one argument");
        return fe.toStr(fe.exprOf(arg(0)), fe.typeAt(arg(0)), arg(0));
      case "isNaN":
        return `(isnan(${this.num(fe, arg(0))}) != 0)`;
      case "isFinite":
        return `(isfinite(${this.num(fe, arg(0))}) != 0)`;
    }
    this.ctx.refuse(callee, "NUDGE1214", `${name}()`);
  }

  private num(fe: FunctionEmitter, a: ts.Expression): string {
    if (fe.typeAt(a).k !== "num") this.ctx.refuse(a, "NUDGE1211", "a number is expected");
    return fe.exprOf(a);
  }

  /** `x.subarray(...)` of typed array kind `name`: its array and bounds, for a call that uses the view only once. */
  private viewOf(fe: FunctionEmitter, e: ts.Expression, name: string): { arr: ts.Expression; bounds: ts.Expression[] } | null {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isCallExpression(e) || e.questionDotToken || e.arguments.length > 2 || e.arguments.some(ts.isSpreadElement)) return null;
    const c = e.expression;
    if (!ts.isPropertyAccessExpression(c) || c.questionDotToken || c.name.text !== "subarray") return null;
    const t = fe.typeAt(c.expression);
    return t.k === "typed" && t.name === name ? { arr: c.expression, bounds: [...e.arguments] } : null;
  }

  /**
   * C for arrays without effects followed by pure integer expressions, or null when any is not:
   * then C's unordered evaluation of the arguments cannot matter and no number becomes a double.
   */
  private pureInts(fe: FunctionEmitter, arrays: ts.Expression[], nums: ts.Expression[]): string[] | null {
    if (arrays.some((a) => fe.hasEffect(a))) return null;
    const ints = nums.map((n) => fe.intArg(n));
    if (ints.some((c) => c === null)) return null;
    return [...arrays.map((a) => fe.exprOf(a)), ...(ints as string[])];
  }

  /** A view's `count` bounds as the C arguments `start, end, has_end`, then the call's own arguments. */
  private rangeArgs(count: number, nums: string[]): [string, ...(string | undefined)[]] {
    return [`${count > 0 ? nums[0] : "0"}, ${count > 1 ? nums[1] : "0"}, ${count > 1 ? "true" : "false"}`, ...nums.slice(count)];
  }

  private builtinMethod(fe: FunctionEmitter, e: ts.CallExpression, callee: ts.PropertyAccessExpression): string | null {
    const name = callee.name.text;
    const recv = callee.expression;
    const args = e.arguments;
    const loc = this.ctx.loc(e);
    const pre: string[] = [];
    if (this.isGlobal(recv, "console")) {
      if (name !== "log") this.ctx.refuse(callee, "NUDGE1210", `console.${name}`);
      const parts: string[] = [];
      const vals = fe.args(args, args.map((a) => fe.typeAt(a)), pre);
      // every argument is evaluated before anything is printed, when a later one may print too
      if (args.some((a, i) => i > 0 && fe.hasEffect(a))) {
        args.forEach((a, i) => {
          if (/^nd_t\d+$/.test(vals[i]!)) return;
          const t = fe.tempOf(fe.typeAt(a));
          pre.push(`${t} = ${vals[i]}`);
          vals[i] = t;
        });
      }
      args.forEach((a, i) => {
        if (i) parts.push("nd_log_sep()");
        const t = fe.typeAt(a);
        if (t.k === "str") parts.push(`nd_log_str(${vals[i]})`);
        else if (t.k === "num") parts.push(`nd_log_num(${vals[i]})`);
        else if (t.k === "bool") parts.push(`nd_log_bool(${vals[i]})`);
        else this.ctx.refuse(a, "NUDGE1215");
      });
      parts.push("nd_log_end()");
      return `(${[...pre, ...parts].join(", ")})`;
    }
    if (this.isGlobal(recv, "Math")) {
      if (name in MATH_1 && args.length === 1) return `${MATH_1[name]}(${this.num(fe, args[0]!)})`;
      if (name in MATH_2 && args.length === 2) {
        const [a, b] = fe.args(args, [NUM, NUM], pre);
        return fe.sequence(pre, `${MATH_2[name]}(${a}, ${b})`);
      }
      if (name === "min" || name === "max") {
        if (args.length === 0) return name === "min" ? "HUGE_VAL" : "(-HUGE_VAL)";
        const vals = fe.args(args, args.map(() => NUM), pre);
        let acc = vals[0]!;
        if (args.length === 1) acc = `nd_${name}(${acc}, ${acc})`;
        for (const v of vals.slice(1)) acc = `nd_${name}(${acc}, ${v})`;
        return fe.sequence(pre, acc);
      }
      this.ctx.refuse(callee, "NUDGE1210", `Math.${name} with ${args.length} arguments`);
    }
    if (this.isGlobal(recv, "Number")) {
      if (args.length !== 1) this.ctx.refuse(callee, "NUDGE1210", `Number.${name}`);
      const v = fe.typeAt(args[0]!).k === "num" ? fe.exprOf(args[0]!) : null;
      if (v === null) return "false";
      if (name === "isNaN") return `(isnan(${v}) != 0)`;
      if (name === "isFinite") return `(isfinite(${v}) != 0)`;
      if (name === "isInteger") return `nd_is_integer(${v})`;
      if (name === "isSafeInteger") return `(nd_is_integer(${v}) && fabs(${v}) <= 9007199254740991.0)`;
      this.ctx.refuse(callee, "NUDGE1210", `Number.${name}`);
    }
    if (this.isGlobal(recv, "String")) this.ctx.refuse(callee, "NUDGE1209", `String.${name}: use fromCodePoint from ts-src/lib/text.ts`);
    const rt = fe.typeAt(recv);
    switch (rt.k) {
      case "str": {
        const strArg = (i: number) => {
          if (!args[i] || fe.typeAt(args[i]!).k !== "str") this.ctx.refuse(e, "NUDGE1210", `${name} takes a string`);
          return args[i]!;
        };
        switch (name) {
          case "startsWith": case "endsWith": case "includes": {
            if (args.length !== 1) this.ctx.refuse(e, "NUDGE1209", `${name} with a position counts UTF-16 units`);
            const [s, p] = fe.args([strArg(0)], [STR], pre, [recv]);
            const f = name === "startsWith" ? "nd_str_starts_with" : name === "endsWith" ? "nd_str_ends_with" : "nd_str_includes";
            return fe.sequence(pre, `${f}(${s}, ${p})`);
          }
          case "split": {
            if (args.length !== 1) this.ctx.refuse(e, "NUDGE1210", "split takes exactly one separator");
            const [s, p] = fe.args([strArg(0)], [STR], pre, [recv]);
            return fe.sequence(pre, `nd_str_split(${s}, ${p}, ${loc})`);
          }
          case "trim":
            return `nd_str_trim(${fe.exprOf(recv)})`;
          case "toString":
            return fe.exprOf(recv);
          case "length": case "charCodeAt": case "charAt": case "codePointAt": case "indexOf": case "lastIndexOf":
          case "slice": case "substring": case "substr": case "toLowerCase": case "toUpperCase": case "padStart":
          case "padEnd": case "localeCompare": case "at": case "repeat": case "normalize":
            this.ctx.refuse(callee.name, "NUDGE1209", name);
        }
        this.ctx.refuse(callee.name, "NUDGE1210", `string.${name}`);
      }
      case "num":
        if (name === "toString" && args.length === 0) return `nd_str_of_num(${fe.exprOf(recv)})`;
        this.ctx.refuse(callee.name, "NUDGE1210", `number.${name}`);
      case "bool":
        if (name === "toString" && args.length === 0) return `nd_str_of_bool(${fe.exprOf(recv)})`;
        this.ctx.refuse(callee.name, "NUDGE1210", `boolean.${name}`);
      case "arr": {
        const elem = rt.elem;
        switch (name) {
          case "push": {
            if (args.length === 0) return `((double)${fe.exprOf(recv)}->len)`;
            const [a, ...vals] = fe.args(args, args.map(() => elem), pre, [recv]);
            if (vals.length === 1) return fe.sequence(pre, `${rt.name}_push(${a}, ${vals[0]})`);
            const t = fe.tempOf(rt);
            pre.push(`${t} = ${a}`);
            const pushes = vals.map((v) => `${rt.name}_push(${t}, ${v})`);
            return fe.sequence(pre, pushes.join(", "));
          }
          case "pop":
            return `${rt.name}_pop(${fe.exprOf(recv)}, ${loc})`;
          case "sort": {
            if (args.length !== 1) this.ctx.refuse(e, "NUDGE1209", "sort() without a comparator orders by UTF-16 units; pass a comparator");
            const ft = fe.typeAt(args[0]!);
            if (ft.k !== "fn") this.ctx.refuse(args[0]!, "NUDGE1214");
            const t = fe.tempOf(rt);
            const [a, c] = fe.args([args[0]!], [ft], pre, [recv]);
            // a comparator known here (a function or an arrow, emitted as a C function) is called
            // directly from its own ordering function: one indirect call per comparison, not two
            const arg = args[0]!;
            const d = ts.isIdentifier(arg) ? this.ctx.declarationOf(arg) : undefined;
            const known = ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) || (d !== undefined && ts.isFunctionDeclaration(d));
            if (known && /^\w+$/.test(c!)) {
              const before = this.ctx.sortOrder(c!, cName(elem));
              return fe.sequence([...pre, `${t} = ${a}`, `nd_sort_known(${t}->data, ${t}->len, sizeof(${cName(elem)}), ${before}, NULL)`], t);
            }
            return fe.sequence([...pre, `${t} = ${a}`, `${rt.name}_sort(${t}, ${c})`], t);
          }
          case "indexOf": {
            if (args.length !== 1) this.ctx.refuse(e, "NUDGE1210", "indexOf takes one argument");
            if (isValue(elem)) this.ctx.types.demote(elem);
            const [a, v] = fe.args([args[0]!], [elem], pre, [recv]);
            return fe.sequence(pre, `${rt.name}_index_of(${a}, ${v})`);
          }
          case "includes": {
            if (args.length !== 1 || elem.k === "num") this.ctx.refuse(e, "NUDGE1210", "includes on numbers (NaN differs): use indexOf");
            if (isValue(elem)) this.ctx.types.demote(elem);
            const [a, v] = fe.args([args[0]!], [elem], pre, [recv]);
            return fe.sequence(pre, `(${rt.name}_index_of(${a}, ${v}) >= 0)`);
          }
          case "slice": {
            const [a, s, en] = fe.args(args, [NUM, NUM], pre, [recv]);
            return fe.sequence(pre, `${rt.name}_slice(${a}, ${s ?? "0"}, ${en ?? "0"}, ${en ? "true" : "false"})`);
          }
          case "join": {
            if (elem.k !== "str" && elem.k !== "num" && elem.k !== "bool") this.ctx.refuse(e, "NUDGE1210", "join takes strings, numbers or booleans");
            const [a, sep] = fe.args(args, [STR], pre, [recv]);
            const f = elem.k === "str" ? "nd_str_join" : elem.k === "num" ? "nd_num_join" : "nd_bool_join";
            const arg = elem.k === "str" ? a : `${a}->data, ${a}->len`;
            if (elem.k !== "str" && !/^\w+$/.test(a!)) {
              const t = fe.tempOf(rt);
              pre.push(`${t} = ${a}`);
              return fe.sequence(pre, `${f}(${t}->data, ${t}->len, ${sep ?? "(&nd_str_comma)"})`);
            }
            return fe.sequence(pre, `${f}(${arg}, ${sep ?? "(&nd_str_comma)"})`);
          }
        }
        this.ctx.refuse(callee.name, "NUDGE1210", `array.${name}`);
      }
      case "typed": {
        switch (name) {
          case "subarray": case "slice": {
            const [a, s, en] = fe.args(args, [NUM, NUM], pre, [recv]);
            return fe.sequence(pre, `${rt.name}_${name}(${a}, ${s ?? "0"}, ${en ?? "0"}, ${en ? "true" : "false"})`);
          }
          case "set": {
            const src = args[0] ? fe.typeAt(args[0]) : null;
            if (!src || src.k !== "typed" || src.name !== rt.name) this.ctx.refuse(e, "NUDGE1210", "set() takes a typed array of the same kind");
            // `a.set(b.subarray(s, e), off)` copies b[s, e) without making the view
            const view = this.viewOf(fe, args[0]!, rt.name);
            const from = view ?? { arr: args[0]!, bounds: [] };
            const ints = this.pureInts(fe, [recv, from.arr], [...from.bounds, ...args.slice(1)]);
            if (ints) {
              const [range, off] = this.rangeArgs(from.bounds.length, ints.slice(2));
              return `${rt.name}_set_range_i(${ints[0]}, ${ints[1]}, ${range}, ${off ?? "0"}, ${loc})`;
            }
            const [a, b, ...nums] = fe.args([...from.bounds, ...args.slice(1)], [NUM, NUM, NUM], pre, [recv, from.arr]);
            const [range, off] = this.rangeArgs(from.bounds.length, nums);
            return fe.sequence(pre, `${rt.name}_set_range(${a}, ${b}, ${range}, ${off ?? "0"}, ${loc})`);
          }
          case "indexOf": {
            if (args.length < 1 || args.length > 2) this.ctx.refuse(e, "NUDGE1210", "indexOf takes a value and a start index");
            // `a.subarray(s, e).indexOf(v)` searches a[s, e) without making the view
            const view = this.viewOf(fe, recv, rt.name);
            const from = view ?? { arr: recv, bounds: [] };
            const ints = this.pureInts(fe, [from.arr], [...from.bounds, ...args]);
            if (ints) {
              const [range, v, start] = this.rangeArgs(from.bounds.length, ints.slice(1));
              return `${rt.name}_indexOf_i(${ints[0]}, ${range}, ${v}, ${start ?? "0"})`;
            }
            const [a, ...nums] = fe.args([...from.bounds, ...args], [NUM, NUM, NUM, NUM], pre, [from.arr]);
            const [range, v, start] = this.rangeArgs(from.bounds.length, nums);
            return fe.sequence(pre, `${rt.name}_indexOf(${a}, ${range}, ${v}, ${start ?? "0"})`);
          }
          case "fill": {
            if (args.length !== 1) this.ctx.refuse(e, "NUDGE1210", "fill takes one value");
            const [a, v] = fe.args(args, [NUM], pre, [recv]);
            return fe.sequence(pre, `${rt.name}_fill(${a}, ${v})`);
          }
        }
        this.ctx.refuse(callee.name, "NUDGE1210", `${rt.name.replace("nd_", "")}.${name}`);
      }
    }
    return null;
  }
}
