// npm run -s device -- --url URL --user U --password-file F [--ca PEM] [--once] [--screen PNG] [--now ISO] [--tz TZ] [--size WxH]
// Runs the host firmware (nudge-device: the compiled device core over the host transport) against a real server.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildHost } from "./host-build";

const bin = join(buildHost(), "nudge-device");
const r = spawnSync(bin, process.argv.slice(2), { stdio: "inherit" });
process.exit(r.status ?? 1);
