// indexOf answers -1 or an index, an int32: locals set from it, and sums, differences and
// bitwise mixes of it, are C integers. Arrays, typed arrays and view-free subarrays; the -1 case
// in each of them, and in a remainder (where -1 % 3 is -1) and a product (0 * -1 is -0).

/** The line ends of a buffer, as offsets from `from` (what a line reader does). */
function lineEnds(bytes: Uint8Array, from: number): string {
  let out = "";
  let at = from;
  for (let k = 0; k < 6; k++) {
    const lf = bytes.subarray(at, bytes.length).indexOf(10);
    if (lf < 0) {
      out += `end@${at} `;
      break;
    }
    const end = (at + lf) | 0;
    const cr = bytes.subarray(at, end).indexOf(13);
    out += `${lf}:${cr}:${end - at}:${(lf ^ cr) & 7} `;
    at = end + 1;
  }
  return out;
}

export function main(): void {
  const text = [104, 105, 13, 10, 10, 97, 98, 99, 10, 120, 13, 121, 10, 122];
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text[i]!;
  console.log(lineEnds(bytes, 0));
  console.log(lineEnds(bytes, 5));
  console.log(lineEnds(bytes, 13));
  const words = ["a", "bb", "ccc"];
  const hit = words.indexOf("bb");
  const miss = words.indexOf("zz");
  console.log(hit, miss, hit + miss, miss - hit, hit * 10, miss % 3, miss * 0, 1 / (miss * 0), miss | 0, miss >>> 28);
  const nums = [3.5, -0, 7];
  const z = nums.indexOf(0);
  console.log(z, nums.indexOf(7), nums.indexOf(NaN), z + nums.indexOf(8) + 1);
  const found = bytes.indexOf(99, 6);
  const none = bytes.indexOf(99, 8);
  console.log(found, none, found + none, (found << 1) - none, Math.max(found, none), none < 0 ? "none" : "some");
}
