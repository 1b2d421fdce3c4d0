// Node driver for the sans-I/O CalDAV core: performs its requests with node:http/node:https and
// feeds the responses back in chunks of a chosen size, so tests can exercise every split point.
import * as http from "node:http";
import * as https from "node:https";
import { CalDavSync, SyncEvent } from "../../ts-src/caldav/sync";

export interface DriverOptions {
  /** bytes per body() call; responses are re-split to this size */
  chunkSize: number;
  /** PEM of an extra CA to trust for https, or null */
  ca: string | null;
}

/** One request the core made during a poll (never with its Authorization header). */
export interface RequestLog {
  method: string;
  url: string;
  depth: string;
  status: number;
}

/** A calendar object fetched by a poll. */
export interface FetchedObject {
  collection: number;
  href: string;
  etag: string;
  data: string;
}

export interface PollResult {
  requests: RequestLog[];
  fetched: FetchedObject[];
  removed: string[];
  /** "" when the poll succeeded */
  error: string;
}

/** Hands each object event the core reports to the result. */
class Collector {
  parts: Buffer[] = [];
  constructor(readonly result: PollResult) {}

  take(sync: CalDavSync, e: number): void {
    if (e === SyncEvent.ObjectData) this.parts.push(Buffer.from(sync.bytes.subarray(sync.start, sync.end)));
    else if (e === SyncEvent.ObjectEnd) {
      this.result.fetched.push({ collection: sync.collection, href: sync.href, etag: sync.etag, data: Buffer.concat(this.parts).toString("utf8") });
      this.parts = [];
    } else if (e === SyncEvent.ObjectRemoved) this.result.removed.push(sync.href);
  }
}

function send(sync: CalDavSync, opts: DriverOptions): Promise<http.IncomingMessage> {
  const req = sync.request;
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  for (const h of req.headers) headers[h.name] = h.value;
  const body = Buffer.from(req.body, "utf8");
  if (req.body !== "") headers["Content-Length"] = String(body.length);
  const mod = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const r = mod.request(url, { method: req.method, headers, ...(opts.ca ? { ca: opts.ca } : {}) }, resolve);
    r.setTimeout(15000, () => r.destroy(new Error("timeout")));
    r.on("error", reject);
    r.end(body);
  });
}

/** Runs one poll of `sync` to completion. */
export async function runPoll(sync: CalDavSync, opts: DriverOptions): Promise<PollResult> {
  const result: PollResult = { requests: [], fetched: [], removed: [], error: "" };
  const collector = new Collector(result);
  sync.startPoll();
  for (;;) {
    const e = sync.next();
    if (e === SyncEvent.Done) return result;
    if (e === SyncEvent.Error) {
      result.error = sync.error;
      return result;
    }
    if (e !== SyncEvent.Request) {
      collector.take(sync, e);
      continue;
    }
    const depth = sync.request.headers.find((h) => h.name === "Depth")?.value ?? "";
    const log: RequestLog = { method: sync.request.method, url: sync.request.url, depth, status: 0 };
    result.requests.push(log);
    let res: http.IncomingMessage;
    try {
      res = await send(sync, opts);
    } catch (err) {
      sync.fail(`${log.method} ${log.url}: ${(err as Error).message}`);
      continue;
    }
    log.status = res.statusCode ?? 0;
    sync.response(log.status);
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) sync.header(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    let failed = false;
    try {
      for await (const buf of res as AsyncIterable<Buffer>) {
        for (let at = 0; at < buf.length && !failed; at += opts.chunkSize) {
          sync.body(new Uint8Array(buf.buffer, buf.byteOffset + at, Math.min(opts.chunkSize, buf.length - at)));
          for (;;) {
            const f = sync.next();
            if (f === SyncEvent.NeedBody) break;
            if (f === SyncEvent.Error) {
              failed = true;
              break;
            }
            collector.take(sync, f);
          }
        }
        if (failed) break;
      }
    } catch (err) {
      sync.fail(`${log.method} ${log.url}: ${(err as Error).message}`);
      continue;
    }
    if (failed) res.destroy();
    else sync.bodyEnd();
  }
}
