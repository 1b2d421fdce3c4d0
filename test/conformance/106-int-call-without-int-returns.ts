// `indexOf` answers an integer even in a program where no function of its own returns one: an
// integer parameter set to `a.indexOf(…) & p` is computed in C integers (the compiler once
// crashed looking for an integer-returning function there).
const K = 12;

function f(bytes: Uint8Array, p: number): number {
  if (p > 100) {
    p = bytes.indexOf(K & 255) & p;
  }
  return p / 2;
}

function g(xs: number[], p: number): number {
  p = (xs.indexOf(p) + 1) | p;
  return p / 4;
}

/** Prints both with indices found and not found. */
export function main(): void {
  const b = new Uint8Array(4);
  b[2] = 12;
  console.log(f(b, 3), f(b, 1000), f(b, 2000000000), f(new Uint8Array(2), 2147483647));
  console.log(g([5, 6, 7], 6), g([5, 6, 7], 9), g([], -2147483648));
}
