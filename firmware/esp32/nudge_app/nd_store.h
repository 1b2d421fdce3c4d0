/* Small persistent blobs in NVS: the last good task list and sync state, per-host TLS choices. */
#pragma once

#include <stddef.h>
#include "esp_err.h"

/** Initialises NVS, erasing it if the partition layout or NVS version changed. */
esp_err_t nd_store_init(void);

/** Reads blob ns/key into buf (cap bytes); *len gets its size. ESP_ERR_NVS_NOT_FOUND if absent. */
esp_err_t nd_store_get(const char *ns, const char *key, void *buf, size_t cap, size_t *len);

/** Writes and commits blob ns/key. */
esp_err_t nd_store_set(const char *ns, const char *key, const void *data, size_t len);
