// Every way a comparator reaches sort(): a named function and an arrow (called directly from an
// ordering function of the module), and a comparator held in a constant, passed as a parameter or
// chosen at run time (called through a pointer). Elements are numbers, strings, records and value
// classes; a comparator answering NaN, -0 or fractions orders as JavaScript does.
import { compareStrings, utf8Length } from "../../ts-src/lib/text";

interface Task {
  prio: number;
  due: number;
  name: string;
}

/** An immutable point: held by value in the array. */
class Pt {
  constructor(
    public x: number,
    public y: number,
  ) {}
}

function byPrio(a: Task, b: Task): number {
  return a.prio - b.prio;
}

/** Only ever handed to sort(): its C return is an integer, as the fields it subtracts. */
function byDueDescending(a: Task, b: Task): number {
  return b.due - a.due;
}

/** Never negative (an unsigned C return): every pair is equal, so the order stays. */
function neverBefore(a: Task, b: Task): number {
  return (a.due - b.due) >>> 0;
}

function byDueThenName(a: Task, b: Task): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  return compareStrings(a.name, b.name);
}

/** NaN for pairs in one bucket of 5: those count as equal, so their order stays; fractions otherwise. */
function sometimesNaN(a: number, b: number): number {
  const ka = Math.floor(a / 5);
  const kb = Math.floor(b / 5);
  return ka === kb ? NaN : (ka - kb) / 7;
}

function sortWith(list: Task[], cmp: (a: Task, b: Task) => number): string {
  list.sort(cmp);
  const out: string[] = [];
  for (const t of list) out.push(`${t.name}:${t.prio}:${t.due}`);
  return out.join(" ");
}

export function main(): void {
  const tasks: Task[] = [];
  for (let i = 0; i < 24; i++) tasks.push({ prio: (i * 5) % 4, due: (i * 7919) % 13, name: `t${(i * 11) % 24}` });
  tasks.sort(byPrio);
  console.log(sortWith(tasks.slice(0, 24), byDueThenName));
  let names = "";
  for (const t of tasks) names += `${t.name},`;
  console.log(names);
  const viaConst = (a: Task, b: Task): number => b.due - a.due;
  console.log(sortWith(tasks, viaConst));
  const pick = tasks.length > 20 ? byPrio : byDueThenName;
  console.log(sortWith(tasks, pick));
  const copy = tasks.slice(0, 24);
  copy.sort(byDueDescending);
  copy.sort(neverBefore);
  let dues = "";
  for (const t of copy) dues += `${t.due}:${t.name} `;
  console.log(dues);

  const nums: number[] = [];
  for (let i = 0; i < 40; i++) nums.push(((i * 37) % 41) - 20 + (i % 4) / 4);
  nums.push(-0, 0, 1e300, -1e300);
  nums.sort(sometimesNaN);
  console.log(nums.join(","));
  nums.sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
  console.log(nums.join(","), 1 / nums[nums.indexOf(0)]!);

  const words: string[] = ["pear", "Äpfel", "apple", "", "banana", "😀", "apple"];
  words.sort(compareStrings);
  console.log(words.join("|"));
  words.sort((a, b) => utf8Length(b) - utf8Length(a));
  console.log(words.join("|"));

  const pts: Pt[] = [];
  for (let i = 0; i < 12; i++) pts.push(new Pt((i * 5) % 7, i));
  pts.sort((a, b) => a.x - b.x);
  let line = "";
  for (const p of pts) line += `${p.x}/${p.y} `;
  console.log(line);
}
