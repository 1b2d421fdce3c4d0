// npm run demo: a local Radicale with sample tasks behind Caddy (`tls internal`) on 127.0.0.1,
// one poll by the host firmware with Caddy's root CA as the user CA, then everything is stopped.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildHost } from "./host-build";
import { seedCalendar, startCaddy, startRadicale, stopAll, tempDir, vtodo } from "../test/harness/servers";

const USER = "demo";
const SAMPLES: Record<string, string> = {
  "water-plants.ics": vtodo("demo-water-plants", "Water the plants", ["DUE:20260110T090000Z", "PRIORITY:1"]),
  "call-dentist.ics": vtodo("demo-call-dentist", "Call the dentist", ["DUE:20260105T170000Z", "STATUS:NEEDS-ACTION"]),
  "tax-return.ics": vtodo("demo-tax-return", "Send the tax return", ["DTSTART:20260201T000000Z", "DUE:20260331T000000Z"]),
  "buy-milk.ics": vtodo("demo-buy-milk", "Buy milk", ["STATUS:COMPLETED", "COMPLETED:20260102T100000Z"]),
};

async function main(): Promise<number> {
  const bin = buildHost();
  // A fresh password per run, only ever in a 0600 file: it is never printed.
  const password = randomBytes(12).toString("base64url");
  const passwordFile = join(tempDir("nudge-demo-"), "password");
  writeFileSync(passwordFile, password + "\n", { mode: 0o600 });

  const radicale = await startRadicale({ users: { [USER]: password } });
  const collection = await seedCalendar(radicale.origin, USER, password, "tasks", SAMPLES);
  console.log(`demo: Radicale on ${radicale.origin} with ${Object.keys(SAMPLES).length} sample tasks in ${new URL(collection).pathname}`);
  const caddy = await startCaddy({ upstream: radicale.origin });
  const url = `${caddy.origin}${new URL(collection).pathname}`;
  console.log(`demo: Caddy (tls internal) on ${caddy.origin}, root CA ${caddy.caFile}`);

  const args = ["--url", url, "--user", USER, "--password-file", passwordFile, "--ca", caddy.caFile!, "--once", "--cache", join(tempDir(), "tls-hosts")];
  console.log(`demo: nudge-device --url ${url} --user ${USER} --password-file <temp> --ca <caddy root> --once`);
  const r = spawnSync(join(bin, "nudge-device"), args, { encoding: "utf8", timeout: 60000 });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  console.log(r.status === 0 ? "demo: one poll succeeded" : `demo: the poll failed (exit ${r.status})`);
  return r.status ?? 1;
}

let code = 1;
try {
  code = await main();
} finally {
  await stopAll();
}
process.exit(code);
