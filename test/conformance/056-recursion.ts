// Direct and mutual recursion, with a function used before its declaration.
export function main(): void {
  console.log(fib(20), fact(20), fact(25), ack(2, 3));
  console.log(isEven(10), isOdd(7), isEven(7));
  const moves: string[] = [];
  hanoi(4, "A", "C", "B", moves);
  console.log(moves.length, moves[0], moves[moves.length - 1]);
  console.log(gcd(1071, 462), power(3, 13));
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function fact(n: number): number {
  return n <= 1 ? 1 : n * fact(n - 1);
}

function ack(m: number, n: number): number {
  if (m === 0) return n + 1;
  if (n === 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}

function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}

function hanoi(n: number, from: string, to: string, via: string, out: string[]): void {
  if (n === 0) return;
  hanoi(n - 1, from, via, to, out);
  out.push(`${from}${to}`);
  hanoi(n - 1, via, to, from, out);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function power(b: number, e: number): number {
  if (e === 0) return 1;
  const half = power(b, Math.floor(e / 2));
  return e % 2 === 0 ? half * half : half * half * b;
}
