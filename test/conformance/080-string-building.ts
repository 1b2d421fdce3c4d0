// Strings built with += and + chains: earlier values stay as they were when the same local goes
// on growing, chains convert each operand with ToString from the first string on, and a local
// re-declared in a loop starts over.

function grow(n: number): string {
  let s = "";
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    const before = s;
    s += i % 3 === 0 ? "<" + String(i) + ">" : `${i},`;
    seen.push(before);
  }
  return `${s}|${seen[n - 1]}|${seen[1]}|${seen.length}`;
}

function aliases(): void {
  let a = "x";
  a += "y";
  let b = a;
  a += "z";
  b += "w";
  a += b;
  console.log(a, b);
  let c = a;
  c += "";
  console.log(c === a, c);
}

function chains(flag: boolean): void {
  const n = 7;
  console.log(1 + 2 + "x" + 1 + 2, "a" + n * 2 + (n + 1) + flag + -0 + 0.5 + NaN);
  let t = "";
  t += n + 1;
  t += 1 + "2" + 3;
  t += flag;
  t += (n > 3 ? "big" : "small") + "!";
  console.log(t);
  let u = "∑";
  for (let i = 0; i < 3; i++) u += `é${i}` + "😀";
  console.log(u);
}

function param(s: string, times: number): string {
  for (let i = 0; i < times; i++) s += s === "" ? "" : "-";
  for (let i = 0; i < times; i++) s += String(i);
  return s;
}

function perRow(): void {
  const rows: string[] = [];
  for (let r = 0; r < 3; r++) {
    let row = "";
    for (let c = 0; c < 4; c++) row += String(r * 4 + c) + " ";
    rows.push(row);
  }
  let all = "";
  for (const r of rows) all += r + "/";
  console.log(rows.join("|"), all);
}

/** Prints every case. */
export function main(): void {
  console.log(grow(2));
  console.log(grow(40));
  aliases();
  chains(true);
  console.log(param("ab", 3), param("", 2));
  perRow();
}
