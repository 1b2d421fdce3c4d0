// `npm run soak -- [--polls N] [--change P] [--seed S]`: the host device (nudge-device built with
// ASan/UBSan) polls a local Radicale N times in virtual time (--polls) while the tasks on the
// server change at random. The device talks to Radicale through a small proxy here; when a poll
// begins (its Depth:0 PROPFIND for the ctag) the proxy first reads what the device saved after its
// previous poll (--state: the held objects) and compares it with the server's tasks as that poll
// saw them, then, with probability P, adds, rewrites or deletes tasks (PUT/DELETE) before passing
// the request on. So every poll is checked: the device holds exactly what the server had after
// its last successful poll. Every 1,000 polls it samples the device's RSS and open descriptors;
// every poll line gives the arena peak and what the carry keeps.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeSnapshot } from "../ts-src/device/snapshot";
import { buildHost } from "./host-build";
import { freePort, seedCalendar, startRadicale, stopAll, tempDir, vtodo } from "../test/harness/servers";

const USER = "soak";
/** Generated per run; only ever sent to 127.0.0.1. */
const PASSWORD = `pw-${process.pid}-${Date.now()}`;
const START = "2026-11-27T09:00:00Z";

/** Figures of one soak run. */
export interface SoakReport {
  polls: number;
  ok: number;
  failed: number;
  /** polls whose saved state was compared with the server (all but ones never followed by a check) */
  checked: number;
  mismatches: number;
  /** first few mismatch descriptions */
  details: string[];
  changes: number;
  seconds: number;
  pollsPerSecond: number;
  /** per sample (poll 1, then every `sampleEvery` polls): poll, RSS KB, open descriptors, arena peak KB, carried KB */
  samples: { poll: number; rssKb: number; fds: number; arenaPeakKb: number; carriedKb: number }[];
  arenaPeakKbMax: number;
  carriedKbMin: number;
  carriedKbMax: number;
  exitCode: number | null;
  stderrTail: string;
}

/** Options of runSoak. */
export interface SoakOptions {
  polls: number;
  /** probability that a poll starts with a change on the server */
  change: number;
  seed: number;
  sampleEvery: number;
}

/** xorshift32: a repeatable stream of numbers in [0, 1) for the server's changes. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** What the server holds: path → "uid|summary". */
type ServerTasks = Map<string, string>;

function describe(tasks: ServerTasks): string[] {
  return [...tasks].map(([p, t]) => `${p}|${t}`).sort();
}

/** The held objects in a saved state, as path|uid|summary lines. */
function heldInState(bytes: Uint8Array): string[] | null {
  const s = decodeSnapshot(bytes);
  if (s === null) return null;
  const out: string[] = [];
  for (const o of s.objects) for (const occ of o.occurrences) out.push(`${o.href}|${occ.todo.uid}|${occ.todo.summary}`);
  return out.sort();
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : -1;
}

/** Runs one soak; resolves with its figures (servers stopped, device exited). */
export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const bin = join(buildHost(true), "nudge-device");
  const dir = tempDir("nudge-soak-");
  const passwordFile = join(dir, "password");
  const stateFile = join(dir, "state");
  writeFileSync(passwordFile, PASSWORD + "\n", { mode: 0o600 });
  const random = rng(opts.seed);
  const auth = "Basic " + Buffer.from(`${USER}:${PASSWORD}`).toString("base64");
  let proxy: http.Server | null = null;
  try {
    const radicale = await startRadicale({ users: { [USER]: PASSWORD } });
    const tasks: ServerTasks = new Map();
    let next = 0;
    const initial: Record<string, string> = {};
    for (let i = 0; i < 8; i++, next++) {
      initial[`t${next}.ics`] = vtodo(`u${next}`, `Task ${next} v0`, [`DUE:202612${String(1 + (next % 28)).padStart(2, "0")}T090000Z`]);
      tasks.set(`/${USER}/tasks/t${next}.ics`, `u${next}|Task ${next} v0`);
    }
    const collection = await seedCalendar(radicale.origin, USER, PASSWORD, "tasks", initial);
    const target = new URL(radicale.origin);

    /** One random add, rewrite or delete on the server. */
    const change = async (poll: number): Promise<void> => {
      const paths = [...tasks.keys()];
      const r = random();
      if (paths.length < 3 || (r < 0.4 && paths.length < 40)) {
        const n = next++;
        const path = `/${USER}/tasks/t${n}.ics`;
        await put(path, `u${n}`, `Task ${n} v${poll}`);
      } else if (r < 0.75) {
        const path = paths[Math.floor(random() * paths.length)]!;
        const uid = tasks.get(path)!.split("|")[0]!;
        await put(path, uid, `${uid} rewritten at ${poll}`);
      } else {
        const path = paths[Math.floor(random() * paths.length)]!;
        const res = await fetch(radicale.origin + path, { method: "DELETE", headers: { Authorization: auth } });
        if (res.status !== 200 && res.status !== 204) throw new Error(`DELETE ${path} -> ${res.status}`);
        tasks.delete(path);
      }
    };
    const put = async (path: string, uid: string, summary: string): Promise<void> => {
      const due = `DUE:202612${String(1 + (next % 28)).padStart(2, "0")}T090000Z`;
      const res = await fetch(radicale.origin + path, { method: "PUT", headers: { Authorization: auth, "Content-Type": "text/calendar; charset=utf-8" }, body: vtodo(uid, summary, [due]) });
      if (res.status !== 201 && res.status !== 204) throw new Error(`PUT ${path} -> ${res.status}`);
      tasks.set(path, `${uid}|${summary}`);
    };

    // per poll (1-based): the server's tasks as that poll saw them, and the check made at the next poll's start
    const seen: string[][] = [[]];
    const held: (string[] | null)[] = [null];
    let pollsStarted = 0;
    let changes = 0;
    let proxyError = "";
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    proxy = http.createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on("data", (c: Buffer) => parts.push(c));
      req.on("end", () => {
        const body = Buffer.concat(parts);
        void (async () => {
          try {
            if (req.method === "PROPFIND" && req.headers["depth"] === "0" && body.includes("getctag")) {
              // a poll begins: what the device saved after the previous one, then this poll's server state
              held[pollsStarted] = existsSync(stateFile) ? heldInState(new Uint8Array(readFileSync(stateFile))) : null;
              pollsStarted++;
              if (pollsStarted > 1 && random() < opts.change) {
                const n = 1 + Math.floor(random() * 3);
                for (let i = 0; i < n; i++) await change(pollsStarted);
                changes += n;
              }
              seen[pollsStarted] = describe(tasks);
            }
            const up = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent }, (r) => {
              res.writeHead(r.statusCode ?? 502, r.headers);
              r.pipe(res);
            });
            up.on("error", (e) => {
              proxyError ||= e.message;
              res.destroy();
            });
            up.end(body);
          } catch (e) {
            proxyError ||= (e as Error).message;
            res.destroy();
          }
        })();
      });
    });
    const port = await freePort();
    await new Promise<void>((r) => proxy!.listen(port, "127.0.0.1", r));
    const url = `http://127.0.0.1:${port}${new URL(collection).pathname}`;

    const started = Date.now();
    const device = spawn(bin, ["--url", url, "--user", USER, "--password-file", passwordFile, "--polls", String(opts.polls), "--now", START, "--tz", "UTC0", "--state", stateFile, "--seed", String(opts.seed), "--cache", join(dir, "tls-hosts")], {
      stdio: ["ignore", "ignore", "pipe"],
      // a small quarantine, so RSS shows what the program holds rather than ASan's delayed frees
      env: { ...process.env, ASAN_OPTIONS: "quarantine_size_mb=4:detect_leaks=1" },
    });
    const status: string[] = [""];
    const samples: SoakReport["samples"] = [];
    let arenaPeakKbMax = 0;
    let carriedKbMin = Infinity;
    let carriedKbMax = 0;
    let tail = "";
    let buffered = "";
    device.stderr.on("data", (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const m = /^poll=(\d+) (ok|failed) .*arena_peak_kb=(\d+) carried_kb=(\d+)/.exec(line);
        if (!m) {
          if (!line.startsWith("nudge-device: state saved")) tail = (tail + line + "\n").slice(-4000);
          continue;
        }
        const poll = Number(m[1]);
        status[poll] = m[2]!;
        const peak = Number(m[3]);
        const carried = Number(m[4]);
        arenaPeakKbMax = Math.max(arenaPeakKbMax, peak);
        carriedKbMin = Math.min(carriedKbMin, carried);
        carriedKbMax = Math.max(carriedKbMax, carried);
        if ((poll === 1 || poll % opts.sampleEvery === 0) && device.pid !== undefined && existsSync(`/proc/${device.pid}`)) {
          samples.push({ poll, rssKb: rssKb(device.pid), fds: readdirSync(`/proc/${device.pid}/fd`).length, arenaPeakKb: peak, carriedKb: carried });
        }
      }
    });
    const exitCode = await new Promise<number | null>((r) => device.on("close", (code) => r(code)));
    const seconds = (Date.now() - started) / 1000;
    held[pollsStarted] = existsSync(stateFile) ? heldInState(new Uint8Array(readFileSync(stateFile))) : null;

    // poll k's check: the state saved after it must be the server as the last good poll up to k saw it
    let mismatches = 0;
    let checked = 0;
    const details: string[] = [];
    let lastGood = 0;
    const polls = status.length - 1;
    for (let k = 1; k <= Math.min(polls, pollsStarted); k++) {
      if (status[k] === "ok") lastGood = k;
      if (lastGood === 0) continue;
      checked++;
      const got = held[k];
      const want = seen[lastGood]!;
      if (got === null || got === undefined || got.join("\n") !== want.join("\n")) {
        mismatches++;
        if (details.length < 5) details.push(`poll ${k}: device holds ${got === null || got === undefined ? "no state" : got.length + " tasks"}, server had ${want.length} at poll ${lastGood}`);
      }
    }
    if (proxyError !== "") details.unshift(`proxy: ${proxyError}`);
    if (pollsStarted !== polls) details.unshift(`${pollsStarted} polls reached the server, the device reported ${polls}`);
    const ok = status.filter((s) => s === "ok").length;
    return {
      polls,
      ok,
      failed: polls - ok,
      checked,
      mismatches,
      details,
      changes,
      seconds,
      pollsPerSecond: polls / seconds,
      samples,
      arenaPeakKbMax,
      carriedKbMin: carriedKbMin === Infinity ? 0 : carriedKbMin,
      carriedKbMax,
      exitCode,
      stderrTail: tail,
    };
  } finally {
    if (proxy !== null) proxy.close();
    await stopAll();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opts: SoakOptions = { polls: 10000, change: 0.3, seed: 1, sampleEvery: 1000 };
  for (let i = 0; i < args.length; i++) {
    const v = Number(args[i + 1]);
    if (args[i] === "--polls") opts.polls = v;
    else if (args[i] === "--change") opts.change = v;
    else if (args[i] === "--seed") opts.seed = v;
    else if (args[i] === "--sample-every") opts.sampleEvery = v;
    else {
      console.error("usage: npm run soak -- [--polls N] [--change P] [--seed S] [--sample-every N]");
      process.exit(2);
    }
    i++;
  }
  const r = await runSoak(opts);
  console.log(`polls ${r.polls} (ok ${r.ok}, failed ${r.failed}) in ${r.seconds.toFixed(1)} s: ${r.pollsPerSecond.toFixed(1)} polls/s; ${r.changes} server changes`);
  console.log(`checked ${r.checked} polls against the server: ${r.mismatches} mismatches`);
  for (const d of r.details) console.log(`  ${d}`);
  console.log("poll     RSS KB  fds  arena peak KB  carried KB");
  for (const s of r.samples) console.log(`${String(s.poll).padStart(6)} ${String(s.rssKb).padStart(8)} ${String(s.fds).padStart(4)} ${String(s.arenaPeakKb).padStart(14)} ${String(s.carriedKb).padStart(11)}`);
  console.log(`arena peak max ${r.arenaPeakKbMax} KB; carried ${r.carriedKbMin}-${r.carriedKbMax} KB; device exit ${r.exitCode}`);
  if (r.exitCode !== 0 || r.mismatches > 0 || r.failed > 0) {
    console.log(r.stderrTail);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
