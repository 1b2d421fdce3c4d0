/* The host device's clock: the system's, or one fixed by --now for reproducible runs. */
#ifndef NUDGE_CLOCK_H
#define NUDGE_CLOCK_H

#include <stdbool.h>

/** Parses YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH[:]MM into Unix ms; false when malformed. */
bool nudge_clock_parse_iso(const char *text, double *unix_ms);
/** Fixes the clock at unix_ms; with advance it then runs on from there at the real rate. */
void nudge_clock_fix(double unix_ms, bool advance);
/** Current Unix ms. */
double nudge_clock_now(void);
/** Milliseconds of a monotonic clock, for durations. */
double nudge_clock_mono(void);
/** Sleeps until the device clock reads unix_ms (at once if a fixed clock never gets there). */
void nudge_clock_sleep_until(double unix_ms);

#endif
