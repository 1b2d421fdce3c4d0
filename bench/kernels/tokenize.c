/* Byte tokenizing, written by hand: the algorithm of tokenize.ts with unsigned 32-bit arithmetic. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"

#define DOC_BYTES 65536

static uint32_t next(uint32_t *seed) {
  *seed = *seed * 1103515245u + 12345u;
  return (*seed >> 16) & 0x7fff;
}

static uint8_t *letters(uint8_t *p, uint32_t count, uint32_t *seed) {
  while (count--) *p++ = (uint8_t)('a' + next(seed) % 26);
  return p;
}

static void generate(uint8_t *buf, size_t size) {
  uint32_t seed = 42;
  uint8_t *p = buf, *end = buf + size - 96;
  int depth = 0;
  while (p < end) {
    uint32_t kind = next(&seed) % 6;
    if (kind <= 1 || (kind == 2 && depth == 0)) {
      *p++ = '<';
      p = letters(p, 3 + next(&seed) % 6, &seed);
      if (kind == 1) {
        *p++ = ' ';
        p = letters(p, 2 + next(&seed) % 4, &seed);
        *p++ = '=';
        *p++ = '"';
        p = letters(p, 1 + next(&seed) % 24, &seed);
        *p++ = '"';
      }
      *p++ = '>';
      depth++;
    } else if (kind == 2) {
      *p++ = '<';
      *p++ = '/';
      p = letters(p, 3 + next(&seed) % 6, &seed);
      *p++ = '>';
      depth--;
    } else if (kind == 3) {
      *p++ = '<';
      p = letters(p, 3 + next(&seed) % 6, &seed);
      *p++ = '/';
      *p++ = '>';
    } else {
      uint32_t words = 1 + next(&seed) % 6;
      while (words--) {
        if (next(&seed) % 8 == 0) {
          *p++ = '&';
          p = letters(p, 2 + next(&seed) % 3, &seed);
          *p++ = ';';
        } else {
          p = letters(p, 1 + next(&seed) % 9, &seed);
        }
        *p++ = ' ';
      }
    }
  }
  memset(p, ' ', (size_t)(buf + size - p));
}

static uint32_t scan(const uint8_t *buf, size_t n) {
  uint32_t opens = 0, closes = 0, empties = 0, text = 0, attr = 0, entities = 0, h = 0;
  size_t i = 0;
  while (i < n) {
    uint8_t c = buf[i];
    if (c != '<') {
      if (c == '&') entities++;
      text++;
      h += c;
      i++;
      continue;
    }
    i++;
    int closing = i < n && buf[i] == '/';
    if (closing) i++;
    uint32_t name = 0;
    while (i < n) {
      c = buf[i];
      if (c == '>' || c == '/' || c == ' ') break;
      name = name * 31 + c;
      i++;
    }
    while (i < n && buf[i] != '>') {
      if (buf[i] == '"') {
        i++;
        while (i < n && buf[i] != '"') {
          attr++;
          i++;
        }
      } else if (buf[i] == '/') {
        empties++;
      }
      i++;
    }
    i++;
    if (closing) closes++;
    else opens++;
    h = h * 31 + name;
  }
  return h ^ opens ^ (closes << 4) ^ (empties << 8) ^ (text << 12) ^ (attr << 16) ^ (entities << 20);
}

uint32_t kernel_run(uint32_t passes) {
  static uint8_t buf[DOC_BYTES];
  generate(buf, sizeof buf);
  uint32_t sum = 0;
  for (uint32_t p = 0; p < passes; p++) sum = sum * 31 + scan(buf, sizeof buf);
  return sum;
}
