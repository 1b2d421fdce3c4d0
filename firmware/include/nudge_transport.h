/* HTTP(S) transport the device core drives: one request at a time over a kept-alive connection.
 * Implemented by firmware/host (POSIX sockets + mbedTLS) and by the ESP-IDF driver
 * (esp_http_client). Everything here is plain C99 so both builds share it. */
#ifndef NUDGE_TRANSPORT_H
#define NUDGE_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** TLS settings profile: what the device offers in its ClientHello. */
typedef enum {
    NUDGE_TLS_PROFILE_DEVICE = 0,   /* TLS 1.3+1.2, the shipped configuration */
    NUDGE_TLS_PROFILE_RESTRICTED,   /* TLS 1.3 only, AES-128-GCM, P-256, ECDSA: a minimal client */
} nudge_tls_profile_id;

typedef struct {
    const char *ca_bundle_path;     /* system roots (host: Debian's ca-certificates.crt); NULL = none */
    const char *user_ca_path;       /* extra PEM (self-hosted CA such as Caddy `tls internal`); NULL = none */
    const char *cache_path;         /* per-host "what worked" file; NULL = in memory only */
    nudge_tls_profile_id profile;
    bool allow_plain_auth;          /* permit an Authorization header over http:// */
    bool adapt;                     /* retry known server quirks (TLS 1.2 RSA-PSS) and remember them */
    int timeout_ms;                 /* connect and per-read timeout */
} nudge_transport_config;

typedef struct {
    const char *name;
    const char *value;
} nudge_header;

typedef struct {
    const char *method;             /* "PROPFIND", "REPORT", "GET", ... */
    const char *url;                /* http:// or https://, absolute */
    const nudge_header *headers;    /* extra request headers (Depth, Content-Type, Authorization) */
    size_t n_headers;
    const uint8_t *body;
    size_t body_len;
} nudge_request;

/** What the last TLS handshake negotiated (empty strings for plain http). */
typedef struct {
    char version[16];               /* "TLSv1.3" */
    char ciphersuite[64];           /* IANA-style name as mbedTLS prints it */
    char group[16];                 /* "x25519", "secp256r1", ... */
    bool resumed;                   /* session ticket / session id accepted */
    int hello_retry_requests;
    char adaptation[64];            /* "" or the quirk workaround that was applied */
} nudge_tls_info;

typedef enum {
    NUDGE_FAIL_NONE = 0,
    NUDGE_FAIL_URL,                 /* malformed URL or refused by policy (auth over http) */
    NUDGE_FAIL_DNS,
    NUDGE_FAIL_CONNECT,
    NUDGE_FAIL_TIMEOUT,
    NUDGE_FAIL_TLS_HANDSHAKE,
    NUDGE_FAIL_TLS_CERTIFICATE,
    NUDGE_FAIL_HTTP,                /* malformed response, too many redirects */
    NUDGE_FAIL_IO,
} nudge_failure_kind;

/** Why the last operation failed, in words a user can act on. */
typedef struct {
    nudge_failure_kind kind;
    int code;                       /* mbedTLS error or errno, 0 if none */
    int alert;                      /* TLS alert received, -1 if none */
    char summary[160];              /* one line */
    char detail[1536];              /* what was offered, how far it got, cause, fix */
} nudge_failure;

typedef struct nudge_transport nudge_transport;

/** Creates a transport; returns NULL only when out of memory or the CA files are unreadable. */
nudge_transport *nudge_transport_new(const nudge_transport_config *cfg, nudge_failure *why);
/** Sends a request and reads the status line and headers (following redirects); 0 or -1. */
int nudge_transport_open(nudge_transport *t, const nudge_request *req);
/** Status code of the response opened last. */
int nudge_transport_status(const nudge_transport *t);
/** Response header value by case-insensitive name, or NULL. */
const char *nudge_transport_header(const nudge_transport *t, const char *name);
/** Reads body bytes: >0 bytes read, 0 at end of body, -1 on error. */
long nudge_transport_read(nudge_transport *t, uint8_t *buf, size_t cap);
/** Ends the current response (drains it so the connection can be reused). */
void nudge_transport_close(nudge_transport *t);
/** Negotiated TLS parameters of the current connection. */
const nudge_tls_info *nudge_transport_tls_info(const nudge_transport *t);
/** The last failure (kind NUDGE_FAIL_NONE after a success). */
const nudge_failure *nudge_transport_failure(const nudge_transport *t);
/** Drops the connection but keeps the TLS session, as the device does between polls. */
void nudge_transport_disconnect(nudge_transport *t);
/** Closes the connection and frees everything. */
void nudge_transport_free(nudge_transport *t);

#endif
