/* The C engine of `npm run -s tasks`: the compiled task pipeline (ts-src/tasks/pipeline.ts) over a
 * multistatus body read from stdin, printing the same JSON as the Node engine.
 * usage: nudge-tasks NOW_UNIX_SECONDS TZ K < body.xml */
#include <stdio.h>
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

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: nudge-tasks NOW_UNIX_SECONDS TZ K < body.xml\n");
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
    pipeline_TaskPipeline *p = pipeline_TaskPipeline_new(strtod(argv[1], NULL), zone, strtod(argv[3], NULL));
    /* feed in pieces as a network driver would, as the Node engine does */
    for (size_t off = 0; off < len; off += 4096) {
      size_t n = len - off < 4096 ? len - off : 4096;
      pipeline_TaskPipeline_feed(p, nd_u8arr_of(body + off, (int32_t)n));
    }
    pipeline_TaskPipeline_finish(p);
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
