/* Board tables. Pin numbers for the T-Display-S3 follow LilyGO's published pinout
 * (LCD D0-D7 = 39-42,45-48, WR 8, RD 9, DC 7, CS 6, RST 5, LCD power 15, backlight 38,
 * keys 0 and 14); for the ESP32-S3-BOX-3 Espressif's (SPI2: SCLK 7, MOSI 6, CS 5, DC 4,
 * reset 48 active high, backlight 47, boot key 0). */
#include "nd_board.h"

#include "sdkconfig.h"

/* The ST7789 maps a 240x320 RAM; the visible window is centred for narrower panels. */
#define ST7789_RAM_W 240

typedef struct {
    bool swap_xy, mirror_x, mirror_y;
} nd_rot_t;

#if CONFIG_NUDGE_ORIENTATION_LANDSCAPE
#define ND_ROT_INDEX 0
#elif CONFIG_NUDGE_ORIENTATION_LANDSCAPE_FLIPPED
#define ND_ROT_INDEX 1
#elif CONFIG_NUDGE_ORIENTATION_PORTRAIT
#define ND_ROT_INDEX 2
#else
#define ND_ROT_INDEX 3
#endif
#define ND_LANDSCAPE (ND_ROT_INDEX < 2)

/* Rotations for panels whose native scan is portrait (ST7789): landscape swaps the axes. */
#define ND_PORTRAIT_NATIVE_ROTATIONS \
    {{true, false, true}, {true, true, false}, {false, false, false}, {false, true, true}}

#if CONFIG_NUDGE_BOARD_T_DISPLAY_S3
static nd_board_t s_board = {
    .name = "LilyGO T-Display-S3",
    .bus = ND_BUS_I80,
    .width = ND_LANDSCAPE ? 320 : 170,
    .height = ND_LANDSCAPE ? 170 : 320,
    .x_gap = ND_LANDSCAPE ? 0 : (ST7789_RAM_W - 170) / 2,
    .y_gap = ND_LANDSCAPE ? (ST7789_RAM_W - 170) / 2 : 0,
    .invert = true,
    .bgr = false,
    .pclk_hz = 10 * 1000 * 1000,
    .pin_data = {39, 40, 41, 42, 45, 46, 47, 48},
    .pin_wr = 8,
    .pin_rd = 9,
    .pin_sclk = -1,
    .pin_mosi = -1,
    .pin_dc = 7,
    .pin_cs = 6,
    .pin_rst = 5,
    .rst_active_high = false,
    .pin_power = 15,
    .pin_bl = 38,
    .btn_next = 0,
    .btn_refresh = 14,
};
static const nd_rot_t s_rotations[4] = ND_PORTRAIT_NATIVE_ROTATIONS;

#elif CONFIG_NUDGE_BOARD_S3_BOX_3
/* The ILI9342C scans landscape natively and is mounted rotated by 180 degrees. */
static const nd_rot_t s_rotations[4] = {
    {false, true, true}, {false, false, false}, {true, true, false}, {true, false, true},
};
static nd_board_t s_board = {
    .name = "ESP32-S3-BOX-3",
    .bus = ND_BUS_SPI,
    .width = ND_LANDSCAPE ? 320 : 240,
    .height = ND_LANDSCAPE ? 240 : 320,
    .x_gap = 0,
    .y_gap = 0,
    .invert = true,
    .bgr = true,
    .pclk_hz = 40 * 1000 * 1000,
    .pin_data = {-1, -1, -1, -1, -1, -1, -1, -1},
    .pin_wr = -1,
    .pin_rd = -1,
    .pin_sclk = 7,
    .pin_mosi = 6,
    .pin_dc = 4,
    .pin_cs = 5,
    .pin_rst = 48,
    .rst_active_high = true,
    .pin_power = -1,
    .pin_bl = 47,
    .btn_next = 0,
    .btn_refresh = -1,
};

#else /* CONFIG_NUDGE_BOARD_GENERIC_SPI_ST7789 */
static nd_board_t s_board = {
    .name = "SPI ST7789",
    .bus = ND_BUS_SPI,
    .width = ND_LANDSCAPE ? CONFIG_NUDGE_LCD_V_RES : CONFIG_NUDGE_LCD_H_RES,
    .height = ND_LANDSCAPE ? CONFIG_NUDGE_LCD_H_RES : CONFIG_NUDGE_LCD_V_RES,
    .x_gap = ND_LANDSCAPE ? CONFIG_NUDGE_LCD_Y_GAP : CONFIG_NUDGE_LCD_X_GAP,
    .y_gap = ND_LANDSCAPE ? CONFIG_NUDGE_LCD_X_GAP : CONFIG_NUDGE_LCD_Y_GAP,
#if CONFIG_NUDGE_LCD_INVERT
    .invert = true,
#endif
#if CONFIG_NUDGE_LCD_BGR
    .bgr = true,
#endif
    .pclk_hz = CONFIG_NUDGE_LCD_SPI_MHZ * 1000 * 1000,
    .pin_data = {-1, -1, -1, -1, -1, -1, -1, -1},
    .pin_wr = -1,
    .pin_rd = -1,
    .pin_sclk = CONFIG_NUDGE_LCD_PIN_SCLK,
    .pin_mosi = CONFIG_NUDGE_LCD_PIN_MOSI,
    .pin_dc = CONFIG_NUDGE_LCD_PIN_DC,
    .pin_cs = CONFIG_NUDGE_LCD_PIN_CS,
    .pin_rst = CONFIG_NUDGE_LCD_PIN_RST,
    .rst_active_high = false,
    .pin_power = -1,
    .pin_bl = CONFIG_NUDGE_LCD_PIN_BL,
    .btn_next = CONFIG_NUDGE_BUTTON_NEXT_GPIO,
    .btn_refresh = CONFIG_NUDGE_BUTTON_REFRESH_GPIO,
};
static const nd_rot_t s_rotations[4] = ND_PORTRAIT_NATIVE_ROTATIONS;
#endif

const nd_board_t *nd_board(void)
{
    const nd_rot_t *r = &s_rotations[ND_ROT_INDEX];
    s_board.swap_xy = r->swap_xy;
    s_board.mirror_x = r->mirror_x;
    s_board.mirror_y = r->mirror_y;
    return &s_board;
}
