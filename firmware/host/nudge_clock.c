/* Clock for the host device loop. A fixed clock (--now) stands still under --once so the poll
 * is classified at exactly the given instant, and otherwise runs on from it. */
#define _POSIX_C_SOURCE 200809L
#include "nudge_clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static bool s_fixed, s_advance;
static double s_base_ms, s_base_mono;

/* Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Reads exactly n digits at *p. */
static bool digits(const char **p, int n, long *out)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i])) return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

bool nudge_clock_parse_iso(const char *s, double *unix_ms)
{
    long y, mo, d, h, mi, sec = 0, ms = 0, oh = 0, om = 0;
    int sign = 0;
    if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) || *s++ != '-' || !digits(&s, 2, &d)) return false;
    if ((*s != 'T' && *s != 't' && *s != ' ') || (s++, !digits(&s, 2, &h)) || *s++ != ':' || !digits(&s, 2, &mi)) return false;
    if (*s == ':' && (s++, !digits(&s, 2, &sec))) return false;
    if (*s == '.') {
        s++;
        int n = 0;
        for (; isdigit((unsigned char)*s); s++, n++)
            if (n < 3) ms = ms * 10 + (*s - '0');
        if (n == 0) return false;
        for (; n < 3; n++) ms *= 10;
    }
    if (*s == 'Z' || *s == 'z') s++;
    else if (*s == '+' || *s == '-') {
        sign = *s++ == '-' ? -1 : 1;
        if (!digits(&s, 2, &oh)) return false;
        if (*s == ':') s++;
        if (!digits(&s, 2, &om)) return false;
    } else return false;
    if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 || oh > 23 || om > 59) return false;
    double secs = (double)days_from_civil(y, mo, d) * 86400.0 + (double)(h * 3600 + mi * 60 + sec) - (double)(sign * (oh * 3600 + om * 60));
    *unix_ms = secs * 1000.0 + (double)ms;
    return true;
}

double nudge_clock_mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)(ts.tv_nsec / 1000000);
}

void nudge_clock_fix(double unix_ms, bool advance)
{
    s_fixed = true;
    s_advance = advance;
    s_base_ms = unix_ms;
    s_base_mono = nudge_clock_mono();
}

double nudge_clock_now(void)
{
    if (s_fixed) return s_advance ? s_base_ms + (nudge_clock_mono() - s_base_mono) : s_base_ms;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)(ts.tv_nsec / 1000000);
}

void nudge_clock_sleep_until(double unix_ms)
{
    if (s_fixed && !s_advance) return;
    double wait = unix_ms - nudge_clock_now();
    if (wait <= 0) return;
    struct timespec ts = {(time_t)(wait / 1000.0), (long)((long long)wait % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}
