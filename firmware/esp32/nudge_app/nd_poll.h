/* The poll task: runs the device core and performs the steps it asks for. */
#pragma once

#include "esp_err.h"
#include "nd_core.h"

/** Starts the poll task; the cached task list is on screen when the first step has run. */
esp_err_t nd_poll_start(void);

/** Hands a button press to the poll task (safe from any task). */
void nd_poll_button(nd_button b);
