/* What the ESP-IDF driver needs from the compiled device core (ts-src, sans-I/O): start it,
 * ask for the next step, feed results back. nd_core_port.c is the only file that knows the
 * generated C names; everything else in the firmware talks to this header. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nudge_transport.h"

typedef enum {
    ND_STEP_HTTP,     /* perform step.request, then feed the response */
    ND_STEP_RENDER,   /* the screen changed: draw it band by band */
    ND_STEP_SLEEP,    /* nothing to do until step.wake_ms (or a button) */
} nd_step_kind;

typedef struct {
    nd_step_kind kind;
    nudge_request request;   /* ND_STEP_HTTP; valid until the next nd_core_* call */
    int64_t wake_ms;         /* ND_STEP_SLEEP: Unix time in ms */
    bool save_cache;         /* a poll succeeded: persist nd_core_cache() */
} nd_step;

typedef enum {
    ND_BUTTON_NEXT_PAGE,
    ND_BUTTON_REFRESH,
} nd_button;

/** Creates the core with the settings and the cached state from the last good poll (may be empty). */
void nd_core_start(const char *url, const char *user, const char *password, const char *tz, int width,
                   int height, const uint8_t *cache, size_t cache_len);

/** The next thing to do at now_ms (Unix ms; clock_valid false before the first SNTP answer). */
void nd_core_next(int64_t now_ms, bool clock_valid, nd_step *step);

/** Status and the response headers the core asks for, through lookup. */
void nd_core_http_head(int status, const char *(*lookup)(void *ctx, const char *name), void *ctx);

/** One chunk of the response body. */
void nd_core_http_body(const uint8_t *chunk, size_t len);

/** End of the response body. */
void nd_core_http_end(void);

/** The request failed before or while reading the response. */
void nd_core_http_failed(const nudge_failure *why);

/** Renders screen rows [y0, y1) as RGB565 into out (width * (y1 - y0) pixels). */
void nd_core_render_band(int y0, int y1, uint16_t *out);

/** A button press. */
void nd_core_button(nd_button b);

/** Serialised state to keep across reboots; returns its length (0 if it does not fit in cap). */
size_t nd_core_cache(uint8_t *buf, size_t cap);
