/* Wall and CPU time of one kernel run, and the process's peak resident set, for the drivers.
 * Output lines are parsed by bench/compiler.ts. */
#ifndef BENCH_TIMING_H
#define BENCH_TIMING_H
#include <stdio.h>
#include <time.h>

struct sample {
  struct timespec wall, cpu;
};

static double ns_between(const struct timespec *a, const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) * 1e9 + (double)(b->tv_nsec - a->tv_nsec);
}

static struct sample sample_start(void) {
  struct sample s;
  clock_gettime(CLOCK_MONOTONIC, &s.wall);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &s.cpu);
  return s;
}

static void sample_print(const struct sample *s) {
  struct sample e = sample_start();
  printf("run wall_ns=%.0f cpu_ns=%.0f\n", ns_between(&s->wall, &e.wall), ns_between(&s->cpu, &e.cpu));
}

/* The peak resident set from /proc/self/status (VmHWM). getrusage's ru_maxrss is not used: Linux
 * carries it across execve, so a child of a large process reports its parent's peak. */
static void print_max_rss(void) {
  char line[256];
  long kb = -1;
  FILE *f = fopen("/proc/self/status", "r");
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
  if (f) fclose(f);
  printf("max_rss_kb=%ld\n", kb);
}

#endif
