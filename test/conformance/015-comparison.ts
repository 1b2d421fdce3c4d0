// Comparisons on numbers with NaN, -0 and infinities; string equality.
export function main(): void {
  const nan = NaN;
  console.log(nan === nan, nan !== nan, nan < 1, nan > 1, nan <= nan, nan >= 0);
  console.log(0 === -0, -0 < 0, -0 <= 0, 1 / 0 === 1 / -0);
  console.log(Infinity > 1e308, -Infinity < -1e308, Infinity === Infinity);
  console.log(1 < 2, 2 <= 2, 3 > 2, 3 >= 4, 5 !== 5, 5 === 5.0);
  console.log(0.1 + 0.2 === 0.3, 0.5 + 0.25 === 0.75);
  const s: string = "ab";
  const t = "a" + "b";
  console.log(s === t, s !== t, s === "abc", "" === "");
}
