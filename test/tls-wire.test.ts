// The portable handshake observer (firmware/common/nudge_tls_wire.c) on recorded handshakes
// (test/fixtures/tls/*.cap): same result whether bytes arrive whole or one at a time.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildHost, ROOT } from "../scripts/host-build";

const FIXTURES = join(ROOT, "test", "fixtures", "tls");
let bin = "";

function observe(file: string, split = 0) {
  const r = spawnSync(join(bin, "nudge-wire-check"), [join(FIXTURES, file), "--split", String(split)], { encoding: "utf8" });
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stderr, /Sanitizer|runtime error/, r.stderr);
  return JSON.parse(r.stdout);
}

test.before(() => { bin = buildHost(true); });

test("record and message boundaries do not matter", () => {
  for (const file of ["hrr-p384.cap", "tls12-pss-trap.cap", "tls12-pkcs1.cap"]) {
    const whole = observe(file);
    for (const split of [1, 2, 3, 5, 64]) assert.equal(observe(file, split), whole, `${file} split ${split}`);
  }
});

test("TLS 1.3 HelloRetryRequest: the second ClientHello carries the asked-for key share", () => {
  const w = observe("hrr-p384.cap", 1);
  assert.is(w.client_hellos, 2);
  assert.equal(w.versions, [0x0304, 0x0303]);
  assert.equal(w.groups, [29, 23, 24]);
  assert.equal(w.key_shares, [24]);
  assert.is(w.hello_retry_requests, 1);
  assert.is(w.hrr_group, 24);
  assert.is(w.version, 0x0304);
  assert.is(w.suite, 0x1301);
  assert.is(w.group, 24);
  assert.is(w.sni, "localhost");
  assert.is(w.certificate_seen, false, "a TLS 1.3 Certificate is encrypted and must not be parsed");
});

test("TLS 1.2 RSA-PSS trap and its PKCS#1 retry are told apart by the ServerKeyExchange", () => {
  const trap = observe("tls12-pss-trap.cap", 3);
  assert.is(trap.version, 0x0303);
  assert.is(trap.ske_sig_alg, 0x0804);
  assert.ok(trap.sig_algs.includes(0x0804), "the device offer includes rsa_pss_rsae_sha256");
  const retry = observe("tls12-pkcs1.cap", 3);
  assert.equal(retry.versions, [0x0303]);
  assert.not.ok(retry.sig_algs.some((s: number) => (s & 0xff00) === 0x0800), "the retry offers no RSA-PSS");
  assert.is(retry.ske_sig_alg, 0x0401);
  assert.is(retry.certificate_seen, true);
  assert.is(retry.resumed, false);
});

test.run();
