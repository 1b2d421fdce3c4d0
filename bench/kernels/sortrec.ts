// Sorting records: rounds of task-like objects sorted by priority then due time with a comparator,
// the resulting order folded into a hash.

/** A task-like record; `due` is unique within a round, so the order is total. */
interface Rec {
  prio: number;
  due: number;
  id: number;
}

const COUNT = 4096;
const EPOCH = 1767225600;

/** Priority first, then the earlier due time. */
function byPrioThenDue(a: Rec, b: Rec): number {
  if (a.prio !== b.prio) return a.prio - b.prio;
  return a.due - b.due;
}

/** Sorts `rounds` fresh arrays of COUNT records; returns the hash of the ids in sorted order. */
export function run(rounds: number): number {
  let seed = 7;
  let h = 0;
  for (let r = 0; r < rounds; r++) {
    const recs: Rec[] = [];
    for (let i = 0; i < COUNT; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      const rec: Rec = { prio: (seed >>> 16) % 10, due: EPOCH + ((Math.imul(i, 40503) + r) & (COUNT - 1)) * 60, id: i };
      recs.push(rec);
    }
    recs.sort(byPrioThenDue);
    for (const rec of recs) h = (Math.imul(h, 31) + rec.id) | 0;
  }
  return h >>> 0;
}

/** Prints the checksum of a small run. */
export function main(): void {
  console.log(run(2));
}
