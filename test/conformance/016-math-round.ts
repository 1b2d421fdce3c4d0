// Math.round rounds half up (toward +Infinity) and keeps -0; floor, ceil and trunc on edge values.
function r(x: number): void {
  console.log(x, Math.round(x), Math.floor(x), Math.ceil(x), Math.trunc(x));
}

export function main(): void {
  r(-0.5);
  r(0.5);
  r(1.5);
  r(2.5);
  r(-2.5);
  r(-1.5);
  r(-0.4);
  r(0.49999999999999994);
  r(-0.49999999999999994);
  r(4503599627370495.5);
  r(-4503599627370495.5);
  r(9007199254740991);
  r(-0);
  r(NaN);
  r(Infinity);
  r(-Infinity);
  r(1e21 + 0.5);
  r(-0.0000001);
  r(2.675);
}
