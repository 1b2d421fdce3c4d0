/* RGB565 → PNG through libpng. Each channel is widened by repeating its high bits, as the
 * preview script does, so host screenshots and previews of the same frame are identical. The file
 * is written beside the target and renamed over it: a viewer never sees half a frame. */
#include "nudge_png.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nudge_png_write(const char *path, const uint16_t *pixels, int width, int height, char *err, int err_cap)
{
    char tmp[1024];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        snprintf(err, (size_t)err_cap, "path too long: %.100s", path);
        return -1;
    }
    FILE *f = fopen(tmp, "wb");
    if (f == NULL) {
        snprintf(err, (size_t)err_cap, "cannot write %s: %s", tmp, strerror(errno));
        return -1;
    }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
    /* volatile: modified between setjmp and a possible longjmp from libpng */
    png_bytep volatile row = malloc((size_t)width * 3);
    if (png == NULL || info == NULL || row == NULL) {
        snprintf(err, (size_t)err_cap, "out of memory writing %s", path);
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        remove(tmp);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        snprintf(err, (size_t)err_cap, "libpng failed writing %s", path);
        png_destroy_write_struct(&png, &info);
        free(row);
        fclose(f);
        remove(tmp);
        return -1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < height; y++) {
        const uint16_t *src = pixels + (size_t)y * (size_t)width;
        for (int x = 0; x < width; x++) {
            unsigned p = src[x], r = (p >> 11) & 0x1f, g = (p >> 5) & 0x3f, b = p & 0x1f;
            row[x * 3] = (png_byte)((r << 3) | (r >> 2));
            row[x * 3 + 1] = (png_byte)((g << 2) | (g >> 4));
            row[x * 3 + 2] = (png_byte)((b << 3) | (b >> 2));
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        snprintf(err, (size_t)err_cap, "cannot write %s: %s", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}
