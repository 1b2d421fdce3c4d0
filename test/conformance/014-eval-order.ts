// Side effects in index expressions and operands happen exactly once and left to right; an operand
// that reads locals before a call sees them as they were, and one that a later operand assigns is
// read before the assignment.
class Log {
  text: string = "";
  n: number = 0;
}

function idx(log: Log, i: number): number {
  log.text += `i${i}`;
  log.n++;
  return i;
}

function val(log: Log, v: number): number {
  log.text += `v${v}`;
  return v;
}

function three(a: number, b: number, c: number): string {
  return `${a}/${b}/${c}`;
}

export function main(): void {
  const log = new Log();
  const arr: number[] = [10, 20, 30];
  arr[idx(log, 1)] += val(log, 5);
  arr[idx(log, 2)] *= val(log, 2);
  arr[idx(log, 0)]++;
  console.log(arr.join(" "), log.text, log.n);
  const sum = val(log, 1) + val(log, 2) * val(log, 3);
  console.log(sum, log.text);
  const u = new Uint8Array(3);
  u[idx(log, 2)] += val(log, 300);
  console.log(u[2], log.n);
  const obj = new Log();
  obj.n += val(log, 4);
  console.log(obj.n, log.text);
  let x = 1;
  let y = 0.5;
  console.log(three(x, x + y, val(log, 7)), three(x, (x = 4), x * 2), three(x - y, (y += 2), -y), three(x, y, (x = y = 9) + x));
  let k = 2147483647;
  console.log(three(k + 1, k++ + 1, k), three(k * k, val(log, k), (k = -k)), log.text);
}
