// Coded diagnostics for TypeScript outside the subset: every code has a message and a hint.
import ts from "typescript";
import { relative } from "node:path";

/** Each code the compiler can report, with the hint printed under it. */
export const CODES = {
  NUDGE1001: { message: "'any' and 'unknown' have no C representation", hint: "write the concrete type" },
  NUDGE1002: { message: "'undefined' is not supported", hint: "use null for 'no value' (T | null), or a flag; after pop() write pop()! (the C panics on an empty array)" },
  NUDGE1003: { message: "this union type is not supported", hint: "only T | null (T an object, array or string) and unions of string literals are accepted" },
  NUDGE1004: { message: "a nullable number or boolean is not supported", hint: "use a separate boolean flag, or NaN for 'no number'" },
  NUDGE1005: { message: "generic types and functions are not supported", hint: "write the function or class for the concrete type" },
  NUDGE1006: { message: "anonymous object types are not supported", hint: "declare an interface or type alias and annotate the value with it" },
  NUDGE1007: { message: "this type has no C representation", hint: "use number, boolean, string, a class, an interface, T[] or a typed array" },
  NUDGE1008: { message: "optional parameters and properties are not supported", hint: "make the member required and pass null or a default explicitly" },
  NUDGE1009: { message: "string enums are not supported", hint: "use a union of string literals" },
  NUDGE1010: { message: "index signatures, Map and Set are not supported", hint: "use an array of records, or a class with a lookup method" },
  NUDGE1101: { message: "'var' is not supported", hint: "use let or const" },
  NUDGE1102: { message: "module-level 'let' is mutable global state", hint: "keep state in an object the driver holds and passes in" },
  NUDGE1103: { message: "a variable needs an initializer", hint: "initialize it where it is declared" },
  NUDGE1104: { message: "destructuring is not supported", hint: "read each field into its own variable" },
  NUDGE1105: { message: "this statement is not supported", hint: "see docs/LANGUAGE.md for the accepted statements" },
  NUDGE1106: { message: "exceptions are not supported", hint: "return an error value (e.g. a result object with an error message)" },
  NUDGE1107: { message: "'for…in' is not supported", hint: "iterate an array with for…of or an index" },
  NUDGE1108: { message: "writing to a module-level constant changes global state", hint: "module-level constants are read-only tables; copy the data into an object you own" },
  NUDGE1109: { message: "a parameter or return type must be written out", hint: "annotate it, e.g. function f(x: number): string" },
  NUDGE1201: { message: "this expression is not supported", hint: "see docs/LANGUAGE.md for the accepted expressions" },
  NUDGE1202: { message: "'==' and '!=' are not supported", hint: "use === or !==" },
  NUDGE1203: { message: "converting between different object types is not supported", hint: "the value must have exactly the declared class or interface type; build a new object of the target type" },
  NUDGE1204: { message: "this closure captures a variable of an enclosing function", hint: "pass the value as a parameter, or move the function to module level" },
  NUDGE1205: { message: "spread syntax is not supported", hint: "copy elements with a loop" },
  NUDGE1206: { message: "'typeof', 'instanceof', 'in' and 'delete' are not supported", hint: "keep a kind field in the object and switch on it" },
  NUDGE1207: { message: "'as' casts are not supported", hint: "annotate the variable with the type instead" },
  NUDGE1208: { message: "regular expressions are not supported", hint: "scan the bytes (utf8Encode) in a loop" },
  NUDGE1209: { message: "this string operation would differ between UTF-16 and UTF-8", hint: "work on bytes: utf8Encode(s), utf8Length(s), compareStrings(a, b) from ts-src/lib/text.ts" },
  NUDGE1210: { message: "this method or property is not supported", hint: "see docs/LANGUAGE.md for the accepted methods of each type" },
  NUDGE1211: { message: "this operator is not supported for these operand types", hint: "arithmetic and comparison operators take numbers; + also concatenates strings" },
  NUDGE1212: { message: "async functions, generators and await are not supported", hint: "the core is sans-I/O: return a request and let the driver feed the result back" },
  NUDGE1213: { message: "optional chaining and '??' are not supported", hint: "test for null with an if statement" },
  NUDGE1214: { message: "this call target is not supported", hint: "call a module-level function, a method of a class, or a function-typed value" },
  NUDGE1215: { message: "console.log takes strings, numbers and booleans", hint: "format the value into a string first" },
  NUDGE1216: { message: "an object literal needs a declared type", hint: "annotate the variable, parameter or return type with an interface" },
  NUDGE1217: { message: "an empty array literal needs a declared element type", hint: "annotate it, e.g. const xs: number[] = []" },
  NUDGE1218: { message: "a method cannot be used as a value", hint: "wrap it in a module-level function that takes the object" },
  NUDGE1301: { message: "class inheritance is not supported", hint: "compose: keep the shared part in a field" },
  NUDGE1302: { message: "getters, setters and index members are not supported", hint: "use a method" },
  NUDGE1303: { message: "this class member is not supported", hint: "classes take fields, one constructor, methods and static methods" },
  NUDGE1304: { message: "a class field needs a type and an initial value (here or in the constructor)", hint: "write `name: Type = value;` or assign it in the constructor" },
  NUDGE1401: { message: "this import or export form is not supported", hint: "use named imports and exports between modules of the program" },
  NUDGE1402: { message: "two modules have the same file name", hint: "module names become C prefixes; rename one file" },
  NUDGE1403: { message: "the entry module must export 'function main(): void'", hint: "add `export function main(): void { ... }`" },
} as const;

export type Code = keyof typeof CODES;

/** One compiler diagnostic tied to a source position. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  code: string;
  message: string;
  hint: string;
}

/** Makes a diagnostic for `node` with the code's message (plus optional detail). */
export function diag(node: ts.Node, code: Code, detail?: string): Diagnostic {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const entry = CODES[code];
  return {
    file: relative(process.cwd(), sf.fileName) || sf.fileName,
    line: line + 1,
    col: character + 1,
    code,
    message: detail ? `${entry.message}: ${detail}` : entry.message,
    hint: entry.hint,
  };
}

/** Formats a diagnostic as `file:line:col: error CODE: message` plus an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: error ${d.code}: ${d.message}\n  hint: ${d.hint}`;
}

/** Thrown inside the emitter to abandon one construct after recording its diagnostic. */
export class Refused extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}
