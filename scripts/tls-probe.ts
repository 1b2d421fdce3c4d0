// npm run -s tls-probe -- URL [--ca PEM] [--profile device|restricted] [--heap-report] [--json]
// Runs the device's exact TLS configuration (nudge-tls-probe, built from firmware/host) against URL.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildHost } from "./host-build";

const bin = join(buildHost(), "nudge-tls-probe");
const r = spawnSync(bin, process.argv.slice(2), { stdio: "inherit" });
process.exit(r.status ?? 1);
