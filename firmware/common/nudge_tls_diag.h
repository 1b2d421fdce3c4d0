/* Turns a failed TLS handshake into words: what was offered, how far it got, the alert, the
 * likely cause and the setting that fixes it. Portable C99 (host and ESP-IDF). */
#ifndef NUDGE_TLS_DIAG_H
#define NUDGE_TLS_DIAG_H

#include <stdbool.h>
#include <stdint.h>

#include "nudge_tls_profile.h"
#include "nudge_tls_wire.h"
#include "nudge_transport.h"

/** Everything known about one handshake attempt. */
typedef struct {
    const char *host;
    const nudge_tls_profile *profile;
    const nudge_tls_wire *wire;
    int error;                      /* mbedTLS error returned by the handshake */
    int state;                      /* mbedtls_ssl_states value where it stopped */
    int alert;                      /* alert received (plaintext or decrypted), -1 if none */
    uint32_t verify_flags;          /* MBEDTLS_X509_BADCERT_* of the chain */
    bool leaf_seen, leaf_self_signed;
    char leaf_subject[160], leaf_issuer[160], leaf_names[192], leaf_not_after[24];
    bool plain_http_reply;          /* the server answered the ClientHello with "HTTP/" */
} nudge_tls_attempt;

/** What a one-change variant of the offer changed (the probe's ladder). */
typedef enum { NUDGE_CAUSE_GROUPS, NUDGE_CAUSE_SIG_ALGS, NUDGE_CAUSE_SUITES, NUDGE_CAUSE_VERSIONS } nudge_cause;

/** Fills why (kind, code, alert, summary, detail) from an attempt. */
void nudge_tls_diagnose(const nudge_tls_attempt *a, nudge_failure *why);
/** Name of an mbedtls_ssl_states value in handshake terms ("ServerHello"). */
const char *nudge_tls_state_name(int state);
/** Cause and fix, given that the failing offer in a works once changed into works. */
void nudge_tls_cause_text(nudge_cause cause, const nudge_tls_attempt *a, const nudge_tls_profile *works, char *out,
                          size_t cap);
/** Appends the offer (versions, suites, groups, key share, sig algs, SNI) as text. */
void nudge_tls_describe_offer(const nudge_tls_wire *w, char *out, size_t cap);

#endif
