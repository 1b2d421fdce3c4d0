// When to poll: a fixed interval while the server answers, exponential backoff with jitter while
// it does not, and a long pause after a refused sign-in (retrying a wrong password every few
// seconds only fills the server's log and may lock the account).

/** Seconds between polls while all is well. */
export const POLL_INTERVAL = 5 * 60;
/** First retry delay after a failure; it doubles per further failure up to BACKOFF_MAX. */
export const BACKOFF_BASE = 30;
export const BACKOFF_MAX = 30 * 60;
/** Retry delay after the server refused the credentials. */
export const AUTH_RETRY = 60 * 60;

/** A small deterministic PRNG (xorshift32) seeded by the driver, so runs can be replayed. */
export class Jitter {
  private s: number;

  constructor(seed: number) {
    // xorshift32 is stuck at 0: map that seed elsewhere
    const s = seed >>> 0;
    this.s = s === 0 ? 0x9e3779b9 : s;
  }

  /** The next number in [0, 1). */
  next(): number {
    let x = this.s;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.s = x;
    return x / 4294967296;
  }

  /** The generator's state, to carry it into a fresh arena. */
  state(): number {
    return this.s;
  }
}

/** Milliseconds to wait before retrying after `failures` consecutive failed polls (failures ≥ 1). */
export function backoffMs(failures: number, j: Jitter): number {
  let d = BACKOFF_BASE;
  for (let i = 1; i < failures && d < BACKOFF_MAX; i++) d *= 2;
  d = Math.min(d, BACKOFF_MAX);
  // "equal jitter": half fixed so delays still grow, half random so devices spread out
  return Math.round((d / 2 + (d / 2) * j.next()) * 1000);
}

/** Milliseconds to wait after a refused sign-in. */
export function authRetryMs(j: Jitter): number {
  return Math.round(AUTH_RETRY * (0.9 + 0.1 * j.next()) * 1000);
}
