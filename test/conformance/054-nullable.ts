// T | null for strings, arrays, typed arrays, classes and interfaces; narrowing and x!.
interface Entry {
  key: string;
  value: number;
}

class Box {
  constructor(public label: string) {}
}

function find(entries: Entry[], key: string): Entry | null {
  for (const e of entries) if (e.key === key) return e;
  return null;
}

function maybeString(n: number): string | null {
  return n > 0 ? `n${n}` : null;
}

function maybeBytes(n: number): Uint8Array | null {
  return n > 0 ? new Uint8Array(n) : null;
}

function maybeList(n: number): number[] | null {
  return n > 0 ? [n, n] : null;
}

function maybeBox(n: number): Box | null {
  return n > 0 ? new Box(`box${n}`) : null;
}

export function main(): void {
  const entries: Entry[] = [];
  entries.push({ key: "a", value: 1 });
  entries.push({ key: "b", value: 2 });
  const hit = find(entries, "b");
  const miss = find(entries, "z");
  console.log(hit !== null, miss === null, hit!.value);
  if (hit !== null) console.log(hit.key);
  console.log(maybeString(3)!, maybeString(0) === null);
  const s = maybeString(5);
  const shown = s === null ? "none" : s;
  console.log(shown);
  // a null string is "null" as text; narrowed to string, it is the string itself
  const none = maybeString(0);
  console.log(`${none}|${s}`, "<" + none + ">", String(none), `${maybeString(0)}${maybeString(2)}`);
  if (none === null && s !== null) console.log(`${s}:${s === "n5"}`, s + "!");
  let grown: string | null = null;
  for (let k = 0; k < 3; k++) grown = `${grown}${maybeString(k)},`;
  console.log(grown);
  console.log(maybeBytes(4)!.length, maybeBytes(0) === null);
  console.log(maybeList(7)!.length, maybeList(-1) === null);
  const b = maybeBox(2);
  if (b === null) return;
  console.log(b.label, maybeBox(0) === null);
  let slot: Box | null = maybeBox(0);
  slot = b;
  console.log(slot.label);
  const slots: (Box | null)[] = [null, b, maybeBox(3)];
  let filled = 0;
  for (const s2 of slots) if (s2 !== null) filled++;
  console.log(filled, slots[0] === null, slots[2]!.label);
}
