/* nudge-device: the host firmware. The compiled device core (ts-src/device/core.ts, C names
 * core_*) decides every step; this loop performs them: HTTP requests over nudge_transport,
 * frames rendered band by band into an RGB565 buffer (written as PNG with --screen), and sleeps
 * until the core's wake time. Memory as on the device: module constants in a permanent arena,
 * the device in one of two arenas, carried into the other after each poll and the old one reset.
 *
 * --state FILE keeps what the core's cache() returns across runs, as the device keeps it in flash
 * across reboots (the next poll then only asks what changed).
 *
 * --once stops after the first poll: a good one prints the core's tasks JSON with the TLS
 * parameters merged in and exits 0; a failed one prints the tasks the device still holds with
 * the shown state and the retry delay, says why on stderr and exits 1.
 *
 * --polls N runs N polls in virtual time: instead of sleeping, the clock jumps to the core's
 * wake time (minute redraws included), so hours of polling take seconds. One line per poll on
 * stderr says what it cost; the end state is printed as with --once. With --step-stdin each poll
 * waits for a line on stdin first (end of input stops the run, exit 0) and is followed by
 * "poll N ok|failed {tasks JSON}" on stdout, so a test can change the server between polls and
 * check every result. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mbedtls/platform_util.h"
#include "nd_program.h"
#include "nudge_clock.h"
#include "nudge_png.h"
#include "nudge_tls_host.h"
#include "nudge_transport.h"

#define DEFAULT_BUNDLE "/etc/ssl/certs/ca-certificates.crt"
#define CONST_ARENA_BYTES ((size_t)4 * 1024 * 1024)
#define DEVICE_ARENA_BYTES ((size_t)64 * 1024 * 1024)
#define MAX_REQUEST_HEADERS 16
#define BAND_ROWS 20
#define BODY_CHUNK 4096
#define MAX_SIDE 2048
#define STATE_CAP ((size_t)256 * 1024)

/* Step numbers of the core's Step enum. */
enum { STEP_HTTP = 1, STEP_RENDER = 2, STEP_SLEEP = 3 };

typedef struct {
    const char *url, *user, *password_file, *ca, *cache, *screen, *now, *tz, *state;
    bool once, allow_http_auth, have_seed, step_stdin;
    int width, height, timeout_ms;
    long polls;       /* 0: run in real time; else the number of polls in virtual time */
    double seed;
} options;

/* What one poll cost, for the log line after it. */
typedef struct {
    int requests;
    unsigned long long bytes_in, bytes_out;
    double started;
    nudge_tls_info tls;
    nudge_failure last_failure;
} poll_stats;

static nd_arena s_const_arena, s_arenas[2];
static int s_current;
/* Unix ms of the virtual clock under --polls; negative for the real (or --now) clock. */
static double s_virtual_ms = -1;

static void usage(void)
{
    fprintf(stderr, "usage: nudge-device --url URL --user U --password-file F [--ca PEM] [--once | --polls N]\n"
                    "                    [--screen PNG] [--now ISO] [--tz TZ] [--size WxH] [--state FILE]\n"
                    "                    [--cache FILE] [--allow-http-auth] [--timeout-ms MS] [--seed N]\n"
                    "                    [--step-stdin (with --polls)]\n"
                    "credentials go over http:// only to this machine, unless --allow-http-auth\n");
    exit(2);
}

/* Reads the password (first line of the file) into out; never echoes it anywhere. */
static int read_password(const char *path, char *out, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    if (!fgets(out, (int)cap, f)) out[0] = 0;
    fclose(f);
    out[strcspn(out, "\r\n")] = 0;
    return 0;
}

static void json_str(FILE *o, const char *s)
{
    fputc('"', o);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(o, "\\%c", ch);
        else if (ch < 0x20) fprintf(o, "\\u%04x", ch);
        else fputc(ch, o);
    }
    fputc('"', o);
}

static const char *default_cache(char *buf, size_t cap)
{
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

/* True for http:// URLs to this machine (localhost, 127.0.0.0/8, [::1]): credentials sent there
 * never cross a network, so plain http is as private as a pipe. */
static bool loopback_http(const char *url)
{
    if (strncmp(url, "http://", 7) != 0) return false;
    const char *host = url + 7;
    const char *at = strchr(host, '@');
    if (at != NULL && at < host + strcspn(host, "/?#")) host = at + 1;
    size_t n = strcspn(host, ":/?#");
    if (host[0] == '[') return strncmp(host, "[::1]", 5) == 0 && strchr(":/?#", host[5]) != NULL;
    if (n == 9 && strncmp(host, "localhost", 9) == 0) return true;
    unsigned a, b, c, d;
    char tail;
    char ip[16];
    if (n >= sizeof ip) return false;
    memcpy(ip, host, n);
    ip[n] = '\0';
    return sscanf(ip, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 && a == 127 && b < 256 && c < 256 && d < 256;
}

/* A NUL-terminated copy in the current arena (generated strings carry a length, no terminator). */
static const char *cstr(nd_str s)
{
    char *out = nd_alloc(s->len + 1);
    memcpy(out, s->bytes, s->len);
    out[s->len] = '\0';
    return out;
}

static nd_str ndstr(const char *s)
{
    return nd_str_make(s, strlen(s));
}

/* Performs the request the core asked for and feeds it the outcome. */
static void perform(core_Device *d, nudge_transport *t, poll_stats *st)
{
    static nudge_header headers[MAX_REQUEST_HEADERS];
    int32_t n = (int32_t)core_requestHeaderCount(d);
    if (n > MAX_REQUEST_HEADERS) nd_panic("request has %d headers, the driver takes %d", (int)n, MAX_REQUEST_HEADERS);
    for (int32_t i = 0; i < n; i++) {
        headers[i].name = cstr(core_requestHeaderName(d, i));
        headers[i].value = cstr(core_requestHeaderValue(d, i));
    }
    nd_str body = core_requestBody(d);
    nudge_request req = {cstr(core_requestMethod(d)), cstr(core_requestUrl(d)), headers, (size_t)n,
                         (const uint8_t *)body->bytes, body->len};
    st->requests++;
    st->bytes_out += body->len;
    if (nudge_transport_open(t, &req) != 0) {
        const nudge_failure *f = nudge_transport_failure(t);
        st->last_failure = *f;
        core_httpFailed(d, f->kind, ndstr(f->summary));
        return;
    }
    st->tls = *nudge_transport_tls_info(t);
    core_httpHead(d, nudge_transport_status(t));
    int32_t wanted = (int32_t)core_responseHeaderCount();
    for (int32_t i = 0; i < wanted; i++) {
        nd_str name = core_responseHeaderName(i);
        const char *value = nudge_transport_header(t, cstr(name));
        if (value != NULL) core_httpHeader(d, name, ndstr(value));
    }
    uint8_t buf[BODY_CHUNK];
    long got;
    while ((got = nudge_transport_read(t, buf, sizeof buf)) > 0) {
        st->bytes_in += (unsigned long long)got;
        nd_u8arr view = {(int32_t)got, buf}; /* consumed before core_httpBody returns */
        core_httpBody(d, &view);
    }
    if (got < 0) {
        const nudge_failure *f = nudge_transport_failure(t);
        st->last_failure = *f;
        nudge_transport_disconnect(t);
        core_httpFailed(d, f->kind, ndstr(f->summary));
        return;
    }
    nudge_transport_close(t);
    core_httpEnd(d);
}

/* Renders the whole frame through one band buffer, as the panel driver does. */
static void draw(core_Device *d, uint16_t *frame, uint16_t *band, int width, int height)
{
    for (int y = 0; y < height; y += BAND_ROWS) {
        int y1 = y + BAND_ROWS < height ? y + BAND_ROWS : height;
        nd_u16arr view = {(int32_t)(width * (y1 - y)), band};
        core_render(d, y, y1, &view);
        memcpy(frame + (size_t)y * (size_t)width, band, sizeof(uint16_t) * (size_t)view.len);
    }
}

/* The device's clock: virtual under --polls. */
static double now_ms(void)
{
    return s_virtual_ms >= 0 ? s_virtual_ms : nudge_clock_now();
}

/* Moves the device into the other arena and frees everything the last poll allocated. */
static core_Device *carry(core_Device *d, bool quiet)
{
    nd_arena *old = &s_arenas[s_current];
    s_current ^= 1;
    nd_arena_use(&s_arenas[s_current]);
    d = core_carry(d);
    if (!quiet)
        fprintf(stderr, "nudge-device: carried %lu KB into the other arena\n", (unsigned long)(nd_arena_used(&s_arenas[s_current]) / 1024));
    nd_arena_reset(old);
    return d;
}

/* One line a user can act on for a failed poll. */
static void print_failure(core_Device *d, const poll_stats *st)
{
    const char *state = cstr(core_connection(d)), *message = cstr(core_message(d));
    if (strcmp(state, "auth") == 0) {
        fprintf(stderr, "nudge-device: poll failed: sign-in refused%s (check --user and the password file)\n",
                message[0] ? "" : " (HTTP 401)");
        if (message[0]) fprintf(stderr, "nudge-device: %s\n", message);
        return;
    }
    fprintf(stderr, "nudge-device: poll failed (%s): %s\n", state, message[0] ? message : "no detail");
    if (st->last_failure.kind != NUDGE_FAIL_NONE && st->last_failure.detail[0]) fputs(st->last_failure.detail, stderr);
}

/* The core's {"tasks":[...],"counts":{...}} with "tls":{...} merged in, on one line. */
static void print_result(core_Device *d, const poll_stats *st)
{
    nd_str json = core_tasksJson(d);
    if (json->len == 0 || json->bytes[json->len - 1] != '}') nd_panic("tasks JSON is not an object");
    fwrite(json->bytes, 1, json->len - 1, stdout);
    printf(",\"tls\":{\"version\":");
    json_str(stdout, st->tls.version);
    printf(",\"ciphersuite\":");
    json_str(stdout, st->tls.ciphersuite);
    printf(",\"group\":");
    json_str(stdout, st->tls.group);
    printf(",\"resumed\":%s}}\n", st->tls.resumed ? "true" : "false");
    fflush(stdout);
}

/* After a failed poll: the tasks the device still holds, the state it shows and when it retries. */
static void print_held(core_Device *d)
{
    nd_str json = core_tasksJson(d);
    if (json->len == 0 || json->bytes[json->len - 1] != '}') nd_panic("tasks JSON is not an object");
    fwrite(json->bytes, 1, json->len - 1, stdout);
    printf(",\"connection\":");
    json_str(stdout, cstr(core_connection(d)));
    printf(",\"message\":");
    json_str(stdout, cstr(core_message(d)));
    printf(",\"lastPoll\":%.0f,\"retryInSeconds\":%.3f}\n", core_lastPoll(d), (core_nextPollAt(d) - now_ms()) / 1000.0);
    fflush(stdout);
}

/* --step-stdin: blocks until the next line on stdin; false at end of input. */
static bool wait_for_line(void)
{
    int ch;
    while ((ch = getchar()) != EOF)
        if (ch == '\n') return true;
    return false;
}

/* --step-stdin: "poll N ok|failed {tasks JSON}" on stdout, so a caller can compare every poll. */
static void print_poll_line(core_Device *d, long n, bool ok)
{
    nd_str json = core_tasksJson(d);
    printf("poll %ld %s ", n, ok ? "ok" : "failed");
    fwrite(json->bytes, 1, json->len, stdout);
    putchar('\n');
    fflush(stdout);
}

/* A decimal option value in [min, INT_MAX]; anything else is a usage error. */
static long number_arg(const char *text, long min)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0' || errno != 0 || v < min || v > INT_MAX) usage();
    return v;
}

static void parse_args(int argc, char **argv, options *o)
{
    const char *size = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--once") == 0) { o->once = true; continue; }
        if (strcmp(a, "--polls") == 0 && i + 1 < argc) { o->polls = number_arg(argv[++i], 1); continue; }
        if (strcmp(a, "--timeout-ms") == 0 && i + 1 < argc) { o->timeout_ms = (int)number_arg(argv[++i], 1); continue; }
        if (strcmp(a, "--seed") == 0 && i + 1 < argc) {
            o->seed = (double)number_arg(argv[++i], 0);
            o->have_seed = true;
            continue;
        }
        if (strcmp(a, "--step-stdin") == 0) { o->step_stdin = true; continue; }
        if (strcmp(a, "--allow-http-auth") == 0) { o->allow_http_auth = true; continue; }
        if (strcmp(a, "--url") == 0) slot = &o->url;
        else if (strcmp(a, "--user") == 0) slot = &o->user;
        else if (strcmp(a, "--password-file") == 0) slot = &o->password_file;
        else if (strcmp(a, "--ca") == 0) slot = &o->ca;
        else if (strcmp(a, "--cache") == 0) slot = &o->cache;
        else if (strcmp(a, "--screen") == 0) slot = &o->screen;
        else if (strcmp(a, "--now") == 0) slot = &o->now;
        else if (strcmp(a, "--tz") == 0) slot = &o->tz;
        else if (strcmp(a, "--size") == 0) slot = &size;
        else if (strcmp(a, "--state") == 0) slot = &o->state;
        if (!slot || i + 1 >= argc) usage();
        *slot = argv[++i];
    }
    if (!o->url || !o->user || !o->password_file || (o->once && o->polls) || (o->step_stdin && !o->polls)) usage();
    o->width = 320;
    o->height = 170;
    if (size != NULL) {
        char tail;
        if (sscanf(size, "%dx%d%c", &o->width, &o->height, &tail) != 2 || o->width < 1 || o->height < 1 ||
            o->width > MAX_SIDE || o->height > MAX_SIDE) {
            fprintf(stderr, "nudge-device: bad --size %s (WIDTHxHEIGHT)\n", size);
            exit(2);
        }
    }
    if (o->tz == NULL) o->tz = getenv("TZ") && getenv("TZ")[0] ? getenv("TZ") : "UTC0";
}

/* The saved state in a malloc'd buffer of *len bytes (none when missing or unreadable: the core
 * then starts afresh). */
static uint8_t *load_state(const char *path, size_t *len)
{
    *len = 0;
    FILE *f = path != NULL ? fopen(path, "rb") : NULL;
    if (f == NULL) return NULL;
    uint8_t *buf = malloc(STATE_CAP);
    if (buf != NULL) *len = fread(buf, 1, STATE_CAP, f);
    fclose(f);
    return buf;
}

/* Writes the core's cache() next to path and renames it over, so a crash never leaves half a file. */
static void save_state(core_Device *d, const char *path)
{
    nd_u8arr *bytes = core_cache(d, (double)STATE_CAP);
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (f == NULL || fwrite(bytes->data, 1, (size_t)bytes->len, f) != (size_t)bytes->len || fclose(f) != 0 ||
        rename(tmp, path) != 0) {
        fprintf(stderr, "nudge-device: cannot save the state to %s: %s\n", path, strerror(errno));
        return;
    }
    fprintf(stderr, "nudge-device: state saved (%d bytes)\n", (int)bytes->len);
}

/* A seed for the core's retry jitter; unpredictability matters, not quality. */
static double jitter_seed(void)
{
    unsigned int seed = 0;
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd >= 0) {
        if (read(fd, &seed, sizeof seed) != (ssize_t)sizeof seed) seed = (unsigned)getpid();
        close(fd);
    }
    return (double)(seed & 0x7fffffff);
}

int main(int argc, char **argv)
{
    options o = {0};
    parse_args(argc, argv, &o);
    if (o.now != NULL) {
        double ms;
        if (!nudge_clock_parse_iso(o.now, &ms)) {
            fprintf(stderr, "nudge-device: bad --now %s (e.g. 2026-11-27T09:00:00Z)\n", o.now);
            return 2;
        }
        nudge_clock_fix(ms, !o.once);
    }
    if (o.polls) s_virtual_ms = nudge_clock_now();
    char password[512];
    if (read_password(o.password_file, password, sizeof password) != 0) {
        fprintf(stderr, "nudge-device: cannot read the password file %s\n", o.password_file);
        return 2;
    }

    char cache_buf[600];
    nudge_transport_config cfg = {DEFAULT_BUNDLE, o.ca, o.cache ? o.cache : default_cache(cache_buf, sizeof cache_buf),
                                  NUDGE_TLS_PROFILE_DEVICE, o.allow_http_auth || loopback_http(o.url), true,
                                  o.timeout_ms ? o.timeout_ms : 15000};
    nudge_failure why;
    memset(&why, 0, sizeof why);
    nudge_transport *t = nudge_transport_new(&cfg, &why);
    if (!t) {
        mbedtls_platform_zeroize(password, sizeof password);
        fprintf(stderr, "nudge-device: %s\n", why.summary);
        return 1;
    }

    nd_arena_init_heap(&s_const_arena, "constants", CONST_ARENA_BYTES);
    nd_arena_use(&s_const_arena);
    nd_program_init();
    nd_arena_init_heap(&s_arenas[0], "device-a", DEVICE_ARENA_BYTES);
    nd_arena_init_heap(&s_arenas[1], "device-b", DEVICE_ARENA_BYTES);
    nd_arena_use(&s_arenas[0]);
    size_t state_len;
    uint8_t *state = load_state(o.state, &state_len);
    nd_u8arr saved = {(int32_t)state_len, state}; /* decoded by core_create, not kept */
    core_Device *d = core_create(ndstr(o.url), ndstr(o.user), ndstr(password), ndstr(o.tz), o.width, o.height,
                                 o.have_seed ? o.seed : jitter_seed(), &saved);
    free(state);
    /* the core's copy lives in the arena; a carry copies it and resets the old arena */
    mbedtls_platform_zeroize(password, sizeof password);

    uint16_t *frame = calloc((size_t)o.width * (size_t)o.height, sizeof(uint16_t));
    uint16_t *band = malloc(sizeof(uint16_t) * (size_t)o.width * BAND_ROWS);
    if (frame == NULL || band == NULL) nd_panic("no memory for a %dx%d frame", o.width, o.height);

    poll_stats st;
    memset(&st, 0, sizeof st);
    bool polling = false;
    long polls = 0;
    size_t cycle_peak = 0; /* --polls: highest arena use since the last poll line, redraws included */
    int rc = 0;
    for (;;) {
        int step = (int)core_next(d, now_ms(), true);
        if (o.state != NULL && core_shouldSaveCache(d)) save_state(d, o.state);
        if (step == STEP_HTTP) {
            if (!polling) {
                /* --step-stdin: the caller changes the server, then releases one poll with a line */
                if (o.step_stdin && !wait_for_line()) break;
                memset(&st, 0, sizeof st);
                st.started = nudge_clock_mono();
                polling = true;
            }
            perform(d, t, &st);
            continue;
        }
        if (step == STEP_RENDER) {
            draw(d, frame, band, o.width, o.height);
            char err[300];
            if (o.screen != NULL && nudge_png_write(o.screen, frame, o.width, o.height, err, sizeof err) != 0) {
                fprintf(stderr, "nudge-device: %s\n", err);
                rc = 1;
                break;
            }
            continue;
        }
        if ((o.once || o.polls) && !polling && polls == 0) {
            /* the core sleeps before any poll only when its settings cannot work */
            print_failure(d, &st);
            rc = 1;
            break;
        }
        if (polling) {
            polling = false;
            polls++;
            bool ok = strcmp(cstr(core_connection(d)), "ok") == 0;
            size_t peak = nd_arena_peak(&s_arenas[s_current]);
            if (peak > cycle_peak) cycle_peak = peak;
            if (!o.polls)
                fprintf(stderr, "nudge-device: poll %s after %d requests (bodies: %llu bytes sent, %llu received), %.0f ms, "
                        "arena peak %lu KB (constants %lu KB)\n",
                        ok ? "ok" : "failed", st.requests, st.bytes_out, st.bytes_in, nudge_clock_mono() - st.started,
                        (unsigned long)(peak / 1024), (unsigned long)(nd_arena_peak(&s_const_arena) / 1024));
            if (!ok && (!o.polls || polls == o.polls)) print_failure(d, &st);
            if (o.polls) {
                nudge_transport_disconnect(t);
                d = carry(d, true);
                /* one line a soak test can parse: key=value, times in the virtual clock */
                fprintf(stderr, "poll=%ld %s requests=%d in=%llu out=%llu ms=%.0f at=%.0f retry_s=%.3f arena_peak_kb=%lu "
                        "carried_kb=%lu const_kb=%lu scratch_peak_kb=%lu state=%s\n",
                        polls, ok ? "ok" : "failed", st.requests, st.bytes_in, st.bytes_out, nudge_clock_mono() - st.started,
                        s_virtual_ms / 1000.0, (core_nextPollAt(d) - s_virtual_ms) / 1000.0, (unsigned long)(cycle_peak / 1024),
                        (unsigned long)(nd_arena_used(&s_arenas[s_current]) / 1024), (unsigned long)(nd_arena_peak(&s_const_arena) / 1024),
                        (unsigned long)(nd_arena_peak(nd_scratch_arena()) / 1024), cstr(core_connection(d)));
                if (o.step_stdin) print_poll_line(d, polls, ok);
                /* so the next line reports the next cycle's own peak */
                cycle_peak = 0;
                nd_arena_restart_peak(&s_arenas[s_current]);
            }
            if (o.once || polls == o.polls) {
                if (ok) print_result(d, &st);
                else print_held(d);
                rc = ok ? 0 : 1;
                break;
            }
            if (!o.polls) {
                /* between polls the device sleeps with the radio off: drop the connection, keep the ticket */
                nudge_transport_disconnect(t);
                d = carry(d, false);
            }
        } else if (o.polls) {
            /* as the ESP-IDF port does: carry at every sleep, so the minute redraws of a long
             * back-off do not pile up in one arena */
            if (nd_arena_peak(&s_arenas[s_current]) > cycle_peak) cycle_peak = nd_arena_peak(&s_arenas[s_current]);
            d = carry(d, true);
            nd_arena_restart_peak(&s_arenas[s_current]);
        }
        if (o.polls) s_virtual_ms = core_wakeAt(d) > s_virtual_ms ? core_wakeAt(d) : s_virtual_ms + 1;
        else nudge_clock_sleep_until(core_wakeAt(d));
    }
    free(frame);
    free(band);
    nd_arena_release(&s_arenas[0]);
    nd_arena_release(&s_arenas[1]);
    nd_arena_release(&s_const_arena);
    nudge_transport_free(t);
    nudge_tls_global_free();
    return rc;
}
