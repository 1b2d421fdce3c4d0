/* Reconnects are scheduled on a one-shot esp_timer rather than from the event handler directly,
 * so a router that is down does not make the station hammer it (and the log) every few ms. */
#include "nd_wifi.h"

#include <string.h>

#include "freertos/FreeRTOS.h"
#include "freertos/event_groups.h"
#include "esp_check.h"
#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "esp_timer.h"
#include "esp_wifi.h"
#include "sdkconfig.h"

static const char *TAG = "nd_wifi";

#define GOT_IP_BIT BIT0
#define BACKOFF_MIN_MS 1000
#define BACKOFF_MAX_MS 120000

static EventGroupHandle_t s_events;
static esp_timer_handle_t s_retry_timer;
static uint32_t s_backoff_ms = BACKOFF_MIN_MS;

static void retry_now(void *arg)
{
    esp_err_t err = esp_wifi_connect();
    if (err != ESP_OK) {
        ESP_LOGW(TAG, "connect: %s", esp_err_to_name(err));
    }
}

static void schedule_retry(void)
{
    ESP_LOGI(TAG, "reconnecting in %lu ms", (unsigned long)s_backoff_ms);
    esp_timer_stop(s_retry_timer);   /* may not be running; ESP_ERR_INVALID_STATE is fine */
    ESP_ERROR_CHECK(esp_timer_start_once(s_retry_timer, (uint64_t)s_backoff_ms * 1000));
    s_backoff_ms = s_backoff_ms >= BACKOFF_MAX_MS / 2 ? BACKOFF_MAX_MS : s_backoff_ms * 2;
}

static void on_event(void *arg, esp_event_base_t base, int32_t id, void *data)
{
    if (base == WIFI_EVENT && id == WIFI_EVENT_STA_START) {
        retry_now(NULL);
    } else if (base == WIFI_EVENT && id == WIFI_EVENT_STA_DISCONNECTED) {
        const wifi_event_sta_disconnected_t *d = data;
        xEventGroupClearBits(s_events, GOT_IP_BIT);
        ESP_LOGW(TAG, "disconnected (reason %d)", d->reason);
        schedule_retry();
    } else if (base == IP_EVENT && id == IP_EVENT_STA_GOT_IP) {
        const ip_event_got_ip_t *ev = data;
        ESP_LOGI(TAG, "got " IPSTR, IP2STR(&ev->ip_info.ip));
        s_backoff_ms = BACKOFF_MIN_MS;
        xEventGroupSetBits(s_events, GOT_IP_BIT);
    } else if (base == IP_EVENT && id == IP_EVENT_STA_LOST_IP) {
        xEventGroupClearBits(s_events, GOT_IP_BIT);
    }
}

esp_err_t nd_wifi_start(void)
{
    s_events = xEventGroupCreate();
    ESP_RETURN_ON_FALSE(s_events != NULL, ESP_ERR_NO_MEM, TAG, "event group");
    const esp_timer_create_args_t timer_args = {
        .callback = retry_now,
        .name = "wifi_retry",
    };
    ESP_RETURN_ON_ERROR(esp_timer_create(&timer_args, &s_retry_timer), TAG, "timer");

    ESP_RETURN_ON_ERROR(esp_netif_init(), TAG, "netif");
    ESP_RETURN_ON_ERROR(esp_event_loop_create_default(), TAG, "event loop");
    ESP_RETURN_ON_FALSE(esp_netif_create_default_wifi_sta() != NULL, ESP_FAIL, TAG, "sta netif");

    wifi_init_config_t init = WIFI_INIT_CONFIG_DEFAULT();
    ESP_RETURN_ON_ERROR(esp_wifi_init(&init), TAG, "wifi init");
    ESP_RETURN_ON_ERROR(esp_event_handler_instance_register(WIFI_EVENT, ESP_EVENT_ANY_ID, on_event, NULL, NULL),
                        TAG, "wifi events");
    ESP_RETURN_ON_ERROR(esp_event_handler_instance_register(IP_EVENT, ESP_EVENT_ANY_ID, on_event, NULL, NULL),
                        TAG, "ip events");

    wifi_config_t wc = {
        .sta = {
            .threshold.authmode = WIFI_AUTH_WPA2_PSK,
            .sae_pwe_h2e = WPA3_SAE_PWE_BOTH,
        },
    };
    ESP_RETURN_ON_FALSE(strlen(CONFIG_NUDGE_WIFI_SSID) < sizeof(wc.sta.ssid), ESP_ERR_INVALID_ARG, TAG, "SSID too long");
    ESP_RETURN_ON_FALSE(strlen(CONFIG_NUDGE_WIFI_PASSWORD) < sizeof(wc.sta.password), ESP_ERR_INVALID_ARG, TAG,
                        "Wi-Fi password too long");
    strlcpy((char *)wc.sta.ssid, CONFIG_NUDGE_WIFI_SSID, sizeof(wc.sta.ssid));
    strlcpy((char *)wc.sta.password, CONFIG_NUDGE_WIFI_PASSWORD, sizeof(wc.sta.password));
    if (wc.sta.password[0] == '\0') {
        wc.sta.threshold.authmode = WIFI_AUTH_OPEN;
    }
    ESP_RETURN_ON_ERROR(esp_wifi_set_mode(WIFI_MODE_STA), TAG, "mode");
    ESP_RETURN_ON_ERROR(esp_wifi_set_config(WIFI_IF_STA, &wc), TAG, "config");
    /* Modem sleep between DTIM beacons: the radio idles between polls at no cost in latency. */
    ESP_RETURN_ON_ERROR(esp_wifi_set_ps(WIFI_PS_MIN_MODEM), TAG, "power save");
    return esp_wifi_start();
}

bool nd_wifi_wait_connected(uint32_t timeout_ms)
{
    EventBits_t bits = xEventGroupWaitBits(s_events, GOT_IP_BIT, pdFALSE, pdTRUE, pdMS_TO_TICKS(timeout_ms));
    return (bits & GOT_IP_BIT) != 0;
}

bool nd_wifi_is_connected(void)
{
    return (xEventGroupGetBits(s_events) & GOT_IP_BIT) != 0;
}
