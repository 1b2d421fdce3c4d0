// trim() with ASCII whitespace.
function show(s: string): void {
  console.log(`[${s.trim()}]`);
}

export function main(): void {
  show("  hello  ");
  show("\t\n\r x y \r\n\t");
  show("");
  show("   ");
  show("no-space");
  show("\v\fform\f\v");
  show(" inner  space ");
}
