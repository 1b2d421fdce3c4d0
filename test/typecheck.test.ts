// The whole project (core, compiler, scripts, tests) type-checks under the strict tsconfig: tsx runs
// TypeScript without checking types, so this is where a type error anywhere shows up.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { spawnSync } from "node:child_process";

test("tsc -p tsconfig.json reports no errors", () => {
  const r = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"], { encoding: "utf8", timeout: 300000 });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test.run();
