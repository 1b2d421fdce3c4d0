/* Loop turns against the runtime's heap arena (codegen/runtime/nd_rt.c), counting the mallocs they
 * cause through the linker's --wrap=malloc: every turn's first allocation finds the arena empty,
 * as at the start of a poll, and needs a chunk; every tenth also needs one larger than the first. */
#include <stdio.h>

#include "nd_rt.h"

void *__real_malloc(size_t size);
void *__wrap_malloc(size_t size);

static long mallocs;

void *__wrap_malloc(size_t size) {
  mallocs++;
  return __real_malloc(size);
}

int main(void) {
  nd_arena a;
  nd_arena_init_heap(&a, "turns", (size_t)1 << 24);
  nd_arena_use(&a);
  nd_mark m;
  nd_arena_mark(&m);
  for (int t = 0; t < 1000; t++) {
    /* the last byte of each allocation is written: the chunk really holds it */
    unsigned char *p = nd_alloc(100);
    p[99] = 1;
    if (t % 10 == 0) {
      unsigned char *q = nd_alloc(200000);
      q[199999] = 1;
    }
    nd_arena_back(&m);
    if (nd_arena_used(&a) != 0) {
      printf("turn %d left %lu bytes in use\n", t, (unsigned long)nd_arena_used(&a));
      return 1;
    }
  }
  printf("mallocs=%ld peak=%lu\n", mallocs, (unsigned long)nd_arena_peak(&a));
  nd_arena_release(&a);
  return 0;
}
