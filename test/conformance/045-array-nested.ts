// Arrays of arrays and of strings, built row by row.
export function main(): void {
  const grid: number[][] = [];
  for (let r = 0; r < 4; r++) {
    const row: number[] = [];
    for (let c = 0; c < 5; c++) row.push(r * c);
    grid.push(row);
  }
  grid[2][3] = -1;
  for (const row of grid) {
    const cells: string[] = [];
    for (const v of row) cells.push(String(v));
    console.log(cells.join(" "));
  }
  const lit: string[][] = [["a", "b"], [], ["c"]];
  console.log(lit.length, lit[0].length, lit[1].length, lit[2][0]);
  lit[1].push("d");
  console.log(lit[1].join(""));
  const alias = grid[1];
  alias[0] = 42;
  console.log(grid[1][0]);
  const bufs: Uint8Array[] = [new Uint8Array(2), new Uint8Array([7, 8, 9])];
  bufs.push(bufs[1].subarray(1, 3));
  bufs[2][0] = 80;
  console.log(bufs.length, bufs[0].length, bufs[1][1], bufs[2].length);
}
