// Bottom of the import chain: its constants are initialised before any importer's.

/** The first value in the chain. */
export const START = 3;

/** Derived from START. */
export const DOUBLE = START * 2;

/** A table built at start-up. */
export const POWERS: number[] = powers(5);

function powers(n: number): number[] {
  const out: number[] = [1];
  for (let i = 1; i < n; i++) out.push(out[i - 1] * START);
  return out;
}

/** Adds the chain's start value. */
export function bump(v: number): number {
  return v + START;
}
