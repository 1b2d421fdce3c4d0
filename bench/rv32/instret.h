/* Retired instructions on rv32 (minstret/minstreth, exact under QEMU -icount shift=0), for the
 * bench's RISC-V drivers. The high word is read twice so a carry between the reads is seen. */
#ifndef BENCH_INSTRET_H
#define BENCH_INSTRET_H

#include <stdint.h>

static uint64_t instret(void) {
  uint32_t lo, hi, again;
  do {
    __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, minstreth\n.option pop" : "=r"(hi));
    __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, minstret\n.option pop" : "=r"(lo));
    __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, minstreth\n.option pop" : "=r"(again));
  } while (hi != again);
  return (uint64_t)hi << 32 | lo;
}

#endif
