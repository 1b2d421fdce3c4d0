// split with a non-empty separator: empty pieces, separators at the ends, multi-byte separators.
function show(s: string, sep: string): void {
  const parts = s.split(sep);
  console.log(parts.length, `[${parts.join("|")}]`);
}

export function main(): void {
  show("a,b,c", ",");
  show("a,,b", ",");
  show(",a,", ",");
  show("", ",");
  show(",", ",");
  show("abc", ",");
  show("abc", "abc");
  show("a::b::c", "::");
  show("a:::b", "::");
  show("x€y€z", "€");
  show("BEGIN:VTODO\r\nUID:1\r\nEND:VTODO", "\r\n");
  show("aaaa", "aa");
  const fields = "2026-11-27".split("-");
  console.log(fields[0], fields[1], fields[2]);
}
