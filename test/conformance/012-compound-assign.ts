// Every compound assignment operator, including on negative and fractional values.
export function main(): void {
  let x = 10;
  x += 5; console.log(x);
  x -= 20; console.log(x);
  x *= -3; console.log(x);
  x /= 4; console.log(x);
  x %= 4; console.log(x);
  x = -17.5;
  x %= 5; console.log(x);
  x = 0xff00;
  x &= 0x0ff0; console.log(x);
  x |= 0x000f; console.log(x);
  x ^= 0xffff; console.log(x);
  x <<= 20; console.log(x);
  x >>= 4; console.log(x);
  x >>>= 1; console.log(x);
  x = -1;
  x >>>= 0; console.log(x);
  let s = "a";
  s += "b";
  s += 1;
  s += "c" + 2.5;
  console.log(s);
}
