// Labelled break and continue out of nested for, while, do and for-of loops.
export function main(): void {
  const found: string[] = [];
  outer: for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      if (j > i) continue outer;
      if (i + j === 6) break outer;
      found.push(`${i}${j}`);
    }
  }
  console.log(found.join(" "));
  let n = 0;
  rows: while (n < 100) {
    n++;
    let k = 0;
    do {
      k++;
      if (k === 3) continue rows;
      if (n === 4) break rows;
    } while (k < 10);
  }
  console.log(n);
  const words: string[][] = [["a", "b"], ["c", "d"], ["e", "f"]];
  let hits = 0;
  scan: for (const w of words) {
    for (const part of w) {
      if (part === "d") continue scan;
      if (part === "f") break scan;
      hits++;
    }
  }
  console.log(hits);
}
