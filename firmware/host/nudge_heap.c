#include "nudge_heap.h"

#include <stdlib.h>
#include <string.h>

#include "mbedtls/platform.h"

/* Each block carries its size in front (max_align_t keeps the payload aligned). */
typedef union {
    size_t size;
    long double align_ld;
    void *align_p;
} block_header;

static size_t current, peak;

static void *counted_calloc(size_t n, size_t size) {
    if (size != 0 && n > ((size_t)-1 - sizeof(block_header)) / size) return NULL;
    size_t bytes = n * size;
    block_header *h = calloc(1, sizeof *h + bytes);
    if (!h) return NULL;
    h->size = bytes;
    current += bytes;
    if (current > peak) peak = current;
    return h + 1;
}

static void counted_free(void *p) {
    if (!p) return;
    block_header *h = (block_header *)p - 1;
    current -= h->size;
    free(h);
}

void nudge_heap_install(void) { mbedtls_platform_set_calloc_free(counted_calloc, counted_free); }
size_t nudge_heap_current(void) { return current; }
size_t nudge_heap_peak(void) { return peak; }
void nudge_heap_reset_peak(void) { peak = current; }
