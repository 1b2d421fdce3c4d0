// Seeded random choices for the program generators (program-gen.ts, text-program-gen.ts): the
// same seed gives the same stream of choices, so a seed names one program for good.

/** Random choices drawn from one seeded stream. */
export interface Random {
  /** a number in [0, 1) */
  rnd(): number;
  /** one element of xs */
  pick<T>(xs: readonly T[]): T;
  /** true with probability p */
  chance(p: number): boolean;
  /** an integer in [lo, hi] */
  int(lo: number, hi: number): number;
}

/** The choices of mulberry32, a small generator whose stream depends only on the seed. */
export function seeded(seed: number): Random {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    rnd,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!,
    chance: (p: number): boolean => rnd() < p,
    int: (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1)),
  };
}
