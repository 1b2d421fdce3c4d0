// String concatenation with + and +=, also with numbers and booleans.
export function main(): void {
  const a = "foo";
  const b = "bar";
  console.log(a + b, a + " " + b);
  console.log("n" + 1 + 2, 1 + 2 + "n", "x" + 0.5, "y" + -0, "z" + 1e21);
  console.log("t" + true + false);
  let s = "";
  for (let i = 0; i < 10; i++) s += String(i);
  console.log(s);
  let big = "";
  for (let i = 0; i < 200; i++) big += "ab";
  console.log(big === big + "", big + "!" === big);
  let u = "é";
  u += "€";
  u = u + "😀";
  console.log(u);
  console.log("" + "", "" + "x");
}
