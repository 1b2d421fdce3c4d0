#include "nudge_tls_diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl_ciphersuites.h"
#include "mbedtls/x509.h"
#include "mbedtls/x509_crt.h"

/* Appends formatted text, never overflowing (the buffer is always NUL-terminated). */
static void add(char *out, size_t cap, const char *fmt, ...) {
    size_t len = strlen(out);
    if (len + 1 >= cap) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + len, cap - len, fmt, ap);
    va_end(ap);
}

static void add_groups(char *out, size_t cap, const nudge_u16_list *l) {
    char buf[8];
    for (size_t i = 0; i < l->n; i++) add(out, cap, "%s%s", i ? "," : "", nudge_tls_group_name(l->v[i], buf));
    if (l->n == 0) add(out, cap, "none");
}

static void add_sig_algs(char *out, size_t cap, const nudge_u16_list *l) {
    char buf[8];
    for (size_t i = 0; i < l->n; i++) add(out, cap, "%s%s", i ? "," : "", nudge_tls_sig_alg_name(l->v[i], buf));
    if (l->n == 0) add(out, cap, "none");
}

static const char *suite_name(uint16_t id, char buf[8]) {
    const char *n = mbedtls_ssl_get_ciphersuite_name(id);
    if (n && strcmp(n, "unknown") != 0) return n;
    snprintf(buf, 8, "0x%04x", id);
    return buf;
}

void nudge_tls_describe_offer(const nudge_tls_wire *w, char *out, size_t cap) {
    char buf[8];
    add(out, cap, "offered: versions ");
    for (size_t i = 0; i < w->versions.n; i++) add(out, cap, "%s%s", i ? "," : "", nudge_tls_version_name(w->versions.v[i]));
    add(out, cap, "; suites ");
    size_t shown = 0;
    for (size_t i = 0; i < w->suites.n; i++) {
        if (w->suites.v[i] == 0x00FF) continue; /* renegotiation SCSV is not a suite */
        add(out, cap, "%s%s", shown++ ? "," : "", suite_name(w->suites.v[i], buf));
    }
    add(out, cap, "; groups ");
    add_groups(out, cap, &w->groups);
    add(out, cap, "; key share ");
    add_groups(out, cap, &w->key_shares);
    add(out, cap, "; sig algs ");
    add_sig_algs(out, cap, &w->sig_algs);
    add(out, cap, "; SNI %s\n", w->sni[0] ? w->sni : "(none)");
}

const char *nudge_tls_state_name(int state) {
    switch (state) {
    case MBEDTLS_SSL_HELLO_REQUEST: return "start";
    case MBEDTLS_SSL_CLIENT_HELLO: return "ClientHello";
    case MBEDTLS_SSL_SERVER_HELLO: return "ServerHello";
    case MBEDTLS_SSL_SERVER_CERTIFICATE: return "server Certificate";
    case MBEDTLS_SSL_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
    case MBEDTLS_SSL_CERTIFICATE_REQUEST: return "CertificateRequest";
    case MBEDTLS_SSL_SERVER_HELLO_DONE: return "ServerHelloDone";
    case MBEDTLS_SSL_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
    case MBEDTLS_SSL_CERTIFICATE_VERIFY: return "server CertificateVerify";
    case MBEDTLS_SSL_ENCRYPTED_EXTENSIONS: return "EncryptedExtensions";
    case MBEDTLS_SSL_SERVER_FINISHED: return "server Finished";
    case MBEDTLS_SSL_CLIENT_FINISHED: return "client Finished";
    case MBEDTLS_SSL_SERVER_CHANGE_CIPHER_SPEC: return "server ChangeCipherSpec";
    case MBEDTLS_SSL_CLIENT_CHANGE_CIPHER_SPEC: return "client ChangeCipherSpec";
    case MBEDTLS_SSL_HANDSHAKE_WRAPUP: return "wrap-up";
    case MBEDTLS_SSL_HANDSHAKE_OVER: return "done";
    default: return "handshake";
    }
}

static bool offers(const nudge_u16_list *l, uint16_t v) {
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == v) return true;
    return false;
}

static void certificate_cause(const nudge_tls_attempt *a, nudge_failure *why) {
    uint32_t f = a->verify_flags;
    why->kind = NUDGE_FAIL_TLS_CERTIFICATE;
    char *s = why->summary, *d = why->detail;
    size_t sc = sizeof why->summary, dc = sizeof why->detail;
    if (a->leaf_seen) add(d, dc, "certificate: subject %s; issuer %s; names %s; valid until %s\n", a->leaf_subject,
                          a->leaf_issuer, a->leaf_names[0] ? a->leaf_names : "(none)", a->leaf_not_after);
    if (f & MBEDTLS_X509_BADCERT_CN_MISMATCH) {
        add(s, sc, "certificate is not valid for %s (it names %s)", a->host, a->leaf_names[0] ? a->leaf_names : "other hosts");
        add(d, dc, "cause: the server's certificate does not name the host in the URL\n"
                   "fix: use a URL with a host name the certificate lists, or reissue the certificate for %s\n", a->host);
    } else if (f & MBEDTLS_X509_BADCERT_EXPIRED) {
        add(s, sc, "certificate expired (valid until %s)", a->leaf_not_after);
        add(d, dc, "cause: the server's certificate (or one in its chain) has expired\n"
                   "fix: renew the server certificate; if it is current, set the device clock (SNTP)\n");
    } else if (f & MBEDTLS_X509_BADCERT_FUTURE) {
        add(s, sc, "certificate is not valid yet");
        add(d, dc, "cause: the certificate's notBefore is in the future for this device\n"
                   "fix: set the device clock (SNTP) before connecting\n");
    } else if ((f & MBEDTLS_X509_BADCERT_NOT_TRUSTED) && a->leaf_self_signed) {
        add(s, sc, "self-signed certificate is not trusted");
        add(d, dc, "cause: the server presents a self-signed certificate and no user CA matches it\n"
                   "fix: configure that certificate (PEM) as the user CA (host: --ca FILE)\n");
    } else if (f & MBEDTLS_X509_BADCERT_NOT_TRUSTED) {
        add(s, sc, "certificate issued by an unknown CA (%s)", a->leaf_issuer);
        add(d, dc, "cause: the chain does not lead to the certificate bundle or the user CA\n"
                   "fix: configure the server's CA certificate (PEM) as the user CA (host: --ca FILE), "
                   "or have the server send its intermediate certificates\n");
    } else if (f & (MBEDTLS_X509_BADCERT_BAD_KEY | MBEDTLS_X509_BADCERT_BAD_MD | MBEDTLS_X509_BADCERT_BAD_PK)) {
        add(s, sc, "certificate uses a key or hash the device does not accept");
        add(d, dc, "cause: weak key (RSA < 2048 bits) or unsupported hash/curve in the chain\n"
                   "fix: reissue the certificate with RSA-2048+ or ECDSA P-256/P-384 and SHA-256+\n");
    } else {
        char text[96];
        mbedtls_x509_crt_verify_info(text, sizeof text, "", f);
        text[strcspn(text, "\n")] = 0;
        add(s, sc, "certificate rejected: %s", text);
        add(d, dc, "cause: certificate verification failed (flags 0x%08x)\nfix: check the server's certificate chain\n",
            (unsigned)f);
    }
}

void nudge_tls_diagnose(const nudge_tls_attempt *a, nudge_failure *why) {
    const nudge_tls_wire *w = a->wire;
    char buf[8], err[96];
    why->kind = NUDGE_FAIL_TLS_HANDSHAKE;
    why->code = a->error;
    why->alert = a->alert;
    why->summary[0] = why->detail[0] = 0;
    char *s = why->summary, *d = why->detail;
    size_t sc = sizeof why->summary, dc = sizeof why->detail;

    nudge_tls_describe_offer(w, d, dc);
    add(d, dc, "stopped in: %s", nudge_tls_state_name(a->state));
    if (w->hello_retry_requests) add(d, dc, "; %d HelloRetryRequest (server asked for %s)", w->hello_retry_requests,
                                     nudge_tls_group_name(w->hrr_group, buf));
    if (w->server_hello) {
        add(d, dc, "; server chose %s, %s", nudge_tls_version_name(w->version), suite_name(w->suite, buf));
        if (w->group) add(d, dc, ", group %s", nudge_tls_group_name(w->group, buf));
        if (w->ske_sig_alg) add(d, dc, ", ServerKeyExchange signed with %s", nudge_tls_sig_alg_name(w->ske_sig_alg, buf));
    }
    add(d, dc, "\n");
    if (a->alert >= 0) add(d, dc, "alert: %s (%d) from the server\n", nudge_tls_alert_name(a->alert), a->alert);
    mbedtls_strerror(a->error, err, sizeof err);
    add(d, dc, "error: -0x%04x %s\n", (unsigned)-a->error, err);

    if (a->verify_flags || a->error == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
        certificate_cause(a, why);
        return;
    }
    if (a->plain_http_reply) {
        add(s, sc, "the server answered in plain HTTP, not TLS");
        add(d, dc, "cause: this port serves http://, not https://\nfix: use an http:// URL or the server's TLS port\n");
        return;
    }
    if (w->server_hello && w->version == 0x0303 && a->error == MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER &&
        (w->ske_sig_alg & 0xFF00) == 0x0800) {
        add(s, sc, "TLS 1.2 server signed with %s, which the TLS 1.2 client rejects",
            nudge_tls_sig_alg_name(w->ske_sig_alg, buf));
        add(d, dc, "cause: the ClientHello offers RSA-PSS (needed for TLS 1.3); this TLS 1.2-only server picked "
                   "it for ServerKeyExchange and mbedTLS 3.6's TLS 1.2 client does not accept it there\n"
                   "fix: retry as TLS 1.2 only without rsa_pss_* (profile tls12-pkcs1); the transport does this "
                   "automatically and remembers it per host\n");
        return;
    }
    if (!w->server_hello && (a->alert == 70 || a->error == MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION)) {
        add(s, sc, "no common TLS version");
        add(d, dc, "cause: the server speaks none of the offered versions\n"
                   "fix: enable TLS 1.2 and 1.3 (CONFIG_MBEDTLS_SSL_PROTO_TLS1_2=y, CONFIG_MBEDTLS_SSL_PROTO_TLS1_3=y)\n");
        return;
    }
    if (w->server_hello && a->profile->min_version == MBEDTLS_SSL_VERSION_TLS1_3 && w->version == 0x0303) {
        add(s, sc, "server speaks only TLS 1.2");
        add(d, dc, "cause: the offer is TLS 1.3 only\nfix: enable TLS 1.2 (CONFIG_MBEDTLS_SSL_PROTO_TLS1_2=y)\n");
        return;
    }
    if (!w->server_hello && (a->alert == 40 || a->alert == 71 || a->alert == 47)) {
        add(s, sc, "server rejected the ClientHello (%s)", nudge_tls_alert_name(a->alert));
        add(d, dc, "cause: nothing in common between the offer and the server: ");
        /* Name the suspects in the order they usually bite, given what this offer lacks. */
        bool narrow_groups = !offers(&w->groups, 29) || !offers(&w->groups, 23);
        bool narrow_sigs = !offers(&w->sig_algs, 0x0804) || !offers(&w->sig_algs, 0x0403);
        if (narrow_groups) {
            add(d, dc, "key-exchange group (offered only ");
            add_groups(d, dc, &w->groups);
            add(d, dc, ")%s", narrow_sigs ? " or " : "");
        }
        if (narrow_sigs) {
            add(d, dc, "signature algorithm for the server's key (offered only ");
            add_sig_algs(d, dc, &w->sig_algs);
            add(d, dc, ")");
        }
        if (!narrow_groups && !narrow_sigs) {
            add(d, dc, "the server accepts only groups, signature algorithms or cipher suites outside this offer\n"
                       "fix: `tls-probe URL` tries each change alone and names the one that works\n");
        } else {
            add(d, dc, "\nfix: offer the device profile's groups (x25519,secp256r1,secp384r1) and signature algorithms "
                       "(ECDSA, RSA-PSS, PKCS#1); `tls-probe` tries each change alone and names the one that works\n");
        }
        return;
    }
    if (a->error == MBEDTLS_ERR_SSL_TIMEOUT) {
        why->kind = NUDGE_FAIL_TIMEOUT;
        add(s, sc, "TLS handshake timed out at %s", nudge_tls_state_name(a->state));
        add(d, dc, "cause: the server stopped answering\nfix: check the port and any firewall in between\n");
        return;
    }
    if (a->error == MBEDTLS_ERR_SSL_CONN_EOF || a->error == MBEDTLS_ERR_NET_CONN_RESET) {
        add(s, sc, "server closed the connection during %s", nudge_tls_state_name(a->state));
        add(d, dc, "cause: the server dropped the handshake without an alert (not a TLS port, or it "
                   "rejects the offer silently)\nfix: check the URL's port; try `tls-probe` for variants\n");
        return;
    }
    if (a->alert >= 0) add(s, sc, "handshake failed at %s: server sent %s", nudge_tls_state_name(a->state), nudge_tls_alert_name(a->alert));
    else add(s, sc, "handshake failed at %s: %s", nudge_tls_state_name(a->state), err);
    add(d, dc, "cause: see error above\nfix: run `tls-probe` against this URL for variants\n");
}

static const char *group_kconfig(uint16_t id) {
    switch (id) {
    case 29: return "CURVE25519";
    case 23: return "SECP256R1";
    case 24: return "SECP384R1";
    case 25: return "SECP521R1";
    default: return NULL;
    }
}

void nudge_tls_cause_text(nudge_cause cause, const nudge_tls_attempt *a, const nudge_tls_profile *works, char *out,
                          size_t cap) {
    char buf[8];
    out[0] = 0;
    const nudge_tls_wire *w = a->wire;
    switch (cause) {
    case NUDGE_CAUSE_GROUPS:
        add(out, cap, "cause: no common key-exchange group: the server accepts none of ");
        add_groups(out, cap, &w->groups);
        add(out, cap, "\nfix: offer");
        for (const uint16_t *g = works->groups; *g; g++) {
            if (offers(&w->groups, *g)) continue;
            const char *k = group_kconfig(*g);
            add(out, cap, " %s", nudge_tls_group_name(*g, buf));
            if (k) add(out, cap, " (CONFIG_MBEDTLS_ECP_DP_%s_ENABLED=y)", k);
        }
        add(out, cap, " in the group list of firmware/common/nudge_tls_profile.c\n");
        break;
    case NUDGE_CAUSE_SIG_ALGS:
        add(out, cap, "cause: no common signature algorithm: the server's certificate key cannot sign with any of ");
        add_sig_algs(out, cap, &w->sig_algs);
        add(out, cap, " (an RSA key needs rsa_pss_rsae_* in TLS 1.3)\nfix: offer RSA-PSS and PKCS#1 signature "
                      "algorithms (MBEDTLS_PKCS1_V21/V15, always on in ESP-IDF; list in nudge_tls_profile.c)\n");
        break;
    case NUDGE_CAUSE_SUITES:
        add(out, cap, "cause: no common cipher suite\nfix: offer AES-256-GCM and ChaCha20-Poly1305 "
                      "(CONFIG_MBEDTLS_CHACHAPOLY_C=y, CONFIG_MBEDTLS_GCM_C=y)\n");
        break;
    case NUDGE_CAUSE_VERSIONS:
        if (works->max_version == MBEDTLS_SSL_VERSION_TLS1_2 && works->min_version == MBEDTLS_SSL_VERSION_TLS1_2)
            add(out, cap, "cause: the server fails the handshake when TLS 1.3 is offered but completes TLS 1.2\n"
                          "fix: limit this host to TLS 1.2 (or fix the server's TLS 1.3 set-up)\n");
        else if (works->min_version == MBEDTLS_SSL_VERSION_TLS1_3)
            add(out, cap, "cause: the server fails the handshake when TLS 1.2 is offered too (version intolerance)\n"
                          "fix: limit this host to TLS 1.3\n");
        else
            add(out, cap, "cause: no common TLS version\nfix: enable TLS 1.2 (CONFIG_MBEDTLS_SSL_PROTO_TLS1_2=y)\n");
        break;
    }
}
