/* esp_lcd glue. Pixels go through a small internal-RAM DMA band buffer because the core's
 * framebuffer may live in PSRAM and the panel wants big-endian RGB565. */
#include "nd_display.h"

#include <stdbool.h>
#include <stddef.h>

#include "freertos/FreeRTOS.h"
#include "freertos/semphr.h"
#include "driver/gpio.h"
#include "driver/spi_master.h"
#include "esp_check.h"
#include "esp_heap_caps.h"
#include "esp_lcd_io_i80.h"
#include "esp_lcd_io_spi.h"
#include "esp_lcd_panel_io.h"
#include "esp_lcd_panel_ops.h"
#include "esp_lcd_panel_st7789.h"
#include "esp_lcd_panel_vendor.h"
#include "esp_log.h"

#include "nd_board.h"

static const char *TAG = "nd_display";

#define BAND_ROWS 20
#define LCD_SPI_HOST SPI2_HOST

static esp_lcd_panel_handle_t s_panel;
static uint16_t *s_band;
static size_t s_band_px;
static SemaphoreHandle_t s_done;

/* Runs in ISR context when a band has left the DMA buffer. */
static bool on_trans_done(esp_lcd_panel_io_handle_t io, esp_lcd_panel_io_event_data_t *ev, void *ctx)
{
    BaseType_t woken = pdFALSE;
    xSemaphoreGiveFromISR(s_done, &woken);
    return woken == pdTRUE;
}

static void gpio_out(int pin, int level)
{
    if (pin < 0) {
        return;
    }
    gpio_config_t cfg = {
        .pin_bit_mask = 1ULL << pin,
        .mode = GPIO_MODE_OUTPUT,
    };
    ESP_ERROR_CHECK(gpio_config(&cfg));
    ESP_ERROR_CHECK(gpio_set_level((gpio_num_t)pin, level));
}

static esp_err_t new_io_i80(const nd_board_t *b, size_t max_bytes, esp_lcd_panel_io_handle_t *io)
{
    esp_lcd_i80_bus_handle_t bus = NULL;
    esp_lcd_i80_bus_config_t bus_cfg = {
        .clk_src = LCD_CLK_SRC_DEFAULT,
        .dc_gpio_num = b->pin_dc,
        .wr_gpio_num = b->pin_wr,
        .bus_width = 8,
        .max_transfer_bytes = max_bytes,
        .dma_burst_size = 64,
    };
    for (int i = 0; i < 8; i++) {
        bus_cfg.data_gpio_nums[i] = b->pin_data[i];
    }
    ESP_RETURN_ON_ERROR(esp_lcd_new_i80_bus(&bus_cfg, &bus), TAG, "i80 bus");

    esp_lcd_panel_io_i80_config_t io_cfg = {
        .cs_gpio_num = b->pin_cs,
        .pclk_hz = b->pclk_hz,
        .trans_queue_depth = 4,
        .on_color_trans_done = on_trans_done,
        .lcd_cmd_bits = 8,
        .lcd_param_bits = 8,
        .dc_levels = {
            .dc_idle_level = 0,
            .dc_cmd_level = 0,
            .dc_dummy_level = 0,
            .dc_data_level = 1,
        },
    };
    return esp_lcd_new_panel_io_i80(bus, &io_cfg, io);
}

static esp_err_t new_io_spi(const nd_board_t *b, size_t max_bytes, esp_lcd_panel_io_handle_t *io)
{
    spi_bus_config_t bus_cfg = {
        .sclk_io_num = b->pin_sclk,
        .mosi_io_num = b->pin_mosi,
        .miso_io_num = -1,
        .quadwp_io_num = -1,
        .quadhd_io_num = -1,
        .max_transfer_sz = (int)max_bytes,
    };
    ESP_RETURN_ON_ERROR(spi_bus_initialize(LCD_SPI_HOST, &bus_cfg, SPI_DMA_CH_AUTO), TAG, "spi bus");

    esp_lcd_panel_io_spi_config_t io_cfg = {
        .dc_gpio_num = b->pin_dc,
        .cs_gpio_num = b->pin_cs,
        .pclk_hz = b->pclk_hz,
        .lcd_cmd_bits = 8,
        .lcd_param_bits = 8,
        .spi_mode = 0,
        .trans_queue_depth = 4,
        .on_color_trans_done = on_trans_done,
    };
    return esp_lcd_new_panel_io_spi((esp_lcd_spi_bus_handle_t)LCD_SPI_HOST, &io_cfg, io);
}

esp_err_t nd_display_init(void)
{
    const nd_board_t *b = nd_board();
    s_done = xSemaphoreCreateBinary();
    ESP_RETURN_ON_FALSE(s_done != NULL, ESP_ERR_NO_MEM, TAG, "semaphore");

    gpio_out(b->pin_power, 1);
    gpio_out(b->pin_bl, 0);          /* dark until the first frame is drawn */
    gpio_out(b->pin_rd, 1);          /* i80 read strobe unused: keep it inactive */

    s_band_px = (size_t)b->width * BAND_ROWS;
    size_t band_bytes = s_band_px * sizeof(uint16_t);
    s_band = heap_caps_malloc(band_bytes, MALLOC_CAP_DMA | MALLOC_CAP_INTERNAL);
    ESP_RETURN_ON_FALSE(s_band != NULL, ESP_ERR_NO_MEM, TAG, "band buffer");

    esp_lcd_panel_io_handle_t io = NULL;
    if (b->bus == ND_BUS_I80) {
        ESP_RETURN_ON_ERROR(new_io_i80(b, band_bytes, &io), TAG, "i80 io");
    } else {
        ESP_RETURN_ON_ERROR(new_io_spi(b, band_bytes, &io), TAG, "spi io");
    }

    /* The BOX-3's ILI9342C understands every command IDF's ST7789 driver sends (SLPOUT,
     * MADCTL, COLMOD, CASET/RASET/RAMWR, INVON, DISPON; its B0h is the RGB-interface
     * register, unused on SPI), so one built-in driver covers all boards. */
    esp_lcd_panel_dev_config_t panel_cfg = {
        .reset_gpio_num = b->pin_rst,
        .rgb_ele_order = b->bgr ? LCD_RGB_ELEMENT_ORDER_BGR : LCD_RGB_ELEMENT_ORDER_RGB,
        .bits_per_pixel = 16,
        .flags.reset_active_high = b->rst_active_high,
    };
    ESP_RETURN_ON_ERROR(esp_lcd_new_panel_st7789(io, &panel_cfg, &s_panel), TAG, "panel");
    ESP_RETURN_ON_ERROR(esp_lcd_panel_reset(s_panel), TAG, "reset");
    ESP_RETURN_ON_ERROR(esp_lcd_panel_init(s_panel), TAG, "init");
    ESP_RETURN_ON_ERROR(esp_lcd_panel_invert_color(s_panel, b->invert), TAG, "invert");
    ESP_RETURN_ON_ERROR(esp_lcd_panel_swap_xy(s_panel, b->swap_xy), TAG, "swap");
    ESP_RETURN_ON_ERROR(esp_lcd_panel_mirror(s_panel, b->mirror_x, b->mirror_y), TAG, "mirror");
    ESP_RETURN_ON_ERROR(esp_lcd_panel_set_gap(s_panel, b->x_gap, b->y_gap), TAG, "gap");

    for (size_t i = 0; i < s_band_px; i++) {
        s_band[i] = 0;
    }
    for (int y = 0; y < b->height; y += BAND_ROWS) {
        int rows = b->height - y < BAND_ROWS ? b->height - y : BAND_ROWS;
        ESP_RETURN_ON_ERROR(esp_lcd_panel_draw_bitmap(s_panel, 0, y, b->width, y + rows, s_band), TAG, "clear");
        xSemaphoreTake(s_done, portMAX_DELAY);
    }
    ESP_RETURN_ON_ERROR(esp_lcd_panel_disp_on_off(s_panel, true), TAG, "on");
    ESP_LOGI(TAG, "%s %dx%d ready", b->name, b->width, b->height);
    return ESP_OK;
}

int nd_display_width(void)
{
    return nd_board()->width;
}

int nd_display_height(void)
{
    return nd_board()->height;
}

esp_err_t nd_display_draw(int x, int y, int w, int h, const uint16_t *pixels)
{
    const nd_board_t *b = nd_board();
    ESP_RETURN_ON_FALSE(s_panel != NULL, ESP_ERR_INVALID_STATE, TAG, "not initialised");
    ESP_RETURN_ON_FALSE(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= b->width && y + h <= b->height,
                        ESP_ERR_INVALID_ARG, TAG, "rectangle outside the screen");
    int rows_per_band = (int)(s_band_px / (size_t)w);
    for (int row = 0; row < h; row += rows_per_band) {
        int rows = h - row < rows_per_band ? h - row : rows_per_band;
        const uint16_t *src = pixels + (size_t)row * (size_t)w;
        size_t n = (size_t)rows * (size_t)w;
        for (size_t i = 0; i < n; i++) {
            s_band[i] = (uint16_t)((src[i] << 8) | (src[i] >> 8));
        }
        ESP_RETURN_ON_ERROR(esp_lcd_panel_draw_bitmap(s_panel, x, y + row, x + w, y + row + rows, s_band),
                            TAG, "draw");
        xSemaphoreTake(s_done, portMAX_DELAY);
    }
    return ESP_OK;
}

void nd_display_backlight(int on)
{
    const nd_board_t *b = nd_board();
    if (b->pin_bl >= 0) {
        gpio_set_level((gpio_num_t)b->pin_bl, on ? 1 : 0);
    }
}
