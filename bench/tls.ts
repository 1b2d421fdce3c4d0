// TLS, measured live: the server rows of the TLS matrix (the same servers as
// test/tls-matrix.test.ts, started from test/harness/servers.ts on 127.0.0.1 and stopped at the
// end) each get RUNS handshakes by nudge-tls-probe (mbedTLS heap peak through the calloc/free
// hooks, handshake wall time); then the device's idle poll on a resumed session through a
// counting relay (bench/idle/wire-proxy.ts) in front of Caddy + Radicale.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildHost } from "../scripts/host-build";
import { REPO } from "../test/harness/c-runner";
import {
  makePki, MOZILLA_INTERMEDIATE, seedCalendar, startCaddy, startNginx, startOpenSslServer, startRadicale, stopAll, tempDir, vtodo, type Server,
} from "../test/harness/servers";
import { roundTrips, startWireProxy } from "./idle/wire-proxy";
import type { IdlePoll, TlsRow } from "./results";

const USER = "bench";
/** Skipped time the idle measurement may use: one poll interval (5 min) plus a little, short of a third poll. */
const VCLOCK_BUDGET_S = 420;

const rel = (p: string): string => relative(REPO, p);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Probe {
  ok: boolean;
  tls?: { version: string; group: string; hello_retry_requests: number };
  heap_peak: number;
  handshake_us: number;
  failure?: { summary: string };
}

/** Everything the TLS part measures (quick: without the row whose RSA-4096 key takes long to make); servers are stopped before it returns. */
export async function tlsBench(runs: number, work: string, quick = false): Promise<{ rows: TlsRow[]; idle: IdlePoll; notes: string[] }> {
  const bin = rel(buildHost(false));
  const vclock = join(work, "vclock.so");
  const vclockBuild = `cc -std=c99 -O2 -Wall -Wextra -Werror -shared -fPIC bench/idle/vclock.c -o ${rel(vclock)} -ldl`;
  const cc = spawnSync("sh", ["-c", vclockBuild], { cwd: REPO, encoding: "utf8" });
  if (cc.status !== 0) throw new Error(`${vclockBuild}:\n${cc.stderr}`);
  // A throwaway account on a throwaway server: the password exists only in this process and a 0600 file.
  const password = randomBytes(18).toString("base64url");
  try {
    const pki = makePki();
    const rsa = pki.leaf({ key: "rsa2048", id: "rsa2048" });
    const ec = pki.leaf({ key: "ec256", id: "ec256" });
    const rad = await startRadicale({ users: { [USER]: password } });
    const tasks = Object.fromEntries([1, 2, 3].map((i) => [`t${i}.ics`, vtodo(`bench-${i}`, `Task ${i}`, [`DUE:202611${10 + i}T090000Z`])]));
    const path = new URL(await seedCalendar(rad.origin, USER, password, "tasks", tasks)).pathname;
    const ca = pki.caFile;
    const matrix: { name: string; server: Server }[] = [
      { name: "caddy x25519", server: await startCaddy({ upstream: rad.origin, curves: ["x25519"] }) },
      ...(quick ? [] : [{ name: "caddy rsa4096 p521/p384/p256", server: await startCaddy({ upstream: rad.origin, keyType: "rsa4096", curves: ["secp521r1", "secp384r1", "secp256r1"] }) }]),
      { name: "nginx mozilla intermediate", server: await startNginx({ ...rsa, caFile: ca, ssl: MOZILLA_INTERMEDIATE, upstream: rad.origin }) },
      { name: "nginx tls1.3 only", server: await startNginx({ ...ec, caFile: ca, ssl: "ssl_protocols TLSv1.3;" }) },
      { name: "openssl -tls1_2 rsa", server: await startOpenSslServer({ ...rsa, caFile: ca, args: ["-tls1_2"] }) },
      { name: "openssl p384 only (HRR)", server: await startOpenSslServer({ ...ec, caFile: ca, args: ["-groups", "secp384r1"] }) },
      { name: "openssl -max_send_frag 512", server: await startOpenSslServer({ ...rsa, caFile: ca, args: ["-max_send_frag", "512"] }) },
    ];
    const rows: TlsRow[] = [];
    for (const { name, server } of matrix) {
      const args = [`${server.origin}${path}`, "--ca", server.caFile!, "--json", "--heap-report", "--no-ladder"];
      const probes: Probe[] = [];
      for (let i = 0; i < runs; i++) {
        const r = spawnSync(join(REPO, bin, "nudge-tls-probe"), args, { encoding: "utf8", timeout: 60_000 });
        const p = JSON.parse(r.stdout) as Probe;
        if (!p.ok || !p.tls) throw new Error(`${name}: handshake failed: ${p.failure?.summary ?? r.stderr}`);
        probes.push(p);
      }
      const t = probes[0]!.tls!;
      rows.push({
        row: name, version: t.version, group: t.group, hrr: t.hello_retry_requests, runs,
        heapPeak: median(probes.map((p) => p.heap_peak)), handshakeMs: median(probes.map((p) => p.handshake_us)) / 1000,
        command: `${bin}/nudge-tls-probe ${args.join(" ")}`,
      });
    }
    const idle = await idlePoll(bin, vclock, matrix[0]!.server, path, password);
    return {
      rows, idle,
      notes: [
        `host programs: make -s -C firmware/host (${bin}/, mbedTLS 3.6 configured from sdkconfig.defaults); vclock: ${vclockBuild}`,
        "the servers, their CA files and the password file exist only while the bench runs (temporary directories, random ports)",
        "heap = mbedTLS calloc'd bytes at the peak of the handshake (nudge_heap.c hooks, IN 16 KB / OUT 4 KB record buffers as on the device); time = wall time of the handshake on loopback, server work included; medians",
      ],
    };
  } finally {
    await stopAll();
  }
}

/** Runs the device until its second poll (the first one full, the second with nothing changed on a resumed session). */
async function idlePoll(bin: string, vclock: string, caddy: Server, path: string, password: string): Promise<IdlePoll> {
  const dir = tempDir("nudge-bench-idle-");
  const pw = join(dir, "password");
  writeFileSync(pw, `${password}\n`, { mode: 0o600 });
  const proxy = await startWireProxy(caddy.port);
  const args = ["--url", `https://localhost:${proxy.port}${path}`, "--user", USER, "--password-file", pw, "--ca", caddy.caFile!, "--cache", join(dir, "tls-hosts"), "--tz", "Europe/Berlin"];
  const env = `LD_PRELOAD=${rel(vclock)} VCLOCK_BUDGET_S=${VCLOCK_BUDGET_S}`;
  const command = `${env} ${bin}/nudge-device ${args.join(" ")}  (through the counting relay in front of Caddy; stopped after its second poll)`;
  const child = spawn(join(REPO, bin, "nudge-device"), args, { cwd: REPO, env: { ...process.env, LD_PRELOAD: vclock, VCLOCK_BUDGET_S: String(VCLOCK_BUDGET_S) }, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  let firstPollDone = 0;
  const polls: string[] = [];
  child.stderr.on("data", (b: Buffer) => {
    log += b.toString();
    for (const m of log.matchAll(/poll (ok|failed) after (\d+) requests[^\n]*\n/g)) if (polls.length < 2 && !polls.includes(m[0])) {
      polls.push(m[0]);
      if (polls.length === 1) firstPollDone = Date.now();
    }
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    const until = Date.now() + 90_000;
    while (polls.length < 2 && child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    // the device drops the connection right after its log line (the radio goes off between polls)
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
    await new Promise((r) => setTimeout(r, 200));
    await proxy.stop();
  }
  if (polls.length < 2 || !polls.every((p) => p.startsWith("poll ok"))) throw new Error(`the device did not poll twice:\n${log.replace(password, "<password>")}`);
  const requests = (line: string): number => Number(/after (\d+) requests/.exec(line)![1]);
  const conns = proxy.connections.filter((c) => c.openedAt >= firstPollDone);
  const before = proxy.connections.filter((c) => c.openedAt < firstPollDone);
  const http = requests(polls[1]!);
  return {
    firstPoll: {
      connections: before.length, httpExchanges: requests(polls[0]!), roundTrips: before.reduce((n, c) => n + roundTrips(c), 0),
      bytesUp: before.reduce((n, c) => n + c.bytesUp, 0), bytesDown: before.reduce((n, c) => n + c.bytesDown, 0), resumed: before.some((c) => c.resumed === true),
    },
    server: "Caddy (tls internal, x25519) in front of Radicale",
    connections: conns.length,
    tlsRoundTrips: conns.reduce((n, c) => n + roundTrips(c), 0) - http,
    httpExchanges: http,
    bytesUp: conns.reduce((n, c) => n + c.bytesUp, 0),
    bytesDown: conns.reduce((n, c) => n + c.bytesDown, 0),
    resumed: conns.length > 0 && conns.every((c) => c.resumed === true),
    command,
  };
}
