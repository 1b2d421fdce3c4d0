// A TCP relay on 127.0.0.1 that counts what crosses it: connections, bytes each way, TLS records
// and flights (runs of bytes in one direction), and whether the server resumed a session (the
// pre_shared_key extension in its ServerHello). Nothing is decrypted.
import { createServer, connect, type Server as NetServer, type Socket } from "node:net";

/** One TLS record header seen on the wire. */
export interface RecordHead {
  type: number;
  length: number;
}

/** Bytes sent in one direction before the other side answered. */
export interface Flight {
  fromClient: boolean;
  bytes: number;
  records: RecordHead[];
}

/** What one relayed connection carried. */
export interface Connection {
  openedAt: number;
  flights: Flight[];
  bytesUp: number;
  bytesDown: number;
  /** true/false once the ServerHello was seen */
  resumed: boolean | null;
}

const REC_ALERT = 21;
const REC_APPDATA = 23;
/** An encrypted TLS 1.3 alert: 2 bytes of alert, the inner content type, a 16-byte AEAD tag. */
const SEALED_ALERT_LENGTH = 19;
const EXT_PRE_SHARED_KEY = 41;

/** True when a flight is only alerts (close_notify), i.e. the connection closing, not a request. */
export function isCloseFlight(f: Flight): boolean {
  return f.records.length > 0 && f.records.every((r) => r.type === REC_ALERT || (r.type === REC_APPDATA && r.length === SEALED_ALERT_LENGTH));
}

/** Client flights that the server answered, leaving out the closing alerts. */
export function roundTrips(c: Connection): number {
  const flights = c.flights.filter((f) => !isCloseFlight(f));
  let n = 0;
  for (let i = 0; i + 1 < flights.length; i++) if (flights[i]!.fromClient && !flights[i + 1]!.fromClient) n++;
  return n;
}

/** Whether a ServerHello handshake message (type byte first) accepts a pre-shared key. */
export function serverHelloResumes(m: Uint8Array): boolean | null {
  let at = 4 + 2 + 32;
  if (m[0] !== 2 || m.length < at + 1) return null;
  at += 1 + m[at]!; // session id
  at += 2 + 1; // suite, compression
  if (m.length < at + 2) return false;
  const end = Math.min(m.length, at + 2 + ((m[at]! << 8) | m[at + 1]!));
  at += 2;
  while (at + 4 <= end) {
    const type = (m[at]! << 8) | m[at + 1]!;
    const len = (m[at + 2]! << 8) | m[at + 3]!;
    if (type === EXT_PRE_SHARED_KEY) return true;
    at += 4 + len;
  }
  return false;
}

/** Splits one direction's byte stream into record headers; keeps the first record's payload. */
class RecordReader {
  private head: number[] = [];
  private left = 0;
  first: number[] | null = null;
  private collecting = false;

  feed(b: Buffer, out: RecordHead[]): void {
    for (let i = 0; i < b.length; ) {
      if (this.left === 0) {
        this.head.push(b[i++]!);
        if (this.head.length === 5) {
          const [type, , , hi, lo] = this.head as [number, number, number, number, number];
          this.left = (hi << 8) | lo;
          out.push({ type, length: this.left });
          this.collecting = this.first === null;
          if (this.collecting) this.first = [];
          this.head = [];
        }
        continue;
      }
      const take = Math.min(this.left, b.length - i);
      if (this.collecting) for (let j = i; j < i + take; j++) this.first!.push(b[j]!);
      this.left -= take;
      i += take;
      if (this.left === 0) this.collecting = false;
    }
  }
}

/** A running relay: its port, what it saw, and how to stop it. */
export interface WireProxy {
  port: number;
  connections: Connection[];
  stop(): Promise<void>;
}

/** Relays 127.0.0.1:<new port> to 127.0.0.1:upstreamPort, counting everything. */
export function startWireProxy(upstreamPort: number): Promise<WireProxy> {
  const connections: Connection[] = [];
  const sockets = new Set<Socket>();
  const server: NetServer = createServer((down) => {
    const c: Connection = { openedAt: Date.now(), flights: [], bytesUp: 0, bytesDown: 0, resumed: null };
    connections.push(c);
    const up = connect({ host: "127.0.0.1", port: upstreamPort });
    const readers = { up: new RecordReader(), down: new RecordReader() };
    for (const s of [down, up]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    const record = (fromClient: boolean, b: Buffer): void => {
      let f = c.flights[c.flights.length - 1];
      if (!f || f.fromClient !== fromClient) c.flights.push((f = { fromClient, bytes: 0, records: [] }));
      f.bytes += b.length;
      (fromClient ? readers.up : readers.down).feed(b, f.records);
      if (fromClient) c.bytesUp += b.length;
      else {
        c.bytesDown += b.length;
        const hello = readers.down.first;
        if (c.resumed === null && hello && hello.length >= 4 && hello.length >= 4 + ((hello[1]! << 16) | (hello[2]! << 8) | hello[3]!)) {
          c.resumed = serverHelloResumes(Uint8Array.from(hello));
        }
      }
    };
    down.on("data", (b: Buffer) => {
      record(true, b);
      up.write(b);
    });
    up.on("data", (b: Buffer) => {
      record(false, b);
      down.write(b);
    });
    // When the client goes, the server still gets to answer (its close_notify is counted too).
    down.on("end", () => up.end());
    up.on("end", () => down.end());
    down.on("close", () => up.end());
    up.on("close", () => down.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const addr = server.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      resolve({
        port,
        connections,
        stop: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
