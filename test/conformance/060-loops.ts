// for and while loops: empty parts, nested continue, counting down, fractional steps.
export function main(): void {
  let s = 0;
  for (let i = 0; i < 10; i++) {
    if (i % 3 === 0) continue;
    s += i;
  }
  console.log(s);
  let n = 0;
  for (;;) {
    n++;
    if (n === 7) break;
  }
  console.log(n);
  const out: number[] = [];
  for (let i = 10; i > 0; i -= 3) out.push(i);
  console.log(out.join(","));
  let steps = 0;
  for (let x = 0; x < 1; x += 0.1) steps++;
  console.log(steps);
  let w = 1;
  while (w < 1000) w *= 3;
  console.log(w);
  let collatz = 27;
  let len = 0;
  while (collatz !== 1) {
    collatz = collatz % 2 === 0 ? collatz / 2 : 3 * collatz + 1;
    len++;
  }
  console.log(len);
  for (let i = 0; i < 3; i++) {
    for (let i2 = 0; i2 < 3; i2++) {
      if (i2 === i) continue;
      s -= 1;
    }
  }
  console.log(s);
}
