/* rv32imac driver for either version of a kernel under QEMU (-icount shift=0): one run of the
 * kernel at the compiled-in work size KERNEL_N, measured in retired instructions (minstret), which
 * is exact and independent of the host's load. With -DKERNEL_RUN=K_run it drives the compiled
 * module in a heap arena; without, the hand-written kernel_run(). */
#include <stdint.h>
#include <stdio.h>

#ifdef KERNEL_RUN
#include "nd_program.h"
#else
#include "kernel.h"
#endif

#include "../rv32/instret.h"

#ifdef KERNEL_RUN
/* The kernel's arena is one static buffer, as the device's arenas are (firmware/esp32): a heap
 * arena would add picolibc's malloc of each 64 KB chunk to the count. */
static unsigned char s_work[(size_t)2 << 20];
#endif

int main(void) {
#ifdef KERNEL_RUN
  nd_arena constants, work;
  nd_arena_init_heap(&constants, "constants", (size_t)1 << 16);
  nd_arena_use(&constants);
  nd_program_init();
  nd_arena_init(&work, "kernel", s_work, sizeof s_work);
  nd_arena_use(&work);
  uint64_t t0 = instret();
  uint32_t sum = (uint32_t)KERNEL_RUN(KERNEL_N);
  uint64_t t1 = instret();
  printf("arena_peak_bytes=%lu\n", (unsigned long)nd_arena_peak(&work));
#else
  uint64_t t0 = instret();
  uint32_t sum = kernel_run(KERNEL_N);
  uint64_t t1 = instret();
#endif
  printf("checksum=%lu\ninstret=%llu\n", (unsigned long)sum, (unsigned long long)(t1 - t0));
  return 0;
}
