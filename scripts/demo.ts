// npm run demo: a local Radicale with sample tasks behind Caddy (`tls internal`) on 127.0.0.1,
// one poll by the host firmware (the compiled device core) with Caddy's root CA as the user CA;
// prints the tasks it shows and writes the screen to out/screen.png, then stops everything.
// Dues are placed around the current time so every kind of reminder appears.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildHost, ROOT } from "./host-build";
import { seedCalendar, startCaddy, startRadicale, stopAll, tempDir, vtodo } from "../test/harness/servers";

const USER = "demo";
const DAY = 86400e3;
const TZ = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** iCalendar UTC date-time of a moment, to the minute. */
const utc = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, "").slice(0, 13) + "00Z";

/** iCalendar DATE of the day `days` from today in the demo's zone. */
function localDate(days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * DAY));
  return parts.replace(/-/g, "");
}

/** A weekly chore started 12 days ago whose first two occurrences are done: the next one shows. */
function recurring(): string {
  const done = (days: number): string[] => ["BEGIN:VTODO", "UID:demo-bins", "DTSTAMP:20260101T000000Z", `RECURRENCE-ID;VALUE=DATE:${localDate(days)}`, "SUMMARY:Take out the bins", `DUE;VALUE=DATE:${localDate(days)}`, "STATUS:COMPLETED", "END:VTODO"];
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nudge demo//EN",
    "BEGIN:VTODO", "UID:demo-bins", "DTSTAMP:20260101T000000Z", "SUMMARY:Take out the bins", `DUE;VALUE=DATE:${localDate(-12)}`, "RRULE:FREQ=WEEKLY", "END:VTODO",
    ...done(-12), ...done(-5), "END:VCALENDAR", ""].join("\r\n");
}

function samples(): Record<string, string> {
  const now = Date.now();
  return {
    "water-plants.ics": vtodo("demo-water-plants", "Water the plants", [`DUE:${utc(now - DAY - 3600e3)}`, "PRIORITY:1"]),
    "call-dentist.ics": vtodo("demo-call-dentist", "Call the dentist", [`DUE:${utc(now - 3 * DAY)}`, "STATUS:NEEDS-ACTION"]),
    "bakery.ics": vtodo("demo-bakery", "Bäckerei: Brötchen für Zoë", [`DUE;VALUE=DATE:${localDate(0)}`, "PRIORITY:5"]),
    "bins.ics": recurring(),
    "tax-return.ics": vtodo("demo-tax-return", "Send the tax return", [`DUE:${utc(now + 5 * DAY)}`, "PRIORITY:1"]),
    "passport.ics": vtodo("demo-passport", "Renew passport — Ærø trip", [`DUE;VALUE=DATE:${localDate(40)}`]),
    "books.ics": vtodo("demo-books", "Return library books", []),
    "buy-milk.ics": vtodo("demo-buy-milk", "Buy milk", ["STATUS:COMPLETED", `COMPLETED:${utc(now - DAY)}`]),
  };
}

interface Shown {
  summary: string;
  due: string | null;
  priority: number;
  kind: string;
}

/** The device's task list as a few aligned lines. */
function describe(out: { tasks: Shown[]; counts: Record<string, number>; tls: Record<string, unknown> }): string {
  const lines = out.tasks.map((t) => `  ${t.kind.padEnd(9)} ${(t.due ?? "—").padEnd(21)} ${t.priority > 0 && t.priority <= 4 ? "!" : " "} ${t.summary}`);
  const counts = Object.entries(out.counts).map(([k, n]) => `${n} ${k}`).join(", ");
  return `${lines.join("\n")}\n  (${counts}; ${out.tls.version} ${out.tls.ciphersuite} ${out.tls.group})`;
}

async function main(): Promise<number> {
  const bin = buildHost();
  // A fresh password per run, only ever in a 0600 file: it is never printed.
  const password = randomBytes(12).toString("base64url");
  const passwordFile = join(tempDir("nudge-demo-"), "password");
  writeFileSync(passwordFile, password + "\n", { mode: 0o600 });

  const items = samples();
  const radicale = await startRadicale({ users: { [USER]: password } });
  const collection = await seedCalendar(radicale.origin, USER, password, "tasks", items);
  console.log(`demo: Radicale on ${radicale.origin} with ${Object.keys(items).length} sample tasks in ${new URL(collection).pathname}`);
  const caddy = await startCaddy({ upstream: radicale.origin });
  const url = `${caddy.origin}${new URL(collection).pathname}`;
  console.log(`demo: Caddy (tls internal) on ${caddy.origin}, root CA ${caddy.caFile}`);

  const screen = join(ROOT, "out", "screen.png");
  mkdirSync(join(ROOT, "out"), { recursive: true });
  const args = ["--url", url, "--user", USER, "--password-file", passwordFile, "--ca", caddy.caFile!, "--once", "--tz", TZ, "--screen", screen, "--cache", join(tempDir(), "tls-hosts")];
  console.log(`demo: nudge-device --url ${url} --user ${USER} --password-file <temp> --ca <caddy root> --once --tz ${TZ} --screen out/screen.png`);
  const r = spawnSync(join(bin, "nudge-device"), args, { encoding: "utf8", timeout: 60000 });
  process.stderr.write(r.stderr);
  if (r.status !== 0) {
    console.log(`demo: the poll failed (exit ${r.status})`);
    return r.status ?? 1;
  }
  console.log(`demo: the device shows\n${describe(JSON.parse(r.stdout))}`);
  console.log(`demo: screen written to out/screen.png`);
  return 0;
}

let code = 1;
try {
  code = await main();
} finally {
  await stopAll();
}
process.exit(code);
