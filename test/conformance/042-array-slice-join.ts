// slice copies (negative and out-of-range bounds clamp) and join with several separators.
export function main(): void {
  const a: string[] = ["a", "b", "c", "d", "e"];
  console.log(a.slice(1, 3).join(","));
  console.log(a.slice(0, a.length).join(","));
  console.log(a.slice(3).join(","));
  console.log(a.slice(-2).join(","));
  console.log(a.slice(-3, -1).join(","));
  console.log(a.slice(2, 100).join(","));
  console.log(a.slice(4, 2).length);
  const copy = a.slice(0, 2);
  copy[0] = "z";
  console.log(a[0], copy[0]);
  console.log(a.join(""), a.join(" - "), a.join("€"));
  const one: string[] = ["only"];
  console.log(one.join(","));
  const withEmpty: string[] = ["", "", ""];
  console.log(`[${withEmpty.join(",")}]`);
  const nums: number[] = [1, 2, 3, 4];
  const mid = nums.slice(1, 3);
  mid.push(99);
  console.log(nums.length, mid.length, mid[2]);
}
