/* Sorting records, written by hand: an array of structs sorted in place with qsort. */
#include <stdint.h>
#include <stdlib.h>

#include "kernel.h"

#define COUNT 4096
#define EPOCH 1767225600

struct rec {
  int32_t prio, due, id;
};

static int by_prio_then_due(const void *pa, const void *pb) {
  const struct rec *a = pa, *b = pb;
  if (a->prio != b->prio) return a->prio - b->prio;
  return a->due < b->due ? -1 : a->due > b->due;
}

uint32_t kernel_run(uint32_t rounds) {
  static struct rec recs[COUNT];
  uint32_t seed = 7, h = 0;
  for (uint32_t r = 0; r < rounds; r++) {
    for (uint32_t i = 0; i < COUNT; i++) {
      seed = seed * 1103515245u + 12345u;
      recs[i].prio = (int32_t)((seed >> 16) % 10);
      recs[i].due = EPOCH + (int32_t)(((i * 40503u + r) & (COUNT - 1)) * 60);
      recs[i].id = (int32_t)i;
    }
    qsort(recs, COUNT, sizeof recs[0], by_prio_then_due);
    for (uint32_t i = 0; i < COUNT; i++) h = h * 31 + (uint32_t)recs[i].id;
  }
  return h;
}
