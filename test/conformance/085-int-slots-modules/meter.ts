// An exported class: its private fields and methods may be integers, its public ones keep the
// double ABI that C drivers see; a non-exported helper's parameters follow its callers here.

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** Counts bytes and keeps a running checksum. */
export class Meter {
  /** public: a double in C whatever it holds */
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

/** Exported: the C signature stays double. */
export function average(m: Meter, n: number): number {
  return m.total / n;
}
