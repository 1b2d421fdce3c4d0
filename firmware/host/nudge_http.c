/* HTTP/1.1 response framing (RFC 9112) as a byte-driven state machine; see nudge_http.h. */
#include "nudge_http.h"

#include <string.h>

enum {
    S_STATUS,      /* status line */
    S_FIELDS,      /* header field lines up to the empty line */
    S_DONE_NEXT,   /* head complete and no body: DONE on the next call */
    S_LENGTH,      /* Content-Length body */
    S_CLOSE,       /* body up to the end of the stream */
    S_CHUNK_SIZE,  /* chunk-size [; ext] line */
    S_CHUNK_DATA,
    S_CHUNK_CR,    /* CRLF after chunk data */
    S_CHUNK_LF,
    S_TRAILER,     /* trailer field lines up to the empty line */
    S_DONE,
    S_ERROR,
};

/* Largest body or chunk size taken: beyond 2^53 a double (the core's number) loses bytes anyway. */
#define SIZE_LIMIT (1ULL << 53)

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool same_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return false;
    return true;
}

/* RFC 9110 §5.6.2 tchar. */
static bool is_tchar(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static nudge_http_event fail(nudge_http *p, nudge_http_error e)
{
    p->state = S_ERROR;
    p->error = e;
    return NUDGE_HTTP_ERROR;
}

void nudge_http_init(nudge_http *p, bool no_body)
{
    memset(p, 0, sizeof *p);
    p->state = S_STATUS;
    p->no_body = no_body;
    p->content_length = -1;
}

static bool parse_status(nudge_http *p, const char *s, size_t n)
{
    /* HTTP/d.d SP 3DIGIT [SP reason] */
    if (n < 12 || memcmp(s, "HTTP/", 5) != 0 || s[5] != '1' || s[6] != '.' || s[7] < '0' || s[7] > '9' || s[8] != ' ')
        return false;
    for (int i = 9; i < 12; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    if (n > 12 && s[12] != ' ') return false;
    p->version_minor = s[7] - '0';
    p->status = (s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0');
    return p->status >= 100;
}

/* Stores one header field line (NUL-terminated in head); false when malformed. */
static nudge_http_event add_field(nudge_http *p, char *s, size_t n)
{
    size_t name = 0;
    while (name < n && is_tchar((unsigned char)s[name])) name++;
    /* no whitespace before the colon (RFC 9112 §5.1); a leading space is obsolete line folding */
    if (name == 0 || name == n || s[name] != ':') return fail(p, NUDGE_HTTP_E_HEADER_LINE);
    if (p->nheaders == NUDGE_HTTP_MAX_HEADERS) return fail(p, NUDGE_HTTP_E_TOO_MANY_HEADERS);
    s[name] = 0;
    char *v = s + name + 1, *end = s + n;
    while (v < end && (*v == ' ' || *v == '\t')) v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t')) end--;
    *end = 0;
    p->hname[p->nheaders] = s;
    p->hvalue[p->nheaders++] = v;
    return NUDGE_HTTP_NEED_MORE;
}

const char *nudge_http_header(const nudge_http *p, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < p->nheaders; i++)
        if (strlen(p->hname[i]) == n && same_ci(p->hname[i], name, n)) return p->hvalue[i];
    return NULL;
}

/* True when the comma-separated list value contains token (case-insensitive). */
static bool list_has(const char *value, const char *token)
{
    size_t tn = strlen(token);
    for (const char *s = value; *s;) {
        while (*s == ' ' || *s == '\t' || *s == ',') s++;
        size_t n = strcspn(s, ",");
        size_t m = n;
        while (m > 0 && (s[m - 1] == ' ' || s[m - 1] == '\t')) m--;
        if (m == tn && same_ci(s, token, tn)) return true;
        s += n;
    }
    return false;
}

/* Every Content-Length field and list member must be the same decimal number (RFC 9112 §6.3). */
static bool content_length(const nudge_http *p, long long *out)
{
    *out = -1;
    for (size_t i = 0; i < p->nheaders; i++) {
        if (strlen(p->hname[i]) != 14 || !same_ci(p->hname[i], "Content-Length", 14)) continue;
        const char *s = p->hvalue[i];
        for (;;) {
            while (*s == ' ' || *s == '\t') s++;
            unsigned long long v = 0;
            const char *start = s;
            for (; *s >= '0' && *s <= '9'; s++) {
                v = v * 10 + (unsigned)(*s - '0');
                if (v > SIZE_LIMIT) return false;
            }
            if (s == start || (*out >= 0 && (unsigned long long)*out != v)) return false;
            *out = (long long)v;
            while (*s == ' ' || *s == '\t') s++;
            if (*s == 0) break;
            if (*s++ != ',') return false;
        }
    }
    return true;
}

/* The head is complete: choose how the body is framed (RFC 9112 §6.3). */
static nudge_http_event head_done(nudge_http *p)
{
    const char *conn = nudge_http_header(p, "Connection");
    p->keep_alive = p->version_minor >= 1;
    if (conn && list_has(conn, "close")) p->keep_alive = false;
    else if (conn && list_has(conn, "keep-alive")) p->keep_alive = true;
    const char *te = nudge_http_header(p, "Transfer-Encoding");
    long long cl;
    if (p->no_body || p->status == 204 || p->status == 304) {
        p->state = S_DONE_NEXT;
    } else if (te) {
        /* we never ask for other codings (gzip, ...), so anything but plain chunked is unreadable */
        if (strlen(te) != 7 || !same_ci(te, "chunked", 7)) return fail(p, NUDGE_HTTP_E_TRANSFER_CODING);
        p->state = S_CHUNK_SIZE;
    } else if (!content_length(p, &cl)) {
        return fail(p, NUDGE_HTTP_E_CONTENT_LENGTH);
    } else if (cl >= 0) {
        p->content_length = cl;
        p->state = cl == 0 ? S_DONE_NEXT : S_LENGTH;
    } else {
        p->state = S_CLOSE;
        p->keep_alive = false;
    }
    return NUDGE_HTTP_HEAD;
}

/* One complete head line in head[line_start, head_len) (terminator excluded). */
static nudge_http_event head_line(nudge_http *p)
{
    char *s = p->head + p->line_start;
    size_t n = p->head_len - p->line_start;
    if (n > 0 && s[n - 1] == '\r') n--;
    if (memchr(s, '\r', n) || memchr(s, 0, n)) return fail(p, p->state == S_STATUS ? NUDGE_HTTP_E_STATUS_LINE : NUDGE_HTTP_E_HEADER_LINE);
    s[n] = 0;
    p->head_len = p->line_start + n + 1;
    p->line_start = p->head_len;
    if (p->state == S_STATUS) {
        if (!parse_status(p, s, n)) return fail(p, NUDGE_HTTP_E_STATUS_LINE);
        p->state = S_FIELDS;
        return NUDGE_HTTP_NEED_MORE;
    }
    if (n > 0) return add_field(p, s, n);
    if (p->status < 200) {
        /* interim response (100 Continue, 103 Early Hints): the real one follows */
        p->head_len = p->line_start = p->nheaders = 0;
        p->state = S_STATUS;
        return NUDGE_HTTP_NEED_MORE;
    }
    return head_done(p);
}

/* Parses "HEX [BWS] [; ext]" in line[0, line_len). */
static nudge_http_event chunk_size_line(nudge_http *p)
{
    size_t n = p->line_len, i = 0;
    if (n > 0 && p->line[n - 1] == '\r') n--;
    unsigned long long v = 0;
    for (; i < n; i++) {
        int c = lower((unsigned char)p->line[i]);
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) break;
        v = v * 16 + (unsigned)d;
        if (v > SIZE_LIMIT) return fail(p, NUDGE_HTTP_E_CHUNK_SIZE);
    }
    if (i == 0) return fail(p, NUDGE_HTTP_E_CHUNK_SIZE);
    while (i < n && (p->line[i] == ' ' || p->line[i] == '\t')) i++;
    if (i < n && p->line[i] != ';') return fail(p, NUDGE_HTTP_E_CHUNK_SIZE);
    for (; i < n; i++)
        if (p->line[i] == '\r' || p->line[i] == 0) return fail(p, NUDGE_HTTP_E_CHUNK_SIZE);
    p->line_len = 0;
    p->chunk_left = v;
    p->state = v == 0 ? S_TRAILER : S_CHUNK_DATA;
    return NUDGE_HTTP_NEED_MORE;
}

nudge_http_event nudge_http_feed(nudge_http *p, const uint8_t *in, size_t len, size_t *used, const uint8_t **body,
                                 size_t *body_len)
{
    size_t i = 0;
    nudge_http_event ev = NUDGE_HTTP_NEED_MORE;
    *body = NULL;
    *body_len = 0;
    while (ev == NUDGE_HTTP_NEED_MORE) {
        if (p->state == S_DONE_NEXT) p->state = S_DONE;
        if (p->state == S_DONE) { ev = NUDGE_HTTP_DONE; break; }
        if (p->state == S_ERROR) { ev = NUDGE_HTTP_ERROR; break; }
        if (i == len) break;
        uint8_t c = in[i];
        switch (p->state) {
        case S_STATUS:
        case S_FIELDS:
            i++;
            if (c == '\n') { ev = head_line(p); break; }
            /* one byte stays free for the terminator head_line() writes */
            if (p->head_len + 1 >= NUDGE_HTTP_HEAD_CAP) { ev = fail(p, NUDGE_HTTP_E_HEAD_TOO_LARGE); break; }
            p->head[p->head_len++] = (char)c;
            break;
        case S_LENGTH:
        case S_CLOSE:
        case S_CHUNK_DATA: {
            size_t n = len - i;
            unsigned long long left = p->state == S_LENGTH ? (unsigned long long)p->content_length - p->body_bytes : p->chunk_left;
            if (p->state != S_CLOSE && n > left) n = (size_t)left;
            *body = in + i;
            *body_len = n;
            i += n;
            p->body_bytes += n;
            if (p->state == S_CHUNK_DATA && (p->chunk_left -= n) == 0) p->state = S_CHUNK_CR;
            if (p->state == S_LENGTH && p->body_bytes == (unsigned long long)p->content_length) p->state = S_DONE_NEXT;
            ev = NUDGE_HTTP_BODY;
            break;
        }
        case S_CHUNK_SIZE:
            i++;
            if (c == '\n') { ev = chunk_size_line(p); break; }
            if (p->line_len == sizeof p->line) { ev = fail(p, NUDGE_HTTP_E_CHUNK_SIZE); break; }
            p->line[p->line_len++] = (char)c;
            break;
        case S_CHUNK_CR:
        case S_CHUNK_LF:
            i++;
            if (c == '\r' && p->state == S_CHUNK_CR) p->state = S_CHUNK_LF;
            else if (c == '\n') p->state = S_CHUNK_SIZE;
            else ev = fail(p, NUDGE_HTTP_E_CHUNK_END);
            break;
        case S_TRAILER:
            /* trailer fields are skipped: the core reads none */
            i++;
            if (++p->trailer_bytes > NUDGE_HTTP_HEAD_CAP) { ev = fail(p, NUDGE_HTTP_E_TRAILER_TOO_LARGE); break; }
            if (c == '\n') {
                if (p->line_len == 0 || (p->line_len == 1 && p->line[0] == '\r')) p->state = S_DONE;
                p->line_len = 0;
            } else if (p->line_len < 2) {
                p->line[p->line_len++] = (char)c;
            } else {
                p->line_len = 2; /* a non-empty line: only "is it empty" matters */
            }
            break;
        }
    }
    *used = i;
    p->received += i;
    if (ev == NUDGE_HTTP_BODY && *body_len == 0) ev = NUDGE_HTTP_NEED_MORE;
    return ev;
}

nudge_http_event nudge_http_finish(nudge_http *p)
{
    switch (p->state) {
    case S_DONE_NEXT:
    case S_DONE:
    case S_CLOSE:
        p->state = S_DONE;
        return NUDGE_HTTP_DONE;
    case S_ERROR:
        return NUDGE_HTTP_ERROR;
    case S_STATUS:
        return fail(p, p->received == 0 ? NUDGE_HTTP_E_NO_RESPONSE : NUDGE_HTTP_E_TRUNCATED_HEAD);
    case S_FIELDS:
        return fail(p, NUDGE_HTTP_E_TRUNCATED_HEAD);
    case S_LENGTH:
        return fail(p, NUDGE_HTTP_E_SHORT_BODY);
    default:
        return fail(p, NUDGE_HTTP_E_TRUNCATED_CHUNKED);
    }
}

int nudge_http_status(const nudge_http *p) { return p->status; }
bool nudge_http_keep_alive(const nudge_http *p) { return p->keep_alive; }
long long nudge_http_content_length(const nudge_http *p) { return p->content_length; }
unsigned long long nudge_http_body_bytes(const nudge_http *p) { return p->body_bytes; }
unsigned long long nudge_http_received(const nudge_http *p) { return p->received; }
nudge_http_error nudge_http_error_of(const nudge_http *p) { return p->error; }

const char *nudge_http_error_text(nudge_http_error e)
{
    switch (e) {
    case NUDGE_HTTP_OK: return "no error";
    case NUDGE_HTTP_E_NO_RESPONSE: return "connection closed before any response";
    case NUDGE_HTTP_E_STATUS_LINE: return "bad status line";
    case NUDGE_HTTP_E_HEADER_LINE: return "malformed header field";
    case NUDGE_HTTP_E_HEAD_TOO_LARGE: return "response headers too large";
    case NUDGE_HTTP_E_TOO_MANY_HEADERS: return "too many response headers";
    case NUDGE_HTTP_E_CONTENT_LENGTH: return "bad Content-Length";
    case NUDGE_HTTP_E_TRANSFER_CODING: return "unsupported Transfer-Encoding";
    case NUDGE_HTTP_E_CHUNK_SIZE: return "bad chunk size";
    case NUDGE_HTTP_E_CHUNK_END: return "chunk not followed by CRLF";
    case NUDGE_HTTP_E_TRAILER_TOO_LARGE: return "chunked trailer too large";
    case NUDGE_HTTP_E_TRUNCATED_HEAD: return "response truncated in the headers";
    case NUDGE_HTTP_E_SHORT_BODY: return "body shorter than Content-Length";
    case NUDGE_HTTP_E_TRUNCATED_CHUNKED: return "response truncated in the chunked body";
    }
    return "unknown error";
}
