#include "nd_clock.h"

#include <stdlib.h>
#include <time.h>

#include "freertos/FreeRTOS.h"
#include "esp_check.h"
#include "esp_log.h"
#include "esp_netif_sntp.h"
#include "sdkconfig.h"

static const char *TAG = "nd_clock";

static bool s_synced;

esp_err_t nd_clock_start(void)
{
    setenv("TZ", CONFIG_NUDGE_TZ, 1);
    tzset();
    esp_sntp_config_t cfg = ESP_NETIF_SNTP_DEFAULT_CONFIG(CONFIG_NUDGE_NTP_SERVER);
    return esp_netif_sntp_init(&cfg);
}

bool nd_clock_wait_synced(uint32_t timeout_ms)
{
    if (!s_synced && esp_netif_sntp_sync_wait(pdMS_TO_TICKS(timeout_ms)) == ESP_OK) {
        s_synced = true;
        time_t now = time(NULL);
        struct tm local;
        localtime_r(&now, &local);
        char text[32];
        strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S %Z", &local);
        ESP_LOGI(TAG, "clock set: %s", text);
    }
    return s_synced;
}

bool nd_clock_synced(void)
{
    return nd_clock_wait_synced(0);   /* SNTP may have answered in the background */
}
