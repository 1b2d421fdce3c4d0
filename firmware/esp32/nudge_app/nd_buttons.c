/* A press counts on release after three stable samples (60 ms), so contact bounce never
 * flips two pages. Boards without a refresh key use a long press (1 s) on the page key. */
#include "nd_buttons.h"

#include <stdint.h>

#include "driver/gpio.h"
#include "esp_check.h"

#include "nd_board.h"

static const char *TAG = "nd_buttons";

#define STABLE_SAMPLES 3
#define LONG_PRESS_SAMPLES (1000 / ND_BUTTONS_PERIOD_MS)

typedef struct {
    int pin;
    uint32_t held;       /* consecutive samples pressed */
    bool long_fired;
} nd_key_t;

static nd_key_t s_next = {.pin = -1}, s_refresh = {.pin = -1};

esp_err_t nd_buttons_init(void)
{
    const nd_board_t *b = nd_board();
    s_next.pin = b->btn_next;
    s_refresh.pin = b->btn_refresh;
    uint64_t mask = 0;
    if (s_next.pin >= 0) {
        mask |= 1ULL << s_next.pin;
    }
    if (s_refresh.pin >= 0) {
        mask |= 1ULL << s_refresh.pin;
    }
    if (mask == 0) {
        return ESP_OK;
    }
    gpio_config_t cfg = {
        .pin_bit_mask = mask,
        .mode = GPIO_MODE_INPUT,
        .pull_up_en = GPIO_PULLUP_ENABLE,
        .pull_down_en = GPIO_PULLDOWN_DISABLE,
        .intr_type = GPIO_INTR_DISABLE,
    };
    ESP_RETURN_ON_ERROR(gpio_config(&cfg), TAG, "gpio");
    return ESP_OK;
}

/* Returns 1 on a short press (released), 2 once when held for a long press, else 0. */
static int sample(nd_key_t *k)
{
    if (k->pin < 0) {
        return 0;
    }
    if (gpio_get_level((gpio_num_t)k->pin) == 0) {
        k->held++;
        if (k->held == LONG_PRESS_SAMPLES && !k->long_fired) {
            k->long_fired = true;
            return 2;
        }
        return 0;
    }
    int result = k->held >= STABLE_SAMPLES && !k->long_fired ? 1 : 0;
    k->held = 0;
    k->long_fired = false;
    return result;
}

bool nd_buttons_poll(nd_button *out)
{
    int next = sample(&s_next);
    int refresh = sample(&s_refresh);
    if (refresh == 1 || (s_refresh.pin < 0 && next == 2)) {
        *out = ND_BUTTON_REFRESH;
        return true;
    }
    if (next == 1 || (s_refresh.pin >= 0 && next == 2)) {
        *out = ND_BUTTON_NEXT_PAGE;
        return true;
    }
    return false;
}
