/* nudge_transport.h over esp_http_client's streaming API (open / write / fetch_headers / read),
 * one kept-alive connection per origin. TLS is configured in the crt_bundle_attach hook:
 * ESP-IDF's bundle, then the optional embedded user CA, then the shared TLS profile
 * (versions, suites, groups, signature algorithms) so the device sends the same ClientHello as
 * the host build. On ESP-IDF the config's path fields must be NULL: the user CA is embedded at
 * build time (NUDGE_CA_CERT_FILE) and per-host adaptations live in NVS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "esp_crt_bundle.h"
#include "esp_http_client.h"
#include "esp_log.h"
#include "esp_tls_errors.h"
#include "mbedtls/error.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

#include "nd_store.h"
#include "nudge_tls_profile.h"
#include "nudge_transport.h"

static const char *TAG = "nd_transport";

#define MAX_REDIRECTS 5
#define MAX_RESP_HEADERS 24
#define RESP_HEADER_CAP 2048
#define MAX_REQ_HEADERS 16
#define ORIGIN_CAP 300
#define ADAPT_NS "nudge_tls"
#define ADAPT_TLS12_PKCS1 "tls12-pkcs1"

#if NUDGE_HAVE_USER_CA
extern const char nudge_user_ca_pem_start[] asm("_binary_nudge_user_ca_pem_start");
extern const char nudge_user_ca_pem_end[] asm("_binary_nudge_user_ca_pem_end");
static mbedtls_x509_crt s_user_ca;
static bool s_user_ca_loaded;
#endif

/* The attach hook has no context argument; requests are made from one task at a time, so the
 * profile for the connection being opened is handed over here. */
static const nudge_tls_profile *s_hook_profile;

struct nudge_transport {
    nudge_transport_config cfg;
    esp_http_client_handle_t client;
    char origin[ORIGIN_CAP];             /* scheme://host:port of the open client */
    const nudge_tls_profile *profile;    /* profile of the open client */
    char set_headers[MAX_REQ_HEADERS][48]; /* names set on the client by the last request */
    size_t n_set_headers;
    int status;
    char resp_buf[RESP_HEADER_CAP];
    size_t resp_used;
    const char *resp_name[MAX_RESP_HEADERS], *resp_value[MAX_RESP_HEADERS];
    size_t n_resp;
    nudge_tls_info info;
    nudge_failure fail;
};

static esp_err_t attach_hook(void *conf)
{
    mbedtls_ssl_config *ssl_conf = conf;
    esp_err_t err = esp_crt_bundle_attach(conf);
    if (err != ESP_OK) {
        return err;
    }
#if NUDGE_HAVE_USER_CA
    /* The bundle's verify callback only steps in for chains the configured CA list does not
     * trust, so replacing its placeholder CA list with the user CA trusts both. */
    if (s_user_ca_loaded) {
        mbedtls_ssl_conf_ca_chain(ssl_conf, &s_user_ca, NULL);
    }
#endif
    nudge_tls_profile_apply(ssl_conf, s_hook_profile);
    return ESP_OK;
}

static void set_fail(nudge_transport *t, nudge_failure_kind kind, int code, const char *summary, const char *detail)
{
    t->fail.kind = kind;
    t->fail.code = code;
    t->fail.alert = -1;
    strlcpy(t->fail.summary, summary, sizeof t->fail.summary);
    strlcpy(t->fail.detail, detail, sizeof t->fail.detail);
}

/* scheme://host[:port] of url, lower-cased scheme; -1 if url is not absolute http(s). */
static int origin_of(const char *url, char *out, size_t cap)
{
    size_t skip;
    if (strncasecmp(url, "https://", 8) == 0) {
        skip = 8;
    } else if (strncasecmp(url, "http://", 7) == 0) {
        skip = 7;
    } else {
        return -1;
    }
    size_t n = skip + strcspn(url + skip, "/?#");
    if (n == skip || n >= cap) {
        return -1;
    }
    memcpy(out, url, n);
    out[n] = '\0';
    for (size_t i = 0; i < skip; i++) {
        out[i] = (char)(out[i] | 0x20);
    }
    return 0;
}

static void adapt_key(const char *origin, char key[16])
{
    uint32_t h = 2166136261u;   /* FNV-1a: NVS keys are limited to 15 characters */
    for (const char *p = origin; *p; p++) {
        h = (h ^ (uint8_t)*p) * 16777619u;
    }
    snprintf(key, 16, "h%08lx", (unsigned long)h);
}

static const nudge_tls_profile *remembered_profile(const nudge_transport *t, const char *origin)
{
    char key[16], value[32];
    size_t len = 0;
    adapt_key(origin, key);
    if (t->cfg.adapt && nd_store_get(ADAPT_NS, key, value, sizeof value - 1, &len) == ESP_OK) {
        value[len] = '\0';
        if (strcmp(value, ADAPT_TLS12_PKCS1) == 0) {
            return nudge_tls_profile_tls12_pkcs1();
        }
    }
    return nudge_tls_profile_get(t->cfg.profile);
}

static esp_err_t on_http_event(esp_http_client_event_t *ev)
{
    nudge_transport *t = ev->user_data;
    if (ev->event_id != HTTP_EVENT_ON_HEADER || t->n_resp >= MAX_RESP_HEADERS) {
        return ESP_OK;
    }
    size_t nk = strlen(ev->header_key) + 1, nv = strlen(ev->header_value) + 1;
    if (t->resp_used + nk + nv > sizeof t->resp_buf) {
        ESP_LOGW(TAG, "response header %s dropped (headers exceed %d bytes)", ev->header_key, RESP_HEADER_CAP);
        return ESP_OK;
    }
    char *k = t->resp_buf + t->resp_used;
    memcpy(k, ev->header_key, nk);
    char *v = k + nk;
    memcpy(v, ev->header_value, nv);
    t->resp_used += nk + nv;
    t->resp_name[t->n_resp] = k;
    t->resp_value[t->n_resp] = v;
    t->n_resp++;
    return ESP_OK;
}

static void drop_client(nudge_transport *t)
{
    if (t->client != NULL) {
        esp_http_client_cleanup(t->client);
        t->client = NULL;
    }
    t->origin[0] = '\0';
    t->n_set_headers = 0;
}

static int make_client(nudge_transport *t, const char *url, const char *origin, const nudge_tls_profile *profile)
{
    esp_http_client_config_t cfg = {
        .url = url,
        .timeout_ms = t->cfg.timeout_ms > 0 ? t->cfg.timeout_ms : 15000,
        .disable_auto_redirect = true,   /* redirects are followed here, keeping method and body */
        .event_handler = on_http_event,
        .user_data = t,
        .buffer_size = 4096,
        .buffer_size_tx = 2048,          /* request line + Authorization + Depth fit easily */
        .crt_bundle_attach = attach_hook,
        .keep_alive_enable = true,
        .user_agent = "Nudge/0.1 (ESP32-S3)",
    };
    t->client = esp_http_client_init(&cfg);
    if (t->client == NULL) {
        set_fail(t, NUDGE_FAIL_IO, 0, "out of memory creating the HTTP client", "");
        return -1;
    }
    strlcpy(t->origin, origin, sizeof t->origin);
    t->profile = profile;
    return 0;
}

static esp_http_client_method_t method_of(const char *m)
{
    static const struct {
        const char *name;
        esp_http_client_method_t method;
    } table[] = {
        {"GET", HTTP_METHOD_GET},           {"PUT", HTTP_METHOD_PUT},
        {"POST", HTTP_METHOD_POST},         {"DELETE", HTTP_METHOD_DELETE},
        {"HEAD", HTTP_METHOD_HEAD},         {"OPTIONS", HTTP_METHOD_OPTIONS},
        {"PROPFIND", HTTP_METHOD_PROPFIND}, {"REPORT", HTTP_METHOD_REPORT},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(m, table[i].name) == 0) {
            return table[i].method;
        }
    }
    return HTTP_METHOD_MAX;
}

static int apply_request(nudge_transport *t, const nudge_request *req, const char *url)
{
    esp_http_client_method_t method = method_of(req->method);
    if (method == HTTP_METHOD_MAX || req->n_headers > MAX_REQ_HEADERS) {
        set_fail(t, NUDGE_FAIL_URL, 0, "request not supported by the device's HTTP client", req->method);
        return -1;
    }
    for (size_t i = 0; i < t->n_set_headers; i++) {
        esp_http_client_delete_header(t->client, t->set_headers[i]);
    }
    t->n_set_headers = 0;
    for (size_t i = 0; i < req->n_headers; i++) {
        const nudge_header *h = &req->headers[i];
        if (strlen(h->name) >= sizeof t->set_headers[0] ||
            esp_http_client_set_header(t->client, h->name, h->value) != ESP_OK) {
            set_fail(t, NUDGE_FAIL_IO, 0, "could not set a request header", h->name);
            return -1;
        }
        strlcpy(t->set_headers[t->n_set_headers++], h->name, sizeof t->set_headers[0]);
    }
    if (esp_http_client_set_url(t->client, url) != ESP_OK || esp_http_client_set_method(t->client, method) != ESP_OK) {
        set_fail(t, NUDGE_FAIL_URL, 0, "malformed URL", url);
        return -1;
    }
    return 0;
}

/* Maps the failed open's transport error to a failure the user can act on. */
static void classify_open_failure(nudge_transport *t, esp_err_t open_err)
{
    int tls_code = 0, tls_flags = 0;
    esp_err_t last = esp_http_client_get_and_clear_last_tls_error(t->client, &tls_code, &tls_flags);
    char detail[sizeof t->fail.detail];
    const char *host = t->origin;
    if (last == ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME) {
        set_fail(t, NUDGE_FAIL_DNS, 0, "host name not found", host);
    } else if (last == ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT) {
        set_fail(t, NUDGE_FAIL_TIMEOUT, 0, "connection timed out", host);
    } else if (tls_flags != 0) {
        char why[120];
        mbedtls_x509_crt_verify_info(why, sizeof why, "", (uint32_t)tls_flags);
        snprintf(detail, sizeof detail, "%s: %s. A self-hosted CA needs NUDGE_CA_CERT_FILE in menuconfig.", host, why);
        set_fail(t, NUDGE_FAIL_TLS_CERTIFICATE, tls_code, "server certificate not trusted", detail);
    } else if (tls_code != 0) {
        char why[100];
        mbedtls_strerror(tls_code, why, sizeof why);
        snprintf(detail, sizeof detail, "%s: mbedTLS -0x%04x (%s) with profile %s; run `npm run -s tls-probe -- URL` "
                 "from a computer for a full diagnosis", host, (unsigned)-tls_code, why, t->profile->name);
        set_fail(t, NUDGE_FAIL_TLS_HANDSHAKE, tls_code, "TLS handshake failed", detail);
    } else {
        snprintf(detail, sizeof detail, "%s: %s (errno %d)", host, esp_err_to_name(open_err),
                 esp_http_client_get_errno(t->client));
        set_fail(t, NUDGE_FAIL_CONNECT, esp_http_client_get_errno(t->client), "could not connect", detail);
    }
}

/* Sends the request on the current client; retries once on a fresh connection when a kept-alive
 * one turns out to have been closed by the server. */
static int send_once(nudge_transport *t, const nudge_request *req, bool reused)
{
    t->n_resp = 0;
    t->resp_used = 0;
    esp_err_t err = esp_http_client_open(t->client, (int)req->body_len);
    if (err == ESP_OK && req->body_len > 0 &&
        esp_http_client_write(t->client, (const char *)req->body, (int)req->body_len) != (int)req->body_len) {
        err = ESP_ERR_HTTP_WRITE_DATA;
    }
    int64_t len = err == ESP_OK ? esp_http_client_fetch_headers(t->client) : -1;
    if (err == ESP_OK && len >= 0) {
        t->status = esp_http_client_get_status_code(t->client);
        return 0;
    }
    if (reused) {
        esp_http_client_close(t->client);
        return send_once(t, req, false);
    }
    if (err == ESP_OK) {
        set_fail(t, NUDGE_FAIL_HTTP, 0, "no valid HTTP response", t->origin);
    } else {
        classify_open_failure(t, err);
    }
    esp_http_client_close(t->client);
    return -1;
}

nudge_transport *nudge_transport_new(const nudge_transport_config *cfg, nudge_failure *why)
{
    if (cfg->ca_bundle_path != NULL || cfg->user_ca_path != NULL || cfg->cache_path != NULL) {
        if (why != NULL) {
            memset(why, 0, sizeof *why);
            why->kind = NUDGE_FAIL_URL;
            strlcpy(why->summary, "CA and cache files are built in on the device; pass NULL paths",
                    sizeof why->summary);
        }
        return NULL;
    }
#if NUDGE_HAVE_USER_CA
    if (!s_user_ca_loaded) {
        mbedtls_x509_crt_init(&s_user_ca);
        int rc = mbedtls_x509_crt_parse(&s_user_ca, (const unsigned char *)nudge_user_ca_pem_start,
                                        (size_t)(nudge_user_ca_pem_end - nudge_user_ca_pem_start));
        if (rc != 0) {
            if (why != NULL) {
                memset(why, 0, sizeof *why);
                why->kind = NUDGE_FAIL_TLS_CERTIFICATE;
                why->code = rc;
                strlcpy(why->summary, "the embedded NUDGE_CA_CERT_FILE is not a valid PEM certificate",
                        sizeof why->summary);
            }
            mbedtls_x509_crt_free(&s_user_ca);
            return NULL;
        }
        s_user_ca_loaded = true;
    }
#endif
    nudge_transport *t = calloc(1, sizeof *t);
    if (t == NULL) {
        return NULL;
    }
    t->cfg = *cfg;
    t->fail.alert = -1;
    return t;
}

int nudge_transport_open(nudge_transport *t, const nudge_request *req)
{
    char url[512], origin[ORIGIN_CAP];
    t->fail.kind = NUDGE_FAIL_NONE;
    t->status = 0;
    if (strlcpy(url, req->url, sizeof url) >= sizeof url) {
        set_fail(t, NUDGE_FAIL_URL, 0, "URL too long", "");
        return -1;
    }
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
        if (origin_of(url, origin, sizeof origin) != 0) {
            set_fail(t, NUDGE_FAIL_URL, 0, "not an absolute http(s) URL", url);
            return -1;
        }
        bool plain = strncmp(origin, "http://", 7) == 0;
        for (size_t i = 0; plain && !t->cfg.allow_plain_auth && i < req->n_headers; i++) {
            if (strcasecmp(req->headers[i].name, "Authorization") == 0) {
                set_fail(t, NUDGE_FAIL_URL, 0, "refusing to send the password over plain http", origin);
                return -1;
            }
        }
        const nudge_tls_profile *profile = remembered_profile(t, origin);
        bool reused = t->client != NULL && strcmp(t->origin, origin) == 0 && t->profile == profile;
        if (!reused) {
            drop_client(t);
            if (make_client(t, url, origin, profile) != 0) {
                return -1;
            }
        }
        if (apply_request(t, req, url) != 0) {
            return -1;
        }
        s_hook_profile = profile;
        int rc = send_once(t, req, reused);
        bool quirk = rc != 0 && t->fail.kind == NUDGE_FAIL_TLS_HANDSHAKE &&
                     t->fail.code == MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER && t->cfg.adapt &&
                     profile != nudge_tls_profile_tls12_pkcs1();
        if (quirk) {
            /* TLS 1.2-only server signing its key exchange with RSA-PSS: retry with 1.2 and
             * PKCS#1 v1.5 and remember the host (see nudge_tls_profile.c). */
            ESP_LOGW(TAG, "%s: TLS 1.2 RSA-PSS quirk, retrying with %s", origin, ADAPT_TLS12_PKCS1);
            char key[16];
            adapt_key(origin, key);
            drop_client(t);
            if (make_client(t, url, origin, nudge_tls_profile_tls12_pkcs1()) != 0 || apply_request(t, req, url) != 0) {
                return -1;
            }
            s_hook_profile = t->profile;
            rc = send_once(t, req, false);
            if (rc == 0) {
                nd_store_set(ADAPT_NS, key, ADAPT_TLS12_PKCS1, strlen(ADAPT_TLS12_PKCS1));
            }
        }
        if (rc != 0) {
            return -1;
        }
        strlcpy(t->info.adaptation, t->profile == nudge_tls_profile_tls12_pkcs1() ? ADAPT_TLS12_PKCS1 : "",
                sizeof t->info.adaptation);
        bool redirect = t->status == 301 || t->status == 302 || t->status == 303 || t->status == 307 ||
                        t->status == 308;
        const char *location = nudge_transport_header(t, "Location");
        if (!redirect || location == NULL) {
            return 0;
        }
        int flushed = 0;
        esp_http_client_flush_response(t->client, &flushed);
        if (esp_http_client_set_redirection(t->client) != ESP_OK ||
            esp_http_client_get_url(t->client, url, sizeof url) != ESP_OK) {
            set_fail(t, NUDGE_FAIL_HTTP, 0, "unusable redirect", location);
            return -1;
        }
        ESP_LOGI(TAG, "redirected (%d) to %s", t->status, url);
    }
    set_fail(t, NUDGE_FAIL_HTTP, 0, "too many redirects", req->url);
    return -1;
}

int nudge_transport_status(const nudge_transport *t)
{
    return t->status;
}

const char *nudge_transport_header(const nudge_transport *t, const char *name)
{
    for (size_t i = 0; i < t->n_resp; i++) {
        if (strcasecmp(t->resp_name[i], name) == 0) {
            return t->resp_value[i];
        }
    }
    return NULL;
}

long nudge_transport_read(nudge_transport *t, uint8_t *buf, size_t cap)
{
    int want = cap > 0x7fffffff ? 0x7fffffff : (int)cap;
    int n = esp_http_client_read(t->client, (char *)buf, want);
    if (n >= 0) {
        return n;
    }
    if (n == -ESP_ERR_HTTP_EAGAIN) {
        set_fail(t, NUDGE_FAIL_TIMEOUT, 0, "server stopped sending", t->origin);
    } else {
        set_fail(t, NUDGE_FAIL_IO, esp_http_client_get_errno(t->client), "connection lost while reading", t->origin);
    }
    esp_http_client_close(t->client);
    return -1;
}

void nudge_transport_close(nudge_transport *t)
{
    if (t->client == NULL) {
        return;
    }
    int flushed = 0;
    if (esp_http_client_flush_response(t->client, &flushed) != ESP_OK ||
        !esp_http_client_is_complete_data_received(t->client)) {
        esp_http_client_close(t->client);   /* next open reconnects */
    }
}

const nudge_tls_info *nudge_transport_tls_info(const nudge_transport *t)
{
    return &t->info;
}

const nudge_failure *nudge_transport_failure(const nudge_transport *t)
{
    return &t->fail;
}

void nudge_transport_free(nudge_transport *t)
{
    if (t != NULL) {
        drop_client(t);
        free(t);
    }
}
