// Non-capturing arrows and named functions as values: tables, parameters, return values.
type BinOp = (a: number, b: number) => number;

const SCALE = 10;

function add(a: number, b: number): number {
  return a + b;
}

function sub(a: number, b: number): number {
  return a - b;
}

const mul: BinOp = (a: number, b: number): number => a * b;

const scaled: BinOp = function (a: number, b: number): number {
  return (a + b) * SCALE;
};

function pick(name: string): BinOp {
  if (name === "add") return add;
  if (name === "sub") return sub;
  return (a: number, b: number): number => {
    const m = a > b ? a : b;
    return m;
  };
}

function fold(xs: number[], op: BinOp, start: number): number {
  let acc = start;
  for (const x of xs) acc = op(acc, x);
  return acc;
}

export function main(): void {
  const table: BinOp[] = [add, sub, mul, scaled, pick("max")];
  for (const op of table) console.log(op(7, 3));
  console.log(fold([1, 2, 3, 4], add, 0), fold([1, 2, 3, 4], mul, 1), fold([5, 9, 2], pick("other"), -Infinity));
  const f = pick("sub");
  console.log(f(1, 10), pick("add")(2, 2));
  const isEven = (n: number): boolean => n % 2 === 0;
  const preds: ((n: number) => boolean)[] = [isEven, (n: number): boolean => n > 2];
  console.log(preds[0](4), preds[1](4), preds[0](3), preds[1](1));
  let g: BinOp = add;
  g = sub;
  console.log(g(5, 3), g === sub, g === add);
}
