// Constant array literals become static C tables, one per distinct contents, and only those the
// emitted code names: an operand emitted a second time (with temporaries, to keep JavaScript's
// evaluation order) asks for its table again.
import { utf8Decode, utf8Encode } from "../../ts-src/lib/text";

function pick(names: string[], first: boolean): string {
  if (names.indexOf(first ? names[0]! : utf8Decode(new Uint8Array([0xe2, 0x82]), 0, 5)) < utf8Encode(names.join("")).length) {
    return "found";
  }
  return "missing";
}

/** Sums the same literal twice: both read one table. */
function twice(): number {
  const a = [1, 2, 3, 4];
  const b = [1, 2, 3, 4];
  b[0] = 10;
  return a[0]! + b[0]! + a.length + b.length;
}

export function main(): void {
  console.log(pick(["x"], true), pick(["x"], false), pick([], false));
  console.log(twice());
  console.log(utf8Decode(new Uint8Array([0xe2, 0x82]), 0, 5) === "\ufffd", utf8Decode(new Uint8Array([0xe2, 0x82, 0xac]), 0, 3));
}
