// `npm run -s cross`: builds the portable core — the compiled TypeScript entries of
// firmware/esp32/core-entries.txt with the compiler's C runtime, and the platform-independent C of
// firmware/common/ — for rv32imac (Debian riscv64-unknown-elf-gcc + picolibc) and xtensa-lx106
// (compile only), all with -Wall -Wextra -Werror. Runs the differential test vectors (generated
// programs driving the renderer and the multistatus reader on real server bodies) on x86-64
// and on rv32imac under QEMU and requires identical bytes. Prints code and data sizes; the last
// line is a one-line summary. Exit status: 0 all good, 1 a build failed or outputs differ,
// 2 a cross tool is missing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  REPO, RV32_CC, RV32_QEMU, RV32_TARGET, STRICT_C_FLAGS, cFiles, compileTs, difference, hasTool, pool, removeDir, run, runQemu,
  tempDir, type Run,
} from "../test/harness/c-runner";

/** The one list of core entries, shared with the ESP-IDF build (its first line is the firmware's). */
const ENTRIES_FILE = join(REPO, "firmware/esp32/core-entries.txt");
/** Screen cases rendered by the generated screen vector: the task list of every layout. The full
 * set of 36 frames is the screen's own C test; on QEMU each frame costs about 6 s (soft float). */
const SCREEN_CASE_SUFFIX = "-list";
/** Real server bodies fed through the multistatus reader by the generated vector program. */
const CALDAV_FIXTURES = join(REPO, "test/fixtures/caldav");
const COMMON_DIR = join(REPO, "firmware/common");
/** Where setup.sh installs mbedTLS 3.6 configured like ESP-IDF's esp_config.h (headers only used here). */
const MBEDTLS_INCLUDE = join(REPO, "build/mbedtls/include");
/** Limit for one compiler or emulator run; generous because `npm test` runs suites side by side. */
const SLOW_MS = 900_000;
/** Reader chunk size in the multistatus vectors: small and odd, so tokens straddle chunks. */
const CHUNK = 7;

interface Cross {
  name: string;
  cc: string;
  size: string;
  flags: string[];
}

const RV32: Cross = {
  name: "rv32imac",
  cc: RV32_CC,
  size: "riscv64-unknown-elf-size",
  flags: RV32_TARGET,
};
// Debian's xtensa-lx106 gcc does not search its sysroot for specs files, hence the full path.
const XTENSA: Cross = {
  name: "xtensa-lx106",
  cc: "xtensa-lx106-elf-gcc",
  size: "xtensa-lx106-elf-size",
  flags: ["--specs=/usr/lib/xtensa-lx106-elf/picolibc.specs", "-mlongcalls"],
};
const TARGETS = [RV32, XTENSA];

interface Sizes {
  text: number;
  data: number;
  bss: number;
}

interface Part {
  name: string;
  /** "built", "missing" (entry not written yet), "refused" (compiler diagnostics) or "failed". */
  state: "built" | "missing" | "refused" | "failed";
  note: string;
  sizes: Map<string, Sizes>;
}

/** Core entries: non-empty, non-comment lines of ENTRIES_FILE. */
function coreEntries(): string[] {
  return readFileSync(ENTRIES_FILE, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** Compiles each source for one cross target into outDir; `size` of every object, by source name. */
async function crossCompile(t: Cross, sources: string[], includes: string[], outDir: string): Promise<{ sizes: Map<string, Sizes> | null; log: string }> {
  mkdirSync(outDir, { recursive: true });
  const objs = sources.map((src) => join(outDir, basename(src).replace(/\.c$/, ".o")));
  const builds = await pool(sources, 2, (src, i) =>
    run(t.cc, [...t.flags, ...STRICT_C_FLAGS, "-O2", ...includes.map((d) => `-I${d}`), "-c", src, "-o", objs[i]!], { timeoutMs: SLOW_MS }));
  const bad = builds.find((r) => r.code !== 0);
  if (bad) return { sizes: null, log: `${t.name}: ${bad.timedOut ? "timed out" : bad.stderr.trim()}` };
  const r = await run(t.size, objs);
  const sizes = new Map<string, Sizes>();
  for (const line of r.stdout.trim().split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    sizes.set(basename(f[5] ?? "").replace(/\.o$/, ".c"), { text: Number(f[0]), data: Number(f[1]), bss: Number(f[2]) });
  }
  if (r.code !== 0 || sizes.size !== sources.length) return { sizes: null, log: `${t.size}: ${r.stderr}` };
  return { sizes, log: "" };
}

/** One row per generated C file of the entry (module or runtime), or one row saying why none. */
async function buildEntry(entry: string, work: string): Promise<Part[]> {
  const name = entry.replace(/^ts-src\//, "").replace(/\.ts$/, "");
  const none = (state: Part["state"], note: string): Part[] => [{ name, state, note, sizes: new Map() }];
  if (!existsSync(join(REPO, entry))) return none("missing", `${entry} not in ts-src yet`);
  const dir = join(work, "core", name.replace(/\//g, "_"));
  const gen = await run(process.execPath, ["--import", "tsx", join(REPO, "codegen/cli.ts"), entry, "--lib", "--out", dir], { timeoutMs: SLOW_MS });
  if (gen.code !== 0) {
    const lines = gen.stderr.trim().split("\n");
    return none("refused", `${lines.pop()}; first: ${lines[0] ?? ""}`);
  }
  const sources = cFiles(dir);
  const parts: Part[] = sources.map((src) => ({ name: `${name}: ${basename(src)}`, state: "built", note: "", sizes: new Map() }));
  for (const t of TARGETS) {
    const r = await crossCompile(t, sources, [dir], join(dir, t.name));
    if (!r.sizes) return none("failed", r.log);
    sources.forEach((src, i) => parts[i]!.sizes.set(t.name, r.sizes!.get(basename(src))!));
  }
  return parts;
}

async function buildCommon(work: string): Promise<Part[]> {
  const sources = cFiles(COMMON_DIR);
  const parts: Part[] = sources.map((src) => ({ name: `firmware/common: ${basename(src)}`, state: "built", note: "", sizes: new Map() }));
  for (const t of TARGETS) {
    const r = await crossCompile(t, sources, [join(REPO, "firmware/include"), COMMON_DIR, MBEDTLS_INCLUDE], join(work, "common", t.name));
    if (!r.sizes) return [{ name: "firmware/common", state: "failed", note: r.log, sizes: new Map() }];
    sources.forEach((src, i) => parts[i]!.sizes.set(t.name, r.sizes!.get(basename(src))!));
  }
  return parts;
}

/** A program that streams every CalDAV fixture through MultistatusReader and prints each event. */
function caldavVectorProgram(dir: string): string {
  const fixtures = readdirSync(CALDAV_FIXTURES).filter((f) => f.endsWith(".xml")).sort();
  const bodies = fixtures.map((f) => `  ${JSON.stringify(f)},\n  ${JSON.stringify(readFileSync(join(CALDAV_FIXTURES, f), "utf8"))},`);
  const path = join(dir, "caldav-vectors.ts");
  writeFileSync(
    path,
    `// Generated by scripts/cross.ts from test/fixtures/caldav/*.xml.
import { MsEvent, MultistatusReader } from "${REPO}/ts-src/caldav/multistatus";
import { defaultXmlLimits } from "${REPO}/ts-src/xml/tokenizer";
import { utf8Decode, utf8Encode } from "${REPO}/ts-src/lib/text";

const FIXTURES: string[] = [
${bodies.join("\n")}
];

function dump(name: string, body: string): void {
  const r = new MultistatusReader(defaultXmlLimits());
  const b = utf8Encode(body);
  let pos = 0;
  console.log("== " + name);
  for (;;) {
    const e = r.next();
    if (e === MsEvent.NeedMore) {
      if (pos >= b.length) r.finish();
      else r.feed(b.subarray(pos, Math.min(b.length, pos + ${CHUNK})));
      pos += ${CHUNK};
    } else if (e === MsEvent.CalDataChunk) console.log("data " + utf8Decode(r.bytes, r.start, r.end));
    else if (e === MsEvent.Done || e === MsEvent.Error) {
      console.log(\`end \${e} \${r.error}\`);
      return;
    } else console.log(\`event \${e} \${r.status} \${r.text()}\`);
  }
}

export function main(): void {
  for (let i = 0; i + 1 < FIXTURES.length; i += 2) dump(FIXTURES[i]!, FIXTURES[i + 1]!);
}
`,
  );
  return path;
}

/** A program that renders the chosen screen cases band by band and prints a hash per frame. */
function screenVectorProgram(dir: string): string {
  const path = join(dir, "screen-vectors.ts");
  writeFileSync(
    path,
    `// Generated by scripts/cross.ts: the device's banded rendering of test/fixtures/screen cases.
import { renderBand } from "${REPO}/ts-src/screen/render";
import { screenCases } from "${REPO}/test/fixtures/screen/cases";

const BAND_ROWS = 20;

export function main(): void {
  for (const c of screenCases()) {
    if (!c.name.endsWith(${JSON.stringify(SCREEN_CASE_SUFFIX)})) continue;
    const m = c.model;
    const band = new Uint16Array(m.width * BAND_ROWS);
    let h = 0x811c9dc5;
    for (let y0 = 0; y0 < m.height; y0 += BAND_ROWS) {
      const y1 = Math.min(m.height, y0 + BAND_ROWS);
      const n = m.width * (y1 - y0);
      renderBand(m, y0, y1, band.subarray(0, n));
      for (let i = 0; i < n; i++) h = Math.imul(h ^ band[i], 0x01000193) >>> 0;
    }
    console.log(c.name + " " + String(h));
  }
}
`,
  );
  return path;
}

interface Vector {
  name: string;
  ok: boolean;
  note: string;
  bytes: number;
  rv32Ms: number;
}

async function runVector(entry: string, work: string): Promise<Vector> {
  const name = basename(entry, ".ts");
  const dir = join(work, "vectors", name);
  const fail = (note: string): Vector => ({ name, ok: false, note, bytes: 0, rv32Ms: 0 });
  const gen = await compileTs(entry, join(dir, "c"), { timeoutMs: SLOW_MS });
  if (gen.code !== 0) return fail(`codegen: ${gen.stderr.trim().split("\n").slice(0, 3).join(" | ")}`);
  const hostExe = join(dir, "x86-64");
  const rvElf = join(dir, "rv32.elf");
  // The same builds as test/harness/c-runner.ts's buildHost/buildRv32, with a longer time limit.
  const common = [...STRICT_C_FLAGS, "-O2", `-I${join(dir, "c")}`, ...cFiles(join(dir, "c"))];
  const [hb, rb] = await Promise.all([
    run("gcc", [...common, "-o", hostExe, "-lm"], { timeoutMs: SLOW_MS }),
    run(RV32_CC, [...RV32_QEMU, ...common, "-o", rvElf, "-lm"], { timeoutMs: SLOW_MS }),
  ]);
  const why = (r: Run): string => (r.timedOut ? `timed out after ${r.ms} ms` : r.stderr.trim());
  if (hb.code !== 0) return fail(`x86-64 build: ${why(hb)}`);
  if (rb.code !== 0) return fail(`rv32 build: ${why(rb)}`);
  const host: Run = await run(hostExe, [], { timeoutMs: SLOW_MS });
  const rv: Run = await runQemu(rvElf, { timeoutMs: SLOW_MS });
  const diff = difference(host, rv);
  if (host.code !== 0) return fail(`x86-64 run exited ${host.code}: ${host.stderr.trim()}`);
  return { name, ok: diff === null, note: diff ?? "identical", bytes: host.out.length, rv32Ms: rv.ms };
}

function fmt(s: Sizes | undefined): string {
  return s ? `${String(s.text).padStart(8)} ${String(s.data).padStart(6)} ${String(s.bss).padStart(6)}` : `${"-".padStart(8)} ${"-".padStart(6)} ${"-".padStart(6)}`;
}

async function main(): Promise<number> {
  const tools = [RV32_CC, RV32.size, XTENSA.cc, XTENSA.size, "qemu-system-riscv32", "gcc"];
  const missing = tools.filter((t) => !hasTool(t));
  if (!existsSync("/usr/lib/xtensa-lx106-elf/picolibc.specs")) missing.push("picolibc-xtensa-lx106-elf");
  if (!existsSync(MBEDTLS_INCLUDE)) missing.push("build/mbedtls (npm run setup)");
  if (missing.length) {
    console.log(`cross: not run, missing ${missing.join(", ")} (Debian: gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf gcc-xtensa-lx106 picolibc-xtensa-lx106-elf qemu-system-misc)`);
    return 2;
  }
  const work = tempDir("nudge-cross");
  try {
    mkdirSync(join(work, "vectors"), { recursive: true });
    const vectorEntries = [screenVectorProgram(join(work, "vectors")), caldavVectorProgram(join(work, "vectors"))];
    // Two cores: entries and vectors share two workers (the compiler is single-threaded).
    const jobs: (() => Promise<Part[] | Vector>)[] = [
      ...coreEntries().map((e) => () => buildEntry(e, work)),
      ...vectorEntries.map((e) => () => runVector(e, work)),
    ];
    const results = await pool(jobs, 2, (job) => job());
    const parts = [...results.filter((r): r is Part[] => Array.isArray(r)).flat(), ...(await buildCommon(work))];
    const vectors = results.filter((r): r is Vector => !Array.isArray(r));

    const w = Math.max(28, ...parts.map((p) => p.name.length));
    console.log(`${"part".padEnd(w)} ${RV32.name.padStart(22)}   ${XTENSA.name.padStart(22)}`);
    console.log(`${"".padEnd(w)} ${"text   data    bss".padStart(22)}   ${"text   data    bss".padStart(22)}`);
    const total = new Map<string, Sizes>(TARGETS.map((t) => [t.name, { text: 0, data: 0, bss: 0 }]));
    for (const p of parts) {
      const line = `${p.name.padEnd(w)} ${fmt(p.sizes.get(RV32.name))}   ${fmt(p.sizes.get(XTENSA.name))}`;
      console.log(p.state === "built" ? line : `${line}  ${p.state}: ${p.note}`);
      for (const [t, s] of p.sizes) {
        const acc = total.get(t)!;
        acc.text += s.text;
        acc.data += s.data;
        acc.bss += s.bss;
      }
    }
    console.log("(sizes of the -O2 objects before linking; nd_rt.c is the compiler's C runtime)");
    for (const v of vectors) {
      console.log(`vector ${v.name}: ${v.ok ? "rv32imac = x86-64" : "MISMATCH"}, ${v.bytes} bytes of output, QEMU ${v.rv32Ms} ms${v.ok ? "" : `: ${v.note}`}`);
    }
    const built = parts.filter((p) => p.state === "built").length;
    const failed = parts.filter((p) => p.state === "failed");
    const pending = parts.filter((p) => p.state === "missing" || p.state === "refused").length;
    const matched = vectors.filter((v) => v.ok).length;
    const rv = total.get(RV32.name)!;
    const xt = total.get(XTENSA.name)!;
    const good = failed.length === 0 && matched === vectors.length;
    console.log(
      `cross: ${good ? "OK" : "FAIL"} — vectors ${matched}/${vectors.length} identical on rv32imac and x86-64; ` +
        `${built}/${parts.length} objects built for rv32imac and xtensa-lx106 (${failed.length} failed, ${pending} pending); ` +
        `rv32imac text ${rv.text} data ${rv.data} bss ${rv.bss}, xtensa-lx106 text ${xt.text} data ${xt.data} bss ${xt.bss}`,
    );
    return good ? 0 : 1;
  } finally {
    removeDir(work);
  }
}

main().then((code) => process.exit(code));
