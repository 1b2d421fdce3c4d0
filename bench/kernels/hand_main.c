/* Timing driver for a hand-written kernel: runs kernel_run(n) once to warm up, then `reps` times,
 * printing the checksum and each run's wall and CPU time.
 * usage: hand-KERNEL N REPS */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "kernel.h"
#include "timing.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s N REPS\n", argv[0]);
    return 2;
  }
  uint32_t n = (uint32_t)strtoul(argv[1], NULL, 10);
  int reps = atoi(argv[2]);
  uint32_t first = kernel_run(n);
  printf("checksum=%lu\n", (unsigned long)first);
  for (int i = 0; i < reps; i++) {
    struct sample s = sample_start();
    uint32_t sum = kernel_run(n);
    sample_print(&s);
    if (sum != first) {
      fprintf(stderr, "checksum changed between runs: %lu then %lu\n", (unsigned long)first, (unsigned long)sum);
      return 1;
    }
  }
  print_max_rss();
  return 0;
}
