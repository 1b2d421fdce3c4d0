/* nd_core.h on top of the compiled device core (ts-src/device/core.ts, C names core_*): the one
 * file that knows the generated API. Memory follows the core's rules: module constants live in
 * a permanent arena; the device lives in one of two arenas, and whenever the core sleeps it is
 * carried into the other one and the old arena is reset whole. */
#include "nd_core.h"

#include <stdlib.h>
#include <string.h>

#include "esp_heap_caps.h"
#include "esp_log.h"
#include "esp_random.h"
#include "sdkconfig.h"

#include "nd_program.h"

static const char *TAG = "nd_core";

#define MAX_REQUEST_HEADERS 16
#define ARENA_BYTES ((size_t)CONFIG_NUDGE_CORE_ARENA_KB * 1024)
#define CONST_ARENA_BYTES ((size_t)256 * 1024)

static nd_arena s_const_arena, s_arenas[2];
static int s_current;
static int s_width;
static core_Device *s_dev;
static nudge_header s_headers[MAX_REQUEST_HEADERS];

/* The compiled core stops on an out-of-bounds access or an exhausted arena: reboot with the
 * reason in the log rather than run on corrupted state. */
static void on_panic(const char *message)
{
    ESP_LOGE(TAG, "core panic: %s", message);
    abort();
}

static void arena_init(nd_arena *a, const char *name)
{
    void *buf = heap_caps_malloc_prefer(ARENA_BYTES, 2, MALLOC_CAP_SPIRAM | MALLOC_CAP_8BIT, MALLOC_CAP_8BIT);
    if (buf == NULL) {
        ESP_LOGE(TAG, "no memory for the %u KB %s arena", (unsigned)(ARENA_BYTES / 1024), name);
        abort();
    }
    nd_arena_init(a, name, buf, ARENA_BYTES);
}

/* A NUL-terminated copy in the current arena (generated strings carry a length, no terminator). */
static const char *cstr(nd_str s)
{
    char *out = nd_alloc(s->len + 1);
    memcpy(out, s->bytes, s->len);
    out[s->len] = '\0';
    return out;
}

static nd_str ndstr(const char *s)
{
    return nd_str_make(s, strlen(s));
}

void nd_core_start(const char *url, const char *user, const char *password, const char *tz, int width,
                   int height, const uint8_t *cache, size_t cache_len)
{
    s_width = width;
    nd_set_panic_handler(on_panic);
    nd_arena_init_heap(&s_const_arena, "constants", CONST_ARENA_BYTES);
    nd_arena_use(&s_const_arena);
    nd_program_init();
    arena_init(&s_arenas[0], "device-a");
    arena_init(&s_arenas[1], "device-b");
    nd_arena_use(&s_arenas[0]);
    s_current = 0;
    nd_u8arr *saved = nd_u8arr_of(cache, (int32_t)cache_len);
    s_dev = core_create(ndstr(url), ndstr(user), ndstr(password), ndstr(tz), width, height,
                        (double)(esp_random() & 0x7fffffff), saved);
    /* A first poll costs about 30 KB plus 1.1 KB of arena per calendar object fetched (measured
     * on the host build, 64-bit pointers: bench/device-memory.ts); the core refuses an account
     * with more objects than that, with a margin, instead of running out of memory and
     * rebooting. */
    core_limitObjects(s_dev, (double)((ARENA_BYTES - (size_t)64 * 1024) / 1536));
}

/* Moves the device into the other arena and frees everything the last poll allocated. */
static void carry(void)
{
    nd_arena *old = &s_arenas[s_current];
    s_current ^= 1;
    nd_arena_use(&s_arenas[s_current]);
    s_dev = core_carry(s_dev);
    ESP_LOGI(TAG, "poll used %u of %u KB", (unsigned)(nd_arena_peak(old) / 1024), (unsigned)(ARENA_BYTES / 1024));
    nd_arena_reset(old);
}

void nd_core_next(int64_t now_ms, bool clock_valid, nd_step *step)
{
    double kind = core_next(s_dev, (double)now_ms, clock_valid);
    step->save_cache = core_shouldSaveCache(s_dev);
    if (kind == 1) {   /* Step.Http */
        int32_t n = (int32_t)core_requestHeaderCount(s_dev);
        if (n > MAX_REQUEST_HEADERS) {
            nd_panic("request has %d headers, the driver takes %d", (int)n, MAX_REQUEST_HEADERS);
        }
        for (int32_t i = 0; i < n; i++) {
            s_headers[i].name = cstr(core_requestHeaderName(s_dev, i));
            s_headers[i].value = cstr(core_requestHeaderValue(s_dev, i));
        }
        nd_str body = core_requestBody(s_dev);
        step->kind = ND_STEP_HTTP;
        step->request = (nudge_request){
            .method = cstr(core_requestMethod(s_dev)),
            .url = cstr(core_requestUrl(s_dev)),
            .headers = s_headers,
            .n_headers = (size_t)n,
            .body = (const uint8_t *)body->bytes,
            .body_len = body->len,
        };
    } else if (kind == 2) {   /* Step.Render */
        step->kind = ND_STEP_RENDER;
    } else {   /* Step.Sleep: the moment to drop what polls and redraws allocated */
        step->kind = ND_STEP_SLEEP;
        step->wake_ms = (int64_t)core_wakeAt(s_dev);
        /* every sleep, not only after a poll: the core redraws each minute and a long back-off
         * (an hour after a refused password) would otherwise fill the arena with frames */
        carry();
    }
}

void nd_core_http_head(int status, const char *(*lookup)(void *ctx, const char *name), void *ctx)
{
    core_httpHead(s_dev, status);
    int32_t n = (int32_t)core_responseHeaderCount();
    for (int32_t i = 0; i < n; i++) {
        nd_str name = core_responseHeaderName(i);
        const char *value = lookup(ctx, cstr(name));
        if (value != NULL) {
            core_httpHeader(s_dev, name, ndstr(value));
        }
    }
}

void nd_core_http_body(const uint8_t *chunk, size_t len)
{
    nd_u8arr view = {.len = (int32_t)len, .data = (uint8_t *)chunk};   /* consumed before return */
    core_httpBody(s_dev, &view);
}

void nd_core_http_end(void)
{
    core_httpEnd(s_dev);
}

void nd_core_http_failed(const nudge_failure *why)
{
    core_httpFailed(s_dev, why->kind, ndstr(why->summary));
}

void nd_core_render_band(int y0, int y1, uint16_t *out)
{
    nd_u16arr view = {.len = (int32_t)((y1 - y0) * s_width), .data = out};
    core_render(s_dev, y0, y1, &view);
}

void nd_core_button(nd_button b)
{
    core_button(s_dev, b == ND_BUTTON_REFRESH ? 1 : 0);
}

size_t nd_core_cache(uint8_t *buf, size_t cap)
{
    nd_u8arr *bytes = core_cache(s_dev, (double)cap);
    memcpy(buf, bytes->data, (size_t)bytes->len);
    return (size_t)bytes->len;
}
