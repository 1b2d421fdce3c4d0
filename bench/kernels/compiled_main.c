/* Timing driver for a compiled kernel (codegen --lib): like hand_main.c, with every run in a fresh
 * heap arena whose peak is reported. Build with -DKERNEL_RUN=<module>_run.
 * usage: compiled-KERNEL N REPS */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "nd_program.h"
#include "timing.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s N REPS\n", argv[0]);
    return 2;
  }
  double n = strtod(argv[1], NULL);
  int reps = atoi(argv[2]);
  nd_arena constants, work;
  nd_arena_init_heap(&constants, "constants", (size_t)1 << 20);
  nd_arena_use(&constants);
  nd_program_init();
  nd_arena_init_heap(&work, "kernel", (size_t)1 << 31);
  nd_arena_use(&work);
  double first = KERNEL_RUN(n);
  printf("checksum=%.0f\n", first);
  size_t peak = nd_arena_peak(&work);
  for (int i = 0; i < reps; i++) {
    nd_arena_reset(&work);
    nd_arena_restart_peak(&work);
    struct sample s = sample_start();
    double sum = KERNEL_RUN(n);
    sample_print(&s);
    if (nd_arena_peak(&work) > peak) peak = nd_arena_peak(&work);
    if (sum != first) {
      fprintf(stderr, "checksum changed between runs: %.0f then %.0f\n", first, sum);
      return 1;
    }
  }
  printf("arena_peak_bytes=%lu\n", (unsigned long)peak);
  print_max_rss();
  nd_arena_release(&work);
  nd_arena_release(&constants);
  return 0;
}
