/* What the bench's C drivers share: reading the body from stdin, the two clocks, and the order
 * for taking medians. Header-only so each driver stays one `cc` command. */
#ifndef BENCH_IO_H
#define BENCH_IO_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* All of f in one malloc'd buffer (NULL when out of memory). */
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

/* Nanoseconds on clock id (CLOCK_MONOTONIC or CLOCK_PROCESS_CPUTIME_ID). */
static double clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* qsort order for doubles. */
static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

#endif
