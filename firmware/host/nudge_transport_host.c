/* nudge_transport.h on POSIX: HTTP/1.1 (keep-alive, redirects; framing in nudge_http.c) over
 * plain TCP or mbedTLS, with TLS session resumption and the per-host TLS 1.2 RSA-PSS workaround.
 * Failures while reading a response name what happened and how far it got: stalled, reset,
 * truncated, a TLS alert or bad record, or the framing error. */
#define _POSIX_C_SOURCE 200809L
#define MBEDTLS_ALLOW_PRIVATE_ACCESS /* the alert byte of a fatal alert received mid-stream */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mbedtls/ssl.h"
#include "nudge_host_cache.h"
#include "nudge_http.h"
#include "nudge_net.h"
#include "nudge_tls_host.h"
#include "nudge_transport.h"

#define HEAD_CAP 16384
#define MAX_REDIRECTS 5
#define URL_CAP 2048
#define ADAPT_TLS12_PKCS1 "tls12-pkcs1"

typedef struct {
    bool https;
    char host[256];
    int port;
    char path[URL_CAP];
} url_parts;

struct nudge_transport {
    nudge_transport_config cfg;
    mbedtls_x509_crt trust;
    /* connection */
    int fd;
    bool tls_open, reusable;
    nudge_tls_conn tls;
    url_parts conn;
    char adaptation[64];
    /* resumption: the last session of the last TLS host */
    mbedtls_ssl_session session;
    bool have_session, session_saved;
    char session_key[300];
    /* response */
    int status;
    nudge_http http;
    bool body_done;
    unsigned char rbuf[8192];
    size_t rpos, rlen;
    nudge_tls_info info;
    nudge_failure fail;
};

static void fail(nudge_transport *t, nudge_failure_kind kind, int code, const char *fmt, const char *arg) {
    t->fail.kind = kind;
    t->fail.code = code;
    t->fail.alert = -1;
    snprintf(t->fail.summary, sizeof t->fail.summary, fmt, arg);
    t->fail.detail[0] = 0;
}

static int parse_url(const char *url, url_parts *u) {
    const char *rest;
    if (strncmp(url, "https://", 8) == 0) { u->https = true; rest = url + 8; u->port = 443; }
    else if (strncmp(url, "http://", 7) == 0) { u->https = false; rest = url + 7; u->port = 80; }
    else return -1;
    size_t hostlen = strcspn(rest, "/?#");
    const char *hostpart = rest, *colon = NULL;
    if (hostpart[0] == '[') {
        const char *close = memchr(hostpart, ']', hostlen);
        if (!close) return -1;
        if (close + 1 < hostpart + hostlen && close[1] == ':') colon = close + 1;
        hostpart++;
        size_t n = (size_t)(close - hostpart);
        if (n == 0 || n >= sizeof u->host) return -1;
        memcpy(u->host, hostpart, n);
        u->host[n] = 0;
    } else {
        colon = memchr(hostpart, ':', hostlen);
        size_t n = colon ? (size_t)(colon - hostpart) : hostlen;
        if (n == 0 || n >= sizeof u->host) return -1;
        memcpy(u->host, hostpart, n);
        u->host[n] = 0;
    }
    if (colon) {
        char *end;
        long port = strtol(colon + 1, &end, 10);
        if (end != rest + hostlen || port <= 0 || port > 65535) return -1;
        u->port = (int)port;
    }
    const char *path = rest + hostlen;
    size_t plen = strcspn(path, "#");
    if (plen + 2 > sizeof u->path) return -1;
    if (plen == 0 || path[0] != '/') {
        u->path[0] = '/';
        memcpy(u->path + 1, path, plen);
        u->path[plen + 1] = 0;
    } else {
        memcpy(u->path, path, plen);
        u->path[plen] = 0;
    }
    return 0;
}

static void conn_close(nudge_transport *t) {
    if (t->tls_open) nudge_tls_close(&t->tls);
    t->tls_open = false;
    if (t->fd >= 0) close(t->fd);
    t->fd = -1;
    t->reusable = false;
    t->rpos = t->rlen = 0;
}

/* Reads into buf: >0 bytes, 0 at end of stream, <0 failure with t->fail set ("what" names the
 * stage, n_before how many response bytes came before). */
static long raw_recv(nudge_transport *t, unsigned char *buf, size_t cap, unsigned long long n_before) {
    if (t->tls_open) {
        /* nudge_tls_recv reports a reset as end of stream; errno still tells them apart */
        errno = 0;
        long n = nudge_tls_recv(&t->tls, buf, cap);
        if (n == 0 && errno == ECONNRESET) {
            fail(t, NUDGE_FAIL_IO, ECONNRESET, "connection reset by %.100s", t->conn.host);
            snprintf(t->fail.summary + strlen(t->fail.summary), sizeof t->fail.summary - strlen(t->fail.summary),
                     " after %llu bytes of the response", n_before);
            return -1;
        }
        /* the TCP stream ended without close_notify: the HTTP framing tells whether that cut the response */
        if (n >= 0 || n == MBEDTLS_ERR_SSL_CONN_EOF) return n >= 0 ? n : 0;
        char what[96];
        if (n == MBEDTLS_ERR_SSL_TIMEOUT) {
            fail(t, NUDGE_FAIL_TIMEOUT, (int)n, "server stalled: no data for %s", "");
            snprintf(what, sizeof what, "%d ms after %llu bytes of the response", t->cfg.timeout_ms, n_before);
        } else if (n == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE) {
            int alert = t->tls.ssl.in_msg ? t->tls.ssl.in_msg[1] : -1;
            fail(t, NUDGE_FAIL_IO, (int)n, "TLS alert %s from the server", nudge_tls_alert_name(alert));
            t->fail.alert = alert;
            snprintf(what, sizeof what, " after %llu bytes of the response", n_before);
        } else if (n == MBEDTLS_ERR_SSL_INVALID_MAC && t->tls.ssl.in_hdr != NULL && t->tls.ssl.in_hdr[0] == 21 &&
                   t->tls.ssl.in_hdr[3] == 0 && t->tls.ssl.in_hdr[4] == 2) {
            /* a 2-byte alert record in the clear where only protected records may come (a middlebox or
             * a broken server): its bytes are still in the record buffer, so name it */
            int alert = t->tls.ssl.in_hdr[6];
            fail(t, NUDGE_FAIL_IO, (int)n, "TLS alert %s from the server, sent unprotected (refused)", nudge_tls_alert_name(alert));
            t->fail.alert = alert;
            snprintf(what, sizeof what, " after %llu bytes of the response", n_before);
        } else {
            fail(t, NUDGE_FAIL_IO, (int)n, "%s", n == MBEDTLS_ERR_SSL_INVALID_RECORD ? "invalid TLS record"
                                                : n == MBEDTLS_ERR_SSL_INVALID_MAC ? "TLS record failed its integrity check"
                                                                                   : "TLS read error");
            snprintf(what, sizeof what, " -0x%04x after %llu bytes of the response", (unsigned)-n, n_before);
        }
        snprintf(t->fail.summary + strlen(t->fail.summary), sizeof t->fail.summary - strlen(t->fail.summary), "%s", what);
        return -1;
    }
    for (;;) {
        ssize_t n = read(t->fd, buf, cap);
        if (n >= 0) return n;
        if (errno == EINTR) continue;
        int err = errno;
        char what[96];
        if (err == EAGAIN || err == EWOULDBLOCK) {
            fail(t, NUDGE_FAIL_TIMEOUT, err, "server stalled: no data for %s", "");
            snprintf(what, sizeof what, "%d ms after %llu bytes of the response", t->cfg.timeout_ms, n_before);
        } else {
            fail(t, NUDGE_FAIL_IO, err, "%s", err == ECONNRESET ? "connection reset" : strerror(err));
            snprintf(what, sizeof what, " by %.40s after %llu bytes of the response", t->conn.host, n_before);
        }
        snprintf(t->fail.summary + strlen(t->fail.summary), sizeof t->fail.summary - strlen(t->fail.summary), "%s", what);
        return -1;
    }
}

static int raw_send(nudge_transport *t, const unsigned char *buf, size_t len) {
    if (t->tls_open) return nudge_tls_send(&t->tls, buf, len);
    while (len > 0) {
        ssize_t n = send(t->fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads more bytes into the (drained) rbuf; >0 on progress, 0 at end of stream, <0 on error. */
static long fill(nudge_transport *t) {
    t->rpos = t->rlen = 0;
    long n = raw_recv(t, t->rbuf, sizeof t->rbuf, nudge_http_received(&t->http));
    if (n > 0) t->rlen = (size_t)n;
    return n;
}

/* Sets the failure for a framing error of the response from the current host. */
static void framing_failed(nudge_transport *t) {
    nudge_http_error e = nudge_http_error_of(&t->http);
    char what[160];
    if (e == NUDGE_HTTP_E_SHORT_BODY)
        snprintf(what, sizeof what, "response truncated: body ended after %llu of %lld bytes", nudge_http_body_bytes(&t->http),
                 nudge_http_content_length(&t->http));
    else
        snprintf(what, sizeof what, "%s after %llu bytes", nudge_http_error_text(e), nudge_http_received(&t->http));
    fail(t, e == NUDGE_HTTP_E_SHORT_BODY || e == NUDGE_HTTP_E_TRUNCATED_HEAD || e == NUDGE_HTTP_E_TRUNCATED_CHUNKED ? NUDGE_FAIL_IO : NUDGE_FAIL_HTTP,
         0, "%s", what);
}

static const nudge_tls_profile *profile_for(const nudge_transport *t, const char *adaptation) {
    if (strcmp(adaptation, ADAPT_TLS12_PKCS1) == 0) return nudge_tls_profile_tls12_pkcs1();
    return nudge_tls_profile_get(t->cfg.profile);
}

/* TLS 1.2 server that signed ServerKeyExchange with RSA-PSS: mbedTLS's 1.2 client refuses it. */
static bool is_pss_trap(const nudge_tls_conn *c, int rc) {
    const nudge_tls_wire *w = &c->wire;
    return rc == MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER && w->server_hello && w->version == 0x0303 &&
           (w->ske_sig_alg & 0xFF00) == 0x0800;
}

static int tls_handshake(nudge_transport *t, const url_parts *u, const char *adaptation) {
    char key[300];
    snprintf(key, sizeof key, "%s:%d", u->host, u->port);
    bool resume = t->have_session && strcmp(t->session_key, key) == 0;
    nudge_tls_params p = {u->host, profile_for(t, adaptation), &t->trust, resume ? &t->session : NULL};
    int rc = nudge_tls_connect(&t->tls, t->fd, &p, &t->fail);
    if (rc != 0) {
        nudge_tls_close(&t->tls);
        return rc;
    }
    t->tls_open = true;
    t->session_saved = false;
    snprintf(t->adaptation, sizeof t->adaptation, "%s", adaptation);
    return 0;
}

static int conn_open(nudge_transport *t, const url_parts *u) {
    if (t->fd >= 0 && t->reusable && t->conn.https == u->https && t->conn.port == u->port &&
        strcmp(t->conn.host, u->host) == 0)
        return 0;
    conn_close(t);
    char key[300], remembered[64];
    snprintf(key, sizeof key, "%s:%d", u->host, u->port);
    nudge_host_cache_get(t->cfg.cache_path, key, remembered, sizeof remembered);
    if (!t->cfg.adapt) remembered[0] = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        t->fd = nudge_net_connect(u->host, u->port, t->cfg.timeout_ms, &t->fail);
        if (t->fd < 0) return -1;
        if (!u->https) break;
        int rc = tls_handshake(t, u, remembered);
        if (rc == 0) {
            /* Remember a workaround that was needed; forget one that no longer is. */
            if (attempt > 0 || remembered[0]) nudge_host_cache_put(t->cfg.cache_path, key, remembered);
            break;
        }
        bool retry = attempt == 0 && t->cfg.adapt && remembered[0] == 0 && is_pss_trap(&t->tls, rc);
        bool stale = attempt == 0 && remembered[0] != 0;
        close(t->fd);
        t->fd = -1;
        if (retry) snprintf(remembered, sizeof remembered, "%s", ADAPT_TLS12_PKCS1);
        else if (stale) remembered[0] = 0;
        else return -1;
    }
    t->conn = *u;
    t->reusable = true;
    memset(&t->info, 0, sizeof t->info);
    if (t->tls_open) {
        nudge_tls_get_info(&t->tls, &t->info);
        snprintf(t->info.adaptation, sizeof t->info.adaptation, "%s", t->adaptation);
        /* A TLS 1.2 session (id or ticket) is complete now; TLS 1.3 tickets come later. */
        if (t->info.version[6] == '2') {
            if (nudge_tls_save_session(&t->tls, &t->session) == 0) {
                t->have_session = t->session_saved = true;
                snprintf(t->session_key, sizeof t->session_key, "%s", key);
            }
        }
    }
    return 0;
}

static bool has_header(const nudge_request *r, const char *name) {
    for (size_t i = 0; i < r->n_headers; i++)
        if (strcasecmp(r->headers[i].name, name) == 0) return true;
    return false;
}

static int send_request(nudge_transport *t, const url_parts *u, const char *method, const nudge_request *r,
                        bool with_body, bool with_auth) {
    char head[HEAD_CAP];
    size_t len = 0;
    bool default_port = u->port == (u->https ? 443 : 80);
    int n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: %s%s%s%s", method, u->path,
                     strchr(u->host, ':') ? "[" : "", u->host, strchr(u->host, ':') ? "]" : "", default_port ? "" : ":");
    if (n < 0 || (size_t)n >= sizeof head) return -1;
    len = (size_t)n;
    if (!default_port) len += (size_t)snprintf(head + len, sizeof head - len, "%d", u->port);
    len += (size_t)snprintf(head + len, sizeof head - len, "\r\nUser-Agent: Nudge/0.1\r\nConnection: keep-alive\r\n");
    size_t body_len = with_body ? r->body_len : 0;
    if (with_body && (r->body_len > 0 || strcmp(method, "GET") != 0))
        len += (size_t)snprintf(head + len, sizeof head - len, "Content-Length: %zu\r\n", body_len);
    for (size_t i = 0; i < r->n_headers && len < sizeof head; i++) {
        if (!with_auth && strcasecmp(r->headers[i].name, "Authorization") == 0) continue;
        if (!with_body && strcasecmp(r->headers[i].name, "Content-Type") == 0) continue;
        len += (size_t)snprintf(head + len, sizeof head - len, "%s: %s\r\n", r->headers[i].name, r->headers[i].value);
    }
    if (len + 3 > sizeof head) return -1;
    memcpy(head + len, "\r\n", 3);
    len += 2;
    if (raw_send(t, (const unsigned char *)head, len) != 0) return -1;
    if (body_len && raw_send(t, r->body, body_len) != 0) return -1;
    return 0;
}

/* Reads the response head: 0, -1 with t->fail set, or -2 when the connection gave no byte at
 * all (maybe a kept-alive connection the server already closed). */
static int read_head(nudge_transport *t, const char *method) {
    nudge_http_init(&t->http, strcmp(method, "HEAD") == 0);
    t->body_done = false;
    for (;;) {
        size_t used, blen;
        const uint8_t *body;
        nudge_http_event ev = nudge_http_feed(&t->http, t->rbuf + t->rpos, t->rlen - t->rpos, &used, &body, &blen);
        t->rpos += used;
        if (ev == NUDGE_HTTP_HEAD) break;
        if (ev == NUDGE_HTTP_NEED_MORE) {
            long n = fill(t);
            if (n > 0) continue;
            if (nudge_http_received(&t->http) == 0) return -2;
            if (n < 0) return -1;
            ev = nudge_http_finish(&t->http);
        }
        framing_failed(t);
        return -1;
    }
    t->status = nudge_http_status(&t->http);
    t->reusable = nudge_http_keep_alive(&t->http);
    return 0;
}

/* RFC 3986 §5.2.4 remove_dot_segments on an absolute path (the query is kept), in place.
 * The result is never longer than the input. */
static void remove_dot_segments(char *path) {
    size_t qpos = strcspn(path, "?");
    char out[URL_CAP];
    size_t len = 0;
    const char *p = path, *end = path + qpos;
    while (p < end) {
        const char *seg = p + 1;
        const char *next = memchr(seg, '/', (size_t)(end - seg));
        if (!next) next = end;
        size_t sl = (size_t)(next - seg);
        bool last = next == end;
        if (sl == 1 && seg[0] == '.') {
            if (last) out[len++] = '/';
        } else if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
            while (len > 0 && out[--len] != '/') {}
            if (last) out[len++] = '/';
        } else {
            out[len++] = '/';
            memcpy(out + len, seg, sl);
            len += sl;
        }
        p = next;
    }
    if (len == 0) out[len++] = '/';
    memmove(path + len, path + qpos, strlen(path + qpos) + 1);
    memcpy(path, out, len);
}

static int resolve_location(const url_parts *base, const char *loc, char *out, size_t cap) {
    if (strncmp(loc, "http://", 7) == 0 || strncmp(loc, "https://", 8) == 0) {
        int n = snprintf(out, cap, "%s", loc);
        return n < 0 || (size_t)n >= cap ? -1 : 0;
    }
    const char *scheme = base->https ? "https" : "http";
    if (loc[0] == '/' && loc[1] == '/') {
        int n = snprintf(out, cap, "%s:%s", scheme, loc);
        return n < 0 || (size_t)n >= cap ? -1 : 0;
    }
    char path[URL_CAP];
    int n;
    if (loc[0] == '/') n = snprintf(path, sizeof path, "%s", loc);
    else {
        /* Relative to the directory of the current path. */
        const char *slash = strrchr(base->path, '/');
        int dir = slash ? (int)(slash - base->path) + 1 : 1;
        n = snprintf(path, sizeof path, "%.*s%s", dir, base->path, loc);
    }
    if (n < 0 || (size_t)n >= sizeof path) return -1;
    remove_dot_segments(path);
    bool v6 = strchr(base->host, ':') != NULL;
    n = snprintf(out, cap, "%s://%s%s%s:%d%s", scheme, v6 ? "[" : "", base->host, v6 ? "]" : "", base->port, path);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static void save_session_if_ready(nudge_transport *t) {
    if (!t->tls_open || t->session_saved || !t->tls.have_ticket) return;
    if (nudge_tls_save_session(&t->tls, &t->session) == 0) {
        t->have_session = t->session_saved = true;
        snprintf(t->session_key, sizeof t->session_key, "%s:%d", t->conn.host, t->conn.port);
    }
}

nudge_transport *nudge_transport_new(const nudge_transport_config *cfg, nudge_failure *why) {
    if (nudge_tls_global_init() != 0) {
        snprintf(why->summary, sizeof why->summary, "cannot initialise the TLS library");
        return NULL;
    }
    nudge_transport *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->cfg = *cfg;
    if (t->cfg.timeout_ms <= 0) t->cfg.timeout_ms = 10000;
    t->fd = -1;
    mbedtls_x509_crt_init(&t->trust);
    mbedtls_ssl_session_init(&t->session);
    const char *files[2] = {cfg->ca_bundle_path, cfg->user_ca_path};
    for (int i = 0; i < 2; i++) {
        if (!files[i]) continue;
        int rc = nudge_tls_load_certs(&t->trust, files[i]);
        if (rc != 0) {
            why->kind = NUDGE_FAIL_TLS_CERTIFICATE;
            why->code = rc;
            snprintf(why->summary, sizeof why->summary, "cannot load CA certificates from %s", files[i]);
            nudge_transport_free(t);
            return NULL;
        }
    }
    return t;
}

int nudge_transport_open(nudge_transport *t, const nudge_request *req) {
    memset(&t->fail, 0, sizeof t->fail);
    t->fail.alert = -1;
    t->status = 0;
    char url[URL_CAP];
    snprintf(url, sizeof url, "%s", req->url);
    const char *method = req->method;
    bool with_body = true, with_auth = true;
    url_parts first;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        url_parts u;
        if (parse_url(url, &u) != 0) {
            fail(t, NUDGE_FAIL_URL, 0, "not an http(s) URL: %.120s", url);
            return -1;
        }
        if (hop == 0) first = u;
        /* Credentials follow a redirect only to the same origin and never downgrade to http. */
        if (hop > 0 && (u.https != first.https || u.port != first.port || strcmp(u.host, first.host) != 0)) with_auth = false;
        if (with_auth && !u.https && has_header(req, "Authorization") && !t->cfg.allow_plain_auth) {
            fail(t, NUDGE_FAIL_URL, 0, "refusing to send credentials over plain http:// to %.80s (use https)", u.host);
            return -1;
        }
        int rc = -2;
        for (int tries = 0; tries < 2 && rc == -2; tries++) {
            bool reused = t->fd >= 0 && t->reusable;
            if (conn_open(t, &u) != 0) return -1;
            memset(&t->fail, 0, sizeof t->fail);
            t->fail.alert = -1;
            if (send_request(t, &u, method, req, with_body, with_auth) != 0) rc = -2;
            else rc = read_head(t, method);
            /* A kept-alive connection the server already closed: reconnect once. */
            if (rc == -2 && !reused) rc = -1;
            if (rc != 0) conn_close(t);
        }
        if (rc != 0) {
            if (t->fail.kind == NUDGE_FAIL_NONE) fail(t, NUDGE_FAIL_IO, 0, "connection closed by %.100s before any response", u.host);
            return -1;
        }
        save_session_if_ready(t);
        const char *loc = nudge_transport_header(t, "Location");
        bool redirect = t->status == 301 || t->status == 302 || t->status == 303 || t->status == 307 || t->status == 308;
        if (!redirect || !loc) return 0;
        if (resolve_location(&u, loc, url, sizeof url) != 0) {
            fail(t, NUDGE_FAIL_HTTP, 0, "bad redirect target: %.120s", loc);
            return -1;
        }
        nudge_transport_close(t);
        if (t->status == 303 || ((t->status == 301 || t->status == 302) && strcmp(method, "POST") == 0)) {
            method = "GET";
            with_body = false;
        }
    }
    fail(t, NUDGE_FAIL_HTTP, 0, "more than %s redirects", "5");
    return -1;
}

int nudge_transport_status(const nudge_transport *t) { return t->status; }

const char *nudge_transport_header(const nudge_transport *t, const char *name) {
    return t->status ? nudge_http_header(&t->http, name) : NULL;
}

long nudge_transport_read(nudge_transport *t, uint8_t *buf, size_t cap) {
    if (t->body_done || cap == 0) return 0;
    for (;;) {
        size_t avail = t->rlen - t->rpos, used, blen;
        const uint8_t *body;
        /* body bytes never outnumber the input, so feeding at most cap bytes keeps them within buf */
        nudge_http_event ev = nudge_http_feed(&t->http, t->rbuf + t->rpos, avail < cap ? avail : cap, &used, &body, &blen);
        t->rpos += used;
        if (ev == NUDGE_HTTP_BODY) {
            memcpy(buf, body, blen);
            return (long)blen;
        }
        if (ev == NUDGE_HTTP_NEED_MORE) {
            if (t->rpos < t->rlen) continue; /* framing bytes beyond cap are still buffered */
            long n = fill(t);
            if (n > 0) continue;
            if (n < 0) break;
            ev = nudge_http_finish(&t->http);
        }
        if (ev == NUDGE_HTTP_DONE) {
            t->body_done = true;
            save_session_if_ready(t);
            return 0;
        }
        framing_failed(t);
        break;
    }
    t->reusable = false;
    return -1;
}

void nudge_transport_close(nudge_transport *t) {
    uint8_t sink[4096];
    size_t drained = 0;
    /* Drain a modest rest so the connection can be reused; give up on huge bodies. */
    while (!t->body_done && drained < (1u << 20)) {
        long n = nudge_transport_read(t, sink, sizeof sink);
        if (n <= 0) break;
        drained += (size_t)n;
    }
    save_session_if_ready(t);
    if (!t->body_done || !t->reusable) conn_close(t);
}

const nudge_tls_info *nudge_transport_tls_info(const nudge_transport *t) { return &t->info; }
const nudge_failure *nudge_transport_failure(const nudge_transport *t) { return &t->fail; }

void nudge_transport_disconnect(nudge_transport *t) {
    save_session_if_ready(t);
    conn_close(t);
}

void nudge_transport_free(nudge_transport *t) {
    if (!t) return;
    conn_close(t);
    mbedtls_ssl_session_free(&t->session);
    mbedtls_x509_crt_free(&t->trust);
    free(t);
}
