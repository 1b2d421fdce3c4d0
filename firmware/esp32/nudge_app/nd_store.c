#include "nd_store.h"

#include "esp_check.h"
#include "nvs.h"
#include "nvs_flash.h"

static const char *TAG = "nd_store";

esp_err_t nd_store_init(void)
{
    esp_err_t err = nvs_flash_init();
    if (err == ESP_ERR_NVS_NO_FREE_PAGES || err == ESP_ERR_NVS_NEW_VERSION_FOUND) {
        /* The cache is only a convenience; losing it costs one full poll. */
        ESP_LOGW(TAG, "NVS layout changed, erasing");
        ESP_RETURN_ON_ERROR(nvs_flash_erase(), TAG, "erase");
        err = nvs_flash_init();
    }
    return err;
}

esp_err_t nd_store_get(const char *ns, const char *key, void *buf, size_t cap, size_t *len)
{
    nvs_handle_t h;
    esp_err_t err = nvs_open(ns, NVS_READONLY, &h);
    if (err != ESP_OK) {
        return err;   /* ESP_ERR_NVS_NOT_FOUND until the namespace has been written once */
    }
    size_t size = 0;
    err = nvs_get_blob(h, key, NULL, &size);
    if (err == ESP_OK && size > cap) {
        err = ESP_ERR_NVS_INVALID_LENGTH;
    }
    if (err == ESP_OK) {
        err = nvs_get_blob(h, key, buf, &size);
        *len = size;
    }
    nvs_close(h);
    return err;
}

esp_err_t nd_store_set(const char *ns, const char *key, const void *data, size_t len)
{
    nvs_handle_t h;
    ESP_RETURN_ON_ERROR(nvs_open(ns, NVS_READWRITE, &h), TAG, "open %s", ns);
    esp_err_t err = nvs_set_blob(h, key, data, len);
    if (err == ESP_OK) {
        err = nvs_commit(h);
    }
    nvs_close(h);
    return err;
}
