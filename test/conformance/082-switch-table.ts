// A switch over integer constant cases (folded module constants among them): discriminants that
// are fractions, NaN, -0, out of int32 range or negative must pick the case JavaScript picks.
const ONE = 1;
const BIG = 2147483647;

function pick(x: number): string {
  switch (x) {
    case 0: return "zero";
    case ONE: return "one";
    case ONE + 1: return "two";
    case -3: return "minus three";
    case BIG: return "big";
    case -2147483648: return "smallest";
    default: return "other";
  }
}

function dup(x: number): string {
  let out = "";
  switch (x) {
    case 1:
      out += "a";
    case 1:
      out += "b";
      break;
    case 2:
      out += "c";
  }
  return out;
}

function bytes(b: Uint8Array): string {
  let out = "";
  for (const c of b) {
    switch (c) {
      case 60: out += "<"; break;
      case 62: out += ">"; break;
      case 47:
      case 92: out += "/"; continue;
      default: out += ".";
    }
    out += "|";
  }
  return out;
}

/** Prints every case. */
export function main(): void {
  const xs = [0, -0, 1, 2, 2.5, -3, NaN, Infinity, -Infinity, 2147483647, 2147483648, -2147483648, -2147483649, 4294967297, 1 + 1e-16];
  let line = "";
  for (const x of xs) line += pick(x) + " ";
  console.log(line);
  console.log(dup(1), dup(2), dup(3));
  console.log(bytes(new Uint8Array([60, 47, 62, 92, 0, 300])));
}
