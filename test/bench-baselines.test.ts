// The Node baselines of the parse + classify benchmark must do the C engine's job, or the ratios
// against them mean nothing: tsdav + ical.js must find the same tasks, kinds and order on the
// benchmark's own kind of body (bench/workload.ts), up to the zones ical.js cannot resolve.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { tsdavClassify, tsdavParse } from "../bench/pipeline-node";
import { BENCH_NOW, BENCH_TZ, SEED, TOP_K } from "../bench/workload";
import { deviceZone, TaskPipeline } from "../ts-src/tasks/pipeline";
import { randomBody } from "./fixtures/tasks/generate";

const body = randomBody(SEED, 400);

function nudge(): TaskPipeline {
  const p = new TaskPipeline(BENCH_NOW, deviceZone(BENCH_TZ)!, TOP_K);
  p.feed(body);
  p.finish();
  return p;
}

test("tsdav + ical.js classifies the benchmark body as the pipeline does", async () => {
  const p = nudge();
  const them = await tsdavClassify(body);
  const c = p.top.counts;
  const t = them.counts;
  const ours = [c.overdue, c.today, c.upcoming, c.later, c.undated];
  const counts = [t.overdue, t.today, t.upcoming, t.later, t.undated];
  const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  // ical.js reads TZIDs without a VTIMEZONE as floating and keeps overrides apart: a few tasks differ
  assert.ok(Math.abs(total(counts) - total(ours)) <= total(ours) * 0.03, `${counts} vs ${ours}`);
  for (let k = 0; k < 5; k++) assert.ok(Math.abs(counts[k]! - ours[k]!) <= Math.max(3, ours[k]! * 0.1), `kind ${k}: ${counts} vs ${ours}`);
  assert.is(them.tasks.length, TOP_K);
  const shared = them.tasks.filter((x) => p.top.tasks.some((y) => y.uid === x.uid)).length;
  assert.ok(shared >= TOP_K * 0.8, `${shared} of ${TOP_K} shown tasks in common`);
});

test("the parsing-only baseline reads every VTODO", () => {
  const todos = new TextDecoder().decode(body).split("BEGIN:VTODO").length - 1;
  assert.is(tsdavParse(body), todos);
});

test.run();
