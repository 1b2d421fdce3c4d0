// trim() also removes Unicode white space (NBSP, BOM, line separators, ideographic space).
function show(s: string): void {
  console.log(`[${s.trim()}]`);
}

export function main(): void {
  show("\u00a0nbsp\u00a0");
  show("\ufeffbom");
  show("\u2028ls\u2029");
  show("\u3000ideo\u3000");
  show("\u2003em\u200a");
  show("\u1680ogham");
  show("\u200bzero-width-is-not-space\u200b");
  show("\u0085nel-is-not-space");
}
