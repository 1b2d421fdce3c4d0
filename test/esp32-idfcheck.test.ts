// Type-checks every ESP-IDF C file of the firmware against the real ESP-IDF headers of v5.5.5 and
// v5.4.2 (ESP-IDF's idfcheck: host gcc with the Xtensa ABI and an sdkconfig.h generated from
// IDF's Kconfig plus our sdkconfig.defaults*). Nudge's own Kconfig.projbuild options are not part
// of IDF's Kconfig tree, so they are turned into -D flags here, once per board choice, exactly as
// kconfig would write them into sdkconfig.h. Skipped (with the reason) when the mirrors are absent.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

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
    else if ((m = line.match(/^default\s+(.*)$/))) {
      if (cur) cur.def = m[1];
      else if (choice) choiceDefault.set(choice, m[1]);
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

if (missing.length) {
  console.log(`skipped: ESP-IDF check needs ${missing.join(", ")} (set IDFCHECK, IDF_MIRROR, MBEDTLS_MIRROR)`);
  test.skip("firmware C passes idfcheck on v5.5.5 and v5.4.2", () => {});
} else {
  for (const tag of TAGS) {
    for (const board of BOARDS) {
      test(`${tag} ${board}: ${sources.length} firmware C files pass idfcheck`, () => {
        const args = [
          "--idf", tag, "-q",
          "--sdkconfig-defaults", join(ROOT, "sdkconfig.defaults"),
          "--sdkconfig-defaults", join(ROOT, "sdkconfig.defaults.esp32s3"),
          "--log-format-check",
          ...INCLUDES.flatMap((d) => ["-I", d]),
          ...kconfigDefines(opts, board),
          // The BOX-3 run also covers the embedded user CA (CMake defines this when
          // NUDGE_CA_CERT_FILE is set).
          ...(board === "NUDGE_BOARD_S3_BOX_3" ? ["-DNUDGE_HAVE_USER_CA=1"] : []),
          ...sources,
        ];
        const r = spawnSync(CHECKER, args, {
          encoding: "utf8",
          env: { ...process.env, IDF_MIRROR, MBEDTLS_MIRROR },
        });
        const out = `${r.stdout}${r.stderr}`;
        assert.is(r.status, 0, out);
        assert.not.match(out, /sdkconfig: .*(unknown|unmet)/i, out);
      });
    }
  }
}

test.run();
