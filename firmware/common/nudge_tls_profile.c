#include "nudge_tls_profile.h"

#include <stdio.h>

enum {
    G_SECP256R1 = 23, G_SECP384R1 = 24, G_SECP521R1 = 25, G_X25519 = 29,
};

/* TLS 1.3 suites first (mbedTLS offers 1.3 suites only in 1.3 and 1.2 suites only in 1.2).
 * ChaCha20 before AES-256: without AES hardware it is faster, and servers that honour client
 * order then pick it; most servers use their own order anyway. */
static const int DEVICE_SUITES[] = {
    MBEDTLS_TLS1_3_AES_128_GCM_SHA256,
    MBEDTLS_TLS1_3_CHACHA20_POLY1305_SHA256,
    MBEDTLS_TLS1_3_AES_256_GCM_SHA384,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    MBEDTLS_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    0};

/* mbedTLS sends a key share for the first group only, so the first group decides how often a
 * server answers with HelloRetryRequest. Measured (test/tls-matrix.test.ts) over the 7 matrix
 * rows plus Caddy with its default curves (x25519, P-256: the reference proxy): x25519 first
 * 2 HRRs (Caddy rsa4096, P-384-only), secp256r1 first 2 (Caddy x25519, P-384-only), secp384r1
 * first 2 (Caddy x25519, Caddy defaults, i.e. on every poll of the reference set-up). Tied, so
 * x25519 leads: it is every mainstream server's first preference. */
static const uint16_t DEVICE_GROUPS[] = {G_X25519, G_SECP256R1, G_SECP384R1, 0};

static const uint16_t DEVICE_SIG_ALGS[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
    MBEDTLS_TLS1_3_SIG_NONE};

/* mbedTLS 3.6's TLS 1.2 client cannot verify an rsa_pss_rsae_* ServerKeyExchange signature
 * (-0x6600), so the 1.2 fallback leaves PSS out and the server signs with PKCS#1 v1.5. */
static const uint16_t PKCS1_SIG_ALGS[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
    MBEDTLS_TLS1_3_SIG_NONE};

/* The "failing small device": the least a TLS 1.3 client may offer (RFC 8446 §9.1). */
static const int RESTRICTED_SUITES[] = {MBEDTLS_TLS1_3_AES_128_GCM_SHA256, 0};
static const uint16_t RESTRICTED_GROUPS[] = {G_SECP256R1, 0};
static const uint16_t RESTRICTED_SIG_ALGS[] = {MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256, MBEDTLS_TLS1_3_SIG_NONE};

static const nudge_tls_profile DEVICE = {
    "device", MBEDTLS_SSL_VERSION_TLS1_2, MBEDTLS_SSL_VERSION_TLS1_3, DEVICE_SUITES, DEVICE_GROUPS, DEVICE_SIG_ALGS};
static const nudge_tls_profile RESTRICTED = {
    "restricted", MBEDTLS_SSL_VERSION_TLS1_3, MBEDTLS_SSL_VERSION_TLS1_3, RESTRICTED_SUITES, RESTRICTED_GROUPS,
    RESTRICTED_SIG_ALGS};
static const nudge_tls_profile TLS12_PKCS1 = {
    "tls12-pkcs1", MBEDTLS_SSL_VERSION_TLS1_2, MBEDTLS_SSL_VERSION_TLS1_2, DEVICE_SUITES, DEVICE_GROUPS, PKCS1_SIG_ALGS};

const nudge_tls_profile *nudge_tls_profile_get(nudge_tls_profile_id id) {
    return id == NUDGE_TLS_PROFILE_RESTRICTED ? &RESTRICTED : &DEVICE;
}

const nudge_tls_profile *nudge_tls_profile_tls12_pkcs1(void) { return &TLS12_PKCS1; }

void nudge_tls_profile_apply(mbedtls_ssl_config *conf, const nudge_tls_profile *p) {
    mbedtls_ssl_conf_min_tls_version(conf, p->min_version);
    mbedtls_ssl_conf_max_tls_version(conf, p->max_version);
    mbedtls_ssl_conf_ciphersuites(conf, p->suites);
    mbedtls_ssl_conf_groups(conf, p->groups);
    mbedtls_ssl_conf_sig_algs(conf, p->sig_algs);
}

const char *nudge_tls_group_name(uint16_t id, char buf[8]) {
    switch (id) {
    case G_SECP256R1: return "secp256r1";
    case G_SECP384R1: return "secp384r1";
    case G_SECP521R1: return "secp521r1";
    case G_X25519: return "x25519";
    case 30: return "x448";
    case 256: return "ffdhe2048";
    case 0x11EC: return "X25519MLKEM768";
    default: snprintf(buf, 8, "0x%04x", id); return buf;
    }
}

const char *nudge_tls_sig_alg_name(uint16_t id, char buf[8]) {
    switch (id) {
    case 0x0401: return "rsa_pkcs1_sha256";
    case 0x0501: return "rsa_pkcs1_sha384";
    case 0x0601: return "rsa_pkcs1_sha512";
    case 0x0403: return "ecdsa_secp256r1_sha256";
    case 0x0503: return "ecdsa_secp384r1_sha384";
    case 0x0603: return "ecdsa_secp521r1_sha512";
    case 0x0804: return "rsa_pss_rsae_sha256";
    case 0x0805: return "rsa_pss_rsae_sha384";
    case 0x0806: return "rsa_pss_rsae_sha512";
    case 0x0807: return "ed25519";
    case 0x0809: return "rsa_pss_pss_sha256";
    case 0x0201: return "rsa_pkcs1_sha1";
    case 0x0203: return "ecdsa_sha1";
    default: snprintf(buf, 8, "0x%04x", id); return buf;
    }
}

const char *nudge_tls_version_name(uint16_t v) {
    switch (v) {
    case 0x0304: return "TLSv1.3";
    case 0x0303: return "TLSv1.2";
    case 0x0302: return "TLSv1.1";
    case 0x0301: return "TLSv1.0";
    default: return "unknown";
    }
}

const char *nudge_tls_alert_name(int alert) {
    switch (alert) {
    case 0: return "close_notify";
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 22: return "record_overflow";
    case 40: return "handshake_failure";
    case 42: return "bad_certificate";
    case 43: return "unsupported_certificate";
    case 44: return "certificate_revoked";
    case 45: return "certificate_expired";
    case 46: return "certificate_unknown";
    case 47: return "illegal_parameter";
    case 48: return "unknown_ca";
    case 50: return "decode_error";
    case 51: return "decrypt_error";
    case 70: return "protocol_version";
    case 71: return "insufficient_security";
    case 80: return "internal_error";
    case 86: return "inappropriate_fallback";
    case 109: return "missing_extension";
    case 110: return "unsupported_extension";
    case 112: return "unrecognized_name";
    case 116: return "certificate_required";
    case 120: return "no_application_protocol";
    default: return "unknown_alert";
    }
}
