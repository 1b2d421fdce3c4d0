/* Wall clock: time zone from menuconfig and SNTP. TLS certificate dates are only meaningful
 * after nd_clock_synced() turns true. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "esp_err.h"

/** Applies the POSIX TZ string and starts SNTP (needs the network stack up). */
esp_err_t nd_clock_start(void);

/** Blocks up to timeout_ms for the first SNTP answer; true once the clock is set. */
bool nd_clock_wait_synced(uint32_t timeout_ms);

/** True once SNTP has set the clock at least once since boot (does not block). */
bool nd_clock_synced(void);
