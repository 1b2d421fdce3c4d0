// do/while runs the body first; continue jumps to the condition.
export function main(): void {
  let i = 0;
  do {
    i++;
  } while (i < 0);
  console.log(i);
  let evens = 0;
  let j = 0;
  do {
    j++;
    if (j % 2 === 1) continue;
    evens += j;
  } while (j < 10);
  console.log(evens, j);
  let k = 100;
  do {
    k -= 7;
    if (k < 50) break;
  } while (true);
  console.log(k);
  let digits = "";
  let n = 9075;
  do {
    digits = String(n % 10) + digits;
    n = Math.floor(n / 10);
  } while (n > 0);
  console.log(digits);
}
