/* The C engine of `npm run -s tasks`: the compiled task pipeline (ts-src/tasks/pipeline.ts) over a
 * multistatus body read from stdin, printing the same JSON as the Node engine.
 * usage: nudge-tasks NOW_UNIX_SECONDS TZ K [REPEAT] < body.xml
 * With REPEAT (benchmarks), the pipeline runs that many times and stderr gets the median time in
 * nanoseconds, the arena's peak bytes and the scratch arena's (one calendar object at a time). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>
#include <stdlib.h>

#include "nd_program.h"

static unsigned char *read_all(FILE *f, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  for (;;) {
    if (!buf) return NULL;
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    cap *= 2;
    unsigned char *grown = realloc(buf, cap);
    if (!grown) free(buf);
    buf = grown;
  }
  *len = n;
  return buf;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static pipeline_TaskPipeline *run_pipeline(const unsigned char *body, size_t len, double now, zone_Zone *zone, double k) {
  pipeline_TaskPipeline *p = pipeline_TaskPipeline_new(now, zone, k);
  /* feed in pieces as a network driver would, as the Node engine does; each piece is a view of
   * the body, so the arena holds no copy of it; finish() still reads the last one */
  nd_u8arr view = {0, (uint8_t *)(uintptr_t)body};
  for (size_t off = 0; off < len; off += 4096) {
    size_t n = len - off < 4096 ? len - off : 4096;
    view.len = (int32_t)n;
    view.data = (uint8_t *)(uintptr_t)(body + off);
    pipeline_TaskPipeline_feed(p, &view);
  }
  pipeline_TaskPipeline_finish(p);
  return p;
}

static void bench(const unsigned char *body, size_t len, double now, nd_str tz, double k, int repeat) {
  double times[64];
  nd_arena arena;
  nd_arena_init_heap(&arena, "bench", (size_t)1 << 30);
  nd_arena *prev = nd_arena_use(&arena);
  if (repeat > 64) repeat = 64;
  if (repeat < 1) repeat = 1;
  for (int i = 0; i < repeat; i++) {
    nd_arena_reset(&arena);
    double t0 = now_ns();
    run_pipeline(body, len, now, pipeline_deviceZone(tz), k);
    times[i] = now_ns() - t0;
  }
  qsort(times, (size_t)repeat, sizeof times[0], cmp_double);
  fprintf(stderr, "bench: median_ns=%.0f peak_bytes=%lu scratch_peak_bytes=%lu\n", times[repeat / 2],
          (unsigned long)nd_arena_peak(&arena), (unsigned long)nd_arena_peak(nd_scratch_arena()));
  nd_arena_use(prev);
  nd_arena_release(&arena);
}

int main(int argc, char **argv) {
  if (argc != 4 && argc != 5) {
    fprintf(stderr, "usage: nudge-tasks NOW_UNIX_SECONDS TZ K [REPEAT] < body.xml\n");
    return 2;
  }
  size_t len = 0;
  unsigned char *body = read_all(stdin, &len);
  if (!body) {
    fprintf(stderr, "tasks: out of memory reading stdin\n");
    return 1;
  }
  nd_arena arena;
  nd_arena_init_heap(&arena, "tasks", (size_t)1 << 30);
  nd_arena_use(&arena);
  nd_program_init();
  zone_Zone *zone = pipeline_deviceZone(nd_str_make(argv[2], strlen(argv[2])));
  int status = 0;
  if (!zone) {
    fprintf(stderr, "tasks: bad --tz (POSIX TZ string or IANA name): %s\n", argv[2]);
    status = 2;
  } else {
    if (argc == 5) bench(body, len, strtod(argv[1], NULL), nd_str_make(argv[2], strlen(argv[2])), strtod(argv[3], NULL), atoi(argv[4]));
    pipeline_TaskPipeline *p = run_pipeline(body, len, strtod(argv[1], NULL), zone, strtod(argv[3], NULL));
    nd_str out;
    if (p->error->len) {
      out = json_errorToJson(p->error);
      fprintf(stderr, "tasks: malformed multistatus: %.*s\n", (int)p->error->len, p->error->bytes);
      status = 1;
    } else {
      if (p->badResources > 0)
        fprintf(stderr, "tasks: skipped %.0f of %.0f malformed calendar objects\n", p->badResources, p->resources);
      out = json_tasksToJson(p->top->tasks, p->top->counts);
    }
    fwrite(out->bytes, 1, out->len, stdout);
    fputc('\n', stdout);
  }
  nd_arena_release(&arena);
  free(body);
  return status;
}
