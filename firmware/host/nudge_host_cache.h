/* Per-host memory of what worked ("host:port adaptation" lines in a small text file), so a
 * server quirk costs one failed handshake once, not on every poll. */
#ifndef NUDGE_HOST_CACHE_H
#define NUDGE_HOST_CACHE_H

#include <stddef.h>

/** Copies the remembered adaptation for key into out ("" if none); path may be NULL. */
void nudge_host_cache_get(const char *path, const char *key, char *out, size_t cap);
/** Remembers (or, with an empty value, forgets) the adaptation for key; 0 or -1. */
int nudge_host_cache_put(const char *path, const char *key, const char *value);

#endif
