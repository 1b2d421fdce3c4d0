/* Wi-Fi station that reconnects forever, backing off exponentially between attempts. */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include "esp_err.h"

/** Starts the station with the menuconfig SSID/password; returns without waiting for a link. */
esp_err_t nd_wifi_start(void);

/** Waits up to timeout_ms for an IP address; true once the station has one. */
bool nd_wifi_wait_connected(uint32_t timeout_ms);

/** True while the station holds an IP address. */
bool nd_wifi_is_connected(void);
