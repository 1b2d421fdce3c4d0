/* Building strings, written by hand: appends into one growing heap buffer (doubling), reused
 * for every document. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"

#define LINES 48

static const char *const words[8] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};

struct buf {
  char *data;
  size_t len, cap;
};

static void append(struct buf *b, const char *s, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n) cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) abort();
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

static void append_str(struct buf *b, const char *s) { append(b, s, strlen(s)); }

static void append_uint(struct buf *b, uint32_t v) {
  char tmp[10];
  int k = sizeof tmp;
  do {
    tmp[--k] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  append(b, tmp + k, sizeof tmp - (size_t)k);
}

uint32_t kernel_run(uint32_t docs) {
  struct buf doc = {NULL, 0, 0};
  uint32_t h = 0;
  for (uint32_t d = 0; d < docs; d++) {
    doc.len = 0;
    for (uint32_t i = 0; i < LINES; i++) {
      uint32_t id = d * LINES + i;
      append_str(&doc, "<item id=\"");
      append_uint(&doc, id);
      append_str(&doc, "\">");
      append_str(&doc, words[id % 8]);
      append_str(&doc, " ");
      append_str(&doc, words[(id >> 3) % 8]);
      append_str(&doc, "</item>\n");
    }
    for (size_t j = 0; j < doc.len; j++) h = h * 31 + (uint8_t)doc.data[j];
  }
  free(doc.data);
  return h;
}
