/* nudge-tls-probe: runs the device's TLS configuration against a URL; on failure explains why
 * and tries one-change-at-a-time variants to name the setting that fixes it. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nudge_heap.h"
#include "nudge_net.h"
#include "nudge_tls_diag.h"
#include "nudge_tls_host.h"
#include "nudge_transport.h"

#define DEFAULT_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

typedef struct {
    const char *url, *ca, *bundle, *groups;
    nudge_tls_profile_id profile;
    bool heap, json, ladder;
    int repeat;
} options;

typedef struct {
    bool ok;
    nudge_tls_info info;
    nudge_failure why;
    nudge_tls_attempt attempt;      /* copy (its wire pointer is re-aimed at wire) */
    nudge_tls_wire wire;
    size_t heap_peak;
    long handshake_us;              /* wall time of the handshake (includes the server's work) */
} outcome;

static void usage(void) {
    fprintf(stderr, "usage: nudge-tls-probe URL [--ca PEM] [--profile device|restricted] [--heap-report]\n"
                    "                       [--json] [--no-ladder] [--repeat N] [--groups g1,g2] [--bundle PEM]\n");
    exit(2);
}

static uint16_t group_id(const char *name) {
    static const struct { const char *n; uint16_t id; } T[] = {
        {"x25519", 29}, {"secp256r1", 23}, {"secp384r1", 24}, {"secp521r1", 25}, {"p256", 23}, {"p384", 24}};
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
        if (strcmp(T[i].n, name) == 0) return T[i].id;
    fprintf(stderr, "nudge-tls-probe: unknown group %s\n", name);
    exit(2);
}

/* Handshake only, on a fresh connection, measuring mbedTLS heap from ssl_setup to the end. */
static void attempt(const char *host, int port, const nudge_tls_profile *prof, mbedtls_x509_crt *trust, outcome *o) {
    memset(o, 0, sizeof *o);
    o->why.alert = -1;
    int fd = nudge_net_connect(host, port, 10000, &o->why);
    if (fd < 0) return;
    nudge_tls_conn *c = calloc(1, sizeof *c);
    if (!c) { close(fd); return; }
    size_t base = nudge_heap_current();
    nudge_heap_reset_peak();
    nudge_tls_params p = {host, prof, trust, NULL};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = nudge_tls_connect(c, fd, &p, &o->why);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    o->handshake_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
    o->heap_peak = nudge_heap_peak() - base;
    o->ok = rc == 0;
    if (o->ok) nudge_tls_get_info(c, &o->info);
    o->wire = c->wire;
    o->attempt = c->attempt;
    o->attempt.wire = &o->wire;
    nudge_tls_close(c);
    free(c);
    close(fd);
}

static void json_str(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') printf("\\%c", ch);
        else if (ch == '\n') printf("\\n");
        else if (ch < 0x20) printf("\\u%04x", ch);
        else putchar(ch);
    }
    putchar('"');
}

static void print_tls_json(const nudge_tls_info *i) {
    printf("{\"version\":");
    json_str(i->version);
    printf(",\"ciphersuite\":");
    json_str(i->ciphersuite);
    printf(",\"group\":");
    json_str(i->group);
    printf(",\"resumed\":%s,\"hello_retry_requests\":%d,\"adaptation\":", i->resumed ? "true" : "false",
           i->hello_retry_requests);
    json_str(i->adaptation);
    printf("}");
}

int main(int argc, char **argv) {
    options o = {NULL, NULL, DEFAULT_BUNDLE, NULL, NUDGE_TLS_PROFILE_DEVICE, false, false, true, 1};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
        if (strcmp(a, "--ca") == 0 && has_val) o.ca = argv[++i];
        else if (strcmp(a, "--bundle") == 0 && has_val) o.bundle = strcmp(argv[++i], "none") == 0 ? NULL : argv[i];
        else if (strcmp(a, "--groups") == 0 && has_val) o.groups = argv[++i];
        else if (strcmp(a, "--repeat") == 0 && has_val) o.repeat = atoi(argv[++i]);
        else if (strcmp(a, "--profile") == 0 && has_val) {
            const char *p = argv[++i];
            if (strcmp(p, "restricted") == 0) o.profile = NUDGE_TLS_PROFILE_RESTRICTED;
            else if (strcmp(p, "device") != 0) usage();
        } else if (strcmp(a, "--heap-report") == 0) o.heap = true;
        else if (strcmp(a, "--json") == 0) o.json = true;
        else if (strcmp(a, "--no-ladder") == 0) o.ladder = false;
        else if (a[0] == '-' || o.url) usage();
        else o.url = a;
    }
    if (!o.url || o.repeat < 1) usage();
    nudge_heap_install();
    if (nudge_tls_global_init() != 0) return 1;

    /* Host and port come from the transport's own URL rules: parse with a throwaway request. */
    char host[256];
    int port = 443;
    const char *rest = strncmp(o.url, "https://", 8) == 0 ? o.url + 8 : NULL;
    if (!rest) { fprintf(stderr, "nudge-tls-probe: URL must be https://\n"); return 2; }
    size_t hl = strcspn(rest, ":/?#");
    if (hl == 0 || hl >= sizeof host) usage();
    memcpy(host, rest, hl);
    host[hl] = 0;
    if (rest[hl] == ':') port = atoi(rest + hl + 1);

    mbedtls_x509_crt trust;
    mbedtls_x509_crt_init(&trust);
    const char *files[2] = {o.bundle, o.ca};
    for (int i = 0; i < 2; i++)
        if (files[i] && nudge_tls_load_certs(&trust, files[i]) != 0) {
            fprintf(stderr, "nudge-tls-probe: cannot load certificates from %s\n", files[i]);
            return 2;
        }

    nudge_tls_profile prof = *nudge_tls_profile_get(o.profile);
    uint16_t groups[8] = {0};
    if (o.groups) {
        char list[128];
        snprintf(list, sizeof list, "%s", o.groups);
        size_t n = 0;
        for (char *tok = strtok(list, ","); tok && n < 7; tok = strtok(NULL, ",")) groups[n++] = group_id(tok);
        prof.groups = groups;
    }

    static outcome first, v;
    attempt(host, port, &prof, &trust, &first);
    bool adapted = false;
    /* The device's own reaction to the TLS 1.2 RSA-PSS trap (see nudge_transport_host.c). */
    if (!first.ok && o.profile == NUDGE_TLS_PROFILE_DEVICE && first.wire.version == 0x0303 &&
        (first.wire.ske_sig_alg & 0xFF00) == 0x0800) {
        attempt(host, port, nudge_tls_profile_tls12_pkcs1(), &trust, &v);
        if (v.ok) { adapted = true; snprintf(v.info.adaptation, sizeof v.info.adaptation, "tls12-pkcs1"); }
    }
    const outcome *done = first.ok ? &first : adapted ? &v : NULL;

    /* One change at a time: from a narrower offer towards the device profile, or from the
     * device profile towards what some servers insist on. Certificates are not negotiable. */
    typedef struct { const char *name; nudge_cause cause; nudge_tls_profile p; bool ok; } variant;
    variant ladder[4];
    size_t nl = 0;
    const nudge_tls_profile *dev = nudge_tls_profile_get(NUDGE_TLS_PROFILE_DEVICE);
    static const uint16_t WITH_P521[] = {29, 23, 24, 25, 0};
    if (!done && o.ladder && first.why.kind == NUDGE_FAIL_TLS_HANDSHAKE) {
        variant *l = ladder;
        if (prof.groups != dev->groups) { *l = (variant){"groups as device", NUDGE_CAUSE_GROUPS, prof, false}; l++->p.groups = dev->groups; }
        if (prof.sig_algs != dev->sig_algs) { *l = (variant){"signature algorithms as device", NUDGE_CAUSE_SIG_ALGS, prof, false}; l++->p.sig_algs = dev->sig_algs; }
        if (prof.suites != dev->suites) { *l = (variant){"cipher suites as device", NUDGE_CAUSE_SUITES, prof, false}; l++->p.suites = dev->suites; }
        if (prof.min_version != dev->min_version) { *l = (variant){"TLS 1.2 enabled", NUDGE_CAUSE_VERSIONS, prof, false}; l++->p.min_version = dev->min_version; }
        if (l == ladder) {
            *l = (variant){"secp521r1 added to groups", NUDGE_CAUSE_GROUPS, prof, false};
            l++->p.groups = WITH_P521;
            *l = (variant){"TLS 1.2 only", NUDGE_CAUSE_VERSIONS, prof, false};
            l++->p.max_version = MBEDTLS_SSL_VERSION_TLS1_2;
            *l = (variant){"TLS 1.3 only", NUDGE_CAUSE_VERSIONS, prof, false};
            l++->p.min_version = MBEDTLS_SSL_VERSION_TLS1_3;
        }
        nl = (size_t)(l - ladder);
        for (size_t i = 0; i < nl; i++) {
            attempt(host, port, &ladder[i].p, &trust, &v);
            ladder[i].ok = v.ok;
        }
    }
    char cause[640] = "";
    for (size_t i = 0; i < nl; i++)
        if (ladder[i].ok) { nudge_tls_cause_text(ladder[i].cause, &first.attempt, &ladder[i].p, cause, sizeof cause); break; }

    /* Through to the application: one GET with the transport (same profile, same trust). */
    int http_status = 0;
    nudge_tls_info resumed_info;
    memset(&resumed_info, 0, sizeof resumed_info);
    char http_error[160] = "";
    if (done) {
        nudge_transport_config cfg = {o.bundle, o.ca, NULL, o.profile, false, true, 10000};
        nudge_failure why;
        nudge_transport *t = nudge_transport_new(&cfg, &why);
        nudge_request req = {"GET", o.url, NULL, 0, NULL, 0};
        for (int r = 0; t && r < o.repeat; r++) {
            if (nudge_transport_open(t, &req) != 0) {
                snprintf(http_error, sizeof http_error, "%s", nudge_transport_failure(t)->summary);
                break;
            }
            http_status = nudge_transport_status(t);
            nudge_transport_close(t);
            resumed_info = *nudge_transport_tls_info(t);
            nudge_transport_disconnect(t);
        }
        nudge_transport_free(t);
    }

    if (o.json) {
        printf("{\"url\":");
        json_str(o.url);
        printf(",\"profile\":\"%s\",\"ok\":%s", prof.name, done ? "true" : "false");
        if (done) { printf(",\"tls\":"); print_tls_json(&done->info); }
        printf(",\"heap_peak\":%zu,\"handshake_us\":%ld,\"http_status\":%d", (done ? done : &first)->heap_peak,
               (done ? done : &first)->handshake_us, http_status);
        if (o.repeat > 1) printf(",\"last_resumed\":%s", resumed_info.resumed ? "true" : "false");
        if (!first.ok) {
            printf(",\"failure\":{\"summary\":");
            json_str(first.why.summary);
            printf(",\"alert\":%d,\"code\":%d,\"detail\":", first.why.alert, first.why.code);
            json_str(first.why.detail);
            printf("}");
        }
        printf(",\"ladder\":[");
        for (size_t i = 0; i < nl; i++) {
            printf("%s{\"variant\":", i ? "," : "");
            json_str(ladder[i].name);
            printf(",\"ok\":%s}", ladder[i].ok ? "true" : "false");
        }
        printf("],\"cause\":");
        json_str(cause);
        printf("}\n");
    } else {
        printf("probe %s (profile %s)\n", o.url, prof.name);
        if (!first.ok) printf("FAILED: %s\n%s", first.why.summary, first.why.detail);
        if (adapted) printf("works as TLS 1.2 without RSA-PSS (tls12-pkcs1); the device applies this and remembers it per host\n");
        if (done) {
            printf("OK %s %s group %s, %d HelloRetryRequest, resumed %s\n", done->info.version, done->info.ciphersuite,
                   done->info.group[0] ? done->info.group : "-", done->info.hello_retry_requests,
                   done->info.resumed ? "yes" : "no");
            if (http_status) printf("HTTP %d from %s\n", http_status, o.url);
            if (http_error[0]) printf("HTTP failed: %s\n", http_error);
            if (o.repeat > 1) printf("connection %d resumed: %s\n", o.repeat, resumed_info.resumed ? "yes" : "no");
        }
        for (size_t i = 0; i < nl; i++) printf("try %-32s %s\n", ladder[i].name, ladder[i].ok ? "works" : "still fails");
        if (nl && !cause[0]) printf("no single change fixes it; see the detail above\n");
        printf("%s", cause);
        size_t peak = (done ? done : &first)->heap_peak;
        if (o.heap) printf("heap: peak %zu bytes (%.1f KB) of mbedTLS heap during the handshake\n", peak, peak / 1024.0);
    }
    mbedtls_x509_crt_free(&trust);
    nudge_tls_global_free();
    return done ? 0 : 1;
}
