// Starts and stops real servers on 127.0.0.1 for tests: openssl s_server, nginx, Caddy and
// Radicale. Every server gets free ports and its own temporary directory; `stopAll()` (also run
// on process exit) kills whatever is still running, so a failing test never leaves one behind.
//
//   const pki = await makePki();                       // test CA + leaf certificates (openssl)
//   const rad = await startRadicale({ users: { alice: "pw" } });
//   const caddy = await startCaddy({ upstream: rad.origin, curves: ["x25519"] });
//   ... https://localhost:<caddy.port>/alice/tasks/ trusted with caddy.caFile ...
//   await stopAll();
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A running server: where it listens and how to stop it. */
export interface Server {
  name: string;
  port: number;
  /** Base URL, e.g. https://localhost:43117 (http://127.0.0.1:... for Radicale). */
  origin: string;
  /** PEM file that verifies the server's certificate (TLS servers only). */
  caFile?: string;
  /** Output the server printed so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

const running = new Set<Server>();
const tempDirs: string[] = [];

/** A fresh temporary directory removed by stopAll(). */
export function tempDir(prefix = "nudge-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => { s.destroy(); resolve(true); });
    s.once("error", () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string, ms = 10000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before listening:\n${log()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not listen on ${port} within ${ms} ms:\n${log()}`);
}

/** Spawns a server process and waits until it accepts connections on port. */
async function launch(name: string, cmd: string, args: string[], port: number, extra: Partial<Server> & { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Server> {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: extra.env ?? process.env, cwd: extra.cwd, detached: true });
  let out = "";
  child.stdout?.on("data", (d) => { out += d; });
  child.stderr?.on("data", (d) => { out += d; });
  const server: Server = {
    name,
    port,
    origin: extra.origin ?? `https://localhost:${port}`,
    ...(extra.caFile ? { caFile: extra.caFile } : {}),
    log: () => out,
    stop: async () => {
      running.delete(server);
      if (child.exitCode !== null || child.pid === undefined) return;
      const gone = new Promise((r) => child.once("exit", r));
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } }, 2000);
      await gone;
      clearTimeout(timer);
    },
  };
  running.add(server);
  try {
    await waitForPort(port, child, server.log);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

/** Stops every server this module started and removes the temporary directories. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
  for (const d of tempDirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
process.on("exit", () => {
  // Last resort when a test forgot to await stopAll(): never leave servers running.
  for (const s of running) void s.stop();
});

function openssl(args: string[], cwd: string): void {
  const r = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${r.stderr}`);
}

/** Key algorithms for test certificates. */
/** nginx's `ssl` settings of Mozilla's "intermediate" configuration, one row of the TLS server matrix. */
export const MOZILLA_INTERMEDIATE = `ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ecdh_curve X25519:prime256v1:secp384r1;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:MozSSL:1m;
    ssl_session_tickets off;`;

export type KeyType = "ec256" | "ec384" | "rsa2048" | "rsa4096";

/** Test PKI made with openssl: one CA, leaf certificates on demand. */
export interface Pki {
  dir: string;
  caFile: string;
  /** Issues a leaf: returns {cert, key} paths. names default to localhost + 127.0.0.1. */
  leaf(opts?: { key?: KeyType; names?: string[]; days?: number; expired?: boolean; selfSigned?: boolean; id?: string }): { cert: string; key: string };
}

function keyArgs(key: KeyType): string[] {
  switch (key) {
    case "ec256": return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];
    case "ec384": return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"];
    case "rsa2048": return ["-newkey", "rsa:2048"];
    case "rsa4096": return ["-newkey", "rsa:4096"];
  }
}

/** Creates a CA (EC P-256) in a temporary directory. */
export function makePki(): Pki {
  const dir = tempDir("nudge-pki-");
  openssl(["req", "-x509", ...keyArgs("ec256"), "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=Nudge Test CA"], dir);
  let n = 0;
  return {
    dir,
    caFile: join(dir, "ca.pem"),
    leaf(opts = {}) {
      const id = opts.id ?? `leaf${n++}`;
      const names = opts.names ?? ["localhost", "127.0.0.1"];
      const san = names.map((x) => (/^[\d.]+$/.test(x) ? `IP:${x}` : `DNS:${x}`)).join(",");
      const key = join(dir, `${id}.key`), cert = join(dir, `${id}.pem`), csr = join(dir, `${id}.csr`), ext = join(dir, `${id}.ext`);
      writeFileSync(ext, `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
      const subj = `/CN=${names[0]}`;
      if (opts.selfSigned) {
        openssl(["req", "-x509", ...keyArgs(opts.key ?? "ec256"), "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", subj, "-addext", `subjectAltName=${san}`], dir);
        return { cert, key };
      }
      openssl(["req", ...keyArgs(opts.key ?? "ec256"), "-nodes", "-keyout", key, "-out", csr, "-subj", subj], dir);
      // An expired certificate: valid for one day, starting two days ago (x509 -not_before needs
      // OpenSSL 3.4, so backdate through the `ca` command's -startdate/-enddate instead).
      if (opts.expired) {
        writeFileSync(join(dir, "index.txt"), "");
        writeFileSync(join(dir, "serial"), "1000\n");
        writeFileSync(join(dir, "ca.cnf"), `[ca]\ndefault_ca=d\n[d]\ndir=${dir}\ndatabase=${dir}/index.txt\nserial=${dir}/serial\nnew_certs_dir=${dir}\ndefault_md=sha256\npolicy=p\ncopy_extensions=none\n[p]\ncommonName=supplied\n`);
        const start = new Date(Date.now() - 3 * 86400e3), end = new Date(Date.now() - 86400e3);
        const fmt = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
        openssl(["ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-in", csr, "-out", cert, "-startdate", fmt(start), "-enddate", fmt(end), "-extfile", ext, "-notext"], dir);
      } else {
        openssl(["x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", cert, "-days", String(opts.days ?? 30), "-extfile", ext], dir);
      }
      return { cert, key };
    },
  };
}

/** openssl s_server -www with the given certificate and extra options (e.g. ["-tls1_2"]). */
export async function startOpenSslServer(opts: { cert: string; key: string; caFile: string; args?: string[]; name?: string }): Promise<Server> {
  const port = await freePort();
  const args = ["s_server", "-accept", `127.0.0.1:${port}`, "-cert", opts.cert, "-key", opts.key, "-www", "-quiet", ...(opts.args ?? [])];
  return launch(opts.name ?? "openssl", "openssl", args, port, { caFile: opts.caFile });
}

/** nginx with one TLS server block; `ssl` holds extra ssl_* directives; proxies or returns 200. */
export async function startNginx(opts: { cert: string; key: string; caFile: string; ssl: string; upstream?: string; name?: string }): Promise<Server> {
  const port = await freePort();
  const dir = tempDir("nudge-nginx-");
  const location = opts.upstream ? `proxy_pass ${opts.upstream}; proxy_set_header Host $http_host;` : `return 200 "ok\\n";`;
  writeFileSync(join(dir, "nginx.conf"), `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost;
    ssl_certificate ${opts.cert};
    ssl_certificate_key ${opts.key};
    ${opts.ssl}
    location / { ${location} }
  }
}
`);
  return launch(opts.name ?? "nginx", "nginx", ["-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf")], port, { caFile: opts.caFile });
}

/** Caddy with `tls internal` in front of upstream; caFile is Caddy's own local root CA. */
export async function startCaddy(opts: { upstream: string; curves?: string[]; keyType?: string; name?: string }): Promise<Server> {
  const port = await freePort(), httpPort = await freePort();
  const dir = tempDir("nudge-caddy-");
  const curves = opts.curves ? `curves ${opts.curves.join(" ")}` : "";
  writeFileSync(join(dir, "Caddyfile"), `{
  admin off
  skip_install_trust
  auto_https disable_redirects
  http_port ${httpPort}
  https_port ${port}
  storage file_system ${dir}/data
  ${opts.keyType ? `key_type ${opts.keyType}` : ""}
}
https://localhost:${port} {
  bind 127.0.0.1
  tls internal {
    ${curves}
  }
  reverse_proxy ${opts.upstream}
}
`);
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, "xdg-data"), XDG_CONFIG_HOME: join(dir, "xdg-config") };
  const caFile = join(dir, "data", "pki", "authorities", "local", "root.crt");
  const server = await launch(opts.name ?? "caddy", "caddy", ["run", "--adapter", "caddyfile", "--config", join(dir, "Caddyfile")], port, { env, caFile, cwd: dir });
  // Caddy listens before its internal issuer has produced the leaf (an RSA-4096 key takes a
  // while) and answers handshakes with internal_error until then: wait for the stored leaf.
  const leaf = join(dir, "data", "certificates", "local", "localhost", "localhost.crt");
  const until = Date.now() + 20000;
  while (!(existsSync(caFile) && existsSync(leaf)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(leaf)) { await server.stop(); throw new Error(`caddy issued no certificate:\n${server.log()}`); }
  return server;
}

/** Radicale (Debian's) on plain http with htpasswd (apr1-md5) users; origin is http://127.0.0.1:port. */
export async function startRadicale(opts: { users: Record<string, string>; name?: string }): Promise<Server> {
  const port = await freePort();
  const dir = tempDir("nudge-radicale-");
  const users = Object.entries(opts.users).map(([u, p]) => {
    // htpasswd reads the password on stdin so it never appears in a process list.
    const r = spawnSync("htpasswd", ["-i", "-n", "-m", u], { input: p, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`htpasswd failed: ${r.stderr}`);
    return r.stdout.trim();
  });
  writeFileSync(join(dir, "users"), users.join("\n") + "\n", { mode: 0o600 });
  writeFileSync(join(dir, "config"), `[server]
hosts = 127.0.0.1:${port}
[auth]
type = htpasswd
htpasswd_filename = ${dir}/users
htpasswd_encryption = md5
[storage]
filesystem_folder = ${dir}/collections
[logging]
level = warning
`);
  return launch(opts.name ?? "radicale", "/usr/bin/radicale", ["--config", join(dir, "config")], port, { origin: `http://127.0.0.1:${port}` });
}

/** Contents of a file the harness wrote (e.g. a server's CA), for fixtures and messages. */
export function readText(path: string): string {
  return readFileSync(path, "utf8");
}

/** Creates a task calendar at origin/user/name/ and PUTs the given VTODO resources into it. */
export async function seedCalendar(origin: string, user: string, password: string, name: string, items: Record<string, string>): Promise<string> {
  const auth = "Basic " + Buffer.from(`${user}:${password}`).toString("base64");
  const collection = `${origin}/${user}/${name}/`;
  const mk = await fetch(collection, {
    method: "MKCALENDAR",
    headers: { Authorization: auth, "Content-Type": "application/xml" },
    body: `<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>${name}</d:displayname><c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>`,
  });
  if (mk.status !== 201) throw new Error(`MKCALENDAR ${collection} -> ${mk.status}`);
  for (const [file, ics] of Object.entries(items)) {
    const r = await fetch(collection + file, { method: "PUT", headers: { Authorization: auth, "Content-Type": "text/calendar; charset=utf-8" }, body: ics });
    if (r.status !== 201 && r.status !== 204) throw new Error(`PUT ${file} -> ${r.status}`);
  }
  return collection;
}

/** A minimal VTODO resource (CRLF lines, as servers store them). */
export function vtodo(uid: string, summary: string, extra: string[] = []): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nudge tests//EN", "BEGIN:VTODO", `UID:${uid}`, "DTSTAMP:20260101T000000Z", `SUMMARY:${summary}`, ...extra, "END:VTODO", "END:VCALENDAR", ""].join("\r\n");
}
