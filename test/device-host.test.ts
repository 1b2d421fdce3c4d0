// The host firmware (nudge-device: the device core compiled to C, ASan+UBSan, over the host
// transport) against a real Radicale, on plain http and through Caddy's `tls internal`. Its
// --once output must equal what the same core shows under Node after a poll of the same server
// at the same --now and --tz, and its --screen PNG the frame the Node core renders.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawn, spawnSync } from "node:child_process";
import * as http from "node:http";
import * as https from "node:https";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { buildHost } from "../scripts/host-build";
import * as core from "../ts-src/device/core";
import { Device, Step } from "../ts-src/device/core";
import { freePort, seedCalendar, startCaddy, startRadicale, stopAll, tempDir, vtodo, type Server } from "./harness/servers";

const USER = "alice";
const PASSWORD = "pw-" + Math.random().toString(36).slice(2, 12);
const NOW = "2026-11-27T09:00:00Z";
const TZ = "Europe/Berlin";
const WIDTH = 320;
const HEIGHT = 170;
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/device/${name}`, import.meta.url), "utf8");

/** A weekly chore whose first occurrence is done: the second one (2026-11-29) shows. */
const CHORE = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nudge tests//EN",
  "BEGIN:VTODO", "UID:chore", "DTSTAMP:20260101T000000Z", "SUMMARY:Take out the bins", "DUE;VALUE=DATE:20261122", "RRULE:FREQ=WEEKLY", "END:VTODO",
  "BEGIN:VTODO", "UID:chore", "DTSTAMP:20260101T000000Z", "RECURRENCE-ID;VALUE=DATE:20261122", "SUMMARY:Take out the bins", "DUE;VALUE=DATE:20261122", "STATUS:COMPLETED", "END:VTODO",
  "END:VCALENDAR", ""].join("\r\n");

const ITEMS: Record<string, string> = {
  "water.ics": fixture("water.ics"),
  "report.ics": fixture("report.ics"),
  "rent.ics": fixture("rent.ics"),
  "books.ics": fixture("books.ics"),
  "done.ics": fixture("done.ics"),
  "chore.ics": CHORE,
  "bakery.ics": vtodo("bakery", "Bäckerei: Brötchen für Zoë", ["DUE:20270115T080000Z", "PRIORITY:3"]),
};

let bin = "";
let dir = "";
let passwordFile = "";
let radicale: Server;
let caddy: Server;
let plainUrl = "";
let tlsUrl = "";

test.before(async () => {
  bin = join(buildHost(true), "nudge-device");
  dir = tempDir("nudge-device-host-");
  passwordFile = join(dir, "password");
  writeFileSync(passwordFile, PASSWORD + "\n", { mode: 0o600 });
  radicale = await startRadicale({ users: { [USER]: PASSWORD } });
  plainUrl = await seedCalendar(radicale.origin, USER, PASSWORD, "tasks", ITEMS);
  caddy = await startCaddy({ upstream: radicale.origin });
  tlsUrl = caddy.origin + new URL(plainUrl).pathname;
});

test.after(async () => {
  await stopAll();
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function device(url: string, extra: string[] = [], password = passwordFile): Run {
  const args = ["--url", url, "--user", USER, "--password-file", password, "--once", "--now", NOW, "--tz", TZ, "--cache", join(dir, "tls-hosts"), ...extra];
  const r = spawnSync(bin, args, { encoding: "utf8", timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Performs the core's request with node:http(s) and feeds the response back. */
async function perform(d: Device, ca: string | null): Promise<void> {
  const url = new URL(core.requestUrl(d));
  const headers: Record<string, string> = {};
  for (let i = 0; i < core.requestHeaderCount(d); i++) headers[core.requestHeaderName(d, i)] = core.requestHeaderValue(d, i);
  const body = Buffer.from(core.requestBody(d), "utf8");
  headers["Content-Length"] = String(body.length);
  const mod = url.protocol === "https:" ? https : http;
  try {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const r = mod.request(url, { method: core.requestMethod(d), headers, ...(ca ? { ca } : {}) }, resolve);
      r.on("error", reject);
      r.end(body);
    });
    core.httpHead(d, res.statusCode ?? 0);
    for (let i = 0; i < core.responseHeaderCount(); i++) {
      const name = core.responseHeaderName(i);
      const value = res.headers[name.toLowerCase()];
      if (typeof value === "string") core.httpHeader(d, name, value);
    }
    for await (const chunk of res as AsyncIterable<Buffer>) core.httpBody(d, new Uint8Array(chunk));
    core.httpEnd(d);
  } catch (e) {
    core.httpFailed(d, 8, (e as Error).message);
  }
}

/** The same core under Node: one poll at `at`; returns the device after it. */
async function nodePoll(url: string, ca: string | null, at = NOW): Promise<Device> {
  const d = core.create(url, USER, PASSWORD, TZ, WIDTH, HEIGHT, 1, new Uint8Array(0));
  const now = Date.parse(at);
  for (let guard = 0; guard < 100; guard++) {
    const step = core.next(d, now, true);
    if (step === Step.Sleep) return d;
    if (step === Step.Http) await perform(d, ca);
  }
  throw new Error("the Node device never slept");
}

/** The Node core's frame, widened to 8-bit RGB the way the host firmware writes its PNG. */
function nodeFrame(d: Device): Buffer {
  const px = new Uint16Array(WIDTH * HEIGHT);
  for (let y = 0; y < HEIGHT; y += 20) {
    const y1 = Math.min(HEIGHT, y + 20);
    const band = new Uint16Array(WIDTH * (y1 - y));
    core.render(d, y, y1, band);
    px.set(band, y * WIDTH);
  }
  const rgb = Buffer.alloc(WIDTH * HEIGHT * 3);
  px.forEach((p, i) => {
    const r = (p >> 11) & 0x1f, g = (p >> 5) & 0x3f, b = p & 0x1f;
    rgb[i * 3] = (r << 3) | (r >> 2);
    rgb[i * 3 + 1] = (g << 2) | (g >> 4);
    rgb[i * 3 + 2] = (b << 3) | (b >> 2);
  });
  return rgb;
}

function pngRgb(path: string): Buffer {
  const png = PNG.sync.read(readFileSync(path));
  assert.is(png.width, WIDTH);
  assert.is(png.height, HEIGHT);
  const rgb = Buffer.alloc(WIDTH * HEIGHT * 3);
  for (let i = 0; i < WIDTH * HEIGHT; i++) png.data.copy(rgb, i * 3, i * 4, i * 4 + 3);
  return rgb;
}

function assertNoPassword(r: Run): void {
  assert.not.ok((r.stdout + r.stderr).includes(PASSWORD), "the password appears in the output");
}

test("plain http (allow-http-auth): the poll shows what the core shows under Node, and the same frame", async () => {
  const screen = join(dir, "plain.png");
  const r = device(plainUrl, ["--allow-http-auth", "--screen", screen]);
  assert.is(r.status, 0, r.stderr);
  assertNoPassword(r);
  const out = JSON.parse(r.stdout);
  const d = await nodePoll(plainUrl, null);
  assert.equal({ tasks: out.tasks, counts: out.counts }, JSON.parse(core.tasksJson(d)));
  assert.equal(out.tls, { version: "", ciphersuite: "", group: "", resumed: false });
  // the sample covers every kind, UTF-8 and the recurring chore's next occurrence
  assert.equal(out.counts, { overdue: 1, today: 1, upcoming: 2, later: 1, undated: 1 });
  assert.ok(out.tasks.some((t: { summary: string }) => t.summary === "Bäckerei: Brötchen für Zoë"));
  assert.ok(out.tasks.some((t: { uid: string; due: string }) => t.uid === "chore" && t.due === "2026-11-29"));
  assert.match(r.stderr, /poll ok after \d+ requests/);
  assert.ok(nodeFrame(d).equals(pngRgb(screen)), "the PNG differs from the frame the Node core renders");
});

test("through Caddy (tls internal): same tasks, and the TLS parameters", async () => {
  const r = device(tlsUrl, ["--ca", caddy.caFile!, "--size", "240x135"]);
  assert.is(r.status, 0, r.stderr);
  assertNoPassword(r);
  const out = JSON.parse(r.stdout);
  const d = await nodePoll(tlsUrl, readFileSync(caddy.caFile!, "utf8"));
  assert.equal({ tasks: out.tasks, counts: out.counts }, JSON.parse(core.tasksJson(d)));
  assert.is(out.tls.version, "TLSv1.3");
  assert.match(out.tls.ciphersuite, /TLS1-3-/);
  assert.ok(out.tls.group.length > 0);
  assert.type(out.tls.resumed, "boolean");
});

test("--state: the next run asks only whether anything changed, and picks up a change", async () => {
  // plain http to 127.0.0.1 needs no --allow-http-auth: the credentials never leave the machine
  const state = ["--state", join(dir, "state")];
  const first = device(plainUrl, state);
  assert.is(first.status, 0, first.stderr);
  const again = device(plainUrl, state);
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stderr, /poll ok after 1 requests/);
  assert.is(again.stdout, first.stdout);
  const auth = "Basic " + Buffer.from(`${USER}:${PASSWORD}`).toString("base64");
  const put = await fetch(plainUrl + "dentist.ics", { method: "PUT", headers: { Authorization: auth, "Content-Type": "text/calendar; charset=utf-8" }, body: vtodo("dentist", "Call the dentist", ["DUE:20261127T120000Z", "PRIORITY:1"]) });
  assert.is(put.status, 201);
  const changed = device(plainUrl, state);
  assert.is(changed.status, 0, changed.stderr);
  const out = JSON.parse(changed.stdout);
  assert.equal({ tasks: out.tasks, counts: out.counts }, JSON.parse(core.tasksJson(await nodePoll(plainUrl, null))));
  assert.ok(out.tasks.some((t: { uid: string }) => t.uid === "dentist"));
  assertNoPassword(changed);
});

test("without --once: after the poll the device is carried into the other arena and redraws the next minute", async () => {
  const start = "2026-11-27T09:00:56Z";
  const screen = join(dir, "loop.png");
  const child = spawn(bin, ["--url", plainUrl, "--allow-http-auth", "--user", USER, "--password-file", passwordFile, "--now", start, "--tz", TZ, "--cache", join(dir, "tls-hosts"), "--screen", screen], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (b) => { stderr += b; });
  const exited = new Promise<[number | null, string | null]>((resolve) => child.once("exit", (code, signal) => resolve([code, signal])));
  // the clock runs on from 09:00:56: the poll has 4 s before the minute turns, then 1.5 s to redraw
  const spawned = Date.now();
  while (!/poll ok/.test(stderr) && Date.now() - spawned < 20000) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, Math.max(0, spawned + 5500 - Date.now())));
  child.kill("SIGTERM");
  assert.equal(await exited, [null, "SIGTERM"], stderr);
  assert.match(stderr, /poll ok after \d+ requests/);
  const d = await nodePoll(plainUrl, null, start);
  core.next(d, Date.parse("2026-11-27T09:01:00Z"), true);
  assert.ok(nodeFrame(d).equals(pngRgb(screen)), "the PNG is not the 09:01 frame");
  assertNoPassword({ status: null, stdout: "", stderr });
});

test("wrong password: exit 1 with a sign-in message, no password anywhere", () => {
  const bad = join(dir, "wrong");
  const wrong = "wrong-" + PASSWORD;
  writeFileSync(bad, wrong + "\n", { mode: 0o600 });
  const r = device(tlsUrl, ["--ca", caddy.caFile!], bad);
  assert.is(r.status, 1);
  // what the device shows: nothing held yet, the sign-in state, the next try about an hour later
  const held = JSON.parse(r.stdout);
  assert.equal(held.tasks, []);
  assert.is(held.connection, "auth");
  assert.ok(held.retryInSeconds >= 0.9 * 3600 && held.retryInSeconds <= 3600, String(held.retryInSeconds));
  assert.match(r.stderr, /sign-in refused \(HTTP 401\)/);
  assertNoPassword(r);
  assert.not.ok((r.stdout + r.stderr).includes(wrong));
});

test("server down: exit 1 with a connect message", async () => {
  const port = await freePort();
  const r = device(`http://127.0.0.1:${port}/alice/tasks/`, ["--allow-http-auth"]);
  assert.is(r.status, 1);
  const held = JSON.parse(r.stdout);
  assert.is(held.connection, "offline");
  assert.match(held.message, new RegExp(`cannot connect to 127\\.0\\.0\\.1:${port}`));
  assert.match(r.stderr, new RegExp(`cannot connect to 127\\.0\\.0\\.1:${port}`));
  assertNoPassword(r);
});

test("credentials over plain http to another address are refused without --allow-http-auth", () => {
  // 0.0.0.0 is not a loopback name, though a connection to it would stay on this machine
  const r = device(plainUrl.replace("127.0.0.1", "0.0.0.0"));
  assert.is(r.status, 1);
  assert.match(r.stderr, /refusing to send credentials over plain http/);
});

test("an unknown time zone: exit 1 before any request, saying which", () => {
  const r = device(plainUrl, ["--tz", "Mars/Olympus_Mons"]);
  assert.is(r.status, 1);
  assert.match(r.stderr, /Unknown time zone Mars\/Olympus_Mons/);
  assert.not.match(r.stderr, /poll (ok|failed) after/);
});

test.run();
