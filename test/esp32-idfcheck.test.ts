// Type-checks every ESP-IDF C file of the firmware against the real ESP-IDF headers of v5.5.5 and
// v5.4.2 (ESP-IDF's idfcheck: host gcc with the Xtensa ABI and an sdkconfig.h generated from
// IDF's Kconfig plus our sdkconfig.defaults*). Nudge's own Kconfig.projbuild options are not part
// of IDF's Kconfig tree, so they are turned into -D flags here, once per board choice, exactly as
// kconfig would write them into sdkconfig.h. Skipped (with the reason) when the mirrors are absent.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { hasTool, removeDir, run, tempDir } from "./harness/c-runner";

const ROOT = join(import.meta.dirname, "..");
const COMPONENT = join(ROOT, "firmware/esp32/nudge_app");
const CHECKER = process.env.IDFCHECK ?? "/work/shared/tools/idfcheck/check.sh";
const IDF_MIRROR = process.env.IDF_MIRROR ?? "/work/.mirror/espressif+esp-idf/repo";
const MBEDTLS_MIRROR = process.env.MBEDTLS_MIRROR ?? "/work/.mirror/Mbed-TLS+mbedtls/repo";
const TAGS = ["v5.5.5", "v5.4.2"];
const BOARDS = ["NUDGE_BOARD_T_DISPLAY_S3", "NUDGE_BOARD_S3_BOX_3", "NUDGE_BOARD_GENERIC_SPI_ST7789"];

interface Option { name: string; type: string; def: string | null; cond: string | null; choice: string | null }

/** Parses the subset of Kconfig syntax Kconfig.projbuild uses: config/choice/if/default. */
function parseKconfig(text: string): Option[] {
  const opts: Option[] = [];
  const ifs: string[] = [];
  let choice: string | null = null;
  let cur: Option | null = null;
  let choiceDefault: Map<string, string> = new Map();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^choice\s+(\w+)/))) { choice = m[1]; cur = null; }
    else if (line === "endchoice") { choice = null; cur = null; }
    else if ((m = line.match(/^if\s+(\w+)/))) ifs.push(m[1]);
    else if (line === "endif") ifs.pop();
    else if ((m = line.match(/^(?:menu)?config\s+(\w+)/))) {
      cur = { name: m[1], type: "", def: null, cond: ifs.at(-1) ?? null, choice };
      opts.push(cur);
    } else if ((m = line.match(/^(bool|int|string)\b/)) && cur) cur.type = m[1];
    else if ((m = line.match(/^default\s+(.*?)(?:\s+if\s+.*)?$/))) {
      // the first default applies (the project enables the conditions it depends on, e.g. SPIRAM)
      if (cur) cur.def ??= m[1];
      else if (choice && !choiceDefault.has(choice)) choiceDefault.set(choice, m[1]);
    }
  }
  for (const o of opts) {
    if (o.choice) o.def = choiceDefault.get(o.choice) === o.name ? "y" : "n";
  }
  return opts;
}

/** sdkconfig.h-style -D flags for the Nudge options with one board chosen instead of the default. */
function kconfigDefines(opts: Option[], board: string): string[] {
  const on = new Set<string>();
  const out: string[] = [];
  for (const o of opts) {
    let val = o.def;
    if (o.choice === "NUDGE_BOARD") val = o.name === board ? "y" : "n";
    if (o.cond && !on.has(o.cond)) continue;
    if (o.type === "bool") {
      if (val === "y") { on.add(o.name); out.push(`-DCONFIG_${o.name}=1`); }
    } else if (o.type === "int") out.push(`-DCONFIG_${o.name}=${val}`);
    else if (o.type === "string") out.push(`-DCONFIG_${o.name}=${val}`);
  }
  return out;
}

// The component's own files plus the portable C it compiles from firmware/common/.
const sources = [
  ...readdirSync(COMPONENT).filter((f) => f.endsWith(".c")).sort().map((f) => join(COMPONENT, f)),
  join(ROOT, "firmware/common/nudge_tls_profile.c"),
];
const INCLUDES = [COMPONENT, join(ROOT, "firmware/include"), join(ROOT, "firmware/common")];
const opts = parseKconfig(readFileSync(join(COMPONENT, "Kconfig.projbuild"), "utf8"));
const missing = [CHECKER, IDF_MIRROR, MBEDTLS_MIRROR].filter((p) => !existsSync(p));

test("Kconfig.projbuild parses into one option per config line, with a board choice", () => {
  const configs = readFileSync(join(COMPONENT, "Kconfig.projbuild"), "utf8").match(/^\s*config\s+\w+/gm) ?? [];
  assert.is(opts.length, configs.length);
  for (const o of opts) assert.ok(o.type !== "", `${o.name} has a type`);
  for (const b of BOARDS) assert.ok(opts.some((o) => o.name === b), b);
  const defs = kconfigDefines(opts, "NUDGE_BOARD_S3_BOX_3");
  assert.ok(defs.includes("-DCONFIG_NUDGE_BOARD_S3_BOX_3=1"));
  assert.not.ok(defs.some((d) => d.startsWith("-DCONFIG_NUDGE_LCD_PIN_")), "generic pins only for the generic board");
});

/** The firmware's core entry: first line of core-entries.txt, as the component CMake reads it. */
function firmwareEntry(): string {
  const lines = readFileSync(join(ROOT, "firmware/esp32/core-entries.txt"), "utf8").split("\n");
  return lines.map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("#"))!;
}

/** Runs the checker on files with the project's sdkconfig defaults; returns its output or throws. */
function idfcheck(tag: string, extra: string[], files: string[]): void {
  const args = [
    "--idf", tag, "-q",
    "--sdkconfig-defaults", join(ROOT, "sdkconfig.defaults"),
    "--sdkconfig-defaults", join(ROOT, "sdkconfig.defaults.esp32s3"),
    "--log-format-check",
    ...extra,
    ...files,
  ];
  const r = spawnSync(CHECKER, args, { encoding: "utf8", env: { ...process.env, IDF_MIRROR, MBEDTLS_MIRROR } });
  const out = `${r.stdout}${r.stderr}`;
  assert.is(r.status, 0, out);
  assert.not.match(out, /sdkconfig: .*(unknown|unmet)/i, out);
}

if (missing.length) {
  console.log(`skipped: ESP-IDF check needs ${missing.join(", ")} (set IDFCHECK, IDF_MIRROR, MBEDTLS_MIRROR)`);
  test.skip("firmware C passes idfcheck on v5.5.5 and v5.4.2", () => {});
} else {
  // The generated core (what the build compiles into the component) is needed for its header,
  // and is itself checked under ESP-IDF's flags and the Xtensa ABI.
  let coreWork = "";
  let coreDir = "";
  test.before(async () => {
    coreWork = tempDir("nudge-idfcheck-core");
    coreDir = join(coreWork, "nudge_core");
    const gen = await run(process.execPath, ["--import", "tsx", join(ROOT, "codegen/cli.ts"), firmwareEntry(), "--lib", "--out", coreDir], { timeoutMs: 900_000 });
    if (gen.code !== 0) throw new Error(`codegen ${firmwareEntry()} failed:\n${gen.stderr}`);
  });
  test.after(() => removeDir(coreWork));

  for (const tag of TAGS) {
    for (const board of BOARDS) {
      test(`${tag} ${board}: ${sources.length} firmware C files pass idfcheck`, () => {
        const defines = [
          ...kconfigDefines(opts, board),
          // The BOX-3 run also covers the embedded user CA (CMake defines this when
          // NUDGE_CA_CERT_FILE is set).
          ...(board === "NUDGE_BOARD_S3_BOX_3" ? ["-DNUDGE_HAVE_USER_CA=1"] : []),
        ];
        idfcheck(tag, [...[...INCLUDES, coreDir].flatMap((d) => ["-I", d]), ...defines], sources);
      });
    }
    test(`${tag}: the compiled device core (${firmwareEntry()}) passes idfcheck`, () => {
      const files = readdirSync(coreDir).filter((f) => f.endsWith(".c")).sort().map((f) => join(coreDir, f));
      assert.ok(files.length > 1);
      idfcheck(tag, ["-I", coreDir], files);
    });
  }
}

// The component's CMake outside ESP-IDF (test/fixtures/esp32/cmake-stub): the device core is
// generated at configure time, built, left alone when nothing changed, regenerated when a
// TypeScript source changes, and a change in the set of generated files stops the build once and
// re-configures. A copy of the project keeps the real sources' timestamps untouched.
const STUB = join(ROOT, "test/fixtures/esp32/cmake-stub");
const SMALL_ENTRY = "ts-src/screen/color.ts";
const OTHER_ENTRY = "ts-src/screen/kinds.ts";

test("component CMake compiles the TypeScript core at build time and rebuilds only on change", async () => {
  if (!hasTool("cmake") || !hasTool("ninja")) {
    console.log("  skipped: the CMake check needs cmake and ninja (Debian: cmake ninja-build)");
    return;
  }
  const work = tempDir("nudge-cmake");
  try {
    const proj = join(work, "project");
    for (const d of ["ts-src", "codegen", "firmware/esp32"]) cpSync(join(ROOT, d), join(proj, d), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(proj, "node_modules"));
    const build = join(work, "build");
    const configure = (entry: string) =>
      run("cmake", ["-G", "Ninja", "-S", STUB, "-B", build, `-DNUDGE_PROJECT_DIR=${proj}`,
        `-DNUDGE_COMPONENT_DIR=${join(proj, "firmware/esp32/nudge_app")}`, `-DNUDGE_CORE_ENTRY=${entry}`], { timeoutMs: 300_000 });
    const ninja = () => run("cmake", ["--build", build], { timeoutMs: 300_000 });

    const cfg = await configure(SMALL_ENTRY);
    assert.is(cfg.code, 0, cfg.stdout + cfg.stderr);
    assert.ok(readFileSync(join(build, "nudge_core_files.txt"), "utf8").includes("color.c"));
    const first = await ninja();
    assert.is(first.code, 0, first.stdout + first.stderr);
    const nm = await run("nm", ["--defined-only", join(build, "libnudge_app.a")]);
    assert.match(nm.stdout, /\bcolor_\w+/, "generated functions are in the component library");

    const again = await ninja();
    assert.is(again.code, 0);
    assert.not.match(again.stdout, /Compiling ts-src/, "nothing changed, nothing regenerated");

    const later = new Date(Date.now() + 5_000);
    utimesSync(join(proj, SMALL_ENTRY), later, later);
    const touched = await ninja();
    assert.is(touched.code, 0, touched.stdout + touched.stderr);
    assert.match(touched.stdout, /Compiling ts-src\/screen\/color\.ts/);

    assert.is((await configure(OTHER_ENTRY)).code, 0);
    const changed = await ninja();
    assert.is.not(changed.code, 0, "a new module set stops the build once");
    assert.match(changed.stdout + changed.stderr, /module set changed/);
    const resumed = await ninja();
    assert.is(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.ok(readFileSync(join(build, "nudge_core_files.txt"), "utf8").includes("kinds.c"));
  } finally {
    removeDir(work);
  }
});

test.run();
