/* Memory as on the device for every fuzz target: module constants in a permanent arena set up
 * once, per-input work in a fixed device-sized arena reset before each input, and a panic
 * handler that aborts, so an exhausted arena or an out-of-bounds index on hostile input is
 * reported as a crash with its stack rather than an exit. */
#ifndef FUZZ_ARENA_H
#define FUZZ_ARENA_H

#include <stdio.h>
#include <stdlib.h>

#include "nd_program.h"

/* firmware/esp32/nudge_app: CONST_ARENA_BYTES and CONFIG_NUDGE_CORE_ARENA_KB without PSRAM */
#define FUZZ_CONST_ARENA_BYTES ((size_t)256 * 1024)
#define FUZZ_DEVICE_ARENA_BYTES ((size_t)192 * 1024)

static nd_arena fuzz_const_arena;
static nd_arena fuzz_arenas[2];
static unsigned char fuzz_arena_bufs[2][FUZZ_DEVICE_ARENA_BYTES];

static void fuzz_on_panic(const char *message)
{
    fprintf(stderr, "core panic: %s\n", message);
    abort();
}

/* Once per process: constants, the two device arenas, the handler. */
static void fuzz_arena_setup(void)
{
    nd_set_panic_handler(fuzz_on_panic);
    nd_arena_init_heap(&fuzz_const_arena, "constants", FUZZ_CONST_ARENA_BYTES);
    nd_arena_use(&fuzz_const_arena);
    nd_program_init();
    nd_arena_init(&fuzz_arenas[0], "device-a", fuzz_arena_bufs[0], FUZZ_DEVICE_ARENA_BYTES);
    nd_arena_init(&fuzz_arenas[1], "device-b", fuzz_arena_bufs[1], FUZZ_DEVICE_ARENA_BYTES);
}

/* Before each input: an empty device arena, current. */
static nd_arena *fuzz_arena_fresh(int which)
{
    nd_arena_reset(&fuzz_arenas[which]);
    nd_arena_use(&fuzz_arenas[which]);
    return &fuzz_arenas[which];
}

#endif
