// The host transport's HTTP/1.1 behaviour (keep-alive, chunked and Content-Length bodies,
// redirects, credentials policy, TLS resumption) against Node servers on 127.0.0.1, driven
// through nudge-fetch (ASan+UBSan build).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { execFile } from "node:child_process";
import { createServer as createHttps, type Server as HttpsServer } from "node:https";
import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server as HttpServer } from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { buildHost } from "../scripts/host-build";
import { makePki, stopAll, type Pki } from "./harness/servers";

let bin = "";
let pki: Pki;
let tls: HttpsServer, plain: HttpServer;
let tlsOrigin = "", plainOrigin = "";
let connections = 0;
const CHUNKS = ["first chunk\r\n", "x".repeat(5000), "\r\nlast"];

function handler(origin: () => string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (d) => { body += d; });
    req.on("end", () => {
      const url = req.url ?? "/";
      const auth = req.headers.authorization ? "with-auth" : "no-auth";
      if (url === "/chunked") {
        for (const c of CHUNKS) res.write(c);
        res.end();
      } else if (url === "/length") res.end("exactly this");
      else if (url === "/dir/redirect-rel") res.writeHead(302, { Location: "../length" }).end();
      else if (url === "/redirect-abs") res.writeHead(301, { Location: `${origin()}/length` }).end();
      else if (url === "/redirect-303") res.writeHead(303, { Location: "/method" }).end();
      else if (url === "/redirect-307") res.writeHead(307, { Location: "/method" }).end();
      else if (url === "/method") res.end(`${req.method} ${body.length} ${auth}`);
      else if (url === "/loop") res.writeHead(302, { Location: "/loop" }).end();
      else if (url === "/cross") res.writeHead(307, { Location: `${plainOrigin}/method` }).end();
      else if (url === "/close") res.writeHead(200, { Connection: "close" }).end("bye");
      else if (url === "/auth") res.end(auth);
      else res.writeHead(404).end("not here");
    });
  };
}

function fetchAll(args: string[]): Promise<{ code: number; lines: any[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(join(bin, "nudge-fetch"), ["--bundle", "none", "--ca", pki.caFile, ...args], { encoding: "utf8", timeout: 30000 }, (err, stdout, stderr) => {
      assert.not.match(stderr, /Sanitizer|runtime error/, stderr);
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      resolve({ code, lines: stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)), stderr });
    });
  });
}

test.before(async () => {
  bin = buildHost(true);
  pki = makePki();
  const leaf = pki.leaf({ key: "ec256", id: "node" });
  tls = createHttps({ cert: readFileSync(leaf.cert), key: readFileSync(leaf.key) }, handler(() => tlsOrigin));
  tls.on("secureConnection", () => { connections++; });
  plain = createHttp(handler(() => plainOrigin));
  await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
  await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
  tlsOrigin = `https://localhost:${(tls.address() as AddressInfo).port}`;
  plainOrigin = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});

test.after(async () => {
  tls.closeAllConnections();
  plain.closeAllConnections();
  await new Promise((r) => tls.close(r));
  await new Promise((r) => plain.close(r));
  await stopAll();
});

test("chunked and Content-Length bodies arrive whole, on one kept-alive connection", async () => {
  connections = 0;
  const r = await fetchAll(["GET", `${tlsOrigin}/chunked`, "GET", `${tlsOrigin}/length`, "GET", `${tlsOrigin}/chunked`]);
  assert.is(r.code, 0, r.stderr);
  const total = CHUNKS.join("").length;
  assert.equal(r.lines.map((l) => [l.status, l.bytes, l.complete]), [[200, total, true], [200, 12, true], [200, total, true]]);
  assert.is(r.lines[0].body.slice(0, 13), "first chunk\r\n");
  assert.is(r.lines[1].body, "exactly this");
  assert.is(connections, 1, "requests must share one connection");
});

test("redirects: relative, absolute, 303 turns into GET, 307 keeps the method and body", async () => {
  const r = await fetchAll(["--data", "<x/>", "GET", `${tlsOrigin}/dir/redirect-rel`, "GET", `${tlsOrigin}/redirect-abs`, "POST", `${tlsOrigin}/redirect-303`, "REPORT", `${tlsOrigin}/redirect-307`]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.lines.map((l) => l.body), ["exactly this", "exactly this", "GET 0 no-auth", "REPORT 4 no-auth"]);
});

test("a redirect loop ends with a clear error", async () => {
  const r = await fetchAll(["GET", `${tlsOrigin}/loop`]);
  assert.is(r.code, 1);
  assert.match(r.lines[0].error, /more than 5 redirects/);
});

test("credentials: kept on the same origin, dropped on a redirect elsewhere, refused over http", async () => {
  const auth = ["--header", "Authorization: Basic dXNlcjpub3QtcmVhbA=="];
  const same = await fetchAll([...auth, "GET", `${tlsOrigin}/auth`, "GET", `${tlsOrigin}/cross`]);
  assert.equal(same.lines.map((l) => l.body), ["with-auth", "GET 0 no-auth"]);
  const refused = await fetchAll([...auth, "GET", `${plainOrigin}/auth`]);
  assert.is(refused.code, 1);
  assert.match(refused.lines[0].error, /refusing to send credentials over plain http:\/\//);
  const allowed = await fetchAll([...auth, "--allow-http-auth", "GET", `${plainOrigin}/auth`]);
  assert.is(allowed.lines[0].body, "with-auth");
});

test("Connection: close is honoured and the next request reconnects", async () => {
  connections = 0;
  const r = await fetchAll(["GET", `${tlsOrigin}/close`, "GET", `${tlsOrigin}/length`]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.lines.map((l) => l.body), ["bye", "exactly this"]);
  assert.is(connections, 2);
});

test("between polls the connection is dropped and the TLS 1.3 session resumed", async () => {
  const r = await fetchAll(["--disconnect", "GET", `${tlsOrigin}/length`, "GET", `${tlsOrigin}/length`]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.lines.map((l) => [l.tls.version, l.tls.resumed]), [["TLSv1.3", false], ["TLSv1.3", true]]);
});

test.run();
