// Timing harness for a kernel under Node: imports bench/kernels/KERNEL.ts, runs run(N) once to
// warm up the JIT, then REPS times, printing the same lines as the C drivers.
// usage: tsx bench/kernels/node_main.ts KERNEL N REPS
import { readFileSync } from "node:fs";

const [name, nArg, repsArg] = process.argv.slice(2);
if (!name || !nArg || !repsArg) throw new Error("usage: node_main.ts KERNEL N REPS");
const kernel = (await import(`./${name}.ts`)) as { run(n: number): number };
const n = Number(nArg);
const first = kernel.run(n);
console.log(`checksum=${first}`);
for (let i = 0; i < Number(repsArg); i++) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const sum = kernel.run(n);
  const wall = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  console.log(`run wall_ns=${wall} cpu_ns=${(cpu.user + cpu.system) * 1000}`);
  if (sum !== first) throw new Error(`checksum changed between runs: ${first} then ${sum}`);
}
// VmHWM, as the C drivers report it (process.resourceUsage().maxRSS would include the parent's peak)
console.log(`max_rss_kb=${/^VmHWM:\s*(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? -1}`);
