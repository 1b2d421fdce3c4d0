// Generates the host build's mbedTLS config header from sdkconfig.defaults, the way ESP-IDF's
// components/mbedtls/port/include/mbedtls/esp_config.h turns sdkconfig.h into mbedTLS macros:
// start from mbedTLS's own default config, then switch each macro on or off from its Kconfig
// symbol. Symbols that sdkconfig.defaults does not set take ESP-IDF v5.5's Kconfig default, so
// the host library has the same features, buffer sizes and protocol versions as the device.
//
// usage: node gen-config.mjs SDKCONFIG_DEFAULTS OUT_HEADER   (or --resolved to print symbols)
import { readFileSync, writeFileSync } from "node:fs";

// [Kconfig symbol, ESP-IDF v5.5 default (value or function of the resolved config), macros,
//  optional macros that are only removed when the symbol is off].
// Defaults that are functions model Kconfig `depends on`/`select` for the symbols we touch.
const on = (name) => (c) => c[name] === "y" ? "y" : "n";
const BOOL = [
  ["MBEDTLS_HAVE_TIME", "y", ["MBEDTLS_HAVE_TIME"]],
  ["MBEDTLS_HAVE_TIME_DATE", "n", ["MBEDTLS_HAVE_TIME_DATE"]],
  ["MBEDTLS_PLATFORM_TIME_ALT", "n", ["MBEDTLS_PLATFORM_TIME_ALT"]],
  ["MBEDTLS_ECP_RESTARTABLE", "n", ["MBEDTLS_ECP_RESTARTABLE"]],
  ["MBEDTLS_ECDH_LEGACY_CONTEXT", "n", ["MBEDTLS_ECDH_LEGACY_CONTEXT"]],
  ["MBEDTLS_CMAC_C", "n", ["MBEDTLS_CMAC_C"]],
  ["MBEDTLS_ECP_DP_SECP192R1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP192R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_SECP224R1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP224R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_SECP256R1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP256R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_SECP384R1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP384R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_SECP521R1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP521R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_SECP192K1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP192K1_ENABLED"]],
  ["MBEDTLS_ECP_DP_SECP224K1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP224K1_ENABLED"]],
  ["MBEDTLS_ECP_DP_SECP256K1_ENABLED", "y", ["MBEDTLS_ECP_DP_SECP256K1_ENABLED"]],
  ["MBEDTLS_ECP_DP_BP256R1_ENABLED", "y", ["MBEDTLS_ECP_DP_BP256R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_BP384R1_ENABLED", "y", ["MBEDTLS_ECP_DP_BP384R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_BP512R1_ENABLED", "y", ["MBEDTLS_ECP_DP_BP512R1_ENABLED"]],
  ["MBEDTLS_ECP_DP_CURVE25519_ENABLED", "y", ["MBEDTLS_ECP_DP_CURVE25519_ENABLED"]],
  ["MBEDTLS_ECP_NIST_OPTIM", "y", ["MBEDTLS_ECP_NIST_OPTIM"]],
  ["MBEDTLS_ECDSA_DETERMINISTIC", "y", ["MBEDTLS_ECDSA_DETERMINISTIC"]],
  ["MBEDTLS_KEY_EXCHANGE_PSK", "n", ["MBEDTLS_KEY_EXCHANGE_PSK_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_DHE_PSK", "n", ["MBEDTLS_KEY_EXCHANGE_DHE_PSK_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_ECDHE_PSK", "n", ["MBEDTLS_KEY_EXCHANGE_ECDHE_PSK_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_RSA_PSK", "n", ["MBEDTLS_KEY_EXCHANGE_RSA_PSK_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_RSA", "y", ["MBEDTLS_KEY_EXCHANGE_RSA_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_DHE_RSA", "n", ["MBEDTLS_KEY_EXCHANGE_DHE_RSA_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_ECDHE_RSA", "y", ["MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA", "y", ["MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_ECDH_ECDSA", "y", ["MBEDTLS_KEY_EXCHANGE_ECDH_ECDSA_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_ECDH_RSA", "y", ["MBEDTLS_KEY_EXCHANGE_ECDH_RSA_ENABLED"]],
  ["MBEDTLS_KEY_EXCHANGE_ECJPAKE", "n", ["MBEDTLS_KEY_EXCHANGE_ECJPAKE_ENABLED"]],
  ["MBEDTLS_PK_PARSE_EC_EXTENDED", "y", ["MBEDTLS_PK_PARSE_EC_EXTENDED"]],
  ["MBEDTLS_PK_PARSE_EC_COMPRESSED", "y", ["MBEDTLS_PK_PARSE_EC_COMPRESSED"]],
  ["MBEDTLS_FS_IO", "n", ["MBEDTLS_FS_IO"], ["MBEDTLS_PSA_ITS_FILE_C", "MBEDTLS_PSA_CRYPTO_STORAGE_C"]],
  ["MBEDTLS_SSL_DTLS_CONNECTION_ID", "n", ["MBEDTLS_SSL_DTLS_CONNECTION_ID"]],
  ["MBEDTLS_SSL_CONTEXT_SERIALIZATION", "n", ["MBEDTLS_SSL_CONTEXT_SERIALIZATION"]],
  ["MBEDTLS_TLS_ENABLED", (c) => c.MBEDTLS_TLS_CLIENT === "y" || c.MBEDTLS_TLS_SERVER === "y" ? "y" : "n",
    ["MBEDTLS_SSL_ENCRYPT_THEN_MAC", "MBEDTLS_SSL_EXTENDED_MASTER_SECRET", "MBEDTLS_SSL_TLS_C"]],
  ["MBEDTLS_SSL_KEEP_PEER_CERTIFICATE", "y", ["MBEDTLS_SSL_KEEP_PEER_CERTIFICATE"]],
  ["MBEDTLS_SSL_KEYING_MATERIAL_EXPORT", "n", ["MBEDTLS_SSL_KEYING_MATERIAL_EXPORT"]],
  ["MBEDTLS_SSL_RENEGOTIATION", "y", ["MBEDTLS_SSL_RENEGOTIATION"]],
  ["MBEDTLS_SSL_PROTO_TLS1_2", "y", ["MBEDTLS_SSL_PROTO_TLS1_2"]],
  ["MBEDTLS_SSL_PROTO_TLS1_3", "n", ["MBEDTLS_SSL_PROTO_TLS1_3"]],
  ["MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE", on("MBEDTLS_SSL_PROTO_TLS1_3"), ["MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE"]],
  ["MBEDTLS_SSL_TLS1_3_KEXM_PSK", on("MBEDTLS_SSL_PROTO_TLS1_3"), ["MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED"]],
  ["MBEDTLS_SSL_TLS1_3_KEXM_EPHEMERAL", on("MBEDTLS_SSL_PROTO_TLS1_3"), ["MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED"]],
  ["MBEDTLS_SSL_TLS1_3_KEXM_PSK_EPHEMERAL", on("MBEDTLS_SSL_PROTO_TLS1_3"), ["MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED"]],
  ["MBEDTLS_SSL_PROTO_DTLS", "n", ["MBEDTLS_SSL_PROTO_DTLS", "MBEDTLS_SSL_DTLS_ANTI_REPLAY",
    "MBEDTLS_SSL_DTLS_HELLO_VERIFY", "MBEDTLS_SSL_DTLS_SRTP", "MBEDTLS_SSL_DTLS_CLIENT_PORT_REUSE"]],
  ["MBEDTLS_SSL_ALPN", "y", ["MBEDTLS_SSL_ALPN"]],
  ["MBEDTLS_CLIENT_SSL_SESSION_TICKETS", "y", ["MBEDTLS_SSL_SESSION_TICKETS"]],
  ["MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH", "n", ["MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH"]],
  ["MBEDTLS_AES_C", "y", ["MBEDTLS_AES_C"]],
  ["MBEDTLS_BLOWFISH_C", "n", ["MBEDTLS_BLOWFISH_C"]],
  ["MBEDTLS_CAMELLIA_C", "n", ["MBEDTLS_CAMELLIA_C"]],
  ["MBEDTLS_CCM_C", "y", ["MBEDTLS_CCM_C"]],
  ["MBEDTLS_CHACHA20_C", "n", ["MBEDTLS_CHACHA20_C"]],
  ["MBEDTLS_CHACHAPOLY_C", "n", ["MBEDTLS_CHACHAPOLY_C"]],
  ["MBEDTLS_DEBUG", "n", ["MBEDTLS_DEBUG_C"]],
  ["MBEDTLS_DES_C", "n", ["MBEDTLS_DES_C"]],
  ["MBEDTLS_DHM_C", "n", ["MBEDTLS_DHM_C"]],
  ["MBEDTLS_ECDH_C", "y", ["MBEDTLS_ECDH_C"]],
  ["MBEDTLS_ECDSA_C", "y", ["MBEDTLS_ECDSA_C"]],
  ["MBEDTLS_ECJPAKE_C", "n", ["MBEDTLS_ECJPAKE_C"]],
  ["MBEDTLS_ECP_C", "y", ["MBEDTLS_ECP_C"]],
  ["MBEDTLS_ERROR_STRINGS", "y", ["MBEDTLS_ERROR_C"]],
  ["MBEDTLS_ALLOW_WEAK_CERTIFICATE_VERIFICATION", "n", ["MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME"]],
  ["MBEDTLS_GCM_C", "y", ["MBEDTLS_GCM_C"]],
  ["MBEDTLS_HKDF_C", on("MBEDTLS_SSL_PROTO_TLS1_3"), ["MBEDTLS_HKDF_C"]],
  ["MBEDTLS_PEM_PARSE_C", "y", ["MBEDTLS_PEM_PARSE_C"]],
  ["MBEDTLS_PEM_WRITE_C", "y", ["MBEDTLS_PEM_WRITE_C"]],
  ["MBEDTLS_PKCS7_C", "y", ["MBEDTLS_PKCS7_C"]],
  ["MBEDTLS_POLY1305_C", "n", ["MBEDTLS_POLY1305_C"]],
  ["MBEDTLS_RIPEMD160_C", "n", ["MBEDTLS_RIPEMD160_C"]],
  ["MBEDTLS_SHA1_C", "y", ["MBEDTLS_SHA1_C"]],
  ["MBEDTLS_SHA512_C", "y", ["MBEDTLS_SHA384_C", "MBEDTLS_SHA512_C"]],
  ["MBEDTLS_SHA3_C", "n", ["MBEDTLS_SHA3_C"]],
  ["MBEDTLS_SERVER_SSL_SESSION_TICKETS", on("MBEDTLS_TLS_ENABLED"), ["MBEDTLS_SSL_TICKET_C"]],
  ["MBEDTLS_TLS_CLIENT", (c) => c.MBEDTLS_TLS_SERVER_ONLY === "y" || c.MBEDTLS_TLS_DISABLED === "y" ? "n" : "y", ["MBEDTLS_SSL_CLI_C"]],
  ["MBEDTLS_TLS_SERVER", (c) => c.MBEDTLS_TLS_CLIENT_ONLY === "y" || c.MBEDTLS_TLS_DISABLED === "y" ? "n" : "y", ["MBEDTLS_SSL_SRV_C"]],
  ["MBEDTLS_X509_CRL_PARSE_C", "y", ["MBEDTLS_X509_CRL_PARSE_C"]],
  ["MBEDTLS_X509_CSR_PARSE_C", "y", ["MBEDTLS_X509_CSR_PARSE_C"]],
  ["MBEDTLS_X509_TRUSTED_CERT_CALLBACK", "n", ["MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK"]],
  ["MBEDTLS_XTEA_C", "n", ["MBEDTLS_XTEA_C"]],
  ["MBEDTLS_THREADING_C", "n", ["MBEDTLS_THREADING_C"]],
  ["MBEDTLS_THREADING_ALT", "n", ["MBEDTLS_THREADING_ALT"]],
  ["MBEDTLS_THREADING_PTHREAD", "n", ["MBEDTLS_THREADING_PTHREAD"]],
  ["MBEDTLS_NIST_KW_C", "n", ["MBEDTLS_NIST_KW_C"]],
  ["MBEDTLS_ASYMMETRIC_CONTENT_LEN", "y", []],
];
// Numeric symbols: [symbol, default, macro, only when this bool symbol is y/n].
const INT = [
  ["MBEDTLS_SSL_IN_CONTENT_LEN", "16384", "MBEDTLS_SSL_IN_CONTENT_LEN", ["MBEDTLS_ASYMMETRIC_CONTENT_LEN", "y"]],
  ["MBEDTLS_SSL_OUT_CONTENT_LEN", "4096", "MBEDTLS_SSL_OUT_CONTENT_LEN", ["MBEDTLS_ASYMMETRIC_CONTENT_LEN", "y"]],
  ["MBEDTLS_SSL_MAX_CONTENT_LEN", "16384", "MBEDTLS_SSL_MAX_CONTENT_LEN", ["MBEDTLS_ASYMMETRIC_CONTENT_LEN", "n"]],
];
// Set by esp_config.h whatever the sdkconfig says (those mbedTLS's default config lacks, or
// that a distribution's patched default might drop).
const ALWAYS_DEFINE = [
  "MBEDTLS_PKCS1_V15", "MBEDTLS_PKCS1_V21", "MBEDTLS_X509_RSASSA_PSS_SUPPORT",
  "MBEDTLS_SSL_SERVER_NAME_INDICATION", "MBEDTLS_SSL_MAX_FRAGMENT_LENGTH",
  "MBEDTLS_SSL_ALL_ALERT_MESSAGES", "MBEDTLS_AES_ROM_TABLES", "MBEDTLS_SSL_FALLBACK_SCSV",
  "MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_KEY_EXCHANGE", "MBEDTLS_DEPRECATED_REMOVED",
  "MBEDTLS_ERROR_STRERROR_DUMMY", "MBEDTLS_VERSION_FEATURES",
];
const ALWAYS_VALUE = [
  ["MBEDTLS_SSL_TLS1_3_TICKET_AGE_TOLERANCE", "6000"],
  ["MBEDTLS_SSL_TLS1_3_TICKET_NONCE_LENGTH", "32"],
  ["MBEDTLS_SSL_TLS1_3_DEFAULT_NEW_SESSION_TICKETS", "1"],
  ["MBEDTLS_SSL_MAX_EARLY_DATA_SIZE", "1024"],
];
const ALWAYS_UNDEF = ["MBEDTLS_NET_C", "MBEDTLS_TIMING_C", "MBEDTLS_ECP_DP_CURVE448_ENABLED",
  "MBEDTLS_SSL_DTLS_CONNECTION_ID_COMPAT"];

/** Reads `CONFIG_X=value` lines (and `# CONFIG_X is not set`) into a symbol map. */
export function readSdkconfig(text) {
  const set = {};
  for (const line of text.split("\n")) {
    let m = line.match(/^CONFIG_([A-Z0-9_]+)=(.*)$/);
    if (m) { set[m[1]] = m[2].replace(/^"(.*)"$/, "$1"); continue; }
    m = line.match(/^# CONFIG_([A-Z0-9_]+) is not set/);
    if (m) set[m[1]] = "n";
  }
  return set;
}

/** Resolves every mapped symbol: explicit settings first, then ESP-IDF's defaults. */
export function resolve(set) {
  const c = { ...set };
  // Choice members default to the choice's default only when no member is set explicitly.
  const modes = ["MBEDTLS_TLS_SERVER_AND_CLIENT", "MBEDTLS_TLS_SERVER_ONLY", "MBEDTLS_TLS_CLIENT_ONLY", "MBEDTLS_TLS_DISABLED"];
  if (!modes.some((m) => c[m] === "y")) c.MBEDTLS_TLS_SERVER_AND_CLIENT = "y";
  // Defaults may refer to other symbols, so order-independent resolution needs a few passes.
  for (let pass = 0; pass < 3; pass++) {
    for (const [sym, def] of BOOL) {
      if (sym in set) continue;
      c[sym] = typeof def === "function" ? def(c) : def;
    }
  }
  for (const [sym, def] of INT) if (!(sym in set)) c[sym] = def;
  return c;
}

/** Renders the config header for a resolved symbol map. */
export function render(c, source) {
  const out = [
    `/* Generated by scripts/mbedtls/gen-config.mjs from ${source}; do not edit. */`,
    "#ifndef NUDGE_MBEDTLS_CONFIG_H",
    "#define NUDGE_MBEDTLS_CONFIG_H",
    "",
    "/* mbedTLS's own default configuration, as ESP-IDF's esp_config.h starts from it. */",
    '#include "mbedtls/mbedtls_config_upstream.h"',
    "",
    "/* Host platform: no hardware accelerators (no *_ALT), libc calloc behind",
    " * MBEDTLS_PLATFORM_MEMORY so the heap can be measured, OS entropy (as ESP-IDF's linux target). */",
    "#define MBEDTLS_PLATFORM_MEMORY",
    "",
  ];
  for (const [sym, , macros, offToo = []] of BOOL) {
    for (const m of macros) out.push(c[sym] === "y" ? `#define ${m}` : `#undef ${m}`);
    if (c[sym] !== "y") for (const m of offToo) out.push(`#undef ${m}`);
  }
  for (const [sym, , macro, [gate, want]] of INT) {
    out.push(`#undef ${macro}`);
    if (c[gate] === want) out.push(`#define ${macro} ${Number(c[sym])}`);
  }
  for (const m of ALWAYS_DEFINE) out.push(`#define ${m}`);
  for (const [m, v] of ALWAYS_VALUE) out.push(`#undef ${m}`, `#define ${m} ${v}`);
  for (const m of ALWAYS_UNDEF) out.push(`#undef ${m}`);
  out.push("", "#endif /* NUDGE_MBEDTLS_CONFIG_H */", "");
  return out.join("\n");
}

/** The symbol→macro table, exported so tests can check it against ESP-IDF's esp_config.h. */
export const TABLE = { BOOL, INT };

if (import.meta.url === `file://${process.argv[1]}`) {
  const [src, dest] = process.argv.slice(2);
  const resolved = resolve(readSdkconfig(readFileSync(src, "utf8")));
  if (dest === "--resolved") {
    for (const k of Object.keys(resolved).sort()) console.log(`${k}=${resolved[k]}`);
  } else {
    writeFileSync(dest, render(resolved, "sdkconfig.defaults"));
  }
}
