// Building strings: documents assembled line by line with `+=` (numbers, words, markup), as a
// request body or JSON reply is, then encoded and hashed.
import { utf8Encode } from "../../ts-src/lib/text";

const WORDS: string[] = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];
const LINES = 48;

/** Builds `docs` documents of LINES lines each; returns the hash of their bytes. */
export function run(docs: number): number {
  let h = 0;
  for (let d = 0; d < docs; d++) {
    let doc = "";
    for (let i = 0; i < LINES; i++) {
      const id = d * LINES + i;
      doc += "<item id=\"" + String(id) + "\">" + WORDS[id % 8] + " " + WORDS[(id >> 3) % 8] + "</item>\n";
    }
    for (const b of utf8Encode(doc)) h = (Math.imul(h, 31) + b) | 0;
  }
  return h >>> 0;
}

/** Prints the checksum of a small run. */
export function main(): void {
  console.log(run(10));
}
