/* The device core is single-threaded and owned by this task; buttons reach it through a queue,
 * which is also what the task sleeps on between polls. The task is watched by the task
 * watchdog: every wait is cut into slices shorter than its timeout and fed in between. */
#include "nd_poll.h"

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "freertos/FreeRTOS.h"
#include "freertos/queue.h"
#include "freertos/task.h"
#include "esp_check.h"
#include "esp_heap_caps.h"
#include "esp_log.h"
#include "esp_task_wdt.h"
#include "sdkconfig.h"

#include "nd_clock.h"
#include "nd_display.h"
#include "nd_store.h"
#include "nd_wifi.h"
#include "nudge_transport.h"

static const char *TAG = "nd_poll";

#define CACHE_NS "nudge"
#define CACHE_KEY "last_good"
#define CACHE_CAP (24 * 1024)
#define BAND_ROWS 20
#define BODY_CHUNK 2048
#define WAIT_SLICE_MS 5000
#define ONLINE_WAIT_MS 30000
#define HTTP_TIMEOUT_MS 15000

static QueueHandle_t s_buttons;
static uint8_t *s_cache;   /* PSRAM if present: only needed at start and after a good poll */

static int64_t now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static const char *lookup_header(void *ctx, const char *name)
{
    return nudge_transport_header(ctx, name);
}

/* Waits for Wi-Fi and the first SNTP answer: certificate dates mean nothing before that. */
static bool ensure_online(nudge_failure *why)
{
    for (int waited = 0; waited < ONLINE_WAIT_MS; waited += WAIT_SLICE_MS) {
        esp_task_wdt_reset();
        if (nd_wifi_wait_connected(WAIT_SLICE_MS) && nd_clock_wait_synced(WAIT_SLICE_MS)) {
            return true;
        }
    }
    why->kind = nd_wifi_is_connected() ? NUDGE_FAIL_TIMEOUT : NUDGE_FAIL_CONNECT;
    why->code = 0;
    why->alert = -1;
    strlcpy(why->summary, nd_wifi_is_connected() ? "clock not set yet (no NTP answer)" : "Wi-Fi not connected",
            sizeof why->summary);
    why->detail[0] = '\0';
    return false;
}

static void do_http(nudge_transport *tr, const nudge_request *req)
{
    nudge_failure offline;
    if (!ensure_online(&offline)) {
        nd_core_http_failed(&offline);
        return;
    }
    esp_task_wdt_reset();
    if (nudge_transport_open(tr, req) != 0) {
        const nudge_failure *why = nudge_transport_failure(tr);
        ESP_LOGW(TAG, "%s %s: %s", req->method, req->url, why->summary);
        nd_core_http_failed(why);
        return;
    }
    nd_core_http_head(nudge_transport_status(tr), lookup_header, tr);
    static uint8_t chunk[BODY_CHUNK];
    for (;;) {
        esp_task_wdt_reset();
        long n = nudge_transport_read(tr, chunk, sizeof chunk);
        if (n < 0) {
            nd_core_http_failed(nudge_transport_failure(tr));
            return;
        }
        if (n == 0) {
            break;
        }
        nd_core_http_body(chunk, (size_t)n);
    }
    nudge_transport_close(tr);
    nd_core_http_end();
}

static void do_render(uint16_t *band)
{
    int w = nd_display_width(), h = nd_display_height();
    for (int y = 0; y < h; y += BAND_ROWS) {
        int y1 = y + BAND_ROWS < h ? y + BAND_ROWS : h;
        nd_core_render_band(y, y1, band);
        ESP_ERROR_CHECK(nd_display_draw(0, y, w, y1 - y, band));
    }
    nd_display_backlight(1);
}

static void do_sleep(int64_t wake_ms)
{
    for (;;) {
        esp_task_wdt_reset();
        int64_t left = wake_ms - now_ms();
        if (left <= 0) {
            return;
        }
        nd_button b;
        TickType_t ticks = pdMS_TO_TICKS(left < WAIT_SLICE_MS ? left : WAIT_SLICE_MS);
        if (xQueueReceive(s_buttons, &b, ticks) == pdTRUE) {
            nd_core_button(b);
            return;
        }
    }
}

static void save_cache(void)
{
    size_t len = nd_core_cache(s_cache, CACHE_CAP);
    if (len == 0) {
        ESP_LOGW(TAG, "state larger than %d bytes, not cached", CACHE_CAP);
        return;
    }
    esp_err_t err = nd_store_set(CACHE_NS, CACHE_KEY, s_cache, len);
    if (err != ESP_OK) {
        ESP_LOGW(TAG, "caching %u bytes: %s", (unsigned)len, esp_err_to_name(err));
    }
}

static void poll_task(void *arg)
{
    ESP_ERROR_CHECK(esp_task_wdt_add(NULL));
    uint16_t *band = heap_caps_malloc((size_t)nd_display_width() * BAND_ROWS * sizeof(uint16_t),
                                      MALLOC_CAP_8BIT);
    nudge_transport_config tcfg = {
        .profile = NUDGE_TLS_PROFILE_DEVICE,
        .adapt = true,
        .timeout_ms = HTTP_TIMEOUT_MS,
    };
    nudge_failure why;
    nudge_transport *tr = nudge_transport_new(&tcfg, &why);
    if (band == NULL || tr == NULL) {
        ESP_LOGE(TAG, "cannot start: %s", tr == NULL ? why.summary : "out of memory");
        abort();
    }
    for (;;) {
        nd_step step;
        nd_core_next(now_ms(), nd_clock_synced(), &step);
        if (step.save_cache) {
            save_cache();
        }
        switch (step.kind) {
        case ND_STEP_HTTP:
            do_http(tr, &step.request);
            break;
        case ND_STEP_RENDER:
            do_render(band);
            break;
        case ND_STEP_SLEEP:
            do_sleep(step.wake_ms);
            break;
        }
    }
}

esp_err_t nd_poll_start(void)
{
    s_buttons = xQueueCreate(8, sizeof(nd_button));
    s_cache = heap_caps_malloc_prefer(CACHE_CAP, 2, MALLOC_CAP_SPIRAM | MALLOC_CAP_8BIT, MALLOC_CAP_8BIT);
    ESP_RETURN_ON_FALSE(s_buttons != NULL && s_cache != NULL, ESP_ERR_NO_MEM, TAG, "queue/cache");

    size_t len = 0;
    esp_err_t err = nd_store_get(CACHE_NS, CACHE_KEY, s_cache, CACHE_CAP, &len);
    if (err != ESP_OK) {
        ESP_LOGI(TAG, "no cached task list (%s)", esp_err_to_name(err));
        len = 0;
    }
    nd_core_start(CONFIG_NUDGE_CALDAV_URL, CONFIG_NUDGE_CALDAV_USER, CONFIG_NUDGE_CALDAV_PASSWORD, CONFIG_NUDGE_TZ,
                  nd_display_width(), nd_display_height(), s_cache, len);

    BaseType_t ok = xTaskCreatePinnedToCore(poll_task, "nudge_poll", CONFIG_NUDGE_POLL_TASK_STACK, NULL, 5, NULL,
                                            tskNO_AFFINITY);
    return ok == pdPASS ? ESP_OK : ESP_ERR_NO_MEM;
}

void nd_poll_button(nd_button b)
{
    xQueueSend(s_buttons, &b, 0);
}
