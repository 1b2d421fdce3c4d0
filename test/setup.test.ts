// scripts/setup.sh and the mbedTLS configuration it builds (scripts/mbedtls/gen-config.mjs).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../scripts/host-build";
import { tempDir, stopAll } from "./harness/servers";
// @ts-expect-error plain ES module without type declarations
import { readSdkconfig, resolve, render, TABLE } from "../scripts/mbedtls/gen-config.mjs";

const SETUP = join(ROOT, "scripts", "setup.sh");

function runSetup(env: Record<string, string> = {}, asNobody = false) {
  const cmd = asNobody ? "runuser" : "bash";
  const args = asNobody ? ["-u", "nobody", "--", "env", ...Object.entries(env).map(([k, v]) => `${k}=${v}`), "bash", SETUP, "--quiet"] : [SETUP, "--quiet"];
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env }, cwd: ROOT });
  return { ...r, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

test.after(() => stopAll());

test("non-root with a missing package: one clear message with the exact command, exit 1", () => {
  if (process.getuid?.() !== 0) return; // needs root to switch to `nobody`
  const r = runSetup({ NUDGE_SETUP_PACKAGES: "coreutils nudge-no-such-package bash" }, true);
  assert.is(r.status, 1, r.stderr);
  assert.is(r.stdout, "");
  const lines = r.stderr.trim().split("\n");
  assert.is(lines.length, 2, r.stderr);
  assert.is(lines[0], "setup: missing Debian packages: nudge-no-such-package");
  assert.is(lines[1]!.trim(), "install them with:  sudo apt-get install -y --no-install-recommends nudge-no-such-package");
});

test("all packages present: the check alone is fast and silent", () => {
  runSetup({ NUDGE_SETUP_SKIP_MBEDTLS: "1" }); // warm the page cache
  const r = runSetup({ NUDGE_SETUP_SKIP_MBEDTLS: "1" });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout + r.stderr, "");
  assert.ok(r.seconds < 0.3, `package check took ${r.seconds.toFixed(3)} s`);
});

test("a second run is a no-op: nothing rebuilt, nothing printed", () => {
  const first = runSetup();
  assert.is(first.status, 0, first.stderr);
  const stamp = join(ROOT, "build", "mbedtls", ".stamp");
  const lib = join(ROOT, "build", "mbedtls", "lib", "libmbedtls.a");
  const before = [statSync(stamp).mtimeMs, statSync(lib).mtimeMs];
  const second = runSetup();
  assert.is(second.status, 0, second.stderr);
  assert.is(second.stdout + second.stderr, "");
  assert.ok(second.seconds < 1, `second run took ${second.seconds.toFixed(2)} s`);
  assert.equal([statSync(stamp).mtimeMs, statSync(lib).mtimeMs], before);
  const version = readFileSync(join(ROOT, "build", "mbedtls", "VERSION"), "utf8");
  const m = version.match(/^3\.6\.(\d+)/);
  assert.ok(m && Number(m[1]) >= 3, `mbedTLS ${version} is older than 3.6.3`);
});

test("sdkconfig.defaults resolves like ESP-IDF: explicit values, Kconfig defaults, dependent defaults", () => {
  const set = readSdkconfig("CONFIG_MBEDTLS_SSL_PROTO_TLS1_3=y\n# CONFIG_MBEDTLS_SSL_RENEGOTIATION is not set\nCONFIG_MBEDTLS_SSL_OUT_CONTENT_LEN=2048\n");
  const c = resolve(set);
  assert.is(c.MBEDTLS_SSL_RENEGOTIATION, "n");
  assert.is(c.MBEDTLS_SSL_TLS1_3_KEXM_EPHEMERAL, "y", "TLS 1.3 key exchange modes default on with TLS 1.3");
  assert.is(c.MBEDTLS_HKDF_C, "y");
  assert.is(c.MBEDTLS_CHACHAPOLY_C, "n", "ChaCha20-Poly1305 is off by default in ESP-IDF");
  const h = render(c, "test");
  assert.match(h, /^#define MBEDTLS_SSL_OUT_CONTENT_LEN 2048$/m);
  assert.match(h, /^#define MBEDTLS_SSL_IN_CONTENT_LEN 16384$/m);
  assert.match(h, /^#undef MBEDTLS_SSL_RENEGOTIATION$/m);
  assert.not.match(h, /MBEDTLS_SSL_MAX_CONTENT_LEN \d/);
});

test("the built mbedTLS has the device's configuration", () => {
  const dir = tempDir();
  const src = join(dir, "check.c");
  writeFileSync(src, `#include <stdio.h>
#include "mbedtls/build_info.h"
int main(void) {
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_PROTO_TLS1_2) && defined(MBEDTLS_CHACHAPOLY_C) && \\
    defined(MBEDTLS_PKCS1_V21) && defined(MBEDTLS_HAVE_TIME_DATE) && defined(MBEDTLS_SSL_SESSION_TICKETS) && \\
    !defined(MBEDTLS_KEY_EXCHANGE_RSA_ENABLED) && !defined(MBEDTLS_SSL_RENEGOTIATION) && !defined(MBEDTLS_SSL_SRV_C)
    printf("%d %d\\n", MBEDTLS_SSL_IN_CONTENT_LEN, MBEDTLS_SSL_OUT_CONTENT_LEN);
    return 0;
#else
    return 1;
#endif
}
`);
  const cc = spawnSync("cc", ["-std=c99", "-Wall", "-Werror", `-I${join(ROOT, "build", "mbedtls", "include")}`, src, "-o", join(dir, "check")], { encoding: "utf8" });
  assert.is(cc.status, 0, cc.stderr);
  const r = spawnSync(join(dir, "check"), { encoding: "utf8" });
  assert.is(r.status, 0, "configuration macros differ from sdkconfig.defaults");
  assert.is(r.stdout.trim(), "16384 4096");
});

// With an ESP-IDF checkout (IDF_PATH), check the symbol→macro table against esp_config.h and
// the resolved defaults against ESP-IDF's own Kconfig (kconfiglib from python3-kconfiglib).
test("mapping agrees with ESP-IDF's esp_config.h and Kconfig (needs IDF_PATH)", () => {
  const idf = process.env.IDF_PATH;
  if (!idf || !existsSync(join(idf, "components", "mbedtls", "Kconfig"))) return;
  const espConfig = readFileSync(join(idf, "components/mbedtls/port/include/mbedtls/esp_config.h"), "utf8");
  for (const [sym, , macros] of TABLE.BOOL as [string, unknown, string[]][]) {
    for (const macro of macros) {
      const re = new RegExp(`#if(def)? CONFIG_${sym}\\b[^]{0,400}?#define ${macro}\\b`);
      assert.match(espConfig, re, `esp_config.h does not map CONFIG_${sym} to ${macro}`);
    }
  }
  const py = `import kconfiglib, sys
kc = kconfiglib.Kconfig(sys.argv[1], warn=False)
kc.load_config(sys.argv[2], replace=True)
for name in sys.argv[3:]:
    s = kc.syms.get(name)
    print(name, (s.str_value or "n") if s else "MISSING")`;
  const ours = resolve(readSdkconfig(readFileSync(join(ROOT, "sdkconfig.defaults"), "utf8")));
  const names = (TABLE.BOOL as [string][]).map(([s]) => s);
  const r = spawnSync("/usr/bin/python3", ["-c", py, join(idf, "components/mbedtls/Kconfig"), join(ROOT, "sdkconfig.defaults"), ...names], { encoding: "utf8", env: { ...process.env, IDF_TARGET: "esp32s3" } });
  assert.is(r.status, 0, r.stderr);
  for (const line of r.stdout.trim().split("\n")) {
    const [name, value] = line.split(" ");
    assert.is.not(value, "MISSING", `${name} is not an ESP-IDF Kconfig symbol`);
    assert.is(ours[name!], value, `${name}: ESP-IDF resolves ${value}, gen-config ${ours[name!]}`);
  }
});

test.run();
