// NaN, infinities and negative zero through console.log, String(), toString() and templates.
export function main(): void {
  const negZero = -0;
  console.log(NaN);
  console.log(Infinity);
  console.log(-Infinity);
  console.log(negZero);
  console.log(0 * -1);
  console.log(String(negZero));
  console.log(negZero.toString());
  console.log(`${negZero}`);
  console.log("z" + negZero);
  console.log(String(NaN), String(Infinity), String(-Infinity));
  console.log(`${NaN} ${Infinity} ${-Infinity}`);
  console.log(0 / 0);
  console.log(-(0 / 0));
  console.log(Infinity - Infinity);
  console.log(Infinity * 0);
  console.log(1 / negZero);
}
