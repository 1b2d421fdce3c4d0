/* rv32imac driver of the compiled task pipeline (ts-src/tasks/pipeline.ts) under QEMU
 * (-icount shift=0): reads body.xml from QEMU's working directory through semihosting, feeds it
 * in 4 KB views as tasks_main.c does on the host, and counts the instructions retired (minstret)
 * from deviceZone() to finish(): exact and independent of the host's load.
 * Built with -DNOW=<unix seconds> -DTZ="<zone>" -DTOP_K=<k>. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nd_program.h"

#include "instret.h"

static unsigned char *read_body(size_t *len) {
  FILE *f = fopen("body.xml", "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  for (;;) {
    if (!buf) break;
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap) break;
    cap *= 2;
    unsigned char *grown = realloc(buf, cap);
    if (!grown) free(buf);
    buf = grown;
  }
  fclose(f);
  *len = n;
  return buf;
}

int main(void) {
  size_t len = 0;
  unsigned char *body = read_body(&len);
  if (!body) {
    printf("error=cannot read body.xml\n");
    return 1;
  }
  nd_arena constants, work;
  nd_arena_init_heap(&constants, "constants", (size_t)1 << 20);
  nd_arena_use(&constants);
  nd_program_init();
  nd_arena_init_heap(&work, "pipeline", (size_t)16 << 20);
  nd_arena_use(&work);
  uint64_t t0 = instret();
  pipeline_TaskPipeline *p = pipeline_TaskPipeline_new(NOW, pipeline_deviceZone(nd_str_make(TZ, strlen(TZ))), TOP_K);
  nd_u8arr view = {0, body};
  for (size_t off = 0; off < len; off += 4096) {
    view.len = (int32_t)(len - off < 4096 ? len - off : 4096);
    view.data = body + off;
    pipeline_TaskPipeline_feed(p, &view);
  }
  pipeline_TaskPipeline_finish(p);
  uint64_t t1 = instret();
  printf("bytes=%lu\nresources=%.0f\nshown=%ld\ninstret=%llu\narena_peak_bytes=%lu\nscratch_peak_bytes=%lu\n", (unsigned long)len,
         p->resources, (long)p->top->tasks->len, (unsigned long long)(t1 - t0), (unsigned long)nd_arena_peak(&work),
         (unsigned long)nd_arena_peak(nd_scratch_arena()));
  return p->error->len ? 1 : 0;
}
