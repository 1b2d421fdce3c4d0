/* libFuzzer target for the host's HTTP/1.1 response parser (firmware/host/nudge_http.c).
 * Input: [flags][response bytes]; flags bit 0 = answer to HEAD (no body), the other bits pick the
 * size of the pieces the response arrives in. The response is parsed in one piece and in those
 * pieces; status, headers, body bytes and the final event or error must agree, every body
 * pointer must lie in the input just fed, and every call must consume input or stop. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge_http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What one parse produced, folded so two parses can be compared. */
typedef struct {
    uint64_t hash;
    int status, end_event;
    nudge_http_error error;
    unsigned long long body_bytes;
} outcome;

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

static const char *const HEADERS[] = {"Content-Type", "content-length", "Transfer-Encoding", "ETag", "Location",
                                      "Retry-After", "Connection", "X-Missing"};

static nudge_http *s_parser; /* 17 KB: kept off the stack */

static void parse(const uint8_t *in, size_t size, size_t piece, bool no_body, outcome *out)
{
    nudge_http *p = s_parser;
    nudge_http_init(p, no_body);
    memset(out, 0, sizeof *out);
    out->hash = 1469598103934665603ULL;
    size_t pos = 0;
    for (;;) {
        size_t avail = size - pos < piece ? size - pos : piece;
        const uint8_t *at = in + pos;
        size_t used = 0, body_len = 0;
        const uint8_t *body = NULL;
        nudge_http_event ev = avail > 0 ? nudge_http_feed(p, at, avail, &used, &body, &body_len) : nudge_http_finish(p);
        if (used > avail) abort();
        pos += used;
        if (ev == NUDGE_HTTP_NEED_MORE) {
            if (avail > 0 && used != avail) abort(); /* NEED_MORE means all input was taken */
            continue;
        }
        if (ev == NUDGE_HTTP_HEAD) {
            out->status = nudge_http_status(p);
            for (size_t i = 0; i < sizeof HEADERS / sizeof HEADERS[0]; i++) {
                const char *v = nudge_http_header(p, HEADERS[i]);
                out->hash = mix(out->hash, v ? v : "\x01", v ? strlen(v) + 1 : 1);
            }
            long long cl = nudge_http_content_length(p);
            out->hash = mix(out->hash, &cl, sizeof cl);
            continue;
        }
        if (ev == NUDGE_HTTP_BODY) {
            if (body_len == 0 || body < at || body + body_len > at + used) abort();
            out->hash = mix(out->hash, body, body_len);
            continue;
        }
        out->end_event = ev;
        out->body_bytes = nudge_http_body_bytes(p);
        if (ev == NUDGE_HTTP_ERROR) {
            out->error = nudge_http_error_of(p);
            if (nudge_http_error_text(out->error) == NULL) abort();
        }
        (void)nudge_http_keep_alive(p);
        (void)nudge_http_received(p);
        return;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (s_parser == NULL) s_parser = malloc(sizeof *s_parser);
    if (s_parser == NULL) abort();
    bool no_body = data[0] & 1;
    size_t piece = 1 + (data[0] >> 1) % 23;
    outcome whole, pieces;
    parse(data + 1, size - 1, size, no_body, &whole);
    parse(data + 1, size - 1, piece, no_body, &pieces);
    if (memcmp(&whole, &pieces, sizeof whole) != 0) {
        fprintf(stderr, "parse differs in pieces of %zu: status %d/%d, end %d/%d, error %d/%d, body %llu/%llu, hash %s\n", piece,
                whole.status, pieces.status, whole.end_event, pieces.end_event, (int)whole.error, (int)pieces.error,
                whole.body_bytes, pieces.body_bytes, whole.hash == pieces.hash ? "same" : "differs");
        abort();
    }
    return 0;
}
