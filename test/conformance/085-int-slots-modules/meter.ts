// An exported class of a module other than the entry: C drivers do not reach it, so its public
// fields and methods may be integers as well as its private ones; a non-exported helper's
// parameters follow its callers in main.ts.

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Counts bytes and keeps a running checksum. */
export class Meter {
  /** public, and written a fraction by main.ts: a double */
  total: number = 0;
  private sum: number = 0;
  private last: number = -1;

  add(b: number): void {
    this.total++;
    this.last = clampByte(b | 0);
    this.sum = (this.sum + this.last) & 0xffff;
  }
  private scaled(k: number): number {
    return this.sum * k;
  }
  report(): string {
    return `${this.total} ${this.sum} ${this.last} ${this.scaled(3)}`;
  }
}

/** Exported from a module that is not the entry: integer parameters when every caller passes one. */
export function average(m: Meter, n: number): number {
  return m.total / n;
}
