// The shape of one run of `npm run bench`: what bench/run.ts measures and bench/report.ts turns
// into RESULTS.md and the plots. Every figure carries the exact command that produced it.

/** One engine parsing + classifying one body on the host. */
export interface PipelineRow {
  engine: "c" | "node" | "tsdav" | "tsdav-parse" | "expat";
  tasks: number;
  bytes: number;
  runs: number;
  /** medians of wall time and of the process's CPU time */
  medianMs: number;
  cpuMs: number;
  /** peak memory in bytes and what it counts */
  memBytes: number;
  memWhat: string;
  command: string;
  /** C engines: x86-64 instructions of one steady-state run (callgrind), and how they were counted */
  instructions?: { count: number; command: string };
}

/** The compiled pipeline on rv32imac under QEMU: one run, retired instructions. */
export interface Rv32Row {
  tasks: number;
  bytes: number;
  instret: number;
  arenaPeak: number;
  scratchPeak: number;
  command: string;
}

/** One compiler kernel: compiled C vs hand-written C vs Node. */
export interface KernelRow {
  name: string;
  n: number;
  wallMs: { compiled: number; hand: number; node: number };
  cpuMs: { compiled: number; hand: number; node: number };
  /** rv32imac -Os text of the module (compiled) and of the hand-written file */
  sizeCompiled: number | null;
  sizeHand: number | null;
  instretCompiled: number | null;
  instretHand: number | null;
}

export interface CompilerResults {
  /** the compiler bench's own report, with its commands */
  lines: string[];
  kernels: KernelRow[];
  kernelCommand: string;
  sizeCommand: string;
  /** wall seconds (median) of compiling the device core and everything it imports */
  compileSeconds: number;
  compileCpuSeconds: number;
  compileCommand: string;
}

/** One server row of the TLS matrix, handshakes measured live. */
export interface TlsRow {
  row: string;
  version: string;
  group: string;
  hrr: number;
  heapPeak: number;
  handshakeMs: number;
  runs: number;
  command: string;
}

/** The device's idle poll (nothing changed) on a resumed TLS session, as seen on the wire. */
export interface IdlePoll {
  server: string;
  connections: number;
  /** round trips the connection took before the first HTTP request went out */
  tlsRoundTrips: number;
  httpExchanges: number;
  bytesUp: number;
  bytesDown: number;
  resumed: boolean;
  /** the poll before it (discovery and the full task list, a full handshake), for comparison */
  firstPoll: { connections: number; httpExchanges: number; roundTrips: number; bytesUp: number; bytesDown: number; resumed: boolean };
  command: string;
}

/** The host device's arena use against Radicale holding `objects` calendar objects (bench/device-memory.ts). */
export interface DeviceMemoryRow {
  objects: number;
  /** arena peaks of the poll cycle, as the device prints them */
  firstPollKb: number;
  idlePollKb: number;
  /** what the carry after the idle poll kept */
  carriedKb: number;
  /** the scratch arena's peak over both polls */
  scratchKb: number;
  /** HTTP requests of the first poll */
  requests: number;
  command: string;
}

/** Portable-core code size from `npm run -s cross`. */
export interface CrossSizes {
  rv32: { text: number; data: number; bss: number };
  xtensa: { text: number; data: number; bss: number };
  summary: string;
  command: string;
}

export interface Results {
  quick: boolean;
  started: string;
  seconds: number;
  machine: string;
  /** the commit measured, and whether measured sources differed from it */
  revision: string;
  workload: string;
  pipeline: PipelineRow[];
  rv32: Rv32Row[];
  compiler: CompilerResults | null;
  tls: TlsRow[];
  idle: IdlePoll | null;
  deviceMemory: DeviceMemoryRow[];
  cross: CrossSizes | null;
  /** how the programs measured were built, what the figures count */
  notes: string[];
  /** parts not measured in this run, and why */
  skipped: string[];
}
