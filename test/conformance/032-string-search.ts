// startsWith, endsWith and includes, including empty needles and multi-byte text.
function check(s: string, t: string): void {
  console.log(`${s}|${t}`, s.startsWith(t), s.endsWith(t), s.includes(t));
}

export function main(): void {
  check("hello world", "hello");
  check("hello world", "world");
  check("hello world", "o w");
  check("hello world", "");
  check("", "");
  check("", "a");
  check("ab", "abc");
  check("aaa", "aa");
  check("Grüße", "üß");
  check("Grüße", "e");
  check("😀x", "😀");
  check("DTSTART;TZID=Europe/Berlin:20261127T090000", "DTSTART");
  check("abcabd", "abd");
}
