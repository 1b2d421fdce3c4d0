// Block scoping: shadowing in nested blocks and loops, const per case block.
function pick(n: number): string {
  switch (n) {
    case 0: {
      const word = "zero";
      return word;
    }
    case 1: {
      const word = "one";
      return word;
    }
  }
  return "many";
}

export function main(): void {
  const x = 1;
  {
    const x = 2;
    {
      const x = 3;
      console.log(x);
    }
    console.log(x);
  }
  console.log(x);
  let total = 0;
  for (let i = 0; i < 3; i++) {
    const i2 = i * 2;
    for (let i = 0; i < 2; i++) total += i2 + i;
  }
  console.log(total);
  console.log(pick(0), pick(1), pick(2));
  let y = 10;
  if (y > 5) {
    let y = 0;
    y += 1;
    console.log(y);
  }
  y += 1;
  console.log(y);
}
