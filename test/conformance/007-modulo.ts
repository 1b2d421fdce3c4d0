// % is fmod: sign of the dividend, -0 kept, NaN for zero divisors and infinite dividends.
function m(a: number, b: number): void {
  console.log(a, "%", b, "=", a % b);
}

export function main(): void {
  m(5, 3);
  m(-5, 3);
  m(5, -3);
  m(-5, -3);
  m(-0, 5);
  m(-6, 3);
  m(6, -3);
  m(5, 0);
  m(-5, 0);
  m(0, 0);
  m(Infinity, 2);
  m(5, Infinity);
  m(-5, -Infinity);
  m(NaN, 2);
  m(5.5, 2);
  m(-5.5, 2);
  m(0.3, 0.1);
  m(1e17, 3);
  m(Math.pow(2, 53), 10);
}
