/* Counts mbedTLS heap use through mbedtls_platform_set_calloc_free, to measure the peak of a
 * handshake as the device would see it. */
#ifndef NUDGE_HEAP_H
#define NUDGE_HEAP_H

#include <stddef.h>

/** Routes mbedTLS allocations through the counter (call before any mbedTLS use). */
void nudge_heap_install(void);
/** Bytes currently allocated by mbedTLS. */
size_t nudge_heap_current(void);
/** Highest value of nudge_heap_current() since the last reset. */
size_t nudge_heap_peak(void);
/** Starts a new peak measurement from the current level. */
void nudge_heap_reset_peak(void);

#endif
