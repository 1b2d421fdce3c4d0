/* LD_PRELOAD clock for measuring the device's second poll without waiting the poll interval:
 * nanosleep() returns at once and moves the clocks (MONOTONIC, REALTIME, BOOTTIME) forward by
 * the time asked for, until VCLOCK_BUDGET_S seconds of skipped time have accumulated; after that
 * sleeps are real again, so a device stops after the polls that fit into the budget. A skipped
 * sleep still takes 100 ms of real time, so that an observer sees what happened before it and
 * what happens after it well apart.
 * Build: cc -std=c99 -O2 -Wall -Wextra -Werror -shared -fPIC bench/idle/vclock.c -o vclock.so -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

#define REAL_NS_PER_SKIP 100000000L

static long long skipped_ns, budget_ns = -1;

static int (*real_clock_gettime)(clockid_t, struct timespec *);
static int (*real_nanosleep)(const struct timespec *, struct timespec *);

static void resolve(void) {
  if (real_clock_gettime) return;
  *(void **)&real_clock_gettime = dlsym(RTLD_NEXT, "clock_gettime");
  *(void **)&real_nanosleep = dlsym(RTLD_NEXT, "nanosleep");
  const char *b = getenv("VCLOCK_BUDGET_S");
  budget_ns = b ? atoll(b) * 1000000000LL : 0;
}

int clock_gettime(clockid_t id, struct timespec *ts) {
  resolve();
  int rc = real_clock_gettime(id, ts);
  if (rc != 0 || (id != CLOCK_MONOTONIC && id != CLOCK_REALTIME && id != CLOCK_BOOTTIME)) return rc;
  long long ns = (long long)ts->tv_nsec + skipped_ns;
  ts->tv_sec += (time_t)(ns / 1000000000LL);
  ts->tv_nsec = (long)(ns % 1000000000LL);
  return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
  resolve();
  long long ns = (long long)req->tv_sec * 1000000000LL + req->tv_nsec;
  if (skipped_ns + ns > budget_ns) return real_nanosleep(req, rem);
  skipped_ns += ns;
  if (rem) rem->tv_sec = 0, rem->tv_nsec = 0;
  const struct timespec pause = {0, REAL_NS_PER_SKIP};
  return real_nanosleep(&pause, NULL);
}
