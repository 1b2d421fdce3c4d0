/* libFuzzer target for one streaming parser of the compiled core (fuzz/harness.ts): FUZZ_DIGEST
 * names the digest function. Each input is read in one piece and again in small pieces whose size
 * the input picks; both must give the same digest, since a network may split a body anywhere. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_arena.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_arena_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0x7fffffff) return 0;
    fuzz_arena_fresh(0);
    nd_u8arr view = {(int32_t)size, (uint8_t *)(uintptr_t)data};
    double whole = FUZZ_DIGEST(&view, size > 0 ? (double)size : 1.0);
    double chunk = size > 0 ? 1.0 + (double)(data[size / 2] % 17) : 1.0;
    double pieces = FUZZ_DIGEST(&view, chunk);
    if (whole != pieces) {
        fprintf(stderr, "digest differs: %.0f in one piece, %.0f in pieces of %.0f bytes\n", whole, pieces, chunk);
        abort();
    }
    return 0;
}
