// A TCP proxy on 127.0.0.1 that breaks responses on purpose: it sits in front of a real server
// (Radicale over plain http, or Caddy for TLS) or answers with a canned response, and applies one
// fault at a time to what goes back to the client. Plain http faults work on whole responses (the
// proxy reads each response to its end, Content-Length or chunked framing, before delivering it);
// TLS faults work on records, since the bytes are encrypted.
import * as net from "node:net";

/** What to do to each response while it is set. */
export type Fault =
  | { kind: "none" }
  /** deliver the response in pieces of `size` bytes, `delayMs` apart */
  | { kind: "chunks"; size: number; delayMs: number }
  /** send the first `at` bytes, then close the connection (FIN) */
  | { kind: "truncate"; at: number }
  /** send the first `at` bytes, then stop sending and keep the connection open */
  | { kind: "stall"; at: number }
  /** send the first `at` bytes, then reset the connection (RST) */
  | { kind: "reset"; at: number }
  /** add `delta` to the Content-Length the server sent (the body stays as it is), then close */
  | { kind: "content-length"; delta: number }
  /** re-frame the body as chunked with a chunk-size line that is not hex */
  | { kind: "bad-chunked" }
  /** add a header field of `bytes` bytes */
  | { kind: "huge-header"; bytes: number }
  /** TLS: after the server's first `records` records that answer the request, send a raw record (and keep the connection open), close, reset or stall */
  | { kind: "tls-record"; records: number; record: "alert" | "garbage" | "close" | "reset" | "stall" };

export interface FaultProxy {
  port: number;
  origin: string;
  /** the fault applied to every response from now on */
  fault: Fault;
  /** when set, every request gets these bytes (then `fault`) instead of the upstream's answer */
  canned: Buffer | null;
  /** responses delivered (or broken) so far */
  responses: number;
  /** stop accepting connections (the server looks down); resume() listens on the same port again */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** A fatal alert record in the clear: level 2, description 80 (internal_error). */
const ALERT_RECORD = Buffer.from([21, 3, 3, 0, 2, 2, 80]);
/** An application-data record whose bytes no key produced: its integrity check must fail. */
const GARBAGE_RECORD = Buffer.concat([Buffer.from([23, 3, 3, 0, 48]), Buffer.alloc(48, 0xa5)]);
/** A TLS record from the client this long or longer carries the request (Finished is ~53 bytes). */
const REQUEST_RECORD_MIN = 120;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Length of the complete HTTP response at the start of buf, or -1 while incomplete. */
function responseLength(buf: Buffer): number {
  const headEnd = buf.indexOf("\r\n\r\n");
  if (headEnd < 0) return -1;
  const head = buf.subarray(0, headEnd).toString("latin1");
  const bodyAt = headEnd + 4;
  const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(head)?.[1] ?? "0");
  if (status === 204 || status === 304 || (status >= 100 && status < 200)) return bodyAt;
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    let at = bodyAt;
    for (;;) {
      const eol = buf.indexOf("\r\n", at);
      if (eol < 0) return -1;
      const size = parseInt(buf.subarray(at, eol).toString("latin1"), 16);
      if (size === 0) {
        const end = buf.indexOf("\r\n\r\n", eol);
        return end < 0 ? -1 : end + 4;
      }
      at = eol + 2 + size + 2;
      if (at > buf.length) return -1;
    }
  }
  const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const len = bodyAt + Number(cl?.[1] ?? "0");
  return buf.length >= len ? len : -1;
}

/** Rewrites a complete response for the header- and framing-level faults. */
function rewrite(res: Buffer, fault: Fault): Buffer {
  const headEnd = res.indexOf("\r\n\r\n");
  let head = res.subarray(0, headEnd).toString("latin1");
  let body = res.subarray(headEnd + 4);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    // de-chunk first so every fault starts from a Content-Length response
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = body.indexOf("\r\n", at);
      const size = parseInt(body.subarray(at, eol).toString("latin1"), 16);
      if (size === 0) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
    head = head.replace(/\r\ntransfer-encoding:[^\r]*/i, "") + `\r\nContent-Length: ${body.length}`;
  }
  if (fault.kind === "content-length") {
    head = head.replace(/\r\ncontent-length:\s*(\d+)/i, (_m, n: string) => `\r\nContent-Length: ${Number(n) + fault.delta}`);
  } else if (fault.kind === "bad-chunked") {
    head = head.replace(/\r\ncontent-length:[^\r]*/i, "") + "\r\nTransfer-Encoding: chunked";
    const half = Math.floor(body.length / 2);
    body = Buffer.concat([Buffer.from(`${half.toString(16)}\r\n`), body.subarray(0, half), Buffer.from("\r\nzz\r\n"), body.subarray(half), Buffer.from("\r\n0\r\n\r\n")]);
  } else if (fault.kind === "huge-header") {
    head += `\r\nX-Padding: ${"p".repeat(fault.bytes)}`;
  }
  return Buffer.concat([Buffer.from(head + "\r\n\r\n", "latin1"), body]);
}

/** Sends one response to the client as the fault says; resolves when done with it. */
async function deliver(client: net.Socket, res: Buffer, fault: Fault): Promise<void> {
  if (client.destroyed) return;
  switch (fault.kind) {
    case "none":
      client.write(res);
      return;
    case "chunks":
      for (let at = 0; at < res.length && !client.destroyed; at += fault.size) {
        client.write(res.subarray(at, at + fault.size));
        if (fault.delayMs > 0) await sleep(fault.delayMs);
      }
      return;
    case "truncate":
      client.end(res.subarray(0, fault.at));
      return;
    case "stall":
      client.write(res.subarray(0, fault.at));
      client.pause(); // nothing more, in either direction; the socket stays open until the client gives up
      return;
    case "reset":
      client.write(res.subarray(0, fault.at), () => client.resetAndDestroy());
      return;
    case "content-length": {
      const out = rewrite(res, fault);
      client.end(out);
      return;
    }
    default:
      client.write(rewrite(res, fault));
  }
}

/** Starts a proxy to 127.0.0.1:upstreamPort (null: canned responses only), plain http or TLS records. */
export async function startFaultProxy(opts: { upstreamPort: number | null; tls?: boolean }): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const proxy: FaultProxy = {
    port: 0,
    origin: "",
    fault: { kind: "none" },
    canned: null,
    responses: 0,
    pause: () => new Promise((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }),
    resume: () => new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(proxy.port, "127.0.0.1", () => resolve());
    }),
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      if (server.listening) server.close(() => resolve());
      else resolve();
    }),
  };

  const onPlain = (client: net.Socket): void => {
    let request = Buffer.alloc(0);
    let pending = Buffer.alloc(0);
    let queue = Promise.resolve();
    let up: net.Socket | null = null;
    let stalled = false;
    const send = (res: Buffer): void => {
      const fault = proxy.fault;
      proxy.responses++;
      if (fault.kind === "stall") stalled = true;
      queue = queue.then(() => deliver(client, res, fault));
    };
    if (proxy.canned === null && opts.upstreamPort !== null) {
      up = net.connect(opts.upstreamPort, "127.0.0.1");
      track(up);
      up.on("data", (d: Buffer) => {
        pending = Buffer.concat([pending, d]);
        for (let n = responseLength(pending); n > 0; n = responseLength(pending)) {
          send(pending.subarray(0, n));
          pending = pending.subarray(n);
        }
      });
      // the server closing after its answer (HTTP/1.0) closes the client once that answer is out, unless it stalls
      up.on("close", () => { queue = queue.then(() => { if (!stalled) client.end(); }); });
    }
    client.on("data", (d: Buffer) => {
      if (up !== null) {
        up.write(d);
        return;
      }
      // canned: one answer per request head (request bodies are skipped by their Content-Length)
      request = Buffer.concat([request, d]);
      for (;;) {
        const end = request.indexOf("\r\n\r\n");
        if (end < 0) return;
        const cl = Number(/\r\ncontent-length:\s*(\d+)/i.exec(request.subarray(0, end).toString("latin1"))?.[1] ?? "0");
        if (request.length < end + 4 + cl) return;
        request = request.subarray(end + 4 + cl);
        send(proxy.canned ?? Buffer.alloc(0));
      }
    });
    client.on("close", () => up?.destroy());
  };

  const onTls = (client: net.Socket): void => {
    const up = net.connect(opts.upstreamPort!, "127.0.0.1");
    track(up);
    let fromClient = Buffer.alloc(0);
    let fromServer = Buffer.alloc(0);
    let requested = false;
    let answered = 0;
    let injected = false;
    client.on("data", (d: Buffer) => {
      up.write(d);
      fromClient = Buffer.concat([fromClient, d]);
      while (fromClient.length >= 5 && fromClient.length >= 5 + fromClient.readUInt16BE(3)) {
        const len = fromClient.readUInt16BE(3);
        if (fromClient[0] === 23 && len >= REQUEST_RECORD_MIN) requested = true;
        fromClient = fromClient.subarray(5 + len);
      }
    });
    up.on("data", (d: Buffer) => {
      const fault = proxy.fault;
      if (fault.kind !== "tls-record" || injected) {
        if (!injected) client.write(d);
        return;
      }
      // forward whole records; after the chosen number of answer records, the raw one instead
      fromServer = Buffer.concat([fromServer, d]);
      while (!injected && fromServer.length >= 5 && fromServer.length >= 5 + fromServer.readUInt16BE(3)) {
        const n = 5 + fromServer.readUInt16BE(3);
        if (requested && answered === fault.records) {
          injected = true;
          proxy.responses++;
          if (fault.record === "close") client.end();
          else if (fault.record === "reset") client.resetAndDestroy();
          else if (fault.record === "alert" || fault.record === "garbage") client.write(fault.record === "alert" ? ALERT_RECORD : GARBAGE_RECORD);
          break;
        }
        if (requested) answered++;
        client.write(fromServer.subarray(0, n));
        fromServer = fromServer.subarray(n);
      }
    });
    up.on("close", () => { if (!injected) client.end(); });
    client.on("close", () => up.destroy());
  };

  const server = net.createServer((client) => {
    track(client);
    if (opts.tls) onTls(client);
    else onPlain(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  proxy.port = (server.address() as net.AddressInfo).port;
  proxy.origin = `http${opts.tls ? "s" : ""}://127.0.0.1:${proxy.port}`;
  return proxy;
}
