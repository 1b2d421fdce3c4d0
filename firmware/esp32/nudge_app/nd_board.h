/* Pin and panel description of the board chosen in menuconfig (Nudge > Display and buttons). */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    ND_BUS_I80,  /* 8-bit parallel (T-Display-S3) */
    ND_BUS_SPI,
} nd_bus_t;

typedef struct {
    const char *name;
    nd_bus_t bus;
    int width, height;        /* visible pixels in the configured orientation */
    int x_gap, y_gap;         /* offset of the visible area in controller RAM, same orientation */
    bool swap_xy, mirror_x, mirror_y;
    bool invert, bgr;
    uint32_t pclk_hz;
    int pin_data[8];          /* i80 D0..D7 */
    int pin_wr, pin_rd;       /* i80 */
    int pin_sclk, pin_mosi;   /* SPI */
    int pin_dc, pin_cs, pin_rst;
    bool rst_active_high;
    int pin_power;            /* panel power enable, -1 if none */
    int pin_bl;               /* backlight, active high, -1 if none */
    int btn_next;             /* active low, -1 if none */
    int btn_refresh;          /* active low, -1: long press on btn_next */
} nd_board_t;

/** The board selected at build time, with the orientation already applied. */
const nd_board_t *nd_board(void);
