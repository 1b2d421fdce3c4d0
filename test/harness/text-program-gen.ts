// Random programs of the compiler's subset about text, for differential testing beside
// program-gen.ts (numbers): strings built by `+`, `+=` (the C builder that appends into the room
// after a string, with aliases taken between appends), template literals and String(n); compared,
// searched, split, joined, trimmed (every kind of JavaScript white space), lower- and upper-cased,
// encoded to UTF-8 and decoded again from any byte range (invalid sequences included); arrays of
// strings pushed, popped, sorted and searched; nullable strings and a linked list of nullable
// objects; strings in class fields and switch cases; a second module whose constants (one computed
// from another), function, class and string-literal union the main module imports, the union
// switched over, compared, reassigned and tested for truth. Every program ends and prints what it
// computes. A seed gives one program.

import { seeded } from "./random";

/** String literals: ASCII, separators, multi-byte and astral characters, white space of every kind. */
const WORDS = [
  '""', '"a"', '"b"', '"ab"', '"abc"', '"A"', '"Zed"', '"x,y"', '",,"', '","', '"a,b,,c"', '" "', '"  pad  "',
  '"\\t tab\\n"', '"\\u00a0nbsp\\u00a0"', '"\\u3000wide\\u3000"', '"\\ufeffbom"', '"\\u2028ls\\u2029"', '"\\u200bzw\\u200b"',
  '"\\u1680ogham"', '"\\u180emongol"', '"\\u2003em"', '"\\u0085nel"', '"\\u000b\\u000cvt"', '"é"', '"Ünïcödé"', '"日本語"', '"😀"', '"a😀b"',
  '"\\uffff"', '"\\ufffd"', '"ÆØÅ"', '"ß"', '"ǅ"', '"null"', '"true"', '"0"', '"-0"', '"NaN"', '"1e21"', '"<a href=\\"x\\">"',
  '"&amp;"', '"%20"', '"\\\\"', '"SUMMARY:Buy milk"', '"DUE;TZID=Europe/Berlin:20261115"',
];
/** Numbers that print in every way String(n) can: integers, fractions, -0, exponents, NaN, infinities. */
const NUMBERS = ["0", "1", "2", "7", "10", "42", "255", "-1", "-0", "0.5", "-2.5", "1e21", "1e-7", "123456789012", "0.1", "NaN", "Infinity", "-Infinity", "2147483648", "3.14159"];
const SMALL = ["0", "1", "2", "3", "4", "5", "8", "16"];
/** Separators for split and join (split's is never empty). */
const SEPS = ['","', '" "', '";"', '"ab"', '"😀"', '"\\u00a0"', '", "'];
/** Code points for fromCodePoint, the invalid ones included (they give U+FFFD on both sides). */
const CODE_POINTS = ["65", "97", "233", "0x7ff", "0x800", "0xffff", "0x10000", "0x1f600", "0x10ffff", "0xd800", "0xdfff", "0x110000", "-1", "1.5", "0x20ac"];
/** Bytes for decoding: ASCII, continuation bytes, every kind of lead byte, overlong, surrogate and out-of-range forms. */
const BYTES = ["0x41", "0x7f", "0x80", "0xbf", "0xc0", "0xc1", "0xc2", "0xc3", "0xa9", "0xdf", "0xe0", "0xa0", "0x9f", "0xe2", "0x82", "0xac", "0xed", "0xef", "0xf0", "0x90", "0x8f", "0xf4", "0xf5", "0xf8", "0xfe", "0xff", "0x00"];
/** A rough bound on the operations of one function, calls included, to keep every program quick. */
const BUDGET = 3000;
/** The members of the second module's string-literal union Mood, as literals. */
const MOODS = ['"calm"', '"busy"', '""', '"😀 late"'];

interface Fn {
  name: string;
  cost: number;
}

/**
 * One random text program for a seed: file name → source, `main.ts` exporting main and the
 * `words.ts` it imports; `textModule` is the import path of ts-src/lib/text from their folder.
 */
export function generateTextProgram(seed: number, textModule = "../../ts-src/lib/text"): Map<string, string> {
  const { rnd, pick, chance, int } = seeded(seed);

  const out: string[] = [];
  const fns: Fn[] = [];
  const consts: string[] = [];
  let fresh = 0;
  /** string and number names an expression may read, per function being written */
  let strs: string[] = [];
  /** the string names that are constants (for…of variables): read, never written */
  const fixed = new Set<string>();
  let nums: string[] = [];
  /** Whether the shared objects (log, items, list) are in scope. */
  let shared = false;
  /** Whether the second module's names are in scope. */
  let imported = false;
  let weight = 1;
  let callees: Fn[] = [];
  let spent = 0;

  function str(d: number): string {
    if (d <= 0 || chance(0.3)) {
      const r = rnd();
      if (r < 0.45 && strs.length) return pick(strs);
      if (r < 0.55 && consts.length) return pick(consts);
      if (r < 0.62 && imported) return pick(["GREETING", "BANNER", `decorate(${pick(WORDS)}, ${pick(SMALL)})`, `moodOf(${pick(NUMBERS)})`, `describe(moodOf(${pick(SMALL)}))`]);
      return pick(WORDS);
    }
    const s = (): string => str(d - 1);
    switch (int(0, 19)) {
      case 0: case 1: return `(${s()} + ${s()})`;
      case 2: return `(${s()} + ${num(d - 1)})`;
      case 3: return `\`${pick(["", "<", "k="])}\${${s()}}${pick(["", "|", " "])}\${${num(d - 1)}}\${${cond(d - 1)}}\``;
      case 4: return `String(${num(d - 1)})`;
      case 5: return `(${cond(d - 1)} ? ${s()} : ${s()})`;
      case 6: return `(${opaque(s())} || ${s()})`;
      case 7: return `${pick(["asciiLower", "asciiUpper"])}(${s()})`;
      case 8: return `fromCodePoint(${pick(CODE_POINTS)})`;
      case 9: return `utf8Decode(utf8Encode(${s()}), ${pick(SMALL)}, ${pick([...SMALL, "99"])})`;
      case 10: return `${paren(s())}.trim()`;
      case 11: return `${paren(s())}.split(${pick(SEPS)}).join(${pick([...SEPS, '""', '"-"'])})`;
      case 12: return shared ? `list.join(${pick([...SEPS, '""'])})` : s();
      case 13: return shared ? `(list.length > 0 ? list[(${num(d - 1)} >>> 0) % list.length] : ${s()})` : s();
      case 14: return shared ? `(items.length > 0 ? items[items.length - 1].name : ${s()})` : s();
      case 15: return shared ? `tagOf(items.length > 0 ? items[0] : null)` : s();
      case 16: case 17: return callOf(d) ?? s();
      case 18: return chance(0.5) ? `(${s()} + "" + ${s()})` : `utf8Decode(new Uint8Array([${Array.from({ length: int(1, 8) }, () => pick(BYTES)).join(", ")}]), ${pick(["0", "0", "1", "2"])}, ${pick(["8", "3", "5", "99"])})`;
      default: return shared ? "log.text" : s();
    }
  }

  /**
   * A string expression TypeScript types `string`, not a literal type: comparing two different
   * literal types or testing a literal's truth is a type error.
   */
  function opaque(s: string): string {
    return `(${s} + "")`;
  }

  /** Brackets a string expression that a method is called on, unless it is a name or literal. */
  function paren(s: string): string {
    return /^[\w.]+$|^"[^"]*"$/.test(s) ? s : `(${s})`;
  }

  function num(d: number): string {
    if (d <= 0 || chance(0.35)) {
      if (nums.length && chance(0.5)) return pick(nums);
      return chance(0.6) ? pick(SMALL) : pick(NUMBERS);
    }
    const s = (): string => str(d - 1);
    switch (int(0, 9)) {
      case 0: return `utf8Length(${s()})`;
      case 1: return `compareStrings(${s()}, ${s()})`;
      case 2: return `${paren(s())}.split(${pick(SEPS)}).length`;
      case 3: return shared ? `list.indexOf(${s()})` : `utf8Length(${s()})`;
      case 4: return shared ? "list.length" : pick(SMALL);
      case 5: return `(${cond(d - 1)} ? ${num(d - 1)} : ${num(d - 1)})`;
      case 6: return `(${num(d - 1)} + ${num(d - 1)})`;
      case 7: return `utf8Encode(${s()}).length`;
      case 8: return shared ? "items.length" : pick(SMALL);
      default: return `(${num(d - 1)} * 3)`;
    }
  }

  function cond(d: number): string {
    const s = (): string => str(Math.max(d - 1, 0));
    switch (int(0, 10)) {
      case 0: return `${opaque(s())} === ${s()}`;
      case 1: return `${opaque(s())} !== ${s()}`;
      case 2: return `${paren(s())}.startsWith(${s()})`;
      case 3: return `${paren(s())}.endsWith(${s()})`;
      case 4: return `${paren(s())}.includes(${s()})`;
      case 5: return shared ? `list.includes(${s()})` : `${opaque(s())} === ""`;
      case 6: return `compareStrings(${s()}, ${s()}) < 0`;
      case 7: return `!${opaque(s())}`;
      case 8: return `${num(d)} < ${num(d)}`;
      case 9: return imported ? pick([`moodOf(${num(d)}) === ${pick(MOODS)}`, `moodOf(${num(d)}) !== ${pick(MOODS)}`, `!moodOf(${num(d)})`]) : "true";
      default: return shared ? `items.length > ${pick(SMALL)}` : "true";
    }
  }

  function callOf(d: number): string | null {
    const ok = callees.filter((f) => spent + weight * f.cost <= BUDGET);
    if (!ok.length || !shared) return null;
    const f = pick(ok);
    spent += weight * f.cost;
    return `${f.name}(${str(d - 1)}, ${num(d - 1)}, log, items, list)`;
  }

  function statements(indent: string, n: number, depth: number): string[] {
    const lines: string[] = [];
    for (let k = 0; k < n; k++) lines.push(...statement(indent, depth));
    return lines;
  }

  function block(indent: string, depth: number, head: string[] = []): string[] {
    const [s, n] = [strs.length, nums.length];
    const lines = [...head, ...statements(`${indent}  `, int(1, 3), depth + 1)];
    // names declared in the block go out of scope with it
    strs = strs.slice(0, s);
    nums = nums.slice(0, n);
    return lines;
  }

  function statement(indent: string, depth: number): string[] {
    const d = int(1, 3);
    const writable = strs.filter((v) => !fixed.has(v));
    const target = writable.length ? pick(writable) : null;
    const r = int(0, 22);
    if (r <= 1 || !target) {
      const v = `s${fresh++}`;
      // typed: a local first set from moodOf() would otherwise take the type Mood
      const line = `${indent}let ${v}: string = ${str(d)};`;
      strs.push(v);
      return [line];
    }
    switch (r) {
      case 2: {
        const v = `n${fresh++}`;
        const line = `${indent}let ${v} = ${num(d)};`;
        nums.push(v);
        return [line];
      }
      // writes that may grow a string are guarded: in a loop a string could double every turn
      case 3: return [`${indent}${target} = ${grows(target)} ? ${str(d)} : ${pick(WORDS)};`];
      case 4: case 5: return [`${indent}if (${grows(target)}) ${target} += ${pick([str(d), `String(${num(d)})`, `"x" + ${num(d)}`, `${num(d)} + ${str(d)}`])};`];
      case 6: {
        // an alias taken between appends: both must keep their own text
        const v = `s${fresh++}`;
        const lines = [`${indent}let ${v} = ${target};`, `${indent}if (${grows(target)}) ${target} += ${str(1)};`, `${indent}if (${grows(v)}) ${v} += ${str(1)};`, `${indent}console.log(${target}, ${v});`];
        strs.push(v);
        return lines;
      }
      case 7: {
        if (depth >= 3 || weight > 64) return [`${indent}${target} += "!";`];
        const i = `i${fresh++}`;
        const saved = weight;
        weight *= 8;
        const body = block(indent, depth, [`${indent}  if (${grows(target)}) ${target} += ${pick([str(1), `String(${i})`, `${i} + ","`, `\`[\${${i}}]\``])};`]);
        weight = saved;
        return [`${indent}for (let ${i} = 0; ${i} < ${int(0, 8)}; ${i}++) {`, ...body, `${indent}}`];
      }
      case 8: {
        if (depth >= 3 || weight > 64) return [`${indent}${target} = ${target}.trim();`];
        const w = `w${fresh++}`;
        const head = `${indent}for (const ${w} of ${paren(str(1))}.split(${pick(SEPS)})) {`;
        const saved = weight;
        weight *= 8;
        strs.push(w);
        fixed.add(w);
        const body = block(indent, depth);
        strs.splice(strs.indexOf(w), 1);
        weight = saved;
        return [head, ...body, `${indent}}`];
      }
      case 9: {
        const h = `n${fresh++}`;
        const lines = [`${indent}let ${h} = 0;`, `${indent}for (const b of utf8Encode(${str(d)})) ${h} = (Math.imul(${h}, 31) + b) | 0;`];
        nums.push(h);
        return lines;
      }
      case 10: case 11: {
        if (depth >= 3) return [`${indent}if (${grows(target)}) ${target} = ${target} + ${target};`];
        const lines = [`${indent}if (${cond(d)}) {`, ...block(indent, depth)];
        if (chance(0.5)) lines.push(`${indent}} else {`, ...block(indent, depth));
        lines.push(`${indent}}`);
        return lines;
      }
      case 12: {
        if (depth >= 3) return [`${indent}${target} = ${str(1)};`];
        const lines = [`${indent}switch (${opaque(target)}) {`];
        for (const c of [`case ${pick(WORDS)}:`, `case ${pick(WORDS)}:`, "default:"].filter(() => chance(0.7))) {
          lines.push(`${indent}  ${c}`, ...block(`${indent}  `, depth));
          if (chance(0.7)) lines.push(`${indent}    break;`);
        }
        lines.push(`${indent}}`);
        return lines;
      }
      case 13: return [`${indent}console.log(${str(d)}, ${num(d)});`];
      case 14: return [`${indent}console.log(\`${target}=\${${target}}\`, ${cond(d)});`];
      case 15: return shared ? [`${indent}if (list.length < 24) list.push(${str(d)});`] : [`${indent}${target} = ${target}.trim();`];
      case 16: return shared ? [`${indent}if (list.length > 0) ${target} = list.pop()!;`] : [`${indent}${target} = asciiUpper(${target});`];
      case 17: return shared ? [pick([`${indent}list.sort((a, b) => compareStrings(a, b));`, `${indent}list.sort((a, b) => utf8Length(a) - utf8Length(b));`])] : [`${indent}${target} += "?";`];
      case 18: return shared ? [`${indent}log.add(${str(d)});`] : [`${indent}${target} = "";`];
      case 19: return shared ? [`${indent}if (items.length < 12) items.push({ name: ${str(1)}, tag: ${chance(0.5) ? "null" : `(${cond(1)} ? ${str(1)} : null)`}, next: items.length > 0 ? items[${pick(["0", "items.length - 1"])}] : null });`] : [`${indent}${target} = ${grows(target)} ? ${str(d)} : "";`];
      case 20: {
        // a nullable local, set on some paths only
        const v = `t${fresh++}`;
        return [`${indent}let ${v}: string | null = ${chance(0.5) ? "null" : str(1)};`, `${indent}if (${cond(1)}) ${v} = ${str(1)};`, `${indent}${target} = ${v} === null ? ${str(1)} : ${v} + ${str(1)};`];
      }
      case 21: {
        // a local of the union type: narrowed by a switch, reassigned, appended to a string
        const m = `m${fresh++}`;
        const lines = [`${indent}let ${m}: Mood = moodOf(${num(d)});`];
        if (depth < 3) {
          lines.push(`${indent}switch (${m}) {`);
          for (const c of [...MOODS.map((x) => `case ${x}:`), "default:"].filter(() => chance(0.5))) {
            lines.push(`${indent}  ${c}`, ...block(`${indent}  `, depth));
            if (chance(0.7)) lines.push(`${indent}    break;`);
          }
          lines.push(`${indent}}`);
        }
        lines.push(`${indent}if (${cond(1)}) ${m} = ${pick(MOODS)};`);
        lines.push(`${indent}${target} = ${pick([`${m} + ${str(1)}`, `describe(${m})`, `${m} || ${str(1)}`, `\`(\${${m}})\``])};`);
        if (shared) lines.push(`${indent}if (list.length < 24) list.push(${m});`);
        return lines;
      }
      default: return [`${indent}${target} = ${grows(target)} ? ${str(d)} : "";`];
    }
  }

  /** Whether the string named s is still short enough to grow. */
  function grows(s: string): string {
    return `utf8Length(${s}) < 2048`;
  }

  const imports = `import { asciiLower, asciiUpper, compareStrings, fromCodePoint, utf8Decode, utf8Encode, utf8Length } from "${textModule}";`;
  // the second module: constants (one computed from another and from a function), a function, a class
  const words: string[] = [`// generated by test/harness/text-program-gen.ts, seed ${seed}`, imports, ""];
  words.push(`export const GREETING = ${pick(WORDS)};`);
  strs = ["s"];
  nums = ["n"];
  words.push("");
  words.push("/** A generated decoration of s. */");
  words.push("export function decorate(s: string, n: number): string {");
  words.push(`  return ${str(3)};`);
  words.push("}");
  words.push("");
  words.push(`export const BANNER = decorate(GREETING, ${pick(SMALL)}) + ${pick(WORDS)};`);
  words.push("");
  words.push("/** A string-literal union, the empty string and a multi-byte member among its members. */");
  words.push(`export type Mood = ${MOODS.join(" | ")};`);
  words.push("");
  words.push("/** The mood of n. */");
  words.push("export function moodOf(n: number): Mood {");
  words.push('  if (n < 0) return "busy";');
  words.push('  if (n === 0) return "";');
  words.push(`  return n > ${pick(SMALL)} ? "😀 late" : "calm";`);
  words.push("}");
  words.push("");
  words.push("/** What a mood says: a switch over every member, with no return after it. */");
  words.push("export function describe(m: Mood): string {");
  words.push("  switch (m) {");
  strs = ["m"];
  nums = [];
  for (const x of MOODS) words.push(`    case ${x}: return ${str(2)};`);
  strs = ["s"];
  words.push("  }");
  words.push("}");
  words.push("");
  words.push("/** A name that collects what is said to it. */");
  words.push("export class Speaker {");
  words.push('  heard: string = "";');
  words.push("  constructor(public name: string) {}");
  nums = [];
  words.push("  say(s: string): string {");
  words.push('    if (utf8Length(this.heard) < 2048) this.heard += s + "/";');
  words.push(`    return this.name + ": " + ${str(2)};`);
  words.push("  }");
  words.push("}");
  imported = true;
  out.push(`// generated by test/harness/text-program-gen.ts, seed ${seed}`);
  out.push(imports);
  out.push('import { BANNER, decorate, describe, GREETING, moodOf, Speaker, type Mood } from "./words";');
  out.push("");
  for (let c = 0; c < int(1, 3); c++) {
    const name = `S${c}`;
    out.push(`const ${name} = ${pick(WORDS)};`);
    consts.push(name);
  }
  out.push("");
  out.push("/** A list node with a name and an optional tag. */");
  out.push("interface Item {");
  out.push("  name: string;");
  out.push("  tag: string | null;");
  out.push("  next: Item | null;");
  out.push("}");
  out.push("");
  out.push("/** Lines kept in an array and in one string field that grows. */");
  out.push("class Log {");
  out.push("  lines: string[] = [];");
  out.push('  text: string = "";');
  out.push("  add(s: string): void {");
  out.push("    this.lines.push(s);");
  out.push('    if (utf8Length(this.text) < 4096) this.text += s + ";";');
  out.push("  }");
  out.push("}");
  out.push("");
  out.push("/** An item's tag, or a word for none. */");
  out.push("function tagOf(it: Item | null): string {");
  out.push('  if (it === null) return "no item";');
  out.push('  return it.tag !== null ? it.tag : "untagged";');
  out.push("}");
  out.push("");
  out.push("/** The names along an item's chain, at most 16. */");
  out.push("function chain(it: Item | null): string {");
  out.push('  let s = "";');
  out.push("  let n = 0;");
  out.push("  while (it !== null && n < 16) {");
  out.push('    s += it.name + ">";');
  out.push("    it = it.next;");
  out.push("    n++;");
  out.push("  }");
  out.push("  return s;");
  out.push("}");
  out.push("");

  const count = int(2, 5);
  for (let f = 0; f < count; f++) {
    const name = `f${f}`;
    spent = 0;
    weight = 1;
    strs = ["p"];
    nums = ["q"];
    shared = true;
    callees = [...fns];
    const body = statements("  ", int(2, 7), 0);
    body.push(`  return ${str(2)};`);
    out.push(`/** Generated function ${f}. */`);
    out.push(`function ${name}(p: string, q: number, log: Log, items: Item[], list: string[]): string {`);
    out.push(...body);
    out.push("}");
    out.push("");
    fns.push({ name, cost: 40 + spent });
  }

  strs = [];
  nums = [];
  shared = false;
  out.push("/** Calls every function with several arguments and prints the results and the state. */");
  out.push("export function main(): void {");
  out.push("  const log = new Log();");
  out.push("  const items: Item[] = [];");
  out.push("  const list: string[] = [];");
  out.push(`  const speaker = new Speaker(${pick(WORDS)});`);
  out.push("  console.log(GREETING, BANNER);");
  for (const f of fns) {
    for (let c = 0; c < int(1, 3); c++) out.push(`  console.log(speaker.say(${f.name}(${pick(WORDS)}, ${pick(NUMBERS)}, log, items, list)));`);
  }
  out.push("  console.log(speaker.heard);");
  out.push('  console.log(log.lines.length, log.lines.join("|"), log.text);');
  out.push('  console.log(list.length, list.join("/"));');
  out.push("  for (const it of items) console.log(it.name, tagOf(it), chain(it));");
  out.push("}");
  return new Map([["main.ts", out.join("\n") + "\n"], ["words.ts", words.join("\n") + "\n"]]);
}
