// Number fields of interfaces no other module sees are inferred like class fields: int32_t when
// every object literal and assignment writes an int32 value. Next to them, fields that must stay
// doubles: a fraction in one literal, -0, a sum that leaves int32, a value from a double parameter.

interface Rec {
  prio: number;
  due: number;
  id: number;
}

/** Only one literal of many writes a fraction into `ratio`. */
interface Mixed {
  small: number;
  ratio: number;
  negZero: number;
  grows: number;
}

type Pair = { a: number; b: number };

function rec(i: number, seed: number): Rec {
  return { prio: (seed >>> 16) % 10, due: 1767225600 + ((Math.imul(i, 40503) + 3) & 4095) * 60, id: i };
}

function mixed(i: number, f: number): Mixed {
  return { small: i & 7, ratio: i === 3 ? i / 2 : i, negZero: i === 2 ? -0 : 0, grows: f };
}

function pair(a: number, b: number): Pair {
  const p: Pair = { a: a, b: 0 };
  p.b = b | 0;
  return p;
}

export function main(): void {
  const recs: Rec[] = [];
  let seed = 7;
  for (let i = 0; i < 50; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    recs.push(rec(i, seed));
  }
  recs.sort((x, y) => (x.prio !== y.prio ? x.prio - y.prio : x.due - y.due));
  let h = 0;
  for (const r of recs) h = (Math.imul(h, 31) + r.id) | 0;
  recs[0].id++;
  recs[1].prio += 1;
  console.log(h, recs[0].id, recs[1].prio, recs[2].due, recs[49].due - recs[0].due);
  const ms: Mixed[] = [];
  let g = 1;
  for (let i = 0; i < 5; i++) {
    ms.push(mixed(i, g));
    g = g * 65536 + 1;
  }
  for (const m of ms) console.log(m.small, m.ratio, 1 / m.negZero, m.grows, m.grows % 1000);
  const p = pair(2147483647, 4294967297);
  p.a = p.a + 1;
  console.log(p.a, p.b, pair(-1, 1.5).b);
}
