/* The TLS offer of the device (versions, cipher suites, groups, signature algorithms) as data,
 * shared by the host build and the ESP-IDF build so both send the same ClientHello. */
#ifndef NUDGE_TLS_PROFILE_H
#define NUDGE_TLS_PROFILE_H

#include <stdint.h>

#include "mbedtls/ssl.h"
#include "nudge_transport.h"

typedef struct {
    const char *name;
    mbedtls_ssl_protocol_version min_version, max_version;
    const int *suites;              /* 0-terminated mbedTLS ciphersuite ids */
    const uint16_t *groups;         /* 0-terminated IANA group ids, first one gets the key share */
    const uint16_t *sig_algs;       /* 0-terminated IANA SignatureScheme ids */
} nudge_tls_profile;

/** The profile for an id. */
const nudge_tls_profile *nudge_tls_profile_get(nudge_tls_profile_id id);
/** Fallback for TLS 1.2-only servers that pick RSA-PSS in ServerKeyExchange: 1.2, no PSS. */
const nudge_tls_profile *nudge_tls_profile_tls12_pkcs1(void);
/** Puts a profile into an mbedTLS config (the arrays must outlive the config). */
void nudge_tls_profile_apply(mbedtls_ssl_config *conf, const nudge_tls_profile *p);

/** Name of an IANA group id ("x25519"), or "0x...." into buf. */
const char *nudge_tls_group_name(uint16_t id, char buf[8]);
/** Name of an IANA SignatureScheme ("rsa_pss_rsae_sha256"), or "0x....". */
const char *nudge_tls_sig_alg_name(uint16_t id, char buf[8]);
/** "TLSv1.2"/"TLSv1.3" for a wire version. */
const char *nudge_tls_version_name(uint16_t v);
/** Name of a TLS alert description ("handshake_failure"). */
const char *nudge_tls_alert_name(int alert);

#endif
