// Escape sequences in literals come out as the same characters.
export function main(): void {
  console.log("quote\" apostrophe' backslash\\");
  console.log('single \'quoted\'');
  console.log("tab[\t] cr-lf[\r\n]");
  console.log("\x41\x42\u0043 \u00e9\u00E8 \u20ac \u{1F600}");
  console.log("bell\u0007 del\u007f esc\u001b[0m");
  console.log("surrogate pair \uD83D\uDE00");
}
