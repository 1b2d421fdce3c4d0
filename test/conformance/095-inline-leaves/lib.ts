// Exported functions whose body is one `return` of their parameters, literals and operators are
// defined in the module's C header, so the modules that call them inline them; the rest keep one
// C definition: a function used as a value, one that reads an array (its bounds check names this
// file), one that calls another function of the module, one that reads a module constant array,
// one with a string literal (a static of the module).

const STEPS: number[] = [1, 10, 100];

/** A leaf: integer operators on its parameters. */
export function upper(b: number): number {
  return b >= 0x61 && b <= 0x7a ? b - 32 : b;
}

/** A leaf with double arithmetic and a runtime function (Math.floor). */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** A leaf of strings: the comparison is the runtime's. */
export function same(a: string, b: string): boolean {
  return a === b;
}

/** A string literal is a static of this module. */
export function isEmpty(a: string): boolean {
  return a === "";
}

/** Passed as a comparator: a function pointer needs one C symbol. */
export function byValue(a: number, b: number): number {
  return a - b;
}

/** Reads an array: its bounds check would name this module's file. */
export function first(xs: number[]): number {
  return xs[0];
}

/** Calls another function of the module. */
export function upperTwice(b: number): number {
  return upper(upper(b));
}

/** Reads a module constant that is an array, not a folded number. */
export function step(i: number): number {
  return STEPS.length + i;
}
