// switch: fall-through, default in the middle, computed case expressions evaluated lazily in order.
class Trace {
  text: string = "";
}

function probe(t: Trace, v: number): number {
  t.text += `[${v}]`;
  return v;
}

function fall(n: number): string {
  let out = "";
  switch (n) {
    case 1:
      out += "one ";
    case 2:
      out += "two ";
      break;
    default:
      out += "default ";
    case 3:
      out += "three ";
    case 4: {
      out += "four ";
      break;
    }
    case 5:
      out += "five ";
  }
  return out;
}

function lazy(t: Trace, n: number): string {
  switch (n) {
    case probe(t, 1):
      return "first";
    case probe(t, 1 + 1):
      return "second";
    case probe(t, 3):
      return "third";
  }
  return "none";
}

export function main(): void {
  for (let i = 0; i <= 6; i++) console.log(i, fall(i));
  const t = new Trace();
  console.log(lazy(t, 2), t.text);
  t.text = "";
  console.log(lazy(t, 9), t.text);
  const nan = NaN;
  switch (nan) {
    case NaN:
      console.log("nan matched");
      break;
    default:
      console.log("nan never matches");
  }
  switch (-0) {
    case 0:
      console.log("-0 matches 0");
  }
  const word: string = "b" + "eta";
  switch (word) {
    case "alpha":
      console.log("A");
      break;
    case "beta":
      console.log("B");
      break;
  }
  switch (3) {
  }
  let count = 0;
  for (let i = 0; i < 6; i++) {
    switch (i % 3) {
      case 0:
        continue;
      case 1:
        count += 10;
        break;
      default:
        count += 1;
    }
    count += 100;
  }
  console.log(count);
}
