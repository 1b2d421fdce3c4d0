// The ** operator and **= agree with Math.pow, including JavaScript's NaN for 1 ** Infinity.
export function main(): void {
  console.log(2 ** 53, 2 ** -1, (-2) ** 3, 10 ** 21, 2 ** 0.5);
  console.log(1 ** Infinity, NaN ** 0, 0 ** -1, (-8) ** (1 / 3));
  let x = 3;
  x **= 4;
  console.log(x, 2 ** 3 ** 2);
}
