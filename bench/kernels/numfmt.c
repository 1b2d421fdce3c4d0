/* Number formatting, written by hand: integers through a digit loop, doubles through the shortest
 * round-tripping %.*e and JavaScript's layout rules (Number::toString). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"

static int format_int(int32_t v, char *out) {
  char tmp[12];
  int k = 0, len = 0;
  uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
  if (v < 0) out[len++] = '-';
  do {
    tmp[k++] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  while (k) out[len++] = tmp[--k];
  return len;
}

/* Finite, non-zero x as JavaScript prints it; out has room for 32 bytes. */
static int format_double(double x, char *out) {
  char sci[32], digits[20];
  int len = 0, prec;
  if (x < 0) {
    out[len++] = '-';
    x = -x;
  }
  for (prec = 1; prec < 17; prec++) {
    snprintf(sci, sizeof sci, "%.*e", prec - 1, x);
    if (strtod(sci, NULL) == x) break;
  }
  if (prec == 17) snprintf(sci, sizeof sci, "%.16e", x);
  /* sci is "d.ddde[+-]xx": collect the digits and the decimal exponent */
  int k = 0;
  const char *p = sci;
  for (; *p != 'e'; p++)
    if (*p != '.') digits[k++] = *p;
  int n = atoi(p + 1) + 1; /* the decimal point sits after n digits */
  if (k <= n && n <= 21) {
    memcpy(out + len, digits, (size_t)k);
    len += k;
    while (k++ < n) out[len++] = '0';
  } else if (0 < n && n <= 21) {
    memcpy(out + len, digits, (size_t)n);
    len += n;
    out[len++] = '.';
    memcpy(out + len, digits + n, (size_t)(k - n));
    len += k - n;
  } else if (-6 < n && n <= 0) {
    out[len++] = '0';
    out[len++] = '.';
    for (int z = 0; z < -n; z++) out[len++] = '0';
    memcpy(out + len, digits, (size_t)k);
    len += k;
  } else {
    out[len++] = digits[0];
    if (k > 1) {
      out[len++] = '.';
      memcpy(out + len, digits + 1, (size_t)(k - 1));
      len += k - 1;
    }
    len += snprintf(out + len, 8, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
  }
  return len;
}

uint32_t kernel_run(uint32_t count) {
  uint32_t seed = 1, h = 0;
  char text[32];
  for (uint32_t i = 0; i < count; i++) {
    seed = seed * 1103515245u + 12345u;
    int32_t r = (int32_t)(seed >> 8);
    int len;
    switch (i % 4) {
    case 0: len = format_int(r - 8388608, text); break;
    case 1: len = r % 1000 ? format_double(r / 1000.0, text) : format_int(r / 1000, text); break;
    case 2: len = (r - 8388608) % 7 ? format_double((r - 8388608) / 7.0, text) : format_int((r - 8388608) / 7, text); break;
    default: len = r ? format_double(r * 1e-9, text) : format_int(0, text); break;
    }
    for (int j = 0; j < len; j++) h = h * 31 + (uint8_t)text[j];
  }
  return h;
}
