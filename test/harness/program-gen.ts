// Random programs of the compiler's subset for differential testing: numbers through locals, loops,
// parameters, returns, class fields, interface fields, numeric enums, typed arrays and arrays of
// arrays, in the shapes the integer lowering (docs/LANGUAGE.md, Integers) reasons about —
// counters, scans, hashes, narrowed remainders, floor divisions — mixed with the values that
// break such reasoning (-0, fractions, NaN, infinities, int32 and 2^53 edges). Every program
// ends, stays in bounds and prints what it computes, so Node and the compiled C can be compared
// byte for byte. A seed gives one program.

import { seeded } from "./random";

/** Literals chosen for the edges of the integer lowering. */
const EDGES = [
  "0", "1", "2", "3", "7", "10", "31", "255", "256", "1000", "65535", "65536", "2147483647", "-2147483648",
  "2147483648", "4294967295", "4294967296", "9007199254740991", "-1", "-7", "0.5", "-0.5", "1.5", "2.5",
  "-0", "1e21", "0.1", "1103515245", "12345", "-2147483647", "1073741824", "-9007199254740991",
];
/** What every generated function receives after its numbers, with its type. */
const SHARED_PARAMS: [string, string][] = [
  ["ints", "Int32Array"], ["bytes", "Uint8Array"], ["halves", "Uint16Array"], ["words", "number[]"], ["list", "number[]"], ["grid", "number[][]"],
  ["acc", "Acc"], ["pt", "Pair"], ["recs", "Rec[]"],
];
const SHARED = SHARED_PARAMS.map(([name]) => name);
/** A rough bound on the operations of one function, calls included, to keep every program quick. */
const BUDGET = 4000;
const SMALL = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "12", "16", "31", "100"];
const LEVELS = ["Level.Low", "Level.Mid", "Level.High", "Level.Top"];

interface Fn {
  name: string;
  params: number;
  /** A rough count of the operations one call performs, to keep every program quick. */
  cost: number;
}

/** One random program (a module exporting main) for a seed. */
export function generateProgram(seed: number): string {
  const { rnd, pick, chance, int } = seeded(seed);

  const out: string[] = [];
  const fns: Fn[] = [];
  const consts: string[] = [];
  let fresh = 0;

  // ---- what an expression may read, per function being written
  let vars: string[] = [];
  /** Whether the shared arrays and objects (SHARED) are in scope: in the generated functions. */
  let shared = false;
  /** The loop multiplier of the statement being written. */
  let weight = 1;
  let callees: Fn[] = [];
  let spent = 0;
  /** Whether a break or continue would leave a for loop (a while loop's countdown must run). */
  let inFor = false;
  /** Labels of the enclosing for loops, which any statement inside may leave. */
  const labels: string[] = [];
  /** Whether the expression is inside Vec, whose methods must not make a Vec and call them again. */
  let inVec = false;

  const literal = (): string => (chance(0.6) ? pick(SMALL) : pick(EDGES));
  const paren = (s: string): string => (/^-/.test(s) ? `(${s})` : s);

  function leaf(): string {
    const r = rnd();
    if (r < 0.3) return literal();
    if (r < 0.75 && vars.length) return pick(vars);
    if (r < 0.8 && consts.length) return pick(consts);
    if (r < 0.84) return pick(LEVELS);
    if (r < 0.9 && shared) {
      return pick([`ints[${expr(1)} & 7]`, `bytes[${expr(1)} & 15]`, `halves[${expr(1)} & 7]`, `words[(${expr(1)} >>> 0) % 5]`, "ints.length", "list.length", "recs.length",
        `(recs.length > 0 ? recs[(${expr(1)} >>> 0) % recs.length].${pick(["k", "v"])} : -1)`, "grid.length",
        `(grid.length > 0 ? grid[(${expr(1)} >>> 0) % grid.length].length : -1)`,
        `(grid.length > 0 && grid[0].length > 0 ? grid[0][(${expr(1)} >>> 0) % grid[0].length] : -2)`]);
    }
    if (shared) return pick(["acc.n", "acc.total", "acc.scale", "pt.a", "pt.b"]);
    return literal();
  }

  function call(d: number): string | null {
    const ok = callees.filter((f) => spent + weight * f.cost <= BUDGET);
    if (!ok.length) return null;
    const f = pick(ok);
    spent += weight * f.cost;
    return `${f.name}(${[...Array.from({ length: f.params }, () => expr(d - 1)), ...SHARED].join(", ")})`;
  }

  function expr(d: number): string {
    if (d <= 0 || chance(0.25)) return leaf();
    const a = (): string => expr(d - 1);
    const r = int(0, 35);
    switch (r) {
      case 0: case 1: return `(${a()} + ${a()})`;
      case 2: return `(${a()} - ${a()})`;
      case 3: return `(${a()} * ${paren(a())})`;
      case 4: return `(${a()} / ${paren(a())})`;
      case 5: return `(${a()} % ${paren(a())})`;
      case 6: return `(${a()} | 0)`;
      case 7: return `(${a()} & ${a()})`;
      case 8: return `(${a()} ^ ${a()})`;
      case 9: return `(${a()} << ${pick(SMALL)})`;
      case 10: return `(${a()} >> ${a()})`;
      case 11: return `(${a()} >>> ${pick(["0", "1", "8", "16", "31"])})`;
      case 12: return `Math.imul(${a()}, ${a()})`;
      case 13: return `Math.floor(${a()} / ${paren(a())})`;
      case 14: return `Math.${pick(["floor", "ceil", "round", "trunc", "abs", "sign"])}(${a()})`;
      case 15: return `Math.${pick(["max", "min"])}(${a()}, ${a()})`;
      case 16: return `(${cond(d - 1)} ? ${a()} : ${a()})`;
      case 17: return `(-${paren(a())})`;
      case 18: return `(~${paren(a())})`;
      case 19: return `((${a()} / ${paren(a())}) | 0)`;
      case 20: return `((${a()} >>> 0) % ${int(1, 40)})`;
      case 21: return `(${a()} % ${int(1, 40)})`;
      case 22: return `((Math.imul(${a()}, 31) + ${a()}) | 0)`;
      case 23: return `(${int(1, 9)} + (${a()} & ${pick(["3", "7", "15", "255"])}))`;
      case 24: case 25: return call(d) ?? `(${a()} + 1)`;
      // the base of ** is a product: esbuild (tsx, the Node side) writes an enum member as its
      // value, and `(-3 /* Low */ ** 2)` is a syntax error
      case 26: return pick([`Math.sqrt(Math.abs(${a()}))`, `Math.pow(${a()}, ${pick(["2", "0.5", "-1"])})`, `Math.hypot(${a()}, ${a()})`, `((1 * ${paren(a())}) ** 2)`]);
      case 27: return `(String(${a()}) === String(${a()}) ? ${a()} : ${a()})`;
      case 28: return shared ? pick([`words.indexOf(${a()})`, `bytes.indexOf(${a()} & 255)`, `ints.subarray(${a()} & 3, 4 + (${a()} & 3)).indexOf(${a()})`]) : leaf();
      case 30: if (inVec || !shared) return leaf();
        return pick([`rec(${a()} & 7, ${a()})`, `twice(${a()})`, `apply(twice, ${a()})`, `apply((y: number): number => (y * 3) | 1, ${a()})`]);
      case 29: if (inVec) return leaf();
        return `new Vec(${a()}, ${a()}).${pick(["sum()", "dot(new Vec(2, -1))", "scaled(3).sum()"])}`;
      case 31: return `levelOf(${a()})`;
      case 32: return `(levelOf(${a()}) === ${pick(LEVELS)} ? ${a()} : ${a()})`;
      default: return leaf();
    }
  }

  function cond(d: number): string {
    const a = (): string => expr(Math.max(d, 0));
    const r = int(0, 9);
    // === between two literal types is a type error, so its left side is always a variable's value,
    if (r < 5) {
      const op = pick(["<", "<=", ">", ">=", "===", "!=="]);
      // and no bare name either, which TypeScript would narrow to a literal type for what follows
      return `${op.length === 3 && vars.length ? `${pick(vars)} * 1` : a()} ${op.length === 3 && !vars.length ? "<" : op} ${a()}`;
    }
    if (r === 5) return `(${a()} & 1) === 0`;
    if (r === 6) return `Number.isInteger(${a()})`;
    if (r === 7 && d > 0) return `(${cond(d - 1)} && ${cond(d - 1)})`;
    if (r === 8 && d > 0) return `(${cond(d - 1)} || !(${cond(d - 1)}))`;
    // right operands comparing fields and one-line methods' results: C may evaluate them eagerly
    if (r === 9 && d > 0 && shared) {
      return pick([
        `(${cond(d - 1)} && pt.a < acc.total)`,
        `(${cond(d - 1)} || acc.value() >= pt.b)`,
        `(${cond(d - 1)} && new Vec(${a()}, ${a()}).ahead(new Vec(pt.a, pt.b)))`,
      ]);
    }
    return `${a()} < ${a()}`;
  }

  // ---- statements
  function statements(indent: string, n: number, depth: number, locals: string[]): string[] {
    const lines: string[] = [];
    for (let k = 0; k < n; k++) lines.push(...statement(indent, depth, locals));
    return lines;
  }

  function statement(indent: string, depth: number, locals: string[]): string[] {
    const r = int(0, 28);
    const target = locals.length ? pick(locals) : null;
    const d = int(1, 3);
    if (r <= 1 || !target) {
      const v = `v${fresh++}`;
      // typed: an initializer from levelOf() would make it a Level, which later writes of numbers are not
      const line = `${indent}let ${v}: number = ${expr(d)};`;
      locals.push(v);
      vars.push(v);
      return [line];
    }
    switch (r) {
      case 2: return [`${indent}${target} = ${expr(d)};`];
      case 3: return [`${indent}${target} ${pick(["+=", "-=", "|=", "^=", "&="])} ${expr(d)};`];
      case 4: return [`${indent}${target}${pick(["++", "--"])};`];
      case 5: return [`${indent}${target} = (Math.imul(${target}, ${pick(["31", "1103515245", "40503"])}) + ${expr(d)}) | 0;`];
      case 6: return [`${indent}${target} = (${target} + ${expr(d)}) | 0;`];
      case 7: case 8: {
        if (depth >= 3) return [`${indent}${target} += ${expr(1)};`];
        const lines = [`${indent}if (${cond(1)}) {`, ...block(indent, depth, locals)];
        if (chance(0.5)) lines.push(`${indent}} else {`, ...block(indent, depth, locals));
        lines.push(`${indent}}`);
        return lines;
      }
      case 9: case 10: {
        if (depth >= 3 || weight > 256) return [`${indent}${target} -= ${expr(1)};`];
        const i = `i${fresh++}`;
        const step = pick(["i++", "i += 1", "i += 2", "++i"]).replace("i", i);
        const cmp = pick(["<", "<="]);
        const head: string[] = [];
        let test: string;
        let start: string;
        if (chance(0.3) && vars.length) {
          // from a value near the int32 or 2^53 edges: a guard ends the loop where i + 1 === i
          const from = pick(vars);
          const g = `g${fresh++}`;
          const k = int(1, 6);
          head.push(`${indent}let ${g} = 0;`);
          start = from;
          test = `${i} ${cmp} ${from} + ${k} && ${g}++ < ${k}`;
        } else {
          start = pick(["0", "0", "1", `(${expr(1)} & 3)`]);
          test = `${i} ${cmp} ${pick([String(int(0, 12)), `(${expr(1)} & 15)`, "ints.length", `(${expr(1)} >>> 28)`])}`;
        }
        const label = chance(0.25) ? `outer${fresh++}` : null;
        vars.push(i);
        if (label) labels.push(label);
        const body = loopBody(17, true, () => block(indent, depth, locals));
        if (label) labels.pop();
        vars.splice(vars.indexOf(i), 1);
        return [...head, `${indent}${label ? `${label}: ` : ""}for (let ${i} = ${start}; ${test}; ${step}) {`, ...body, `${indent}}`];
      }
      case 11: {
        if (depth >= 3 || weight > 256) return [`${indent}${target} ^= ${expr(1)};`];
        // a scan, then a countdown
        const j = `j${fresh++}`;
        const end = pick(["ints.length", "bytes.length", String(int(0, 20))]);
        const lines = [`${indent}let ${j} = ${pick(["0", "1", `(${expr(1)} & 7)`])};`];
        lines.push(`${indent}while (${j} < ${end} && ${pick([`bytes[${j} & 15] !== ${int(0, 9)}`, `${j} !== ${int(0, 30)}`, `ints[${j} & 7] >= 0`])}) ${pick([`${j}++`, `${j} += 1`, `++${j}`])};`);
        lines.push(`${indent}${target} = ${pick([`${target} + ${j}`, `${j}`, `(${target} ^ ${j}) | 0`])};`);
        locals.push(j);
        vars.push(j);
        return lines;
      }
      case 12: {
        if (depth >= 3 || weight > 256) return [`${indent}${target} = ${expr(1)};`];
        const k = `k${fresh++}`;
        const init = `${indent}let ${k} = (${expr(1)}) & 31;`;
        // the body may read the countdown but not write it: it is no local of the body
        vars.push(k);
        const body = loopBody(33, false, () => block(indent, depth, locals, [`${k}--;`]));
        locals.push(k);
        return [init, `${indent}while (${k} > 0) {`, ...body, `${indent}}`];
      }
      case 13: return shared ? [`${indent}ints[${expr(1)} & 7] = ${expr(d)};`] : [`${indent}${target} = -${paren(target)};`];
      case 14: return shared ? [`${indent}bytes[${expr(1)} & 15] = ${expr(d)};`] : [`${indent}${target} = ${target} % 7;`];
      case 15: return shared ? [`${indent}if (list.length < 64) list.push(${expr(d)});`] : [`${indent}${target} *= 2;`];
      case 16: return shared ? [`${indent}words[(${expr(1)} >>> 0) % 5] = ${expr(d)};`] : [`${indent}${target} = ${target} >>> 1;`];
      case 17: return shared ? [`${indent}acc.add(${expr(d)});`] : [`${indent}${target} = ${target} | 0;`];
      case 18: return shared ? [`${indent}pt.${pick(["a", "b"])} = ${expr(d)};`] : [`${indent}${target} = ${target} << 1;`];
      case 19: return [`${indent}${target} = Math.floor(${target} / ${int(1, 12)});`];
      case 20: return weight <= 17 ? [`${indent}console.log(${expr(d)}, ${target});`] : [`${indent}${target} = ${target} - 1;`];
      case 22: {
        if (depth >= 3) return [`${indent}${target} = ${expr(1)} & ${target};`];
        const lines = [`${indent}switch (${expr(1)} & 3) {`];
        for (const c of ["case 0:", "case 1:", "case 2:", "default:"].filter(() => chance(0.7))) {
          lines.push(`${indent}  ${c}`, ...block(`${indent}  `, depth, locals));
          if (chance(0.7)) lines.push(`${indent}    break;`);
        }
        lines.push(`${indent}}`);
        return lines;
      }
      case 23:
        if (labels.length && chance(0.5)) return [`${indent}if (${cond(1)}) ${pick(["break", "continue"])} ${pick(labels)};`];
        return inFor ? [`${indent}if (${cond(1)}) ${pick(["break", "continue"])};`] : [`${indent}${target} = ${target} / 2;`];
      case 24: return shared ? [pick([
        `${indent}if (recs.length < 40) recs.push({ k: (${expr(1)}) | 0, v: ${expr(d)} });`,
        `${indent}recs.sort((a, b) => a.k - b.k);`,
        `${indent}recs.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));`,
        `${indent}recs.sort(${pick(["byKey", "byValue"])});`,
        `${indent}if (recs.length > 0) recs[(${expr(1)} >>> 0) % recs.length].v = ${expr(d)};`,
        `${indent}if (list.length > 0) ${target} = list.pop()!;`,
        `${indent}list.sort((a, b) => a - b);`,
        `${indent}ints.fill(${expr(1)});`,
        `${indent}ints.set(ints.subarray(0, 4), 4);`,
        `${indent}bytes.set(bytes.subarray(${expr(1)} & 7, 8), 8);`,
        `${indent}halves[${expr(1)} & 7] = ${expr(d)};`,
        `${indent}halves.set(halves.subarray(${expr(1)} & 3, 4), 4);`,
        `${indent}if (grid.length < 6) grid.push([${expr(1)}, ${expr(1)}]);`,
        `${indent}if (grid.length > 0 && grid[grid.length - 1].length < 8) grid[grid.length - 1].push(${expr(d)});`,
        `${indent}if (grid.length > 0) grid[(${expr(1)} >>> 0) % grid.length].sort((a, b) => a - b);`,
      ])] : [`${indent}${target} = 0;`];
      case 25: return weight <= 17 ? [`${indent}console.log(\`${target}=\${${target}} \${${expr(d)}}\`);`] : [`${indent}${target} = ~${target};`];
      case 26: {
        if (depth >= 3 || weight > 256) return [`${indent}${target} = ${target} + 0.5;`];
        const k = `k${fresh++}`;
        const init = `${indent}let ${k} = (${expr(1)}) & 7;`;
        vars.push(k);
        const body = loopBody(9, false, () => block(indent, depth, locals, [`${k}--;`]));
        locals.push(k);
        return [init, `${indent}do {`, ...body, `${indent}} while (${k} > 0);`];
      }
      case 27: {
        if (depth >= 3) return [`${indent}${target} = levelOf(${target}) + ${pick(LEVELS)};`];
        // a local of the enum's type, set from levelOf and compared with members
        const l = `l${fresh++}`;
        const lines = [`${indent}let ${l}: Level = levelOf(${expr(1)});`, `${indent}switch (${l}) {`];
        for (const c of [...LEVELS.map((m) => `case ${m}:`), "default:"].filter(() => chance(0.6))) {
          lines.push(`${indent}  ${c}`, ...block(`${indent}  `, depth, locals));
          if (chance(0.7)) lines.push(`${indent}    break;`);
        }
        lines.push(`${indent}}`, `${indent}if (${l} !== ${pick(LEVELS)}) ${l} = ${pick(LEVELS)};`, `${indent}${target} = ${pick([`${l}`, `${target} + ${l}`, `(${l} | 0) ^ ${target}`])};`);
        return lines;
      }
      case 28: {
        if (depth >= 3 || weight > 256 || !shared) return [`${indent}${target} = ${target} + ${int(0, 3)};`];
        if (chance(0.25)) {
          // a position advanced on each trip of a for loop whose counter bounds its trips, in a
          // buffer of fixed length: at most 4 trips of at most 3 bytes from at most 3 stay
          // within its 16
          const p = `at${fresh++}`;
          const w = `w${fresh++}`;
          const buf = `out${fresh++}`;
          const trips = int(1, 4);
          const test = pick([`${w} < ${trips}`, `${w} <= ${trips - 1}`, `${trips} > ${w}`, `${w} < ${trips} && ${cond(1)}`]);
          const lines = [
            `${indent}const ${buf} = new Uint8Array(16);`,
            `${indent}let ${p} = ${pick(["0", `(${expr(1)} & 3)`])};`,
            `${indent}for (let ${w} = 0; ${test}; ${pick([`${w}++`, `++${w}`, `${w} += 1`])}) {`,
            `${indent}  ${buf}[${p}++] = ${expr(1)};`,
            `${indent}  if (${cond(1)}) ${p} = fillRun(${buf}, ${p}, ${int(0, 2)});`,
            `${indent}}`,
            `${indent}${target} = ${pick([`${target} + ${p} + ${buf}[${p} & 15]`, `(${target} ^ ${p} ^ ${buf}[${int(0, 15)}]) | 0`])};`,
          ];
          vars.push(p);
          return lines;
        }
        if (chance(0.5)) {
          // a write position stepped after stores (checked, or within bytes' fixed length) and
          // moved by a call returning at + n
          const p = `at${fresh++}`;
          const room = int(3, 5);
          const lines = [
            `${indent}let ${p} = ${pick(["0", `(${expr(1)} & 3)`])};`,
            `${indent}while (${p} < bytes.length - ${room}) {`,
            `${indent}  bytes[${pick([`${p}++`, `++${p}`])}] = ${expr(1)};`,
            `${indent}  if (${expr(1)} > ${pick(SMALL)}) ${p} = fillRun(bytes, ${p}, ${int(0, room - 1)});`,
            `${indent}  else if (${p} === ${int(0, 12)}) break;`,
            `${indent}}`,
            `${indent}${target} = ${pick([`${target} + ${p}`, `(${target} ^ ${p}) | 0`, `${p} - ${target}`])};`,
          ];
          vars.push(p);
          return lines;
        }
        // a scan whose index steps past its bound once the test failed; its reads sit behind
        // the length test in its forms (`n > q`, negated, an early break, `||`, `?:`)
        const q = `sc${fresh++}`;
        const n = `hits${fresh++}`;
        const len = pick(["bytes.length", `len${fresh++}`]);
        const below = pick([`${q} < ${len}`, `${len} > ${q}`, `!(${q} >= ${len})`]);
        const lines = [
          `${indent}let ${q} = ${pick(["0", "1"])};`,
          `${indent}let ${n} = 0;`,
          ...(len === "bytes.length" ? [] : [`${indent}const ${len} = bytes.length;`]),
          ...(chance(0.5) ? [`${indent}while (${below}) {`] : [`${indent}while (${q} !== -1) {`, `${indent}  if (${q} >= ${len}) break;`]),
          `${indent}  if (bytes[${q}] ${pick(["<", "!==", ">="])} ${int(0, 200)}) {`,
          `${indent}    ${q}++;`,
          `${indent}    continue;`,
          `${indent}  }`,
          `${indent}  ${q}++;`,
          `${indent}  while (${pick([below, `${q} < ${len}`])} && bytes[${q}] ${pick(["<", ">"])} ${int(0, 255)}) ${q}++;`,
          `${indent}  ${pick([`if (${q} >= ${len} || bytes[${q}] > ${int(0, 255)}) ${n}++;`, `${n} += ${below} ? bytes[${q}] & 3 : 0;`, `${q}${pick(["++", " += 1"])};`])}`,
          `${indent}  ${q}${pick(["++", " += 1"])};`,
          `${indent}  ${n}++;`,
          `${indent}}`,
          `${indent}${target} = ${pick([`${target} + ${q} * ${n}`, `(${target} ^ (${q} - ${n})) | 0`, `${q} + ${n}`])};`,
        ];
        vars.push(q, n);
        return lines;
      }
      default: return [`${indent}${target} = ${expr(d)};`];
    }
  }

  /** Runs write with the state of a loop body: `factor` times the work, break/continue for `isFor`. */
  function loopBody<T>(factor: number, isFor: boolean, write: () => T): T {
    const [savedWeight, savedFor] = [weight, inFor];
    weight *= factor;
    inFor = isFor;
    try {
      return write();
    } finally {
      [weight, inFor] = [savedWeight, savedFor];
    }
  }

  function block(indent: string, depth: number, locals: string[], tail: string[] = []): string[] {
    const before = vars.length;
    const lines = statements(`${indent}  `, int(1, 4), depth + 1, [...locals]);
    // names declared in the block go out of scope with it
    vars = vars.slice(0, before);
    return [...lines, ...tail.map((t) => `${indent}  ${t}`)];
  }

  // ---- the module
  out.push(`// generated by test/harness/program-gen.ts, seed ${seed}`);
  for (let c = 0; c < int(1, 4); c++) {
    const name = `K${c}`;
    out.push(`const ${name} = ${chance(0.7) ? pick(SMALL) : pick(EDGES)};`);
    consts.push(name);
  }
  out.push("");
  // members with an explicit value (an edge), the next one implicit, and computed ones
  out.push("/** Levels: explicit, implicit and computed members. */");
  out.push("enum Level {");
  out.push(`  Low = ${pick(["-3", "0", "1", "-2147483648", "2147483647", "4294967295", "-1"])},`);
  out.push("  Mid,");
  out.push(`  High = ${pick(["7", "100", "65536", "0.5", "-0", "2147483648", "9007199254740991"])},`);
  out.push(`  Top = ${pick(["Mid << 2", "High * 2", "Low | 1", "~Mid", "Mid + High", "Low >>> 1"])},`);
  out.push("}");
  out.push("");
  out.push("/** The level of x. */");
  out.push("function levelOf(x: number): Level {");
  out.push("  if (x < 0) return Level.Low;");
  out.push("  if (x === 0) return Level.Mid;");
  out.push(`  return x > ${pick(SMALL)} ? Level.Top : Level.High;`);
  out.push("}");
  out.push("");
  out.push("/** Writes n bytes from at on; returns the position after them. */");
  out.push("function fillRun(buf: Uint8Array, at: number, n: number): number {");
  out.push(`  for (let i = 0; i < n; i++) buf[at + i] = (at * ${pick(["3", "7", "31"])} + i) & 255;`);
  out.push("  return at + n;");
  out.push("}");
  out.push("");
  out.push("/** Fields stepped, summed and scaled by its methods. */");
  out.push("class Acc {");
  out.push("  n: number = 0;");
  out.push("  total: number = 0;");
  out.push("  level: Level = Level.Mid;");
  out.push("  constructor(public scale: number) {}");
  vars = ["this.n", "this.total", "this.scale", "v"];
  shared = false;
  callees = [];
  out.push("  add(v: number): void {");
  out.push("    this.n++;");
  out.push("    if (this.level !== Level.Top) this.level = levelOf(v);");
  out.push(`    this.total = ${expr(2)};`);
  out.push("  }");
  vars = ["this.n", "this.total", "this.scale"];
  out.push("  value(): number {");
  out.push(`    return ${expr(2)};`);
  out.push("  }");
  out.push("}");
  out.push("");
  out.push("/** An immutable pair of numbers (a value class in C). */");
  out.push("class Vec {");
  out.push("  constructor(");
  out.push("    public x: number,");
  out.push("    public y: number,");
  out.push("  ) {}");
  out.push("  sum(): number {");
  vars = ["this.x", "this.y"];
  inVec = true;
  out.push(`    return ${expr(2)};`);
  inVec = false;
  out.push("  }");
  out.push("  dot(o: Vec): number {");
  out.push("    return this.x * o.x + this.y * o.y;");
  out.push("  }");
  out.push("  ahead(o: Vec): boolean {");
  out.push("    return this.x < o.x || (this.x === o.x && this.sum() < o.sum()) || (this.y !== this.y && o.y > -1);");
  out.push("  }");
  out.push("  scaled(k: number): Vec {");
  out.push("    return new Vec(this.x * k, this.y * k);");
  out.push("  }");
  out.push("}");
  out.push("");
  out.push("/** A keyed record, sorted stably by its integer key. */");
  out.push("interface Rec {");
  out.push("  k: number;");
  out.push("  v: number;");
  out.push("}");
  out.push("");
  out.push("/** Only ever handed to sort(): an integer return in C. */");
  out.push("function byKey(a: Rec, b: Rec): number {");
  out.push("  return a.k - b.k;");
  out.push("}");
  out.push("");
  out.push("/** Orders by value, NaN and -0 included, through comparisons of doubles. */");
  out.push("function byValue(a: Rec, b: Rec): number {");
  out.push("  return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;");
  out.push("}");
  out.push("");
  out.push("/** Two numbers in an object literal. */");
  out.push("interface Pair {");
  out.push("  a: number;");
  out.push("  b: number;");
  out.push("}");
  out.push("");

  // recursion that ends (n falls by one from at most 7, and !(n > 0) stops NaN too), a function
  // used as a value, and a non-capturing arrow
  vars = ["x"];
  shared = false;
  callees = [];
  out.push("/** Generated recursion. */");
  out.push("function rec(n: number, x: number): number {");
  out.push(`  if (!(n > 0)) return ${expr(2)};`);
  vars = ["x", "n"];
  out.push(`  return rec(n - 1, ${expr(2)}) ${pick(["+", "-", "^", "*"])} ${expr(1)};`);
  out.push("}");
  out.push("");
  vars = ["x"];
  out.push(`const twice = (x: number): number => ${expr(2)};`);
  out.push("");
  out.push("/** Calls a function passed as a value. */");
  out.push("function apply(f: (x: number) => number, v: number): number {");
  out.push("  return f(v) + f(-v);");
  out.push("}");
  out.push("");

  const count = int(2, 5);
  for (let f = 0; f < count; f++) {
    const ps = Array.from({ length: int(1, 3) }, (_, i) => `p${i}`);
    const name = `f${f}`;
    spent = 0;
    weight = 1;
    vars = [...ps];
    shared = true;
    callees = [...fns];
    const locals = [...ps];
    const body = statements("  ", int(2, 6), 0, locals);
    body.push(`  return ${expr(2)};`);
    out.push(`/** Generated function ${f}. */`);
    const params = [...ps.map((p) => `${p}: number`), ...SHARED_PARAMS.map(([n, t]) => `${n}: ${t}`)];
    out.push(`function ${name}(${params.join(", ")}): number {`);
    out.push(...body);
    out.push("}");
    out.push("");
    fns.push({ name, params: ps.length, cost: 40 + spent });
  }

  // main calls each function with argument lists of one kind (small ints, edges, anything), so
  // some parameters stay integers program-wide and others do not
  out.push("/** Calls every function with several argument lists and prints the results and the state. */");
  out.push("export function main(): void {");
  out.push("  const ints = new Int32Array(8);");
  out.push("  const bytes = new Uint8Array(16);");
  out.push("  const halves = new Uint16Array(8);");
  out.push("  const grid: number[][] = [];");
  out.push("  const words: number[] = [1, 2, 3, 4, 5];");
  out.push("  const list: number[] = [];");
  out.push("  const recs: Rec[] = [];");
  out.push(`  const acc = new Acc(${pick(SMALL)});`);
  out.push(`  const pt: Pair = { a: ${literal()}, b: ${literal()} };`);
  for (const f of fns) {
    const kind = int(0, 2);
    const arg = (): string => (kind === 0 ? pick(SMALL) : kind === 1 ? pick([...SMALL, ...EDGES.filter((e) => !e.includes(".") && e !== "-0" && e !== "1e21")]) : pick(EDGES));
    for (let c = 0; c < int(1, 4); c++) {
      const args = Array.from({ length: f.params }, arg);
      out.push(`  console.log(${f.name}(${[...args, ...SHARED].join(", ")}));`);
    }
  }
  out.push("  for (const x of ints) console.log(x);");
  out.push("  for (const x of bytes) console.log(x);");
  out.push("  for (const x of halves) console.log(x);");
  out.push("  for (const row of grid) console.log(row.length, row.join(\",\"));");
  out.push("  console.log(words.join(\",\"), list.length, list.join(\",\"));");
  out.push("  for (const r of recs) console.log(r.k, r.v);");
  out.push("  console.log(acc.n, acc.total, acc.value(), acc.level, pt.a, pt.b, Level.Low, Level.Mid, Level.High, Level.Top);");
  out.push("}");
  return out.join("\n") + "\n";
}
