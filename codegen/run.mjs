// `npm run -s codegen -- ENTRY.ts --out DIR [--lib]` starts here: runs codegen/cli.ts from a Node
// startup snapshot (codegen/snapshot.ts) in which TypeScript is loaded, the ES library is parsed and
// the compiler has run once on the device core. That skips most of a cold start: loading 9 MB of
// TypeScript, parsing the library and the unchanged modules, and compiling TypeScript's functions
// before they first run.
//
// The snapshot and the bundle it is built from live in build/codegen/, named by a hash of everything
// they are made of (the compiler's sources, Node, TypeScript, esbuild, this checkout's path): a
// changed compiler gets a new snapshot on its next run. While one process builds it, others run the
// bundle directly; whenever the snapshot cannot be used the bundle runs instead, with the same result.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const CODEGEN = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(CODEGEN);
const CACHE = join(REPO, "build", "codegen");
const WARMUP_ENTRY = join(REPO, "ts-src", "device", "core.ts");
const require = createRequire(import.meta.url);
const TS_MAIN = require.resolve("typescript");
/**
 * V8 optimises a function after eight times its default amount of work (--interrupt-budget=67584):
 * TypeScript's checker is large and mostly runs once per compile, and optimising it early costs CPU
 * time on other threads for little gain on the main thread. Device core, 8 interleaved runs each,
 * medians of other threads' / main thread's CPU: 2x 1.28 / 2.19 s, 4x 0.81 / 2.33 s,
 * 5x 0.65 / 2.37 s, 6x 0.56 / 2.39 s. Later, whole-process medians (wall / CPU) of two sets of
 * interleaved runs (10 and 14): 5x 2.36 / 2.99 s and 2.46 / 3.12 s, 8x 2.41 / 2.83 s and
 * 2.44 / 2.85 s, 12x (first set) 2.62 / 2.94 s. A snapshot is built and run with the same flags.
 */
const V8_FLAGS = ["--interrupt-budget=540672"];
/** Node's exit code when a snapshot does not match the running Node or its V8 flags. */
const SNAPSHOT_MISMATCH = 14;
/** How Node ends on a damaged snapshot file (it does not check more than a magic number). */
const DAMAGED = ["SIGABRT", "SIGSEGV", "SIGBUS"];
/** A build lock older than this was left by a process that died. */
const STALE_LOCK_MS = 5 * 60_000;
/** Snapshots of other compiler versions are deleted once this old (a running compile may use one). */
const OLD_SNAPSHOT_MS = 10 * 60_000;

/** Hash of everything the bundle and the snapshot are built from. */
function cacheKey() {
  const h = createHash("sha256");
  const version = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
  h.update(`${process.version} ${process.arch} ${REPO} typescript ${version("typescript")} esbuild ${version("esbuild")}\n`);
  h.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const name of readdirSync(CODEGEN).sort()) {
    if (name.endsWith(".ts")) h.update(`\n${name}\n`).update(readFileSync(join(CODEGEN, name)));
  }
  return h.digest("hex").slice(0, 16);
}

/** Writes the compiler, TypeScript included, as one CommonJS script (what a snapshot can load). */
async function buildBundle(file) {
  const esbuild = require("esbuild");
  const tmp = `${file}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [join(CODEGEN, "snapshot.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "cjs",
    logLevel: "error",
    // a third less source for the snapshot to hold and Node to load (26 MB instead of 40 MB)
    minifyWhitespace: true,
    // Node's snapshot builder runs the script without `module`; `var` keeps CommonJS's own
    banner: { js: 'if (typeof module === "undefined") var module = { exports: {} };' },
    // TypeScript finds its lib.*.d.ts files next to its own file
    define: { __filename: JSON.stringify(TS_MAIN), __dirname: JSON.stringify(dirname(TS_MAIN)) },
    plugins: [{
      name: "import-meta-url",
      // each module keeps the URL of its source file (compile.ts finds runtime/ and globals.d.ts by it)
      setup(build) {
        build.onLoad({ filter: /\.ts$/ }, (args) => ({
          contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
          loader: "ts",
        }));
      },
    }],
  });
  renameSync(tmp, file);
}

/** FILE's expected size is kept in FILE.size: Node would crash on a cut-off snapshot. */
function intact(file) {
  try {
    return statSync(file).size === Number(readFileSync(`${file}.size`, "utf8"));
  } catch {
    return false;
  }
}

/** Builds the snapshot of BUNDLE into FILE; false (and nothing written) if Node could not. */
function buildSnapshot(bundle, file) {
  const tmp = `${file}.${process.pid}.tmp`;
  const r = spawnSync(process.execPath, [...V8_FLAGS, "--snapshot-blob", tmp, "--build-snapshot", bundle], {
    cwd: REPO,
    env: { ...process.env, NUDGE_CODEGEN_WARMUP: WARMUP_ENTRY },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  if (r.status !== 0 || !existsSync(tmp)) {
    rmSync(tmp, { force: true });
    return false;
  }
  const size = statSync(tmp).size;
  renameSync(tmp, file);
  writeFileSync(`${tmp}.size`, String(size));
  renameSync(`${tmp}.size`, `${file}.size`);
  return true;
}

/** Runs FN holding the lock file PATH; false without running it if another process holds it. */
function withLock(path, fn) {
  let fd;
  try {
    fd = openSync(path, "wx");
  } catch {
    try {
      if (Date.now() - statSync(path).mtimeMs < STALE_LOCK_MS) return false;
      rmSync(path, { force: true });
      fd = openSync(path, "wx");
    } catch {
      return false;
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
}

/** Deletes the bundles and snapshots of other compiler versions that no compile can still be using. */
function removeOld(key) {
  for (const name of readdirSync(CACHE)) {
    if (name.startsWith(key)) continue;
    const p = join(CACHE, name);
    try {
      if (Date.now() - statSync(p).mtimeMs > OLD_SNAPSHOT_MS) rmSync(p, { force: true });
    } catch {
      // already gone: another process cleaned up
    }
  }
}

/** Runs the compiler in this process from the bundle and returns the exit code. */
function runBundle(bundle, args) {
  return require(bundle).runCli(args);
}

const args = process.argv.slice(2);
mkdirSync(CACHE, { recursive: true });
const key = cacheKey();
const bundle = join(CACHE, `${key}.cjs`);
const blob = join(CACHE, `${key}.blob`);
if (!existsSync(bundle)) await buildBundle(bundle);
if (!intact(blob)) {
  withLock(join(CACHE, `${key}.lock`), () => buildSnapshot(bundle, blob) && (removeOld(key), true));
}
if (intact(blob)) {
  // "--" so that arguments starting with "-" reach the compiler, not Node
  const r = spawnSync(process.execPath, [...V8_FLAGS, "--snapshot-blob", blob, "--", ...args], { stdio: "inherit" });
  if (r.status === SNAPSHOT_MISMATCH || DAMAGED.includes(r.signal ?? "")) {
    rmSync(`${blob}.size`, { force: true });
    process.exitCode = runBundle(bundle, args);
  } else if (r.signal) process.kill(process.pid, r.signal);
  else process.exitCode = r.status ?? 1;
} else process.exitCode = runBundle(bundle, args);
