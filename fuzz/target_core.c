/* libFuzzer target for the whole compiled device core (ts-src/device/core.ts) as a driver runs
 * it: create, next() → HTTP step → httpHead/httpHeader/httpBody…/httpEnd → render → sleep, then
 * the cache and the carry into the other arena, and a second poll.
 *
 * Input: responses separated by two NUL bytes. A response is [status byte][chunk byte][body]:
 * the status byte picks the HTTP status (or a transport failure), the chunk byte the size of the
 * body pieces. A redirect's body is its Location. When the responses run out, requests fail as a
 * dropped connection would. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_arena.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define WIDTH 320
#define HEIGHT 170
#define BAND_ROWS 20
#define CACHE_LIMIT 16384
#define FAIL_KIND_IO 8
/* 2026-11-27T09:00:00Z */
#define START_MS 1795770000000.0

enum { STEP_HTTP = 1, STEP_RENDER = 2, STEP_SLEEP = 3 };

/* 0: a transport failure of the kind in the chunk byte */
static const int STATUSES[16] = {207, 207, 207, 207, 207, 207, 200, 301, 308, 404, 403, 401, 409, 500, 507, 0};

static uint16_t s_band[WIDTH * BAND_ROWS];

typedef struct {
    const uint8_t *data;
    size_t size, pos;
} responses;

/* The next response as [start, end) of the input; false when none is left. */
static bool next_response(responses *r, size_t *start, size_t *end)
{
    if (r->pos > r->size || r->size == 0) return false;
    size_t i = r->pos;
    while (i + 1 < r->size && !(r->data[i] == 0 && r->data[i + 1] == 0)) i++;
    if (i + 1 >= r->size) i = r->size;
    *start = r->pos;
    *end = i;
    r->pos = i + 2;
    return true;
}

static nd_str str_of(const uint8_t *p, size_t n)
{
    return nd_str_make((const char *)p, n);
}

/* Reads the request as a driver would; returns a number so the reads are not optimised away. */
static size_t touch_request(core_Device *d)
{
    size_t n = core_requestMethod(d)->len + core_requestUrl(d)->len + core_requestBody(d)->len;
    double headers = core_requestHeaderCount(d);
    for (double i = 0; i < headers; i++) n += core_requestHeaderName(d, i)->len + core_requestHeaderValue(d, i)->len;
    return n;
}

static void respond(core_Device *d, responses *r)
{
    size_t start, end;
    if (!next_response(r, &start, &end) || end - start < 2) {
        core_httpFailed(d, FAIL_KIND_IO, str_of((const uint8_t *)"connection closed", 17));
        return;
    }
    const uint8_t *p = r->data + start;
    int status = STATUSES[p[0] % 16];
    if (status == 0) {
        core_httpFailed(d, 1 + p[1] % 12, str_of((const uint8_t *)"transport failure", 17));
        return;
    }
    size_t chunk = 1 + (size_t)p[1] * 16;
    const uint8_t *body = p + 2;
    size_t len = end - start - 2;
    core_httpHead(d, status);
    if (status == 301 || status == 308) core_httpHeader(d, str_of((const uint8_t *)"location", 8), str_of(body, len));
    if (status == 200) core_httpHeader(d, str_of((const uint8_t *)"ETag", 4), str_of((const uint8_t *)"\"fuzz\"", 6));
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        nd_u8arr view = {(int32_t)n, (uint8_t *)(uintptr_t)(body + off)};
        core_httpBody(d, &view);
    }
    core_httpEnd(d);
}

static void draw(core_Device *d)
{
    for (int y = 0; y < HEIGHT; y += BAND_ROWS) {
        int y1 = y + BAND_ROWS < HEIGHT ? y + BAND_ROWS : HEIGHT;
        nd_u16arr view = {(int32_t)(WIDTH * (y1 - y)), s_band};
        core_render(d, y, y1, &view);
    }
}

/* Runs steps until the core sleeps; returns the wake time. Of the frames asked for, only the
 * last is drawn: the earlier ones show states the fuzzer reaches anyway, and drawing is most of
 * the time an input takes. Every request takes a response (at least 4 bytes of input) or fails,
 * so a core that keeps asking beyond that is looping. */
static double run_until_sleep(core_Device *d, double now, responses *r)
{
    bool frame = false;
    size_t max_steps = r->size / 4 + 100;
    for (size_t i = 0; i < max_steps; i++) {
        int step = (int)core_next(d, now, true);
        if (step == STEP_SLEEP) {
            if (frame) draw(d);
            return core_wakeAt(d);
        }
        if (step == STEP_HTTP) {
            if (touch_request(d) == 0) abort();
            respond(d, r);
        } else frame = true;
    }
    fprintf(stderr, "the core did not sleep after %zu steps\n", max_steps);
    abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_arena_setup();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    responses r = {data, size, 0};
    fuzz_arena_fresh(0);
    core_Device *d = harness_fuzzDevice(1);
    double now = START_MS;
    for (int poll = 0; poll < 2; poll++) {
        double wake = run_until_sleep(d, now, &r);
        if (core_tasksJson(d)->len == 0) abort();
        nd_u8arr *saved = core_cache(d, CACHE_LIMIT);
        if (saved->len > CACHE_LIMIT) abort();
        /* what a reboot would read back; its device is dropped with the arena */
        harness_restoredDevice(saved);
        /* the driver's carry: copy into the other arena, reset this one */
        int from = poll & 1;
        fuzz_arena_fresh(from ^ 1);
        d = core_carry(d);
        nd_arena_reset(&fuzz_arenas[from]);
        now = wake > now ? wake : now + 60000;
    }
    return 0;
}
