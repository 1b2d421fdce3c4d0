// Loops whose turns give back what they allocated, and loops that must not. A turn may build
// strings, arrays and objects that nothing reaches after it; it must keep its memory when it
// stores a reference outside itself: a string or object into an outer variable, a field, a module
// object or an outer array, directly or in a function it calls, or grows an outer array. Under
// ASan the given-back memory is poisoned, so a wrong release is an error there; the first loop
// allocates more in all than the whole program arena holds.
import { utf8Encode, utf8Length } from "../../ts-src/lib/text";

class Box {
  constructor(public label: string, public n: number) {}
}

class Keeper {
  kept: string[] = [];
  last: Box | null = null;
  keep(s: string): void {
    this.kept.push(s);
  }
  hold(b: Box): void {
    this.last = b;
  }
}

/** Remembers s in the keeper's box. */
function remember(k: Keeper, s: string): number {
  k.hold(new Box(s, 0));
  return utf8Length(s);
}

/** A string of 2^k copies of "ab". */
function doubled(k: number): string {
  let s = "ab";
  for (let i = 0; i < k; i++) s = s + s;
  return s;
}

/** Box labels of a fresh array sorted by n, joined. */
function sortedLabels(count: number): string {
  const boxes: Box[] = [];
  for (let i = 0; i < count; i++) boxes.push(new Box("b" + ((i * 7) % count), (i * 7) % count));
  boxes.sort((a: Box, b: Box): number => a.n - b.n);
  const parts: string[] = [];
  for (const b of boxes) parts.push(b.label);
  return parts.join(",");
}

/** The first label past `limit` characters, returned from inside a turn. */
function firstLong(limit: number): string {
  for (let i = 0; i < 100; i++) {
    const s = "label-" + i + "-" + doubled(i % 4);
    if (utf8Length(s) > limit) return s;
  }
  return "";
}

export function main(): void {
  // 80 turns of about 4 MB each: 320 MB in all, more than the program arena's 256 MB
  let total = 0;
  for (let t = 0; t < 80; t++) total += utf8Length(doubled(20)) + t;
  console.log(total);

  // fresh arrays, objects and a sort per turn; continue still gives back
  let hash = 0;
  for (let t = 0; t < 50; t++) {
    const s = sortedLabels(5 + (t % 7));
    if (t % 3 === 0) continue;
    for (const b of utf8Encode(s)) hash = (Math.imul(hash, 31) + b) | 0;
  }
  console.log(hash, sortedLabels(6));

  // strings built by appending in every turn, a string builder reused across turns
  for (let t = 0; t < 4; t++) {
    let line = "";
    for (let i = 0; i <= t; i++) line += "<" + i + ">";
    console.log(line);
  }

  // turns that store outside themselves keep their memory
  let acc = "";
  for (let i = 0; i < 5; i++) acc += "[" + doubled(i % 3) + "]";
  const outer: string[] = [];
  for (let i = 0; i < 5; i++) outer.push("o" + i + doubled(1));
  const slots: string[] = ["", "", ""];
  for (let i = 0; i < 3; i++) slots[i] = "s" + i + doubled(2);
  const holder = new Box("", 0);
  for (let i = 0; i < 3; i++) holder.label = "h" + i + doubled(i);
  const keeper = new Keeper();
  for (let i = 0; i < 3; i++) keeper.keep("k" + i + doubled(1));
  for (let i = 0; i < 3; i++) keeper.hold(new Box("x" + i + doubled(1), i));
  const other = new Keeper();
  let n = 0;
  for (let i = 0; i < 3; i++) n += remember(other, "m" + i + doubled(2));
  let grow = "a";
  for (let s = "a"; utf8Length(s) < 6; s = s + "b") grow = utf8Length(grow) < utf8Length(s) ? grow + "." : grow;
  // overwrite what a wrong release would have given back
  let noise = 0;
  for (let t = 0; t < 20; t++) noise += utf8Length(doubled(6));
  console.log(acc, outer.join("|"), slots.join("|"), holder.label);
  console.log(keeper.kept.join("|"), keeper.last!.label, n, other.last!.label, grow, noise);

  // a string returned from inside a turn that gives back the others
  console.log(firstLong(20), firstLong(1000));
}
