/* Observes the plaintext part of a TLS handshake on the wire (ClientHello, HelloRetryRequest,
 * ServerHello, Certificate, ServerKeyExchange, alerts) so a failure can say exactly what was
 * offered and what the server chose, whatever the TLS library exposes. Portable C99. */
#ifndef NUDGE_TLS_WIRE_H
#define NUDGE_TLS_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NUDGE_WIRE_MAX_LIST 48
#define NUDGE_WIRE_MSG_CAP 2048

typedef struct {
    uint16_t v[NUDGE_WIRE_MAX_LIST];
    size_t n;
} nudge_u16_list;

/* Reassembles records and handshake messages of one direction. */
typedef struct {
    uint8_t hdr[5];
    size_t hdr_len;
    size_t rec_left;
    uint8_t rec_type;
    uint8_t hs_hdr[4];
    size_t hs_hdr_len;
    size_t hs_left;
    uint8_t msg[NUDGE_WIRE_MSG_CAP];
    size_t msg_len;
    bool msg_truncated;
    uint8_t alert[2];
    size_t alert_len;
    bool done;                      /* the rest of this direction is encrypted */
} nudge_wire_stream;

typedef struct {
    /* offered by the client (the last ClientHello sent) */
    int client_hellos;
    nudge_u16_list versions, suites, groups, key_shares, sig_algs;
    char sni[256];
    bool offered_psk;
    /* chosen by the server */
    bool server_hello;
    int hello_retry_requests;
    uint16_t version, suite, group, hrr_group, ske_group, ske_sig_alg;
    bool psk_accepted;
    bool certificate_seen;
    int alert_level, alert;         /* plaintext alert from the server, -1 if none */
    nudge_wire_stream to_server, to_client;
} nudge_tls_wire;

/** Resets the observer for a new connection. */
void nudge_tls_wire_init(nudge_tls_wire *w);
/** Feeds bytes as they cross the wire (from_server = received). */
void nudge_tls_wire_feed(nudge_tls_wire *w, bool from_server, const uint8_t *p, size_t n);
/** True when the handshake resumed a session (PSK accepted, or 1.2 without a Certificate). */
bool nudge_tls_wire_resumed(const nudge_tls_wire *w);

#endif
