/* HTTP/1.1 response framing without I/O (RFC 9112): the caller feeds the bytes it received, in
 * any split, and gets events back: the head (status line and headers) is complete, body bytes,
 * the message is complete, or a specific error. It parses the status line, header fields with
 * size limits, interim 1xx responses, Content-Length, chunked framing with extensions and
 * trailers, and close-delimited bodies. One response per nudge_http_init(); the bytes after
 * NUDGE_HTTP_DONE belong to the next one (keep-alive).
 *
 * Typical loop:
 *   nudge_http_init(&p, is_head_request);
 *   for (;;) {
 *       ev = nudge_http_feed(&p, in, len, &used, &body, &body_len); in += used; len -= used;
 *       HEAD → read nudge_http_status/header; BODY → consume body[0..body_len);
 *       DONE → finished; ERROR → nudge_http_error_text(nudge_http_error_of(&p));
 *       NEED_MORE → receive more into in/len, or at end of stream ev = nudge_http_finish(&p).
 *   }
 * Body bytes point into the caller's input, never more than the input fed; no allocation. */
#ifndef NUDGE_HTTP_H
#define NUDGE_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NUDGE_HTTP_HEAD_CAP 16384    /* status line + header fields, bytes */
#define NUDGE_HTTP_MAX_HEADERS 64
#define NUDGE_HTTP_CHUNK_LINE_CAP 1024 /* chunk-size line with its extensions */

typedef enum {
    NUDGE_HTTP_NEED_MORE = 0, /* all input used: feed more, or nudge_http_finish() at end of stream */
    NUDGE_HTTP_HEAD,          /* the final (non-1xx) status line and headers are complete */
    NUDGE_HTTP_BODY,          /* body bytes in *body, *body_len > 0 */
    NUDGE_HTTP_DONE,          /* the response is complete (returned again on every later call) */
    NUDGE_HTTP_ERROR,         /* malformed or truncated: nudge_http_error_of() says which */
} nudge_http_event;

typedef enum {
    NUDGE_HTTP_OK = 0,
    NUDGE_HTTP_E_NO_RESPONSE,       /* stream ended before any byte of a response */
    NUDGE_HTTP_E_STATUS_LINE,       /* not "HTTP/d.d NNN reason" */
    NUDGE_HTTP_E_HEADER_LINE,       /* a field line without "name:", folded, or with a stray CR/NUL */
    NUDGE_HTTP_E_HEAD_TOO_LARGE,    /* status line + fields exceed NUDGE_HTTP_HEAD_CAP */
    NUDGE_HTTP_E_TOO_MANY_HEADERS,  /* more than NUDGE_HTTP_MAX_HEADERS fields */
    NUDGE_HTTP_E_CONTENT_LENGTH,    /* not a decimal number, or conflicting values */
    NUDGE_HTTP_E_TRANSFER_CODING,   /* a transfer coding other than a final "chunked" */
    NUDGE_HTTP_E_CHUNK_SIZE,        /* chunk-size line not hex [; extensions], or too long */
    NUDGE_HTTP_E_CHUNK_END,         /* chunk data not followed by CRLF */
    NUDGE_HTTP_E_TRAILER_TOO_LARGE, /* trailer fields exceed NUDGE_HTTP_HEAD_CAP */
    NUDGE_HTTP_E_TRUNCATED_HEAD,    /* stream ended inside the status line or headers */
    NUDGE_HTTP_E_SHORT_BODY,        /* stream ended before Content-Length body bytes */
    NUDGE_HTTP_E_TRUNCATED_CHUNKED, /* stream ended inside chunked framing */
} nudge_http_error;

/** Parser state for one response; treat the fields as private. */
typedef struct {
    int state, status, version_minor;
    nudge_http_error error;
    bool no_body, keep_alive;
    char head[NUDGE_HTTP_HEAD_CAP];
    size_t head_len, line_start, nheaders;
    const char *hname[NUDGE_HTTP_MAX_HEADERS], *hvalue[NUDGE_HTTP_MAX_HEADERS];
    char line[NUDGE_HTTP_CHUNK_LINE_CAP];
    size_t line_len, trailer_bytes;
    long long content_length;      /* -1 when the body is not length-delimited */
    unsigned long long chunk_left, body_bytes, received;
} nudge_http;

/** Starts a response; no_body for the answer to HEAD (it never has a body). */
void nudge_http_init(nudge_http *p, bool no_body);
/** Consumes input up to the next event; *used = bytes consumed (≤ len). */
nudge_http_event nudge_http_feed(nudge_http *p, const uint8_t *in, size_t len, size_t *used, const uint8_t **body,
                                 size_t *body_len);
/** The stream ended: DONE for a close-delimited or complete response, else ERROR. */
nudge_http_event nudge_http_finish(nudge_http *p);
/** Status code (valid after HEAD). */
int nudge_http_status(const nudge_http *p);
/** First field value by case-insensitive name (whitespace trimmed), or NULL; valid after HEAD. */
const char *nudge_http_header(const nudge_http *p, const char *name);
/** True when the connection may carry another request after DONE. */
bool nudge_http_keep_alive(const nudge_http *p);
/** Content-Length of the body, -1 when chunked or close-delimited (valid after HEAD). */
long long nudge_http_content_length(const nudge_http *p);
/** Body bytes delivered so far (after chunked decoding). */
unsigned long long nudge_http_body_bytes(const nudge_http *p);
/** Bytes of the response consumed so far (head, framing and body). */
unsigned long long nudge_http_received(const nudge_http *p);
/** Why the last ERROR happened. */
nudge_http_error nudge_http_error_of(const nudge_http *p);
/** The error in words ("bad chunk size", ...). */
const char *nudge_http_error_text(nudge_http_error e);

#endif
