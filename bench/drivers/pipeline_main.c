/* The C engine as the bench times it: the compiled task pipeline (ts-src/tasks/pipeline.ts) over
 * a multistatus body on stdin, fed in 4 KB views exactly as firmware/host/tasks_main.c feeds it,
 * REPEAT times in a fresh arena each, timed by the wall clock and by this process's CPU clock
 * (the machine is shared, so CPU time is the steadier figure).
 * usage: pipeline-bench NOW_UNIX_SECONDS TZ K REPEAT < body.xml
 * stdout: one `run wall_ns=N cpu_ns=N` line per run, then
 * median_ns=N cpu_median_ns=N peak_bytes=N scratch_peak_bytes=N shown=N */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nd_program.h"
#include "bench_io.h"

#define MAX_RUNS 64

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: pipeline-bench NOW_UNIX_SECONDS TZ K REPEAT < body.xml\n");
    return 2;
  }
  size_t len = 0;
  unsigned char *body = read_all(stdin, &len);
  if (!body) return 1;
  double now = strtod(argv[1], NULL), k = strtod(argv[3], NULL);
  int repeat = atoi(argv[4]);
  if (repeat < 1) repeat = 1;
  if (repeat > MAX_RUNS) repeat = MAX_RUNS;
  nd_arena constants, arena;
  nd_arena_init_heap(&constants, "constants", (size_t)1 << 24);
  nd_arena_use(&constants);
  nd_program_init();
  nd_arena_init_heap(&arena, "bench", (size_t)1 << 30);
  nd_arena_use(&arena);
  double wall[MAX_RUNS], cpu[MAX_RUNS];
  pipeline_TaskPipeline *p = NULL;
  for (int i = 0; i < repeat; i++) {
    nd_arena_reset(&arena);
    double w0 = clock_ns(CLOCK_MONOTONIC), c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    p = pipeline_TaskPipeline_new(now, pipeline_deviceZone(nd_str_make(argv[2], strlen(argv[2]))), k);
    nd_u8arr view = {0, body};
    for (size_t off = 0; off < len; off += 4096) {
      view.len = (int32_t)(len - off < 4096 ? len - off : 4096);
      view.data = body + off;
      pipeline_TaskPipeline_feed(p, &view);
    }
    pipeline_TaskPipeline_finish(p);
    cpu[i] = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
    wall[i] = clock_ns(CLOCK_MONOTONIC) - w0;
  }
  if (p->error->len) {
    fprintf(stderr, "pipeline-bench: malformed multistatus: %.*s\n", (int)p->error->len, p->error->bytes);
    return 1;
  }
  for (int i = 0; i < repeat; i++) printf("run wall_ns=%.0f cpu_ns=%.0f\n", wall[i], cpu[i]);
  qsort(wall, (size_t)repeat, sizeof wall[0], cmp_double);
  qsort(cpu, (size_t)repeat, sizeof cpu[0], cmp_double);
  printf("median_ns=%.0f cpu_median_ns=%.0f peak_bytes=%lu scratch_peak_bytes=%lu shown=%ld\n", wall[repeat / 2], cpu[repeat / 2],
         (unsigned long)nd_arena_peak(&arena), (unsigned long)nd_arena_peak(nd_scratch_arena()), (long)p->top->tasks->len);
  nd_arena_release(&arena);
  nd_arena_release(&constants);
  free(body);
  return 0;
}
