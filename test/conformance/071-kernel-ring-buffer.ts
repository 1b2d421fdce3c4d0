// Device-style ring buffer over a Uint8Array with wrap-around reads and writes.
class Ring {
  private buf: Uint8Array;
  private head: number = 0;
  private tail: number = 0;
  size: number = 0;

  constructor(capacity: number) {
    this.buf = new Uint8Array(capacity);
  }

  write(src: Uint8Array): number {
    let n = 0;
    for (const b of src) {
      if (this.size === this.buf.length) break;
      this.buf[this.tail] = b;
      this.tail = (this.tail + 1) % this.buf.length;
      this.size++;
      n++;
    }
    return n;
  }

  read(max: number): Uint8Array {
    const n = Math.min(max, this.size);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = this.buf[this.head];
      this.head = (this.head + 1) % this.buf.length;
    }
    this.size -= n;
    return out;
  }
}

function show(b: Uint8Array): string {
  const parts: string[] = [];
  for (const v of b) parts.push(String(v));
  return parts.join(",");
}

export function main(): void {
  const r = new Ring(5);
  const chunk = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
  console.log(r.write(chunk.subarray(0, 3)), r.size);
  console.log(show(r.read(2)), r.size);
  console.log(r.write(chunk.subarray(3, 7)), r.size);
  console.log(show(r.read(10)), r.size);
  console.log(r.write(chunk), show(r.read(1)), show(r.read(0)), r.size);
}
