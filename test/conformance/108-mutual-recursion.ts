// Mutual recursion among functions and among private methods, live and unused: the groups that
// only call each other, and that nothing live calls, still build without a warning.

function isEven(n: number): boolean {
  return n === 0 ? true : isOdd(n - 1);
}

function isOdd(n: number): boolean {
  return n === 0 ? false : isEven(n - 1);
}

function countdown(n: number): number {
  return n <= 0 ? 0 : 1 + countdown(n - 1);
}

function ping(n: number): number {
  return n <= 0 ? 0 : pong(n - 1) + 1;
}

function pong(n: number): number {
  return n <= 0 ? 0 : ping(n - 1) * 2;
}

class Walker {
  steps: number = 0;
  constructor(public limit: number) {}
  walk(n: number): number {
    this.steps++;
    return n <= 0 ? this.steps : this.left(n - 1);
  }
  private left(n: number): number {
    return this.right(n);
  }
  private right(n: number): number {
    return this.walk(n);
  }
  private spinA(n: number): number {
    return n <= 0 ? 0 : this.spinB(n - 1);
  }
  private spinB(n: number): number {
    return n <= 0 ? 1 : this.spinA(n - 1);
  }
}

export function main(): void {
  // ping and pong are live, isEven, isOdd and countdown are not; spinA and spinB are not
  console.log(ping(5), pong(4));
  const w = new Walker(3);
  console.log(w.walk(4), w.steps, w.limit);
}
