// Device-style number parsing from bytes (decimal with fraction and exponent) and integer printing.
import { utf8Encode } from "../../ts-src/lib/text";

function parse(s: string): number {
  const b = utf8Encode(s);
  let i = 0;
  let sign = 1;
  if (i < b.length && (b[i] === 45 || b[i] === 43)) {
    if (b[i] === 45) sign = -1;
    i++;
  }
  let mant = 0;
  let scale = 0;
  let digits = 0;
  while (i < b.length && b[i] >= 48 && b[i] <= 57) {
    mant = mant * 10 + (b[i] - 48);
    i++;
    digits++;
  }
  if (i < b.length && b[i] === 46) {
    i++;
    while (i < b.length && b[i] >= 48 && b[i] <= 57) {
      mant = mant * 10 + (b[i] - 48);
      scale--;
      i++;
      digits++;
    }
  }
  if (i < b.length && (b[i] === 101 || b[i] === 69)) {
    i++;
    let esign = 1;
    if (b[i] === 45) {
      esign = -1;
      i++;
    }
    let e = 0;
    while (i < b.length && b[i] >= 48 && b[i] <= 57) e = e * 10 + (b[i++] - 48);
    scale += esign * e;
  }
  if (digits === 0 || i !== b.length) return NaN;
  return sign * (scale < 0 ? mant / Math.pow(10, -scale) : mant * Math.pow(10, scale));
}

export function main(): void {
  const inputs: string[] = ["0", "-0", "42", "+7", "3.25", "-0.5", "1e3", "2.5E-3", "123456789012", "0.1", "9007199254740993", "", "-", "1.2.3", "12abc", "1e400"];
  for (const s of inputs) console.log(`[${s}]`, parse(s));
}
