#define _POSIX_C_SOURCE 200809L
#define MBEDTLS_ALLOW_PRIVATE_ACCESS /* handshake state and the received alert byte */
#include "nudge_tls_host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/oid.h"
#include "psa/crypto.h"

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static bool initialised;

int nudge_tls_global_init(void) {
    if (initialised) return 0;
    if (psa_crypto_init() != PSA_SUCCESS) return -1;
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    static const unsigned char pers[] = "nudge";
    int rc = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, pers, sizeof pers - 1);
    if (rc == 0) initialised = true;
    return rc;
}

void nudge_tls_global_free(void) {
    if (!initialised) return;
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    mbedtls_psa_crypto_free();
    initialised = false;
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len) {
    nudge_tls_conn *c = ctx;
    for (;;) {
        ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);
        if (n >= 0) {
            nudge_tls_wire_feed(&c->wire, false, buf, (size_t)n);
            return (int)n;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return MBEDTLS_ERR_SSL_TIMEOUT;
        if (errno == EPIPE || errno == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
        return MBEDTLS_ERR_NET_SEND_FAILED;
    }
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len) {
    nudge_tls_conn *c = ctx;
    for (;;) {
        ssize_t n = recv(c->fd, buf, len, 0);
        if (n >= 0) {
            for (ssize_t i = 0; i < n && c->first_len < sizeof c->first_bytes; i++) c->first_bytes[c->first_len++] = buf[i];
            nudge_tls_wire_feed(&c->wire, true, buf, (size_t)n);
            return (int)n;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return MBEDTLS_ERR_SSL_TIMEOUT;
        if (errno == ECONNRESET) return MBEDTLS_ERR_NET_CONN_RESET;
        return MBEDTLS_ERR_NET_RECV_FAILED;
    }
}

/* Records what the leaf certificate says, for messages about wrong host, expiry and trust. */
static int on_verify(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags) {
    (void)flags;
    nudge_tls_attempt *a = ctx;
    if (depth != 0) return 0;
    a->leaf_seen = true;
    mbedtls_x509_dn_gets(a->leaf_subject, sizeof a->leaf_subject, &crt->subject);
    mbedtls_x509_dn_gets(a->leaf_issuer, sizeof a->leaf_issuer, &crt->issuer);
    a->leaf_self_signed = crt->subject_raw.len == crt->issuer_raw.len &&
                          memcmp(crt->subject_raw.p, crt->issuer_raw.p, crt->subject_raw.len) == 0;
    snprintf(a->leaf_not_after, sizeof a->leaf_not_after, "%04d-%02d-%02dT%02d:%02d:%02dZ", crt->valid_to.year,
             crt->valid_to.mon, crt->valid_to.day, crt->valid_to.hour, crt->valid_to.min, crt->valid_to.sec);
    a->leaf_names[0] = 0;
    size_t used = 0;
    for (const mbedtls_x509_sequence *s = &crt->subject_alt_names; s && s->buf.p; s = s->next) {
        /* Context-specific tag 2 is dNSName; 7 is iPAddress (shown only as "IP"). */
        bool dns = (s->buf.tag & MBEDTLS_ASN1_TAG_VALUE_MASK) == 2;
        size_t len = dns ? s->buf.len : 2;
        if (used + len + 2 >= sizeof a->leaf_names) break;
        if (used) a->leaf_names[used++] = ',';
        memcpy(a->leaf_names + used, dns ? (const char *)s->buf.p : "IP", len);
        used += len;
        a->leaf_names[used] = 0;
    }
    return 0;
}

int nudge_tls_connect(nudge_tls_conn *c, int fd, const nudge_tls_params *p, nudge_failure *why) {
    memset(c, 0, sizeof *c);
    c->fd = fd;
    nudge_tls_wire_init(&c->wire);
    c->attempt.host = p->host;
    c->attempt.profile = p->profile;
    c->attempt.wire = &c->wire;
    c->attempt.alert = -1;
    mbedtls_ssl_init(&c->ssl);
    mbedtls_ssl_config_init(&c->conf);
    int rc = mbedtls_ssl_config_defaults(&c->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc == 0) {
        nudge_tls_profile_apply(&c->conf, p->profile);
        mbedtls_ssl_conf_rng(&c->conf, mbedtls_ctr_drbg_random, &drbg);
        mbedtls_ssl_conf_authmode(&c->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
        mbedtls_ssl_conf_ca_chain(&c->conf, p->trust, NULL);
        mbedtls_ssl_conf_verify(&c->conf, on_verify, &c->attempt);
        mbedtls_ssl_conf_session_tickets(&c->conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
        mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(&c->conf,
                                                                 MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
        rc = mbedtls_ssl_setup(&c->ssl, &c->conf);
    }
    if (rc == 0) rc = mbedtls_ssl_set_hostname(&c->ssl, p->host);
    if (rc == 0 && p->resume) rc = mbedtls_ssl_set_session(&c->ssl, p->resume);
    if (rc != 0) {
        why->kind = NUDGE_FAIL_TLS_HANDSHAKE;
        why->code = rc;
        snprintf(why->summary, sizeof why->summary, "TLS set-up failed: -0x%04x", (unsigned)-rc);
        return rc;
    }
    mbedtls_ssl_set_bio(&c->ssl, c, bio_send, bio_recv, NULL);
    /* Step by step so a failure knows the state it happened in. */
    while (!mbedtls_ssl_is_handshake_over(&c->ssl)) {
        c->attempt.state = c->ssl.state;
        rc = mbedtls_ssl_handshake_step(&c->ssl);
        if (rc == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) { c->have_ticket = true; continue; }
        if (rc != 0) break;
    }
    if (rc == 0) return 0;
    nudge_tls_attempt *a = &c->attempt;
    a->error = rc;
    a->alert = c->wire.alert;
    if (a->alert < 0 && rc == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE && c->ssl.in_msg) a->alert = c->ssl.in_msg[1];
    a->verify_flags = mbedtls_ssl_get_verify_result(&c->ssl);
    if (a->verify_flags == (uint32_t)-1) a->verify_flags = 0;
    a->plain_http_reply = c->first_len >= 5 && memcmp(c->first_bytes, "HTTP/", 5) == 0;
    nudge_tls_diagnose(a, why);
    return rc;
}

int nudge_tls_send(nudge_tls_conn *c, const unsigned char *buf, size_t len) {
    while (len > 0) {
        int n = mbedtls_ssl_write(&c->ssl, buf, len);
        if (n == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) { c->have_ticket = true; continue; }
        if (n < 0) return n;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

long nudge_tls_recv(nudge_tls_conn *c, unsigned char *buf, size_t cap) {
    for (;;) {
        int n = mbedtls_ssl_read(&c->ssl, buf, cap);
        if (n == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) { c->have_ticket = true; continue; }
        if (n == MBEDTLS_ERR_SSL_WANT_READ) continue;
        if (n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || n == MBEDTLS_ERR_NET_CONN_RESET) return 0;
        return n;
    }
}

int nudge_tls_save_session(nudge_tls_conn *c, mbedtls_ssl_session *out) {
    mbedtls_ssl_session_free(out);
    mbedtls_ssl_session_init(out);
    return mbedtls_ssl_get_session(&c->ssl, out);
}

void nudge_tls_get_info(const nudge_tls_conn *c, nudge_tls_info *info) {
    char buf[8];
    memset(info, 0, sizeof *info);
    snprintf(info->version, sizeof info->version, "%s", mbedtls_ssl_get_version(&c->ssl));
    snprintf(info->ciphersuite, sizeof info->ciphersuite, "%s", mbedtls_ssl_get_ciphersuite(&c->ssl));
    if (c->wire.group) snprintf(info->group, sizeof info->group, "%s", nudge_tls_group_name(c->wire.group, buf));
    info->resumed = nudge_tls_wire_resumed(&c->wire);
    info->hello_retry_requests = c->wire.hello_retry_requests;
}

void nudge_tls_close(nudge_tls_conn *c) {
    if (mbedtls_ssl_is_handshake_over(&c->ssl)) mbedtls_ssl_close_notify(&c->ssl);
    mbedtls_ssl_free(&c->ssl);
    mbedtls_ssl_config_free(&c->conf);
}

int nudge_tls_load_certs(mbedtls_x509_crt *chain, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return MBEDTLS_ERR_X509_FILE_IO_ERROR;
    size_t cap = 1 << 16, len = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len + 1 < cap) break;
        unsigned char *grown = realloc(buf, cap * 2);
        if (!grown) { free(buf); buf = NULL; break; }
        buf = grown;
        cap *= 2;
    }
    fclose(f);
    if (!buf) return MBEDTLS_ERR_X509_ALLOC_FAILED;
    buf[len] = 0;
    /* PEM needs the terminating NUL counted; a bundle may contain certificates mbedTLS cannot
     * parse (positive return = how many were skipped), which is fine as long as some loaded. */
    bool pem = strstr((const char *)buf, "-----BEGIN") != NULL;
    int rc = mbedtls_x509_crt_parse(chain, buf, pem ? len + 1 : len);
    free(buf);
    return rc < 0 ? rc : 0;
}
