// Number.isNaN / isInteger / isFinite and MAX_SAFE_INTEGER.
function p(x: number): void {
  console.log(x, Number.isNaN(x), Number.isInteger(x), Number.isFinite(x));
}

export function main(): void {
  p(0);
  p(-0);
  p(5);
  p(5.5);
  p(NaN);
  p(Infinity);
  p(-Infinity);
  p(1e300);
  p(5e-324);
  p(Number.MAX_SAFE_INTEGER);
  p(Number.MAX_SAFE_INTEGER + 1);
  console.log(Number.MAX_SAFE_INTEGER === Math.pow(2, 53) - 1);
}
