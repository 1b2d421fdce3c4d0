// Parameter properties (public, private, readonly) mixed with ordinary parameters and fields.
class Point {
  constructor(public x: number, public y: number) {}

  norm(): number {
    return Math.sqrt(this.x * this.x + this.y * this.y);
  }
}

class Account {
  balance: number = 0;
  history: number[] = [];

  constructor(readonly owner: string, private limit: number, start: number) {
    this.deposit(start);
  }

  deposit(amount: number): boolean {
    if (this.balance + amount > this.limit) return false;
    this.balance += amount;
    this.history.push(amount);
    return true;
  }
}

export function main(): void {
  const p = new Point(3, 4);
  console.log(p.x, p.y, p.norm());
  p.x = 6;
  p.y = 8;
  console.log(p.norm());
  const acc = new Account("ann", 100, 30);
  console.log(acc.owner, acc.balance, acc.deposit(50), acc.deposit(50), acc.balance, acc.history.join("+"));
}
