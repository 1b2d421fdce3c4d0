/* One mbedTLS client connection over a connected socket, with the handshake observed closely
 * enough to explain a failure (state reached, alert, offer, certificate). */
#ifndef NUDGE_TLS_HOST_H
#define NUDGE_TLS_HOST_H

#include <stdbool.h>

#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"
#include "nudge_tls_diag.h"
#include "nudge_tls_profile.h"
#include "nudge_tls_wire.h"
#include "nudge_transport.h"

typedef struct {
    const char *host;               /* SNI and the name the certificate must carry */
    const nudge_tls_profile *profile;
    mbedtls_x509_crt *trust;        /* bundle + user CA; verification is always required */
    const mbedtls_ssl_session *resume; /* ticket to offer, or NULL */
} nudge_tls_params;

typedef struct {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    int fd;
    nudge_tls_wire wire;
    nudge_tls_attempt attempt;
    unsigned char first_bytes[5];
    size_t first_len;
    bool have_ticket;               /* a NewSessionTicket arrived (TLS 1.3) */
} nudge_tls_conn;

/** Process-wide RNG and PSA set-up; 0 on success. */
int nudge_tls_global_init(void);
/** Releases what nudge_tls_global_init set up (at program exit). */
void nudge_tls_global_free(void);
/** Runs the handshake on fd; 0 on success, else an mbedTLS error with why diagnosed. */
int nudge_tls_connect(nudge_tls_conn *c, int fd, const nudge_tls_params *p, nudge_failure *why);
/** Writes all of buf; 0 or an mbedTLS error. */
int nudge_tls_send(nudge_tls_conn *c, const unsigned char *buf, size_t len);
/** Reads up to cap bytes: >0, 0 at end of stream, <0 mbedTLS error. */
long nudge_tls_recv(nudge_tls_conn *c, unsigned char *buf, size_t cap);
/** Copies the session (with any ticket) for resumption; 0 on success. */
int nudge_tls_save_session(nudge_tls_conn *c, mbedtls_ssl_session *out);
/** Fills the negotiated parameters. */
void nudge_tls_get_info(const nudge_tls_conn *c, nudge_tls_info *info);
/** Sends close_notify and frees the TLS state (the socket stays open). */
void nudge_tls_close(nudge_tls_conn *c);
/** Loads a PEM/DER file of certificates into chain; 0 or an mbedTLS error. */
int nudge_tls_load_certs(mbedtls_x509_crt *chain, const char *path);

#endif
