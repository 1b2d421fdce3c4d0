/* Writes an RGB565 frame (the panel's native pixels) as a PNG file. */
#ifndef NUDGE_PNG_H
#define NUDGE_PNG_H

#include <stdint.h>

/** Writes width x height RGB565 pixels (row-major) to path as 8-bit RGB; 0, or -1 with the reason in err. */
int nudge_png_write(const char *path, const uint16_t *pixels, int width, int height, char *err, int err_cap);

#endif
