// Side effects in index expressions and operands happen exactly once and left to right.
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
}
