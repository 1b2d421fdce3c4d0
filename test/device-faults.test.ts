// Connection faults: the host device (nudge-device --once --state, ASan/UBSan) polls Radicale
// through a proxy that breaks the response in one way at a time (test/harness/fault-proxy.ts).
// After each fault the device must exit 1, keep exactly the tasks of its last good poll, name
// what went wrong, and schedule its retry inside the backoff window; the next good poll recovers.
// The response parser alone is cut at every byte offset of recorded responses and fed in every
// split through nudge-http-replay, which takes seconds rather than a device run per offset.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildHost } from "../scripts/host-build";
import { BACKOFF_BASE } from "../ts-src/device/schedule";
import { startFaultProxy, type Fault, type FaultProxy } from "./harness/fault-proxy";
import { seedCalendar, startCaddy, startRadicale, stopAll, tempDir, vtodo, type Server } from "./harness/servers";

const USER = "alice";
const PASSWORD = "pw-" + Math.random().toString(36).slice(2, 12);
const NOW = "2026-11-27T09:00:00Z";
const TIMEOUT_MS = 400;
const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/faults/${name}`, import.meta.url));

const ITEMS: Record<string, string> = {
  "water.ics": vtodo("water", "Water the plants", ["DUE:20261127T170000Z"]),
  "report.ics": vtodo("report", "Quarterly report", ["DUE:20261125T120000Z", "PRIORITY:1"]),
  "bakery.ics": vtodo("bakery", "Bäckerei: Brötchen für Zoë", ["DUE:20270115T080000Z"]),
};

let hostDir = "";
let dir = "";
let passwordFile = "";
let radicale: Server;
let caddy: Server;
let plain: FaultProxy;
let tls: FaultProxy;
let plainUrl = "";
let tlsUrl = "";

test.before(async () => {
  hostDir = buildHost(true);
  dir = tempDir("nudge-faults-");
  passwordFile = join(dir, "password");
  writeFileSync(passwordFile, PASSWORD + "\n", { mode: 0o600 });
  radicale = await startRadicale({ users: { [USER]: PASSWORD } });
  const collection = new URL(await seedCalendar(radicale.origin, USER, PASSWORD, "tasks", ITEMS)).pathname;
  caddy = await startCaddy({ upstream: radicale.origin });
  plain = await startFaultProxy({ upstreamPort: radicale.port });
  tls = await startFaultProxy({ upstreamPort: caddy.port, tls: true });
  plainUrl = plain.origin + collection;
  // the certificate names localhost; the proxy only relays the TLS bytes
  tlsUrl = `https://localhost:${tls.port}${collection}`;
});

test.after(async () => {
  await plain?.close();
  await tls?.close();
  await stopAll();
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** What a failed --once poll prints: the tasks held, the state shown and the retry delay. */
interface Held {
  tasks: unknown[];
  counts: Record<string, number>;
  connection: string;
  message: string;
  lastPoll: number;
  retryInSeconds: number;
}

/** Runs the device once against url with the state file. */
function device(url: string, state: string, extra: string[] = [], password = passwordFile): Promise<Run> {
  const args = ["--url", url, "--user", USER, "--password-file", password, "--once", "--now", NOW, "--tz", "Europe/Berlin",
    "--state", state, "--cache", join(dir, "tls-hosts"), "--timeout-ms", String(TIMEOUT_MS), ...extra];
  if (url.startsWith("https:")) args.push("--ca", caddy.caFile!);
  return spawnDevice(args);
}

/** Runs nudge-device; async, since the proxy lives in this process. */
function spawnDevice(args: string[]): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(join(hostDir, "nudge-device"), args);
    let stdout = "", stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => p.kill("SIGKILL"), 60_000);
    p.on("error", reject);
    p.on("close", (status) => {
      clearTimeout(guard);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A good poll's tasks (JSON of the tasks and counts only). */
function tasksOf(r: Run): string {
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { tasks: unknown[]; counts: unknown };
  return JSON.stringify({ tasks: j.tasks, counts: j.counts });
}

let goodPlain = "";
let goodTls = "";
const plainState = (): string => join(dir, "plain.state");
const tlsState = (): string => join(dir, "tls.state");

/** Runs one poll with `fault` set (or canned bytes) and checks what the device keeps and shows. */
async function faulty(fault: Fault, opts: { canned?: Buffer; message: RegExp; connection?: string; retry?: [number, number]; proxy?: FaultProxy; seed?: number; password?: string; timeoutMs?: number }): Promise<Held> {
  const proxy = opts.proxy ?? plain;
  proxy.fault = fault;
  proxy.canned = opts.canned ?? null;
  let r: Run;
  try {
    r = await device(proxy === tls ? tlsUrl : plainUrl, proxy === tls ? tlsState() : plainState(), ["--seed", String(opts.seed ?? 20261127), "--timeout-ms", String(opts.timeoutMs ?? TIMEOUT_MS)], opts.password);
  } finally {
    proxy.fault = { kind: "none" };
    proxy.canned = null;
  }
  assert.is(r.status, 1, r.stderr);
  const held = JSON.parse(r.stdout) as Held;
  assert.is(JSON.stringify({ tasks: held.tasks, counts: held.counts }), proxy === tls ? goodTls : goodPlain, "the last good tasks are kept");
  assert.ok(held.lastPoll > 0, "the last good poll is remembered");
  assert.is(held.connection, opts.connection ?? "offline", held.message);
  assert.match(held.message, opts.message, held.message);
  const [lo, hi] = opts.retry ?? [BACKOFF_BASE / 2, BACKOFF_BASE];
  assert.ok(held.retryInSeconds >= lo && held.retryInSeconds <= hi, `retry in ${held.retryInSeconds} s, not in [${lo}, ${hi}]`);
  assert.not.ok((r.stdout + r.stderr).includes(PASSWORD), "no password in the output");
  console.log(`  ${fault.kind}${opts.canned ? " (canned)" : ""}: "${held.message}", retry in ${held.retryInSeconds.toFixed(1)} s, run ${r.ms} ms`);
  return held;
}

test("a good poll through the proxy, and one delivered a byte at a time, show the same tasks", async () => {
  goodPlain = tasksOf(await device(plainUrl, plainState()));
  assert.match(goodPlain, /Quarterly report/);
  plain.fault = { kind: "chunks", size: 1, delayMs: 0 };
  const r = await device(plainUrl, plainState());
  plain.fault = { kind: "none" };
  assert.is(tasksOf(r), goodPlain);
  goodTls = tasksOf(await device(tlsUrl, tlsState()));
  assert.is(goodTls, goodPlain);
});

test("stalled server: reported after the read timeout, before and inside the response", async () => {
  const started = Date.now();
  await faulty({ kind: "stall", at: 0 }, { message: new RegExp(`^server stalled: no data for ${TIMEOUT_MS} ms after 0 bytes of the response$`) });
  const took = Date.now() - started;
  await faulty({ kind: "stall", at: 150 }, { message: new RegExp(`^server stalled: no data for ${TIMEOUT_MS} ms after 150 bytes of the response$`) });
  console.log(`  stall detected and reported in ${took} ms (read timeout ${TIMEOUT_MS} ms)`);
  assert.ok(took < TIMEOUT_MS + 5000, `took ${took} ms`);
});

test("reset: the connection dropped with RST, before any byte and mid-body", async () => {
  await faulty({ kind: "reset", at: 0 }, { message: /^connection reset by 127\.0\.0\.1 after 0 bytes of the response$/ });
  const held = await faulty({ kind: "reset", at: 300 }, { message: /^connection reset by 127\.0\.0\.1 after \d+ bytes of the response$/ });
  assert.ok(Number(/after (\d+)/.exec(held.message)![1]) <= 300);
});

test("truncated: closed inside the headers and inside the body", async () => {
  await faulty({ kind: "truncate", at: 40 }, { message: /^response truncated in the headers after 40 bytes$/ });
  const head = fixture("radicale-propfind-length.http").indexOf("\r\n\r\n") + 4;
  await faulty({ kind: "truncate", at: head + 25 }, { message: /^response truncated: body ended after \d+ of \d+ bytes$/ });
});

test("wrong Content-Length: a longer one is a truncated body, a shorter one a cut document", async () => {
  const held = await faulty({ kind: "content-length", delta: 50 }, { message: /^response truncated: body ended after (\d+) of (\d+) bytes$/ });
  const [, got, want] = /after (\d+) of (\d+)/.exec(held.message)!;
  assert.is(Number(want) - Number(got), 50);
  await faulty({ kind: "content-length", delta: -30 }, { message: /./, connection: "offline" });
});

test("broken chunked framing and oversized headers are named", async () => {
  await faulty({ kind: "bad-chunked" }, { message: /^bad chunk size after \d+ bytes$/ });
  await faulty({ kind: "huge-header", bytes: 20_000 }, { message: /^response headers too large after \d+ bytes$/ });
});

test("401, 404 and 503 with Retry-After (seconds and HTTP-date)", async () => {
  const wrong = join(dir, "wrong");
  writeFileSync(wrong, "not-" + PASSWORD + "\n", { mode: 0o600 });
  // Radicale answers a wrong password only after its brute-force delay (about a second)
  await faulty({ kind: "none" }, { password: wrong, connection: "auth", message: /^$/, retry: [0.9 * 3600, 3600], timeoutMs: 10_000 });
  const notFound = Buffer.from("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nNot Found");
  await faulty({ kind: "none" }, { canned: notFound, message: /404/ });
  const busy = (after: string): Buffer => Buffer.from(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${after}\r\nContent-Length: 0\r\n\r\n`);
  await faulty({ kind: "none" }, { canned: busy("120"), message: /^server error \(HTTP 503\), retry after 2 min$/, retry: [120, 132] });
  const at = new Date(Date.parse(NOW) + 600_000).toUTCString();
  await faulty({ kind: "none" }, { canned: busy(at), message: /^server error \(HTTP 503\), retry after 10 min$/, retry: [600, 660] });
  // the canned answer arriving a byte at a time changes nothing
  await faulty({ kind: "chunks", size: 1, delayMs: 0 }, { canned: busy("120"), message: /^server error \(HTTP 503\), retry after 2 min$/, retry: [120, 132] });
});

test("server down: connection refused; two seeds retry at different times inside the window", async () => {
  await plain.pause();
  try {
    const a = await faulty({ kind: "none" }, { message: new RegExp(`^cannot connect to 127\\.0\\.0\\.1:${plain.port}: Connection refused$`), seed: 123456789 });
    const b = await faulty({ kind: "none" }, { message: /Connection refused/, seed: 987654321 });
    assert.is.not(a.retryInSeconds, b.retryInSeconds);
  } finally {
    await plain.resume();
  }
});

test("--polls in virtual time: while the server is down the retries back off with jitter, the tasks stay; then polls every 5 min", async () => {
  const polls = async (n: number): Promise<{ run: Run; lines: Record<string, string>[] }> => {
    const run = await spawnDevice(["--url", plainUrl, "--user", USER, "--password-file", passwordFile, "--polls", String(n), "--now", NOW,
      "--tz", "Europe/Berlin", "--state", plainState(), "--cache", join(dir, "tls-hosts"), "--timeout-ms", String(TIMEOUT_MS), "--seed", "4242"]);
    // "poll=3 failed requests=1 ... state=offline" → {poll: "3", failed: "", requests: "1", ...}
    const lines = run.stderr.split("\n").filter((l) => l.startsWith("poll=")).map((l) => Object.fromEntries(l.split(" ").map((kv) => [kv.split("=")[0]!, kv.split("=")[1] ?? ""])));
    return { run, lines };
  };
  await plain.pause();
  let failing: Awaited<ReturnType<typeof polls>>;
  try {
    failing = await polls(7);
  } finally {
    await plain.resume();
  }
  assert.is(failing.run.status, 1);
  assert.is(failing.lines.length, 7);
  failing.lines.forEach((l, i) => {
    const cap = BACKOFF_BASE * 2 ** i;
    assert.ok("failed" in l && l.requests === "1" && l.state === "offline", JSON.stringify(l));
    assert.ok(Number(l.retry_s) >= cap / 2 && Number(l.retry_s) <= cap, `poll ${i + 1}: retry in ${l.retry_s} s, not in [${cap / 2}, ${cap}]`);
    if (i > 0) assert.ok(Number(l.at) - Number(failing.lines[i - 1]!.at) >= Number(failing.lines[i - 1]!.retry_s) - 1, "no poll before its retry time");
  });
  const held = JSON.parse(failing.run.stdout) as Held;
  assert.is(JSON.stringify({ tasks: held.tasks, counts: held.counts }), goodPlain);
  const good = await polls(3);
  assert.equal(good.lines.map((l) => ["ok" in l, l.retry_s]), [[true, "300.000"], [true, "300.000"], [true, "300.000"]]);
  assert.equal(good.lines.map((l) => Number(l.at) - Number(good.lines[0]!.at)), [0, 300, 600]);
  assert.is(tasksOf(good.run), goodPlain);
  const minutes = (Number(failing.lines[6]!.at) - Number(failing.lines[0]!.at)) / 60;
  console.log(`  7 failing polls over ${minutes.toFixed(0)} virtual minutes in ${failing.run.ms} ms; 3 good ones in ${good.run.ms} ms`);
});

test("TLS: a fatal alert record, a forged record, a close, a reset and a stall mid-stream are reported precisely", async () => {
  await faulty({ kind: "tls-record", records: 0, record: "alert" }, { proxy: tls, message: /^TLS alert internal_error from the server, sent unprotected \(refused\) after 0 bytes of the response$/ });
  await faulty({ kind: "tls-record", records: 0, record: "garbage" }, { proxy: tls, message: /^TLS record failed its integrity check -0x[0-9a-f]+ after 0 bytes of the response$/ });
  await faulty({ kind: "tls-record", records: 0, record: "close" }, { proxy: tls, message: /^connection closed by localhost before any response$/ });
  await faulty({ kind: "tls-record", records: 1, record: "close" }, { proxy: tls, message: /^response truncated/ });
  await faulty({ kind: "tls-record", records: 1, record: "reset" }, { proxy: tls, message: /^connection reset by localhost after \d+ bytes of the response$/ });
  await faulty({ kind: "tls-record", records: 1, record: "stall" }, { proxy: tls, message: new RegExp(`^server stalled: no data for ${TIMEOUT_MS} ms after \\d+ bytes of the response$`) });
});

test("after every fault the next good poll recovers, on both paths", async () => {
  assert.is(tasksOf(await device(plainUrl, plainState())), goodPlain);
  assert.is(tasksOf(await device(tlsUrl, tlsState())), goodTls);
});

/** nudge-http-replay lines: prefix, outcome, status, error text, body bytes, body hex. */
function replay(file: string, args: string[]): { prefix: number; outcome: string; status: number; error: string; body: string }[] {
  const r = spawnSync(join(hostDir, "nudge-http-replay"), [join("test/fixtures/faults", file), ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.trimEnd().split("\n").map((line) => {
    const m = /^(\d+) (done|error) (\d+) (.*) (\d+) ([0-9a-f]+|-)$/.exec(line)!;
    assert.ok(m, line);
    return { prefix: Number(m[1]), outcome: m[2]!, status: Number(m[3]), error: m[4]!, body: m[6] === "-" ? "" : m[6]! };
  });
}

test("parser: every split decodes the same body; every truncation offset gives the right error", () => {
  const body = fixture("radicale-propfind.body").toString("hex");
  const started = Date.now();
  let cuts = 0;
  for (const [file, framing] of [["radicale-propfind-length.http", "length"], ["radicale-propfind-chunked.http", "chunked"], ["radicale-propfind-close.http", "close"]] as const) {
    const raw = fixture(file);
    const head = raw.indexOf("\r\n\r\n") + 4;
    for (const split of [1, 2, 3, 7, 64, 4096]) {
      const [whole] = replay(file, ["--split", String(split)]);
      assert.is(whole!.outcome, "done", `${file} split ${split}: ${whole!.error}`);
      assert.is(whole!.status, 207);
      assert.is(whole!.body, body, `${file} split ${split}`);
    }
    for (const split of [1, 5, 4096]) {
      const lines = replay(file, ["--every-prefix", "--split", String(split)]);
      assert.is(lines.length, raw.length + 1);
      for (const l of lines) {
        const where = `${file} cut at ${l.prefix} (split ${split})`;
        cuts++;
        if (l.prefix === raw.length) {
          assert.is(l.outcome, "done", where);
          assert.is(l.body, body, where);
        } else if (l.prefix === 0) assert.is(l.error, "connection closed before any response", where);
        else if (l.prefix < head) assert.is(l.error, "response truncated in the headers", where);
        else if (framing === "length") assert.is(l.error, "body shorter than Content-Length", where);
        else if (framing === "chunked") assert.is(l.error, "response truncated in the chunked body", where);
        else {
          // no framing to tell a cut from the end: the body so far is all there is
          assert.is(l.outcome, "done", where);
          assert.is(l.body, body.slice(0, (l.prefix - head) * 2), where);
        }
        // body bytes delivered before a cut are always a prefix of the real body
        assert.ok(body.startsWith(l.body), where);
      }
    }
  }
  console.log(`  ${cuts} cut responses checked in ${Date.now() - started} ms`);
});

test("parser: malformed heads and framing are refused with their own error", () => {
  const work = tempDir("nudge-http-replay-");
  const cases: [string, string][] = [
    ["HTTP/1.1 20 OK\r\n\r\n", "bad status line"],
    ["ICY 200 OK\r\n\r\n", "bad status line"],
    ["HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "malformed header field"],
    ["HTTP/1.1 200 OK\r\nName : v\r\n\r\n", "malformed header field"],
    ["HTTP/1.1 200 OK\r\nA: b\r\n folded\r\n\r\n", "malformed header field"],
    ["HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n", "bad Content-Length"],
    ["HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", "bad Content-Length"],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "unsupported Transfer-Encoding"],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", "bad chunk size"],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n", "chunk not followed by CRLF"],
    ["HTTP/1.1 200 OK\r\n" + "A: b\r\n".repeat(65) + "\r\n", "too many response headers"],
    ["HTTP/1.1 200 OK\r\nX: " + "v".repeat(17_000) + "\r\n\r\n", "response headers too large"],
  ];
  for (const [i, [text, error]] of cases.entries()) {
    const file = join(work, `case-${i}.http`);
    writeFileSync(file, text, "latin1");
    const r = spawnSync(join(hostDir, "nudge-http-replay"), [file, "--split", "3"], { encoding: "utf8" });
    assert.match(r.stdout, new RegExp(`^\\d+ error \\d+ ${error} \\d+ [0-9a-f-]+\\n$`), JSON.stringify(text.slice(0, 60)));
  }
  // what must be accepted: 1xx before the answer, a list of equal lengths, HEAD without a body
  const ok: [string, string[], string][] = [
    ["HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", [], "6869"],
    ["HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nhi", [], "6869"],
    ["HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", ["--head"], "-"],
    ["HTTP/1.1 204 No Content\r\n\r\n", [], "-"],
  ];
  for (const [i, [text, args, hex]] of ok.entries()) {
    const file = join(work, `ok-${i}.http`);
    writeFileSync(file, text, "latin1");
    const r = spawnSync(join(hostDir, "nudge-http-replay"), [file, "--split", "1", ...args], { encoding: "utf8" });
    assert.match(r.stdout, new RegExp(`^\\d+ done \\d+ - \\d+ ${hex}\\n$`), JSON.stringify(text));
  }
});

test.run();
