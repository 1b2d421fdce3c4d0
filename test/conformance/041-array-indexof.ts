// indexOf uses strict equality: NaN is never found, -0 finds 0.
export function main(): void {
  const nums: number[] = [1, 2, 0, NaN, 2, -5];
  console.log(nums.indexOf(2), nums.indexOf(0), nums.indexOf(-0), nums.indexOf(NaN), nums.indexOf(7), nums.indexOf(-5));
  const strs: string[] = ["a", "b", "", "é", "b"];
  console.log(strs.indexOf("b"), strs.indexOf(""), strs.indexOf("é"), strs.indexOf("c"), strs.indexOf("a" + ""));
  const flags: boolean[] = [false, false, true];
  console.log(flags.indexOf(true), flags.indexOf(false));
  const empty: number[] = [];
  console.log(empty.indexOf(0));
}
