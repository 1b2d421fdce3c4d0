/* nudge-wire-check: feeds a recorded handshake (lines "C <hex>" / "S <hex>") to the portable
 * handshake observer, optionally in pieces of N bytes, and prints what it understood as JSON. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge_tls_profile.h"
#include "nudge_tls_wire.h"

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void print_list(const char *name, const nudge_u16_list *l) {
    printf("\"%s\":[", name);
    for (size_t i = 0; i < l->n; i++) printf("%s%u", i ? "," : "", l->v[i]);
    printf("],");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: nudge-wire-check CAPTURE [--split N]\n");
        return 2;
    }
    size_t split = argc >= 4 && strcmp(argv[2], "--split") == 0 ? (size_t)atol(argv[3]) : 0;
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    static nudge_tls_wire w;
    nudge_tls_wire_init(&w);
    static char line[1 << 17];
    static unsigned char bytes[1 << 16];
    while (fgets(line, sizeof line, f)) {
        if ((line[0] != 'C' && line[0] != 'S') || line[1] != ' ') continue;
        size_t n = 0;
        for (const char *p = line + 2; hexval(p[0]) >= 0 && hexval(p[1]) >= 0 && n < sizeof bytes; p += 2)
            bytes[n++] = (unsigned char)(hexval(p[0]) << 4 | hexval(p[1]));
        size_t step = split ? split : n;
        for (size_t at = 0; at < n; at += step)
            nudge_tls_wire_feed(&w, line[0] == 'S', bytes + at, n - at < step ? n - at : step);
    }
    fclose(f);
    printf("{\"client_hellos\":%d,", w.client_hellos);
    print_list("versions", &w.versions);
    print_list("suites", &w.suites);
    print_list("groups", &w.groups);
    print_list("key_shares", &w.key_shares);
    print_list("sig_algs", &w.sig_algs);
    printf("\"sni\":\"%s\",\"server_hello\":%s,\"version\":%u,\"suite\":%u,\"group\":%u,\"hello_retry_requests\":%d,"
           "\"hrr_group\":%u,\"ske_sig_alg\":%u,\"certificate_seen\":%s,\"alert\":%d,\"resumed\":%s}\n",
           w.sni, w.server_hello ? "true" : "false", w.version, w.suite, w.group, w.hello_retry_requests, w.hrr_group,
           w.ske_sig_alg, w.certificate_seen ? "true" : "false", w.alert, nudge_tls_wire_resumed(&w) ? "true" : "false");
    return 0;
}
