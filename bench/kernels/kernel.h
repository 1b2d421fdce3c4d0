/* The one entry point every hand-written kernel provides to hand_main.c. */
#ifndef BENCH_KERNEL_H
#define BENCH_KERNEL_H
#include <stdint.h>

/* Runs the kernel at work size n and returns its checksum (the TypeScript run(n) >>> 0). */
uint32_t kernel_run(uint32_t n);

#endif
