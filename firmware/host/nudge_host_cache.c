#define _POSIX_C_SOURCE 200809L
#include "nudge_host_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_LEN 512

void nudge_host_cache_get(const char *path, const char *key, char *out, size_t cap) {
    out[0] = 0;
    FILE *f = path ? fopen(path, "r") : NULL;
    if (!f) return;
    char line[LINE_MAX_LEN];
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (strncmp(line, key, klen) == 0 && line[klen] == ' ') {
            snprintf(out, cap, "%s", line + klen + 1);
        }
    }
    fclose(f);
}

int nudge_host_cache_put(const char *path, const char *key, const char *value) {
    if (!path) return 0;
    /* Rewrite through a temporary file so a crash never leaves a half-written cache. */
    char tmp[1024];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) return -1;
    FILE *in = fopen(path, "r"), *out = fopen(tmp, "w");
    if (!out) { if (in) fclose(in); return -1; }
    char line[LINE_MAX_LEN];
    size_t klen = strlen(key);
    while (in && fgets(line, sizeof line, in)) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ' ') continue;
        fputs(line, out);
    }
    if (in) fclose(in);
    if (value[0]) fprintf(out, "%s %s\n", key, value);
    if (fclose(out) != 0) return -1;
    return rename(tmp, path);
}
