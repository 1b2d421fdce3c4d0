/* The panel of the configured board through esp_lcd: one call to draw an RGB565 rectangle. */
#pragma once

#include <stdint.h>
#include "esp_err.h"

/** Powers the panel, creates the bus/IO/panel for the board and clears the screen. */
esp_err_t nd_display_init(void);

/** Visible width in pixels in the configured orientation. */
int nd_display_width(void);

/** Visible height in pixels in the configured orientation. */
int nd_display_height(void);

/** Draws w*h RGB565 pixels (row-major, host byte order) at (x, y); blocks until sent. */
esp_err_t nd_display_draw(int x, int y, int w, int h, const uint16_t *pixels);

/** Turns the backlight on or off (no-op on boards without a switchable backlight). */
void nd_display_backlight(int on);
