// A short soak (npm run soak runs 10,000 polls): the ASan host device polls a local Radicale 100
// times in virtual time while tasks are added, rewritten and deleted between polls; after every
// poll the state it saved must hold exactly the server's tasks, no poll may fail, leaks fail the
// run (LeakSanitizer at exit), and descriptors must not pile up.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runSoak } from "../scripts/soak";

test("100 polls against a changing Radicale: every poll matches the server, nothing piles up", async () => {
  const r = await runSoak({ polls: 100, change: 0.5, seed: 7, sampleEvery: 25 });
  assert.is(r.exitCode, 0, r.stderrTail);
  assert.is(r.polls, 100);
  assert.is(r.failed, 0, r.stderrTail);
  assert.ok(r.changes > 20, `only ${r.changes} changes`);
  assert.is(r.checked, 100);
  assert.is(r.mismatches, 0, r.details.join("\n"));
  assert.is(r.samples.length, 5);
  const fds = r.samples.map((s) => s.fds);
  assert.ok(Math.max(...fds) - Math.min(...fds) <= 1, `descriptors ${fds.join(" ")}`);
  // what the carry keeps follows the task count (at most 40 here), not the number of polls
  assert.ok(r.carriedKbMax < 64, `carried up to ${r.carriedKbMax} KB`);
});

test.run();
