// The host device's arena use against Radicale holding N calendar objects (one VTODO with a DUE
// each): the first poll (discovery, the listing and every object fetched), the next poll with
// nothing changed, what the carry keeps between polls, and the scratch arena's peak. These are
// the figures that size the ESP32 arena and its object limit (docs/LIMITS.md); 64-bit pointers
// make them an upper bound for the device.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { buildHost } from "../scripts/host-build";
import { REPO } from "../test/harness/c-runner";
import { seedCalendar, startRadicale, stopAll, tempDir, vtodo } from "../test/harness/servers";
import type { DeviceMemoryRow } from "./results";

const USER = "bench";
const NOW = "2026-11-27T09:00:00Z";

/** What nudge-device prints after poll n: `poll=n ok ... arena_peak_kb=… carried_kb=… scratch_peak_kb=…`. */
function pollLine(stderr: string, n: number): Record<string, number> {
  const line = stderr.split("\n").find((l) => l.startsWith(`poll=${n} `));
  if (!line || !/ ok /.test(line)) throw new Error(`poll ${n} did not succeed:\n${stderr.slice(-2000)}`);
  return Object.fromEntries([...line.matchAll(/(\w+)=([\d.]+)/g)].map((m) => [m[1]!, Number(m[2])]));
}

/** One row per object count; Radicale is started for each count and stopped before it returns. */
export async function deviceMemory(counts: number[]): Promise<{ rows: DeviceMemoryRow[]; notes: string[] }> {
  const bin = relative(REPO, buildHost(false));
  const rows: DeviceMemoryRow[] = [];
  for (const n of counts) {
    try {
      // a throwaway account on a throwaway server: the password exists only here and in a 0600
      // file, both gone with the server (stopAll removes the harness's temporary directories)
      const passwordFile = join(tempDir("nudge-bench-memory-"), "password");
      const password = randomBytes(18).toString("base64url");
      writeFileSync(passwordFile, password + "\n", { mode: 0o600 });
      const rad = await startRadicale({ users: { [USER]: password } });
      const items: Record<string, string> = {};
      for (let i = 0; i < n; i++) items[`t${i}.ics`] = vtodo(`bench-${i}`, `Task ${i}`, [`DUE:202612${String(1 + (i % 28)).padStart(2, "0")}T090000Z`]);
      const url = await seedCalendar(rad.origin, USER, password, "tasks", items);
      const args = ["--url", url, "--user", USER, "--password-file", passwordFile, "--polls", "2", "--now", NOW, "--tz", "Europe/Berlin", "--allow-http-auth"];
      const r = spawnSync(join(REPO, bin, "nudge-device"), args, { encoding: "utf8", timeout: 300_000 });
      const first = pollLine(r.stderr, 1);
      const idle = pollLine(r.stderr, 2);
      rows.push({
        objects: n,
        firstPollKb: first.arena_peak_kb!,
        idlePollKb: idle.arena_peak_kb!,
        carriedKb: idle.carried_kb!,
        scratchKb: Math.max(first.scratch_peak_kb!, idle.scratch_peak_kb!),
        requests: first.requests!,
        command: `${bin}/nudge-device --url http://127.0.0.1:PORT/${USER}/tasks/ --user ${USER} --password-file FILE --polls 2 --now ${NOW} --tz Europe/Berlin --allow-http-auth (Radicale holding ${n} objects)`,
      });
    } finally {
      await stopAll();
    }
  }
  const notes = [`device memory: ${bin}/nudge-device (make -s -C firmware/host) against Debian's Radicale on 127.0.0.1 over plain HTTP, one VTODO with a DUE per object (bench/device-memory.ts); arena peaks per poll cycle as the device prints them`];
  return { rows, notes };
}
