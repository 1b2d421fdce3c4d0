/* Front buttons: debounced, active low, polled from the UI loop. */
#pragma once

#include <stdbool.h>
#include "esp_err.h"
#include "nd_core.h"

/** Configures the board's button GPIOs as inputs with pull-ups. */
esp_err_t nd_buttons_init(void);

/** Samples the buttons (call every ND_BUTTONS_PERIOD_MS); true with *out set on a press. */
bool nd_buttons_poll(nd_button *out);

#define ND_BUTTONS_PERIOD_MS 20
