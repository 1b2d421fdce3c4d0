/* nudge-fetch: performs HTTP requests one after another on one transport (so keep-alive,
 * redirects, chunked bodies and TLS resumption behave as in the device), one JSON line each. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge_tls_host.h"
#include "nudge_transport.h"

#define MAX_HEADERS 8
#define BODY_SHOWN 256

static void json_str(const char *s, size_t n) {
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') printf("\\%c", ch);
        else if (ch < 0x20 || ch >= 0x7f) printf("\\u%04x", ch);
        else putchar(ch);
    }
    putchar('"');
}

static void usage(void) {
    fprintf(stderr, "usage: nudge-fetch [--ca PEM] [--bundle PEM|none] [--allow-http-auth] [--header 'N: v']...\n"
                    "                   [--data BODY] [--disconnect] METHOD URL [METHOD URL]...\n");
    exit(2);
}

int main(int argc, char **argv) {
    nudge_transport_config cfg = {"/etc/ssl/certs/ca-certificates.crt", NULL, NULL, NUDGE_TLS_PROFILE_DEVICE, false, true, 10000};
    nudge_header headers[MAX_HEADERS];
    char *storage[MAX_HEADERS];
    size_t nh = 0;
    const char *data = NULL;
    bool disconnect = false;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--ca") == 0 && i + 1 < argc) cfg.user_ca_path = argv[++i];
        else if (strcmp(argv[i], "--bundle") == 0 && i + 1 < argc) cfg.ca_bundle_path = strcmp(argv[++i], "none") ? argv[i] : NULL;
        else if (strcmp(argv[i], "--allow-http-auth") == 0) cfg.allow_plain_auth = true;
        else if (strcmp(argv[i], "--disconnect") == 0) disconnect = true;
        else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) data = argv[++i];
        else if (strcmp(argv[i], "--header") == 0 && i + 1 < argc && nh < MAX_HEADERS) {
            char *h = storage[nh] = strdup(argv[++i]);
            char *colon = h ? strchr(h, ':') : NULL;
            if (!colon) usage();
            *colon = 0;
            headers[nh].name = h;
            headers[nh].value = colon + 1 + strspn(colon + 1, " ");
            nh++;
        } else usage();
    }
    if (i >= argc || (argc - i) % 2 != 0) usage();
    nudge_failure why;
    memset(&why, 0, sizeof why);
    nudge_transport *t = nudge_transport_new(&cfg, &why);
    if (!t) { fprintf(stderr, "nudge-fetch: %s\n", why.summary); return 1; }
    int rc = 0;
    for (; i + 1 < argc; i += 2) {
        nudge_request req = {argv[i], argv[i + 1], headers, nh, (const uint8_t *)data, data ? strlen(data) : 0};
        if (nudge_transport_open(t, &req) != 0) {
            const nudge_failure *f = nudge_transport_failure(t);
            printf("{\"error\":");
            json_str(f->summary, strlen(f->summary));
            printf(",\"kind\":%d}\n", (int)f->kind);
            rc = 1;
            continue;
        }
        char shown[BODY_SHOWN];
        size_t total = 0, kept = 0;
        uint8_t buf[1024];
        long n;
        while ((n = nudge_transport_read(t, buf, sizeof buf)) > 0) {
            size_t take = (size_t)n < BODY_SHOWN - kept ? (size_t)n : BODY_SHOWN - kept;
            memcpy(shown + kept, buf, take);
            kept += take;
            total += (size_t)n;
        }
        const char *ct = nudge_transport_header(t, "Content-Type");
        printf("{\"status\":%d,\"bytes\":%zu,\"complete\":%s,\"content_type\":", nudge_transport_status(t), total,
               n == 0 ? "true" : "false");
        json_str(ct ? ct : "", ct ? strlen(ct) : 0);
        printf(",\"body\":");
        json_str(shown, kept);
        const nudge_tls_info *ti = nudge_transport_tls_info(t);
        printf(",\"tls\":{\"version\":\"%s\",\"resumed\":%s}}\n", ti->version, ti->resumed ? "true" : "false");
        if (n < 0) rc = 1;
        nudge_transport_close(t);
        if (disconnect) nudge_transport_disconnect(t);
    }
    nudge_transport_free(t);
    for (size_t k = 0; k < nh; k++) free(storage[k]);
    nudge_tls_global_free();
    return rc;
}
