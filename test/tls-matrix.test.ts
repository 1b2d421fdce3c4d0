// The TLS server matrix, all on 127.0.0.1: the device profile must complete every
// handshake (Caddy rows through to Radicale), the restricted profile must be refused by both
// Caddy rows with the right cause named, and bad certificates must be refused clearly.
// Host programs run as ASan+UBSan builds. Measurements go to build/tls-matrix.json.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildHost, ROOT } from "../scripts/host-build";
import {
  makePki, MOZILLA_INTERMEDIATE, seedCalendar, startCaddy, startNginx, startOpenSslServer, startRadicale, stopAll, tempDir,
  vtodo, type Pki, type Server,
} from "./harness/servers";

const USER = "alice";
const PASSWORD = "correct-horse-7f3a";

interface ProbeResult {
  ok: boolean;
  profile: string;
  tls?: { version: string; ciphersuite: string; group: string; resumed: boolean; hello_retry_requests: number; adaptation: string };
  heap_peak: number;
  handshake_us: number;
  http_status: number;
  last_resumed?: boolean;
  failure?: { summary: string; alert: number; code: number; detail: string };
  ladder: { variant: string; ok: boolean }[];
  cause: string;
}

let bin = "";
let pki: Pki;
let collectionPath = "";
const rows: { name: string; server: Server; caddy: boolean }[] = [];
const passwordFile = () => join(tempDir("nudge-pw-"), "password");
const measured: Record<string, unknown> = {};

function probe(server: Server, args: string[] = []): ProbeResult {
  const r = spawnSync(join(bin, "nudge-tls-probe"), [`${server.origin}${collectionPath}`, "--json", "--heap-report", ...args], { encoding: "utf8", timeout: 60000 });
  assert.not.match(r.stderr, /Sanitizer|runtime error/, `sanitizer report from the probe:\n${r.stderr}`);
  try {
    return JSON.parse(r.stdout) as ProbeResult;
  } catch {
    throw new Error(`probe printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

function device(url: string, ca: string | undefined, extra: string[] = []) {
  const pw = passwordFile();
  writeFileSync(pw, PASSWORD + "\n", { mode: 0o600 });
  const args = ["--url", url, "--user", USER, "--password-file", pw, "--once", "--cache", join(tempDir(), "tls-hosts"), ...extra];
  if (ca) args.push("--ca", ca);
  const r = spawnSync(join(bin, "nudge-device"), args, { encoding: "utf8", timeout: 60000 });
  const out = r.stdout + r.stderr;
  assert.not.ok(out.includes(PASSWORD), "the password must never appear in output");
  assert.not.match(r.stderr, /Sanitizer|runtime error/, `sanitizer report from the device:\n${r.stderr}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test.before(async () => {
  bin = buildHost(true);
  pki = makePki();
  const rsa = pki.leaf({ key: "rsa2048", id: "rsa2048" });
  const ec = pki.leaf({ key: "ec256", id: "ec256" });
  const rad = await startRadicale({ users: { [USER]: PASSWORD } });
  const collection = await seedCalendar(rad.origin, USER, PASSWORD, "tasks", { "milk.ics": vtodo("milk-1", "Buy milk") });
  collectionPath = new URL(collection).pathname;
  const ca = pki.caFile;
  rows.push(
    { name: "caddy x25519", caddy: true, server: await startCaddy({ upstream: rad.origin, curves: ["x25519"] }) },
    { name: "caddy rsa4096 p521/p384/p256", caddy: true, server: await startCaddy({ upstream: rad.origin, keyType: "rsa4096", curves: ["secp521r1", "secp384r1", "secp256r1"] }) },
    { name: "nginx mozilla intermediate", caddy: false, server: await startNginx({ ...rsa, caFile: ca, ssl: MOZILLA_INTERMEDIATE, upstream: rad.origin }) },
    { name: "nginx tls1.3 only", caddy: false, server: await startNginx({ ...ec, caFile: ca, ssl: "ssl_protocols TLSv1.3;" }) },
    { name: "openssl -tls1_2 rsa", caddy: false, server: await startOpenSslServer({ ...rsa, caFile: ca, args: ["-tls1_2"] }) },
    { name: "openssl p384 only (HRR)", caddy: false, server: await startOpenSslServer({ ...ec, caFile: ca, args: ["-groups", "secp384r1"] }) },
    { name: "openssl -max_send_frag 512", caddy: false, server: await startOpenSslServer({ ...rsa, caFile: ca, args: ["-max_send_frag", "512"] }) },
  );
});

test.after(async () => {
  mkdirSync(join(ROOT, "build"), { recursive: true });
  writeFileSync(join(ROOT, "build", "tls-matrix.json"), JSON.stringify(measured, null, 2) + "\n");
  await stopAll();
});

test("device profile completes the handshake on every matrix row within the heap budget", () => {
  const heap: Record<string, number> = {};
  for (const row of rows) {
    const r = probe(row.server, ["--ca", row.server.caFile!]);
    assert.ok(r.ok, `${row.name}: ${r.failure?.summary}\n${r.failure?.detail}`);
    assert.ok(r.tls!.version === "TLSv1.3" || r.tls!.version === "TLSv1.2", row.name);
    assert.ok(r.http_status > 0, `${row.name}: no HTTP answer through the TLS connection`);
    heap[row.name] = r.heap_peak;
    assert.ok(r.heap_peak <= 42 * 1024, `${row.name}: handshake heap peak ${r.heap_peak} B exceeds 42 KB`);
    measured[row.name] = { ...r.tls, heap_peak: r.heap_peak };
  }
  // Each row exercises what it is in the matrix for.
  const byName = (n: string) => measured[n] as { version: string; group: string; hello_retry_requests: number; adaptation: string };
  assert.is(byName("openssl -tls1_2 rsa").version, "TLSv1.2");
  assert.is(byName("openssl -tls1_2 rsa").adaptation, "tls12-pkcs1", "the TLS 1.2 RSA-PSS trap is worked around");
  assert.is(byName("openssl p384 only (HRR)").hello_retry_requests, 1);
  assert.is(byName("openssl p384 only (HRR)").group, "secp384r1");
  assert.is(byName("nginx tls1.3 only").version, "TLSv1.3");
  assert.is(byName("caddy x25519").group, "x25519");
});

test("Caddy rows: the device polls Radicale through the proxy (tasks, TLS object, no password in output)", () => {
  for (const row of rows.filter((r) => r.caddy)) {
    const r = device(`${row.server.origin}${collectionPath}`, row.server.caFile);
    assert.is(r.status, 0, `${row.name}: ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    assert.ok(Array.isArray(out.tasks), row.name);
    assert.type(out.counts.overdue, "number", row.name);
    assert.is(out.tls.version, "TLSv1.3");
    assert.type(out.tls.resumed, "boolean");
    assert.ok(out.tls.ciphersuite.startsWith("TLS1-3-"), out.tls.ciphersuite);
  }
});

test("a wrong password is a clear 401, and the password is still never printed", () => {
  const row = rows[0]!;
  const pw = passwordFile();
  writeFileSync(pw, "not-" + PASSWORD + "\n");
  const r = spawnSync(join(bin, "nudge-device"), ["--url", `${row.server.origin}${collectionPath}`, "--user", USER, "--password-file", pw, "--ca", row.server.caFile!, "--once", "--cache", join(tempDir(), "c")], { encoding: "utf8" });
  assert.is(r.status, 1);
  assert.match(r.stderr, /HTTP 401/);
  assert.not.ok((r.stdout + r.stderr).includes(PASSWORD));
});

test("TLS 1.3 session tickets are reused on the next connection", () => {
  for (const name of ["caddy x25519", "nginx tls1.3 only"]) {
    const row = rows.find((r) => r.name === name)!;
    const r = probe(row.server, ["--ca", row.server.caFile!, "--repeat", "2"]);
    assert.ok(r.ok);
    assert.is(r.last_resumed, true, `${name}: second connection not resumed`);
  }
});

test("the TLS 1.2 RSA-PSS workaround is remembered per host", () => {
  const row = rows.find((r) => r.name === "openssl -tls1_2 rsa")!;
  const cache = join(tempDir(), "tls-hosts");
  const pw = passwordFile();
  writeFileSync(pw, PASSWORD);
  spawnSync(join(bin, "nudge-device"), ["--url", `${row.server.origin}/`, "--user", USER, "--password-file", pw, "--ca", row.server.caFile!, "--once", "--cache", cache], { encoding: "utf8" });
  assert.match(readFileSync(cache, "utf8"), new RegExp(`^localhost:${row.server.port} tls12-pkcs1$`, "m"));
});

test("restricted profile: Caddy x25519 refuses it for the group, Caddy rsa4096 for the signature algorithm", () => {
  const [x25519, rsa] = rows;
  const a = probe(x25519!.server, ["--ca", x25519!.server.caFile!, "--profile", "restricted"]);
  assert.not.ok(a.ok);
  assert.is(a.failure!.alert, 40);
  assert.match(a.failure!.detail, /offered: versions TLSv1\.3; suites TLS1-3-AES-128-GCM-SHA256; groups secp256r1; key share secp256r1; sig algs ecdsa_secp256r1_sha256; SNI localhost/);
  assert.match(a.cause, /no common key-exchange group/);
  assert.match(a.cause, /CONFIG_MBEDTLS_ECP_DP_CURVE25519_ENABLED/);
  const b = probe(rsa!.server, ["--ca", rsa!.server.caFile!, "--profile", "restricted"]);
  assert.not.ok(b.ok);
  assert.is(b.failure!.alert, 40);
  assert.match(b.cause, /no common signature algorithm/);
  assert.equal(b.ladder.filter((l) => l.ok).map((l) => l.variant), ["signature algorithms as device"]);
});

test("group order: HelloRetryRequests per first group across the matrix and Caddy's defaults (measured)", async () => {
  const orders = ["x25519,secp256r1,secp384r1", "secp256r1,x25519,secp384r1", "secp384r1,x25519,secp256r1"];
  const totals: Record<string, number> = {}, micros: Record<string, number> = {};
  // Caddy with its default curves (x25519, P-256) is the reference deployment, so it counts too.
  const radicale = rows[0]!.server; // any upstream will do: only the handshake matters here
  const reference = { name: "caddy defaults", caddy: true, server: await startCaddy({ upstream: radicale.origin }) };
  for (const order of orders) {
    totals[order] = micros[order] = 0;
    for (const row of [...rows, reference]) {
      const r = probe(row.server, ["--ca", row.server.caFile!, "--groups", order, "--no-ladder"]);
      assert.ok(r.ok, `${row.name} with ${order}`);
      totals[order] += r.tls!.hello_retry_requests;
      micros[order] += r.handshake_us;
    }
  }
  measured["hrr_totals_by_group_order"] = totals;
  measured["handshake_us_totals_by_group_order (ASan build, loopback)"] = micros;
  // The shipped order (firmware/common/nudge_tls_profile.c) must be among the fewest HRRs.
  assert.is(totals["x25519,secp256r1,secp384r1"], Math.min(...Object.values(totals)), JSON.stringify(totals));
  await reference.server.stop();
});

test("device profile against a P-521-only server: the ladder names the group to add", async () => {
  const s = await startOpenSslServer({ ...pki.leaf({ id: "p521" }), caFile: pki.caFile, args: ["-groups", "P-521"], name: "p521-only" });
  try {
    const r = probe(s, ["--ca", pki.caFile]);
    assert.not.ok(r.ok);
    assert.is(r.failure!.alert, 40);
    assert.equal(r.ladder.map((l) => [l.variant, l.ok]), [["secp521r1 added to groups", true], ["TLS 1.2 only", false], ["TLS 1.3 only", false]]);
    assert.match(r.cause, /the server accepts none of x25519,secp256r1,secp384r1\nfix: offer secp521r1 \(CONFIG_MBEDTLS_ECP_DP_SECP521R1_ENABLED=y\)/);
  } finally {
    await s.stop();
  }
});

async function certServer(leaf: { cert: string; key: string }) {
  return startOpenSslServer({ ...leaf, caFile: pki.caFile, name: "cert-case" });
}

test("certificate failures are refused with a clear message", async () => {
  const cases: { name: string; leaf: { cert: string; key: string }; ca: boolean; want: RegExp }[] = [
    { name: "wrong host", leaf: pki.leaf({ names: ["calendar.example.org"], id: "wronghost" }), ca: true, want: /not valid for localhost \(it names calendar\.example\.org\)/ },
    { name: "unknown CA", leaf: pki.leaf({ id: "unknownca" }), ca: false, want: /issued by an unknown CA \(CN=Nudge Test CA\)/ },
    { name: "expired", leaf: pki.leaf({ expired: true, id: "expired" }), ca: true, want: /certificate expired \(valid until \d{4}-/ },
    { name: "self-signed", leaf: pki.leaf({ selfSigned: true, id: "selfsigned" }), ca: false, want: /self-signed certificate is not trusted/ },
  ];
  for (const c of cases) {
    const s = await certServer(c.leaf);
    try {
      const r = probe(s, [...(c.ca ? ["--ca", pki.caFile] : []), "--no-ladder"]);
      assert.not.ok(r.ok, `${c.name}: must be refused`);
      assert.match(r.failure!.summary, c.want, `${c.name}: ${r.failure!.summary}`);
      assert.match(r.failure!.detail, /fix: /);
      const d = device(`${s.origin}/`, c.ca ? pki.caFile : undefined);
      assert.is(d.status, 1, `${c.name}: the device must refuse too`);
      assert.match(d.stderr, c.want);
    } finally {
      await s.stop();
    }
  }
});

test("credentials are never sent over plain http (beyond this machine)", () => {
  // Refused by policy before any name lookup or connection; .invalid never resolves (RFC 6761).
  const r = device("http://nudge-test.invalid:9/", undefined);
  assert.is(r.status, 1);
  assert.match(r.stderr, /refusing to send credentials over plain http/);
});

test.run();
