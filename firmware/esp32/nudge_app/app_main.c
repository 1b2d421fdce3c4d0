/* Boot order: NVS, screen (the cached list appears before the network is up), Wi-Fi, SNTP,
 * then the poll task. This task stays as the UI loop that reads the buttons. */
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "esp_check.h"
#include "esp_idf_version.h"
#include "esp_log.h"

#include "nd_buttons.h"
#include "nd_clock.h"
#include "nd_display.h"
#include "nd_poll.h"
#include "nd_store.h"
#include "nd_wifi.h"

#if ESP_IDF_VERSION < ESP_IDF_VERSION_VAL(5, 4, 0)
#error "Nudge needs ESP-IDF 5.4 or newer (esp_http_client's HTTP_METHOD_REPORT)"
#endif

static const char *TAG = "nudge";

void app_main(void)
{
    ESP_LOGI(TAG, "Nudge on ESP-IDF %s", esp_get_idf_version());
    ESP_ERROR_CHECK(nd_store_init());
    ESP_ERROR_CHECK(nd_display_init());
    ESP_ERROR_CHECK(nd_buttons_init());
    ESP_ERROR_CHECK(nd_wifi_start());
    ESP_ERROR_CHECK(nd_clock_start());
    ESP_ERROR_CHECK(nd_poll_start());

    for (;;) {
        nd_button b;
        if (nd_buttons_poll(&b)) {
            nd_poll_button(b);
        }
        vTaskDelay(pdMS_TO_TICKS(ND_BUTTONS_PERIOD_MS));
    }
}
