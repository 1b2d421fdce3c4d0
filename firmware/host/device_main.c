/* nudge-device: the host firmware's main loop. Until the compiled core drives it, each poll is a
 * Depth:1 VTODO calendar-query REPORT on the collection over the transport; the raw status is
 * printed, and with --once a JSON line with the TLS parameters. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mbedtls/base64.h"
#include "mbedtls/platform_util.h"
#include "nudge_tls_host.h"
#include "nudge_transport.h"

#define DEFAULT_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static const char REPORT_BODY[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<c:calendar-query xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
    "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
    "<c:filter><c:comp-filter name=\"VCALENDAR\"><c:comp-filter name=\"VTODO\"/></c:comp-filter></c:filter>"
    "</c:calendar-query>\n";

typedef struct {
    const char *url, *user, *password_file, *ca, *cache, *screen, *now, *tz, *raw;
    bool once, allow_http_auth;
    int interval;
} options;

static void usage(void) {
    fprintf(stderr, "usage: nudge-device --url URL --user U --password-file F [--ca PEM] [--once]\n"
                    "                    [--screen PNG] [--now ISO] [--tz TZ] [--interval S] [--cache FILE]\n"
                    "                    [--raw FILE] [--allow-http-auth]\n");
    exit(2);
}

/* Reads the password (first line of the file) into out; never echoes it anywhere. */
static int read_password(const char *path, char *out, size_t cap) {
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    if (!fgets(out, (int)cap, f)) out[0] = 0;
    fclose(f);
    out[strcspn(out, "\r\n")] = 0;
    return 0;
}

static void json_str(FILE *o, const char *s) {
    fputc('"', o);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(o, "\\%c", ch);
        else if (ch < 0x20) fprintf(o, "\\u%04x", ch);
        else fputc(ch, o);
    }
    fputc('"', o);
}

static const char *default_cache(char *buf, size_t cap) {
    const char *base = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[512];
    if (base && base[0]) snprintf(dir, sizeof dir, "%s/nudge", base);
    else if (home && home[0]) snprintf(dir, sizeof dir, "%s/.cache/nudge", home);
    else return NULL;
    char parent[512];
    snprintf(parent, sizeof parent, "%.*s", (int)(strrchr(dir, '/') - dir), dir);
    mkdir(parent, 0700);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return NULL;
    snprintf(buf, cap, "%s/tls-hosts", dir);
    return buf;
}

/* One poll; returns 0 when the server answered 2xx. */
static int poll_once(nudge_transport *t, const options *o, const char *auth) {
    nudge_header headers[] = {
        {"Depth", "1"},
        {"Content-Type", "application/xml; charset=utf-8"},
        {"Authorization", auth},
    };
    nudge_request req = {"REPORT", o->url, headers, 3, (const uint8_t *)REPORT_BODY, sizeof REPORT_BODY - 1};
    if (nudge_transport_open(t, &req) != 0) {
        const nudge_failure *f = nudge_transport_failure(t);
        fprintf(stderr, "poll failed: %s\n%s", f->summary, f->detail);
        return -1;
    }
    int status = nudge_transport_status(t);
    FILE *raw = o->raw ? fopen(o->raw, "wb") : NULL;
    unsigned long long bytes = 0;
    uint8_t buf[4096];
    long n;
    while ((n = nudge_transport_read(t, buf, sizeof buf)) > 0) {
        bytes += (unsigned long long)n;
        if (raw) fwrite(buf, 1, (size_t)n, raw);
    }
    if (raw) fclose(raw);
    nudge_transport_close(t);
    if (n < 0) {
        fprintf(stderr, "poll failed: %s\n", nudge_transport_failure(t)->summary);
        return -1;
    }
    const nudge_tls_info *i = nudge_transport_tls_info(t);
    if (o->once) {
        printf("{\"status\":%d,\"body_bytes\":%llu,\"tls\":{\"version\":", status, bytes);
        json_str(stdout, i->version);
        printf(",\"ciphersuite\":");
        json_str(stdout, i->ciphersuite);
        printf(",\"group\":");
        json_str(stdout, i->group);
        printf(",\"resumed\":%s}}\n", i->resumed ? "true" : "false");
    } else {
        printf("REPORT %s -> %d (%llu bytes) %s %s\n", o->url, status, bytes, i->version, i->ciphersuite);
    }
    fflush(stdout);
    if (status < 200 || status > 299) {
        fprintf(stderr, "poll failed: HTTP %d%s\n", status, status == 401 ? " (check --user and the password file)" : "");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    options o = {0};
    o.interval = 300;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--once") == 0) { o.once = true; continue; }
        if (strcmp(a, "--allow-http-auth") == 0) { o.allow_http_auth = true; continue; }
        if (strcmp(a, "--url") == 0) slot = &o.url;
        else if (strcmp(a, "--user") == 0) slot = &o.user;
        else if (strcmp(a, "--password-file") == 0) slot = &o.password_file;
        else if (strcmp(a, "--ca") == 0) slot = &o.ca;
        else if (strcmp(a, "--cache") == 0) slot = &o.cache;
        else if (strcmp(a, "--screen") == 0) slot = &o.screen;
        else if (strcmp(a, "--now") == 0) slot = &o.now;
        else if (strcmp(a, "--tz") == 0) slot = &o.tz;
        else if (strcmp(a, "--raw") == 0) slot = &o.raw;
        else if (strcmp(a, "--interval") == 0 && i + 1 < argc) { o.interval = atoi(argv[++i]); continue; }
        if (!slot || i + 1 >= argc) usage();
        *slot = argv[++i];
    }
    if (!o.url || !o.user || !o.password_file || o.interval < 1) usage();

    char password[512], userpass[1024];
    unsigned char b64[1400];
    char auth[1500];
    size_t b64len = 0;
    if (read_password(o.password_file, password, sizeof password) != 0) {
        fprintf(stderr, "nudge-device: cannot read the password file %s\n", o.password_file);
        return 2;
    }
    int n = snprintf(userpass, sizeof userpass, "%s:%s", o.user, password);
    if (n < 0 || (size_t)n >= sizeof userpass ||
        mbedtls_base64_encode(b64, sizeof b64, &b64len, (const unsigned char *)userpass, (size_t)n) != 0) {
        fprintf(stderr, "nudge-device: user name or password too long\n");
        return 2;
    }
    snprintf(auth, sizeof auth, "Basic %s", (const char *)b64);
    mbedtls_platform_zeroize(password, sizeof password);
    mbedtls_platform_zeroize(userpass, sizeof userpass);
    mbedtls_platform_zeroize(b64, sizeof b64);

    char cache_buf[600];
    nudge_transport_config cfg = {DEFAULT_BUNDLE, o.ca, o.cache ? o.cache : default_cache(cache_buf, sizeof cache_buf),
                                  NUDGE_TLS_PROFILE_DEVICE, o.allow_http_auth, true, 15000};
    nudge_failure why;
    memset(&why, 0, sizeof why);
    nudge_transport *t = nudge_transport_new(&cfg, &why);
    if (!t) {
        fprintf(stderr, "nudge-device: %s\n", why.summary);
        return 1;
    }
    int rc;
    for (;;) {
        rc = poll_once(t, &o, auth);
        if (o.once) break;
        /* Between polls the device sleeps with the radio off: drop the connection, keep the ticket. */
        nudge_transport_disconnect(t);
        sleep((unsigned)o.interval);
    }
    mbedtls_platform_zeroize(auth, sizeof auth);
    nudge_transport_free(t);
    nudge_tls_global_free();
    return rc == 0 ? 0 : 1;
}
