/* Runtime for C generated from the Nudge TypeScript subset: arenas, strings, JavaScript number
 * semantics, checked access and console output. Needs only a C99 libc. */
/* this file holds the external definitions of the header's inline helpers */
#define ND_RT_EXTERN
#include "nd_rt.h"

#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define ND_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define ND_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define ND_POISON(p, n) ((void)(p), (void)(n))
#define ND_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/* ---- panics ---------------------------------------------------------------------------- */

static nd_panic_handler panic_handler;
static void nd_scratch_abandon(void);

void nd_set_panic_handler(nd_panic_handler handler) { panic_handler = handler; }

void nd_panic(const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  nd_scratch_abandon();
  if (panic_handler) panic_handler(msg);
  fflush(stdout);
  fprintf(stderr, "panic: %s\n", msg);
  exit(70);
}

void nd_index_panic(double i, int32_t len, const char *file, int32_t line) {
  char num[32];
  nd_format_num(i, num);
  nd_panic("index %s out of bounds (length %ld) at %s:%ld", num, (long)len, file, (long)line);
}

void *nd_nonnull(const void *p, const char *file, int32_t line) {
  if (!p) nd_panic("unexpected null at %s:%ld", file, (long)line);
  return (void *)(uintptr_t)p;
}

int32_t nd_length_arg(double n, const char *file, int32_t line) {
  if (!(n >= 0 && n <= 0x7fffffff) || n != nd_floor(n)) {
    char num[32];
    nd_format_num(n, num);
    nd_panic("invalid length %s at %s:%ld", num, file, (long)line);
  }
  return (int32_t)n;
}

/* ---- arenas ---------------------------------------------------------------------------- */

struct nd_chunk {
  struct nd_chunk *next;
  size_t size;
};

#define ND_ALIGN 8u
nd_arena *nd_current_arena;

void nd_arena_init(nd_arena *a, const char *name, void *buffer, size_t size) {
  memset(a, 0, sizeof *a);
  a->name = name;
  a->budget = size;
  a->buf = a->top = (unsigned char *)buffer;
  a->end = a->limit = a->buf + size;
}

void nd_arena_init_heap(nd_arena *a, const char *name, size_t budget) {
  memset(a, 0, sizeof *a);
  a->name = name;
  a->budget = budget;
  a->owns_chunks = true;
}

size_t nd_arena_used(const nd_arena *a) { return a->earlier + (size_t)(a->top - a->buf); }

size_t nd_arena_peak(const nd_arena *a) {
  size_t used = nd_arena_used(a);
  return used > a->peak_before ? used : a->peak_before;
}

void nd_arena_restart_peak(nd_arena *a) { a->peak_before = 0; }

static void free_chunks(nd_arena *a) {
  struct nd_chunk *c = a->chunks;
  while (c) {
    struct nd_chunk *next = c->next;
    free(c);
    c = next;
  }
  a->chunks = NULL;
  free(a->spare);
  a->spare = NULL;
}

/* The fast path's limit: the chunk's end, or sooner where the budget runs out. */
static void set_limit(nd_arena *a) {
  size_t left = a->budget - a->earlier;
  a->limit = (size_t)(a->end - a->buf) < left ? a->end : a->buf + left;
}

void nd_arena_reset(nd_arena *a) {
  a->peak_before = nd_arena_peak(a);
  if (a->owns_chunks) {
    /* keep the newest chunk for reuse: the next poll needs about as much again */
    struct nd_chunk *keep = a->chunks;
    if (keep) {
      a->chunks = keep->next;
      free_chunks(a);
      keep->next = NULL;
      a->chunks = keep;
      a->buf = (unsigned char *)(keep + 1);
      a->end = a->buf + keep->size;
    }
  }
  a->top = a->buf;
  a->earlier = 0;
  if (a->buf) set_limit(a);
  a->resets++;
}

void nd_arena_release(nd_arena *a) {
  a->peak_before = nd_arena_peak(a);
  if (a->owns_chunks) free_chunks(a);
  a->buf = a->top = a->end = a->limit = NULL;
  a->earlier = 0;
}

/* Only on the arena that was current at the mark: a driver that switched arenas inside the turn
 * keeps both as they are. Chunks added since the mark go back to the heap but for the largest,
 * kept as the arena's spare: a loop whose every turn outgrows the mark's chunk (a first
 * allocation in an empty arena, say) would otherwise call malloc and free each turn. String
 * builders see the bumped reset count and stop appending in place. */
void nd_arena_back_slow(const nd_mark *m) {
  nd_arena *a = m->arena;
  if (a != nd_current_arena) return;
  a->peak_before = nd_arena_peak(a);
  if (a->chunks != m->chunk) {
    while (a->chunks != m->chunk) {
      struct nd_chunk *c = a->chunks;
      a->chunks = c->next;
      if (a->spare && a->spare->size >= c->size) {
        free(c);
        continue;
      }
      free(a->spare);
      a->spare = c;
      ND_POISON(c + 1, c->size);
    }
    a->buf = m->chunk ? (unsigned char *)(m->chunk + 1) : NULL;
    a->end = m->chunk ? a->buf + m->chunk->size : NULL;
    a->earlier = m->earlier;
    /* the mark's chunk was handed out at most to its end before the next one began */
    a->top = a->end;
  }
  if (a->top != m->top) ND_POISON(m->top, (size_t)(a->top - m->top));
  a->top = m->top;
  if (a->buf) set_limit(a);
  else a->limit = NULL;
  a->resets++;
}

nd_arena *nd_arena_use(nd_arena *a) {
  nd_arena *prev = nd_current_arena;
  nd_current_arena = a;
  return prev;
}

void *nd_alloc_slow(size_t size) {
  nd_arena *a = nd_current_arena;
  if (!a) nd_panic("allocation with no current arena");
  size_t need = (size + (ND_ALIGN - 1)) & ~(size_t)(ND_ALIGN - 1);
  if (need == 0) need = ND_ALIGN;
  size_t used = nd_arena_used(a);
  if (need > a->budget - used) {
    nd_panic("arena '%s' exhausted: %lu bytes in use, %lu more requested, budget %lu", a->name,
             (unsigned long)used, (unsigned long)need, (unsigned long)a->budget);
  }
  if ((size_t)(a->end - a->top) < need) {
    if (!a->owns_chunks) nd_panic("arena '%s' exhausted", a->name);
    size_t chunk = 64 * 1024;
    while (chunk < need) chunk *= 2;
    struct nd_chunk *c = a->spare;
    if (c && c->size >= chunk) {
      a->spare = NULL;
      chunk = c->size;
    } else {
      c = (struct nd_chunk *)malloc(sizeof(struct nd_chunk) + chunk);
      if (!c) nd_panic("out of memory growing arena '%s'", a->name);
    }
    c->next = a->chunks;
    c->size = chunk;
    a->chunks = c;
    /* the old chunk's free tail is not counted: `used` is what was handed out */
    a->earlier = used;
    a->buf = a->top = (unsigned char *)(c + 1);
    a->end = a->buf + chunk;
    set_limit(a);
  }
  void *p = a->top;
  ND_UNPOISON(p, need);
  a->top += need;
  return p;
}

void *nd_arr_empty(size_t header) { return nd_alloc_zeroed(header); }

void *nd_grow(void *data, int32_t *cap, size_t elem) {
  int32_t len = *cap;
  if (len >= 0x3fffffff) nd_panic("array too large");
  int32_t ncap = len < 4 ? 4 : len * 2;
  void *n = nd_alloc(elem * (size_t)ncap);
  if (len) memcpy(n, data, elem * (size_t)len);
  *cap = ncap;
  return n;
}

void *nd_push(void *data, int32_t *len, int32_t *cap, const void *v, size_t elem) {
  if (*len == *cap) data = nd_grow(data, cap, elem);
  unsigned char *slot = (unsigned char *)data + elem * (size_t)*len;
  /* a copy of constant size is a plain store: the element sizes arrays have */
  switch (elem) {
    case 1: memcpy(slot, v, 1); break;
    case 4: memcpy(slot, v, 4); break;
    case 8: memcpy(slot, v, 8); break;
    default: memcpy(slot, v, elem); break;
  }
  ++*len;
  return data;
}

void nd_sort(void *data, int32_t n, size_t size,
             bool (*before)(const void *y, const void *x, const void *ctx), const void *ctx) {
#if !defined(__OPTIMIZE_SIZE__)
  /* a constant size lets the compiler copy pointers and doubles without calling memcpy */
  if (size == sizeof(void *)) nd_sort_inline(data, n, sizeof(void *), before, ctx);
  else if (size == 8) nd_sort_inline(data, n, 8, before, ctx);
  else
#endif
    nd_sort_inline(data, n, size, before, ctx);
}

/* ---- strings ------------------------------------------------------------------------------ */

const nd_string nd_str_null_text = {4, "null"};
const nd_string nd_str_true_text = {4, "true"};
const nd_string nd_str_false_text = {5, "false"};
const nd_string nd_str_empty = {0, ""};
const nd_string nd_str_comma = {1, ","};

nd_str nd_str_make(const char *bytes, size_t len) {
  nd_string *s = (nd_string *)nd_alloc(sizeof(nd_string) + len + 1);
  char *b = (char *)(s + 1);
  if (len) memcpy(b, bytes, len);
  b[len] = 0;
  s->len = len;
  s->bytes = b;
  return s;
}

nd_str nd_str_cat(nd_str a, nd_str b) {
  a = nd_str_or_null(a);
  b = nd_str_or_null(b);
  if (a->len == 0) return b;
  if (b->len == 0) return a;
  nd_string *s = (nd_string *)nd_alloc(sizeof(nd_string) + a->len + b->len + 1);
  char *p = (char *)(s + 1);
  memcpy(p, a->bytes, a->len);
  memcpy(p + a->len, b->bytes, b->len);
  p[a->len + b->len] = 0;
  s->len = a->len + b->len;
  s->bytes = p;
  return s;
}

nd_str nd_str_cat_n(const nd_str *parts, int32_t n) {
  size_t total = 0;
  int32_t filled = 0, last = 0;
  for (int32_t i = 0; i < n; i++) {
    size_t len = nd_str_or_null(parts[i])->len;
    if (len) filled++, last = i;
    total += len;
  }
  /* like nd_str_cat: nothing to join means no copy */
  if (filled == 0) return &nd_str_empty;
  if (filled == 1) return nd_str_or_null(parts[last]);
  nd_string *s = (nd_string *)nd_alloc(sizeof(nd_string) + total + 1);
  char *w = (char *)(s + 1);
  s->bytes = w;
  s->len = total;
  for (int32_t i = 0; i < n; i++) {
    nd_str p = nd_str_or_null(parts[i]);
    memcpy(w, p->bytes, p->len);
    w += p->len;
  }
  *w = 0;
  return s;
}

nd_str nd_str_append(nd_sb *sb, nd_str s, const nd_str *parts, int32_t n) {
  s = nd_str_or_null(s);
  size_t add = 0;
  for (int32_t i = 0; i < n; i++) add += nd_str_or_null(parts[i])->len;
  if (add == 0) return s;
  nd_arena *a = nd_current_arena;
  char *w;
  nd_string *r;
  if (sb->last == s && sb->arena == a && a && sb->resets == a->resets && (size_t)(sb->room_end - (s->bytes + s->len)) > add) {
    r = (nd_string *)nd_alloc(sizeof(nd_string));
    r->bytes = s->bytes;
    w = (char *)(uintptr_t)s->bytes + s->len;
  } else {
    if (s->len + add > ((size_t)1 << 30)) nd_panic("string too long");
    size_t cap = 2 * (s->len + add) + 16;
    r = (nd_string *)nd_alloc(sizeof(nd_string) + cap);
    char *buf = (char *)(r + 1);
    memcpy(buf, s->bytes, s->len);
    r->bytes = buf;
    w = buf + s->len;
    sb->room_end = buf + cap;
    sb->arena = a;
    sb->resets = a ? a->resets : 0;
  }
  r->len = s->len + add;
  for (int32_t i = 0; i < n; i++) {
    nd_str p = nd_str_or_null(parts[i]);
    memcpy(w, p->bytes, p->len);
    w += p->len;
  }
  *w = 0;
  sb->last = r;
  return r;
}

bool nd_str_eq(nd_str a, nd_str b) {
  if (a == b) return true;
  if (!a || !b) return false;
  return a->len == b->len && memcmp(a->bytes, b->bytes, a->len) == 0;
}

bool nd_str_truthy(nd_str s) { return s && s->len > 0; }

nd_str nd_str_of_num(double x) {
  char buf[32];
  int n = nd_format_num(x, buf);
  return nd_str_make(buf, (size_t)n);
}

nd_str nd_str_of_num_in(double x, nd_string *h, char *buf) {
  h->len = (size_t)nd_format_num(x, buf);
  h->bytes = buf;
  return h;
}

nd_str nd_str_of_bool(bool b) { return b ? &nd_str_true_text : &nd_str_false_text; }

bool nd_str_starts_with(nd_str s, nd_str p) {
  return p->len <= s->len && memcmp(s->bytes, p->bytes, p->len) == 0;
}

bool nd_str_ends_with(nd_str s, nd_str p) {
  return p->len <= s->len && memcmp(s->bytes + s->len - p->len, p->bytes, p->len) == 0;
}

static long find(nd_str s, nd_str p, size_t from) {
  if (p->len == 0) return from <= s->len ? (long)from : -1;
  for (size_t i = from; i + p->len <= s->len; i++)
    if (memcmp(s->bytes + i, p->bytes, p->len) == 0) return (long)i;
  return -1;
}

bool nd_str_includes(nd_str s, nd_str p) { return find(s, p, 0) >= 0; }

/* Decodes the code point at s[i] (valid UTF-8 by construction) and its byte length. */
static uint32_t decode_at(const unsigned char *s, size_t i, size_t *n) {
  unsigned c = s[i];
  if (c < 0x80) { *n = 1; return c; }
  if (c < 0xe0) { *n = 2; return ((c & 0x1fu) << 6) | (s[i + 1] & 0x3fu); }
  if (c < 0xf0) { *n = 3; return ((c & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3fu); }
  *n = 4;
  return ((c & 0x07u) << 18) | ((s[i + 1] & 0x3fu) << 12) | ((s[i + 2] & 0x3fu) << 6) | (s[i + 3] & 0x3fu);
}

/* JavaScript's WhiteSpace + LineTerminator set used by String.prototype.trim. */
static bool js_space(uint32_t c) {
  switch (c) {
  case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20: case 0xa0: case 0x1680:
  case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0xfeff:
    return true;
  default:
    return c >= 0x2000 && c <= 0x200a;
  }
}

nd_str nd_str_trim(nd_str s) {
  const unsigned char *b = (const unsigned char *)s->bytes;
  size_t start = 0, end = s->len, n;
  while (start < end && js_space(decode_at(b, start, &n))) start += n;
  while (end > start) {
    size_t k = end - 1;
    while (k > start && (b[k] & 0xc0u) == 0x80u) k--;
    if (!js_space(decode_at(b, k, &n))) break;
    end = k;
  }
  if (start == 0 && end == s->len) return s;
  return nd_str_make(s->bytes + start, end - start);
}

nd_str nd_str_join(nd_arr_str *a, nd_str sep) {
  size_t total = 0;
  for (int32_t i = 0; i < a->len; i++) total += nd_str_or_null(a->data[i])->len + (i ? sep->len : 0);
  nd_string *s = (nd_string *)nd_alloc(sizeof(nd_string) + total + 1);
  char *p = (char *)(s + 1), *w = p;
  for (int32_t i = 0; i < a->len; i++) {
    if (i) { memcpy(w, sep->bytes, sep->len); w += sep->len; }
    nd_str e = nd_str_or_null(a->data[i]);
    memcpy(w, e->bytes, e->len);
    w += e->len;
  }
  *w = 0;
  s->len = total;
  s->bytes = p;
  return s;
}

nd_str nd_num_join(const double *items, int32_t n, nd_str sep) {
  nd_arr_str *parts = nd_arr_str_new(n);
  for (int32_t i = 0; i < n; i++) nd_arr_str_push(parts, nd_str_of_num(items[i]));
  return nd_str_join(parts, sep);
}

nd_str nd_bool_join(const bool *items, int32_t n, nd_str sep) {
  nd_arr_str *parts = nd_arr_str_new(n);
  for (int32_t i = 0; i < n; i++) nd_arr_str_push(parts, nd_str_of_bool(items[i]));
  return nd_str_join(parts, sep);
}

nd_arr_str *nd_str_split(nd_str s, nd_str sep, const char *file, int32_t line) {
  if (sep->len == 0) nd_panic("split() with an empty separator at %s:%ld", file, (long)line);
  nd_arr_str *r = nd_arr_str_new(0);
  size_t from = 0;
  for (;;) {
    long at = find(s, sep, from);
    if (at < 0) break;
    nd_arr_str_push(r, nd_str_make(s->bytes + from, (size_t)at - from));
    from = (size_t)at + sep->len;
  }
  nd_arr_str_push(r, nd_str_make(s->bytes + from, s->len - from));
  return r;
}

/* ---- numbers ------------------------------------------------------------------------------ */

/* ToUint32 from the bits of x: exact for every double, and independent of libm (picolibc's
 * soft-float fmod/trunc are not exact for large values). */
uint32_t nd_touint32_bits(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  int exp = (int)((bits >> 52) & 0x7ff);
  if (exp == 0x7ff || exp < 1023) return 0; /* NaN, infinities, |x| < 1 (and subnormals) */
  uint64_t mant = (bits & 0xfffffffffffffull) | 0x10000000000000ull;
  int shift = exp - 1075; /* x = mant * 2^shift */
  uint32_t r;
  if (shift >= 32) r = 0;
  else if (shift >= 0) r = (uint32_t)(mant << shift);
  else r = (uint32_t)(mant >> -shift);
  return (bits >> 63) ? (uint32_t)(0u - r) : r;
}

/* trunc/floor/ceil from the bits as well: picolibc's soft-float ceil is wrong just below 2^52 */
double nd_trunc_bits(double x) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  int exp = (int)((bits >> 52) & 0x7ff);
  if (exp >= 1075) return x;                    /* integral already, or NaN/infinity */
  if (exp < 1023) bits &= 0x8000000000000000ull; /* |x| < 1: a zero of x's sign */
  else bits &= ~((1ull << (1075 - exp)) - 1);   /* clear the fraction bits */
  memcpy(&x, &bits, sizeof x);
  return x;
}

double nd_pow(double a, double b) {
  /* JavaScript differs from C: 1 ** NaN and (+-1) ** (+-Infinity) are NaN */
  if (isnan(b)) return NAN;
  if ((a == 1 || a == -1) && isinf(b)) return NAN;
  /* V8's pow (fdlibm's) answers these exponents with one rounded operation, where the C
   * library's may be a unit off in a tie: 113060689 ** 2 is 12782719397154720 in Node, and
   * glibc's pow rounds the exact 12782719397154721 up */
  if (b == 1) return a;
  if (b == -1) return 1 / a;
  if (b == 2) return a * a;
  if (b == 0.5 && !signbit(a)) return sqrt(a);
  return pow(a, b);
}

/* Math.hypot as V8 computes it, which C's correctly rounded hypot differs from in the last bit
 * (hypot(8, 13)): both magnitudes scaled by the larger, their squares summed with Kahan's
 * compensation, one square root. An infinity wins over NaN, and two zeros give +0. */
double nd_hypot(double a, double b) {
  double x = fabs(a), y = fabs(b);
  if (isinf(x) || isinf(y)) return INFINITY;
  if (isnan(x) || isnan(y)) return NAN;
  double max = x > y ? x : y;
  if (max == 0) return 0;
  double sum = 0, compensation = 0, parts[2] = {x / max, y / max};
  for (int i = 0; i < 2; i++) {
    double summand = parts[i] * parts[i] - compensation;
    double preliminary = sum + summand;
    compensation = (preliminary - sum) - summand;
    sum = preliminary;
  }
  return sqrt(sum) * max;
}

double nd_round(double x) {
  if (!isfinite(x) || x == 0) return x;
  if (x > 0 && x < 0.5) return 0.0;
  if (x < 0 && x >= -0.5) return -0.0;
  double f = nd_floor(x);
  return x - f >= 0.5 ? f + 1 : f;
}

double nd_min_tie(double a, double b) {
  if (a != a || b != b) return NAN;
  return signbit(a) ? a : b; /* equal: only the sign of a zero can differ */
}

double nd_max_tie(double a, double b) {
  if (a != a || b != b) return NAN;
  return signbit(a) ? b : a;
}

double nd_sign(double x) {
  if (isnan(x) || x == 0) return x;
  return x > 0 ? 1 : -1;
}

bool nd_num_truthy(double x) { return x != 0 && !isnan(x); }

bool nd_is_integer(double x) { return isfinite(x) && x == nd_trunc(x); }

/* x rounded to p significant digits as "%.*e" writes it, made from its 17 digits d (x's own digits
 * correctly rounded) and exponent e: rounding those again gives x's own rounding unless the digits
 * dropped are exactly one half (the first rounding may have made them so), where snprintf decides.
 * force > 0 rounds up and force < 0 down instead. Returns whether it rounded up. */
static bool round_e(double x, const char d[17], int e, int p, int force, char out[40]) {
  char r[17];
  memcpy(r, d, (size_t)p);
  bool up = force > 0 || (force == 0 && d[p] > '5');
  if (force == 0 && d[p] == '5') {
    int i = p + 1;
    while (i < 17 && d[i] == '0') i++;
    if (i == 17) {
      snprintf(out, 40, "%.*e", p - 1, x);
      return out[0] != d[0] || memcmp(out + 2, d + 1, (size_t)(p - 1)) != 0;
    }
    up = true;
  }
  if (up) {
    int i = p - 1;
    while (i >= 0 && r[i] == '9') r[i--] = '0';
    if (i >= 0) {
      r[i]++;
    } else {
      r[0] = '1';
      e++;
    }
  }
  int n = 0;
  out[n++] = r[0];
  out[n++] = '.';
  memcpy(out + n, r + 1, (size_t)(p - 1));
  n += p - 1;
  snprintf(out + n, (size_t)(40 - n), "e%+03d", e);
  return up;
}

/* The shortest "%.*e" digits of a normal x that read back as x (see shortest_digits): one exact
 * conversion to 17 digits, whose roundings to 15 and 16 digits are tried first. */
static void shortest_e(double x, char buf[40]) {
  char full[40];
  snprintf(full, sizeof full, "%.16e", x);
  char d[17];
  d[0] = full[0];
  memcpy(d + 1, full + 2, 16);
  int e = atoi(full + 19);
  round_e(x, d, e, 15, 0, buf);
  if (strtod(buf, NULL) == x) return;
  bool up = round_e(x, d, e, 16, 0, buf);
  if (strtod(buf, NULL) == x) return;
  /* x's other 16-digit neighbour may read back where the closer one does not: at a power of two,
   * whose interval below is half the one above (2^-24 is 5.9604644775390625e-8; its tie rounds to
   * the even ...062, which reads back lower, and ...063 is its shortest) */
  round_e(x, d, e, 16, up ? -1 : 1, buf);
  if (strtod(buf, NULL) == x) return;
  memcpy(buf, full, sizeof full);
}

/* Shortest digits by Grisu3 (Loitsch, "Printing floating-point numbers quickly and accurately
 * with integers", PLDI 2010), the fast path V8 takes for Number::toString: 64-bit integer
 * arithmetic finds x's shortest digits that read back as x, and of those the closest to x, or says
 * that it cannot be sure (about 0.5% of doubles; then shortest_digits searches exactly). */

/* a number f * 2^e with a 64-bit significand */
typedef struct {
  uint64_t f;
  int e;
} diy_fp;

/* 10^(8i - 348) is pow10_f[i] * 2^pow10_e[i], the significand's top bit set and its last one
 * rounded to nearest (test/codegen-format-num.test.ts recomputes them exactly) */
static const uint64_t pow10_f[87] = {
    UINT64_C(0xfa8fd5a0081c0288), UINT64_C(0xbaaee17fa23ebf76), UINT64_C(0x8b16fb203055ac76), UINT64_C(0xcf42894a5dce35ea),
    UINT64_C(0x9a6bb0aa55653b2d), UINT64_C(0xe61acf033d1a45df), UINT64_C(0xab70fe17c79ac6ca), UINT64_C(0xff77b1fcbebcdc4f),
    UINT64_C(0xbe5691ef416bd60c), UINT64_C(0x8dd01fad907ffc3c), UINT64_C(0xd3515c2831559a83), UINT64_C(0x9d71ac8fada6c9b5),
    UINT64_C(0xea9c227723ee8bcb), UINT64_C(0xaecc49914078536d), UINT64_C(0x823c12795db6ce57), UINT64_C(0xc21094364dfb5637),
    UINT64_C(0x9096ea6f3848984f), UINT64_C(0xd77485cb25823ac7), UINT64_C(0xa086cfcd97bf97f4), UINT64_C(0xef340a98172aace5),
    UINT64_C(0xb23867fb2a35b28e), UINT64_C(0x84c8d4dfd2c63f3b), UINT64_C(0xc5dd44271ad3cdba), UINT64_C(0x936b9fcebb25c996),
    UINT64_C(0xdbac6c247d62a584), UINT64_C(0xa3ab66580d5fdaf6), UINT64_C(0xf3e2f893dec3f126), UINT64_C(0xb5b5ada8aaff80b8),
    UINT64_C(0x87625f056c7c4a8b), UINT64_C(0xc9bcff6034c13053), UINT64_C(0x964e858c91ba2655), UINT64_C(0xdff9772470297ebd),
    UINT64_C(0xa6dfbd9fb8e5b88f), UINT64_C(0xf8a95fcf88747d94), UINT64_C(0xb94470938fa89bcf), UINT64_C(0x8a08f0f8bf0f156b),
    UINT64_C(0xcdb02555653131b6), UINT64_C(0x993fe2c6d07b7fac), UINT64_C(0xe45c10c42a2b3b06), UINT64_C(0xaa242499697392d3),
    UINT64_C(0xfd87b5f28300ca0e), UINT64_C(0xbce5086492111aeb), UINT64_C(0x8cbccc096f5088cc), UINT64_C(0xd1b71758e219652c),
    UINT64_C(0x9c40000000000000), UINT64_C(0xe8d4a51000000000), UINT64_C(0xad78ebc5ac620000), UINT64_C(0x813f3978f8940984),
    UINT64_C(0xc097ce7bc90715b3), UINT64_C(0x8f7e32ce7bea5c70), UINT64_C(0xd5d238a4abe98068), UINT64_C(0x9f4f2726179a2245),
    UINT64_C(0xed63a231d4c4fb27), UINT64_C(0xb0de65388cc8ada8), UINT64_C(0x83c7088e1aab65db), UINT64_C(0xc45d1df942711d9a),
    UINT64_C(0x924d692ca61be758), UINT64_C(0xda01ee641a708dea), UINT64_C(0xa26da3999aef774a), UINT64_C(0xf209787bb47d6b85),
    UINT64_C(0xb454e4a179dd1877), UINT64_C(0x865b86925b9bc5c2), UINT64_C(0xc83553c5c8965d3d), UINT64_C(0x952ab45cfa97a0b3),
    UINT64_C(0xde469fbd99a05fe3), UINT64_C(0xa59bc234db398c25), UINT64_C(0xf6c69a72a3989f5c), UINT64_C(0xb7dcbf5354e9bece),
    UINT64_C(0x88fcf317f22241e2), UINT64_C(0xcc20ce9bd35c78a5), UINT64_C(0x98165af37b2153df), UINT64_C(0xe2a0b5dc971f303a),
    UINT64_C(0xa8d9d1535ce3b396), UINT64_C(0xfb9b7cd9a4a7443c), UINT64_C(0xbb764c4ca7a44410), UINT64_C(0x8bab8eefb6409c1a),
    UINT64_C(0xd01fef10a657842c), UINT64_C(0x9b10a4e5e9913129), UINT64_C(0xe7109bfba19c0c9d), UINT64_C(0xac2820d9623bf429),
    UINT64_C(0x80444b5e7aa7cf85), UINT64_C(0xbf21e44003acdd2d), UINT64_C(0x8e679c2f5e44ff8f), UINT64_C(0xd433179d9c8cb841),
    UINT64_C(0x9e19db92b4e31ba9), UINT64_C(0xeb96bf6ebadf77d9), UINT64_C(0xaf87023b9bf0ee6b),
};
static const int16_t pow10_e[87] = {
    -1220, -1193, -1166, -1140, -1113, -1087, -1060, -1034, -1007, -980, -954, -927,
    -901, -874, -847, -821, -794, -768, -741, -715, -688, -661, -635, -608,
    -582, -555, -529, -502, -475, -449, -422, -396, -369, -343, -316, -289,
    -263, -236, -210, -183, -157, -130, -103, -77, -50, -24, 3, 30,
    56, 83, 109, 136, 162, 189, 216, 242, 269, 295, 322, 348,
    375, 402, 428, 455, 481, 508, 534, 561, 588, 614, 641, 667,
    694, 720, 747, 774, 800, 827, 853, 880, 907, 933, 960, 986,
    1013, 1039, 1066,
};

/* a * b with the product's upper 64 bits, rounded (at most half a unit in the last place off) */
static diy_fp diy_times(diy_fp a, diy_fp b) {
  const uint64_t m32 = 0xffffffffu;
  uint64_t ah = a.f >> 32, al = a.f & m32, bh = b.f >> 32, bl = b.f & m32;
  uint64_t hh = ah * bh, hl = ah * bl, lh = al * bh, ll = al * bl;
  uint64_t mid = (ll >> 32) + (hl & m32) + (lh & m32) + (UINT64_C(1) << 31);
  diy_fp r = {hh + (hl >> 32) + (lh >> 32) + (mid >> 32), a.e + b.e + 64};
  return r;
}

static diy_fp diy_normalize(diy_fp x) {
  while (!(x.f & UINT64_C(0xffc0000000000000))) {
    x.f <<= 10;
    x.e -= 10;
  }
  while (!(x.f & (UINT64_C(1) << 63))) {
    x.f <<= 1;
    x.e--;
  }
  return x;
}

/* Moves the last digit down while that brings the digits closer to w (rest is their distance below
 * too_high, in units of 2^e); then whether they are surely the closest and surely inside the
 * interval, given that each scaled figure may be off by `unit`. */
static bool grisu_round_weed(char *digits, int len, uint64_t high_to_w, uint64_t unsafe, uint64_t rest,
                             uint64_t ten_kappa, uint64_t unit) {
  uint64_t small = high_to_w - unit, big = high_to_w + unit;
  while (rest < small && unsafe - rest >= ten_kappa &&
         (rest + ten_kappa < small || small - rest >= rest + ten_kappa - small)) {
    digits[len - 1]--;
    rest += ten_kappa;
  }
  if (rest < big && unsafe - rest >= ten_kappa && (rest + ten_kappa < big || big - rest > rest + ten_kappa - big))
    return false;
  return 2 * unit <= rest && rest <= unsafe - 4 * unit;
}

/* Digits of too_high (high plus the error unit) until what remains of it lies within the unsafe
 * interval (too_low, too_high): then the digits so far, rounded down by grisu_round_weed, are
 * the shortest. w, low and high share an exponent in [-60, -32]. */
static bool grisu_digits(diy_fp low, diy_fp w, diy_fp high, char digits[20], int *len, int *kappa) {
  uint64_t unit = 1;
  uint64_t too_low = low.f - unit, too_high = high.f + unit;
  uint64_t unsafe = too_high - too_low;
  int shift = -w.e;
  uint64_t one = UINT64_C(1) << shift;
  /* at least 1, as w.f and the power's significand are both at least 2^63 */
  uint32_t integrals = (uint32_t)(too_high >> shift);
  uint64_t fractionals = too_high & (one - 1);
  uint32_t divisor = 1;
  int k = 1;
  while (k < 10 && integrals / divisor >= 10) {
    divisor *= 10;
    k++;
  }
  int n = 0;
  while (k > 0) {
    digits[n++] = (char)('0' + integrals / divisor);
    integrals %= divisor;
    k--;
    uint64_t rest = ((uint64_t)integrals << shift) + fractionals;
    if (rest < unsafe) {
      *len = n;
      *kappa = k;
      return grisu_round_weed(digits, n, too_high - w.f, unsafe, rest, (uint64_t)divisor << shift, unit);
    }
    divisor /= 10;
  }
  /* the loop ends once unsafe reaches one; fractionals < one <= 2^60, so nothing overflows */
  while (n < 20) {
    fractionals *= 10;
    unit *= 10;
    unsafe *= 10;
    digits[n++] = (char)('0' + (fractionals >> shift));
    fractionals &= one - 1;
    k--;
    if (fractionals < unsafe) {
      *len = n;
      *kappa = k;
      return grisu_round_weed(digits, n, (too_high - w.f) * unit, unsafe, fractionals, one, unit);
    }
  }
  return false;
}

/* The shortest digits of a finite x > 0 that read back as x, the closest to x of them:
 * x is about digits * 10^*exp10. Returns how many, or 0 when Grisu3 cannot be sure. */
static int grisu_shortest(double x, char digits[20], int *exp10) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
  int biased = (int)(bits >> 52);
  diy_fp v = {biased ? frac | (UINT64_C(1) << 52) : frac, biased ? biased - 1075 : -1074};
  /* the halfway points to x's neighbours; at a power of two the one below is twice as close */
  diy_fp plus = {(v.f << 1) + 1, v.e - 1};
  plus = diy_normalize(plus);
  diy_fp minus = {(v.f << 1) - 1, v.e - 1};
  if (frac == 0 && biased > 1) {
    minus.f = (v.f << 2) - 1;
    minus.e = v.e - 2;
  }
  minus.f <<= minus.e - plus.e;
  minus.e = plus.e;
  diy_fp w = diy_normalize(v);
  /* the cached power 10^mk that brings the products' exponent into [-60, -32] */
  int k = (int)ceil((-60 - (w.e + 64) + 63) * 0.30102999566398114);
  int i = (348 + k - 1) / 8 + 1;
  /* every finite double finds its power (the test's edge cases cover each exponent); were one not
   * to, it would take the exact search rather than read outside the table */
  if (i < 0 || i >= 87) return 0;
  int e = w.e + pow10_e[i] + 64;
  if (e < -60 || e > -32) return 0;
  diy_fp c = {pow10_f[i], pow10_e[i]};
  int len, kappa;
  if (!grisu_digits(diy_times(minus, c), diy_times(w, c), diy_times(plus, c), digits, &len, &kappa)) return 0;
  *exp10 = kappa - (8 * i - 348);
  return len;
}

/* The digits of x's shortest round trip and n, where the point goes: x = 0.digits * 10^n. */
static int shortest_digits(double x, char digits[20], int *n) {
  int e10;
  int k = grisu_shortest(x, digits, &e10);
  if (k) {
    *n = e10 + k;
  } else {
    /* When the shortest string has at most 15 digits, x lies within 2^-53 of it, far inside half
     * a unit of the 15th digit, so x correctly rounded to 15 digits is that string padded with
     * zeros; otherwise one of x's two 16-digit neighbours may read back (the closer first), else
     * 17 digits always do: shortest_e. Subnormals are coarser than 2^-53 and try every length. */
    char buf[40];
    if (x < DBL_MIN) {
      int prec;
      for (prec = 1; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, x);
        if (strtod(buf, NULL) == x) break;
      }
      if (prec == 17) snprintf(buf, sizeof buf, "%.16e", x);
    } else {
      shortest_e(x, buf);
    }
    const char *p = buf;
    for (; *p && *p != 'e'; p++)
      if (*p >= '0' && *p <= '9') digits[k++] = *p;
    *n = atoi(p + 1) + 1;
  }
  while (k > 1 && digits[k - 1] == '0') k--;
  return k;
}

int nd_format_num(double x, char out[32]) {
  if (isnan(x)) { memcpy(out, "NaN", 4); return 3; }
  if (x == 0) { memcpy(out, "0", 2); return 1; }
  if (isinf(x)) {
    if (x > 0) { memcpy(out, "Infinity", 9); return 8; }
    memcpy(out, "-Infinity", 10);
    return 9;
  }
  int len = 0;
  if (x < 0) { out[len++] = '-'; x = -x; }
  if (x < 9007199254740992.0 && x == nd_trunc(x)) {
    /* integers: plain digits, no search needed; written from the right two at a time */
    static const char pairs[201] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char tmp[20];
    int k = (int)sizeof tmp;
    uint64_t wide = (uint64_t)x;
    /* 32-bit division is much cheaper where the machine has no 64-bit divide (rv32) */
    while (wide >= 4294967296u) {
      unsigned d = (unsigned)(wide % 100);
      wide /= 100;
      tmp[--k] = pairs[2 * d + 1];
      tmp[--k] = pairs[2 * d];
    }
    uint32_t v = (uint32_t)wide;
    while (v >= 100) {
      unsigned d = v % 100;
      v /= 100;
      tmp[--k] = pairs[2 * d + 1];
      tmp[--k] = pairs[2 * d];
    }
    if (v >= 10) {
      tmp[--k] = pairs[2 * v + 1];
      tmp[--k] = pairs[2 * v];
    } else {
      tmp[--k] = (char)('0' + v);
    }
    memcpy(out + len, tmp + k, sizeof tmp - (size_t)k);
    len += (int)sizeof tmp - k;
    out[len] = 0;
    return len;
  }
  /* laid out as ECMAScript's Number::toString: fixed notation from 1e-6 to 1e21, else exponential */
  char digits[20];
  int n;
  int k = shortest_digits(x, digits, &n);
  if (k <= n && n <= 21) {
    for (int i = 0; i < k; i++) out[len++] = digits[i];
    for (int i = k; i < n; i++) out[len++] = '0';
  } else if (0 < n && n <= 21) {
    for (int i = 0; i < n; i++) out[len++] = digits[i];
    out[len++] = '.';
    for (int i = n; i < k; i++) out[len++] = digits[i];
  } else if (-6 < n && n <= 0) {
    out[len++] = '0';
    out[len++] = '.';
    for (int i = 0; i < -n; i++) out[len++] = '0';
    for (int i = 0; i < k; i++) out[len++] = digits[i];
  } else {
    out[len++] = digits[0];
    if (k > 1) {
      out[len++] = '.';
      for (int i = 1; i < k; i++) out[len++] = digits[i];
    }
    int e = n - 1 < 0 ? 1 - n : n - 1;
    out[len++] = 'e';
    out[len++] = n - 1 < 0 ? '-' : '+';
    if (e >= 100) out[len++] = (char)('0' + e / 100);
    if (e >= 10) out[len++] = (char)('0' + e / 10 % 10);
    out[len++] = (char)('0' + e % 10);
  }
  out[len] = 0;
  return len;
}

/* ---- typed arrays ------------------------------------------------------------------------ */

static int32_t rel_index_slow(double v, int32_t len) {
  if (isnan(v)) return 0;
  double t = nd_trunc(v);
  if (t < 0) t = t + len < 0 ? 0 : t + len;
  return t > len ? len : (int32_t)t;
}

/* inlined into the typed-array functions below: the common case, an index within the array */
static inline int32_t rel_index(double v, int32_t len) {
  if (v >= 0 && v <= len && v == (double)(int32_t)v) return (int32_t)v;
  return rel_index_slow(v, len);
}

int32_t nd_rel_index(double v, int32_t len) { return rel_index(v, len); }



#define ND_TYPED_ARRAY_IMPL(NAME, T, CONV, MIN, MAX)                                               \
  NAME *NAME##_new(double n, const char *file, int32_t line) {                                     \
    int32_t len = nd_length_arg(n, file, line);                                                    \
    NAME *a = (NAME *)nd_alloc(sizeof(NAME));                                                      \
    a->len = len;                                                                                  \
    a->data = (T *)nd_alloc_zeroed(sizeof(T) * (size_t)len);                                       \
    return a;                                                                                      \
  }                                                                                                \
  NAME *NAME##_of(const T *items, int32_t n) {                                                     \
    NAME *a = (NAME *)nd_alloc(sizeof(NAME));                                                      \
    a->len = n;                                                                                    \
    a->data = (T *)nd_alloc(sizeof(T) * (size_t)n);                                                \
    if (n) memcpy(a->data, items, sizeof(T) * (size_t)n);                                          \
    return a;                                                                                      \
  }                                                                                                \
  NAME *NAME##_subarray(NAME *a, double start, double end, bool has_end) {                         \
    int32_t s = rel_index(start, a->len);                                                          \
    int32_t e = has_end ? rel_index(end, a->len) : a->len;                                         \
    NAME *r = (NAME *)nd_alloc(sizeof(NAME));                                                      \
    r->len = e > s ? e - s : 0;                                                                    \
    r->data = a->data + s;                                                                         \
    return r;                                                                                      \
  }                                                                                                \
  NAME *NAME##_slice(NAME *a, double start, double end, bool has_end) {                            \
    NAME *v = NAME##_subarray(a, start, end, has_end);                                             \
    return NAME##_of(v->data, v->len);                                                             \
  }                                                                                                \
  void NAME##_set_range(NAME *a, const NAME *src, double start, double end, bool has_end,          \
                        double offset, const char *file, int32_t line) {                           \
    int32_t s = rel_index(start, src->len);                                                        \
    int32_t e = has_end ? rel_index(end, src->len) : src->len;                                     \
    NAME##_copy(a, src, s, e, nd_length_arg(offset, file, line), file, line);                        \
  }                                                                                                \
  double NAME##_indexOf(const NAME *a, double start, double end, bool has_end, double v,           \
                        double from) {                                                             \
    int32_t s = rel_index(start, a->len);                                                          \
    int32_t e = has_end ? rel_index(end, a->len) : a->len;                                         \
    if (e <= s) return -1;                                                                         \
    T t = CONV(v);                                                                                 \
    /* strict equality finds only a value the array can hold: not 256 in bytes, never NaN */       \
    if ((double)t != v) return -1;                                                                 \
    return NAME##_find(a, s, e, t, s + rel_index(from, e - s));                                    \
  }                                                                                                \
  NAME *NAME##_fill(NAME *a, double v) {                                                           \
    T c = CONV(v);                                                                                 \
    for (int32_t i = 0; i < a->len; i++) a->data[i] = c;                                           \
    return a;                                                                                      \
  }

ND_TYPED_ARRAY_IMPL(nd_u8arr, uint8_t, nd_to_u8, 0, 255)
ND_TYPED_ARRAY_IMPL(nd_u16arr, uint16_t, nd_to_u16, 0, 65535)
ND_TYPED_ARRAY_IMPL(nd_i32arr, int32_t, nd_to_i32, INT32_MIN, INT32_MAX)

/* ---- console.log ------------------------------------------------------------------------- */

void nd_log_str(nd_str s) {
  s = nd_str_or_null(s);
  fwrite(s->bytes, 1, s->len, stdout);
}

void nd_log_num(double x) {
  /* console.log inspects numbers: unlike String(), it shows the sign of -0 */
  if (x == 0 && signbit(x)) {
    fputs("-0", stdout);
    return;
  }
  char buf[32];
  int n = nd_format_num(x, buf);
  fwrite(buf, 1, (size_t)n, stdout);
}

void nd_log_bool(bool b) { fputs(b ? "true" : "false", stdout); }
void nd_log_sep(void) { fputc(' ', stdout); }
void nd_log_end(void) { fputc('\n', stdout); }

/* ---- text intrinsics ---------------------------------------------------------------------- */

nd_u8arr *nd_text_utf8Encode(nd_str s) {
  return nd_u8arr_of((const uint8_t *)s->bytes, (int32_t)s->len);
}

double nd_text_utf8Length(nd_str s) { return (double)s->len; }

/* Length of the valid UTF-8 sequence at b[i..n), or 0 when it is not one (WHATWG decoder:
 * each maximal invalid subpart becomes one U+FFFD). `*consumed` is what to skip when invalid. */
static size_t utf8_seq(const uint8_t *b, size_t i, size_t n, size_t *consumed) {
  uint8_t c = b[i];
  size_t need;
  uint8_t lo = 0x80, hi = 0xbf;
  if (c < 0x80) return *consumed = 1;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    *consumed = 1;
    return 0;
  }
  size_t k = 1;
  for (; k <= need; k++) {
    if (i + k >= n) break;
    uint8_t d = b[i + k];
    if (d < lo || d > hi) break;
    lo = 0x80;
    hi = 0xbf;
  }
  if (k == need + 1) return *consumed = need + 1;
  *consumed = k;
  return 0;
}

nd_str nd_text_utf8Decode(nd_u8arr *bytes, double start, double end) {
  int32_t s = nd_rel_index(start, bytes->len), e = nd_rel_index(end, bytes->len);
  if (e < s) e = s;
  /* TextDecoder drops a byte order mark at the start of what it decodes */
  if (e - s >= 3 && bytes->data[s] == 0xef && bytes->data[s + 1] == 0xbb && bytes->data[s + 2] == 0xbf) s += 3;
  const uint8_t *b = bytes->data;
  size_t n = (size_t)e, i = (size_t)s, out = 0, consumed;
  bool valid = true;
  for (size_t j = i; j < n; j += consumed) {
    if (b[j] < 0x80) {
      consumed = 1;
      out++;
    } else if (utf8_seq(b, j, n, &consumed)) {
      out += consumed;
    } else {
      out += 3;
      valid = false;
    }
  }
  nd_string *str = (nd_string *)nd_alloc(sizeof(nd_string) + out + 1);
  char *w = (char *)(str + 1);
  size_t o = 0;
  if (valid) {
    /* well-formed input (nearly always) decodes to itself */
    if (out) memcpy(w, b + i, out);
    o = out;
  } else {
    for (size_t j = i; j < n; j += consumed) {
      if (utf8_seq(b, j, n, &consumed)) {
        memcpy(w + o, b + j, consumed);
        o += consumed;
      } else {
        memcpy(w + o, "\xef\xbf\xbd", 3);
        o += 3;
      }
    }
  }
  w[o] = 0;
  str->len = o;
  str->bytes = w;
  return str;
}

double nd_text_compareStrings(nd_str a, nd_str b) {
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->bytes, b->bytes, n);
  if (c) return c < 0 ? -1 : 1;
  return a->len == b->len ? 0 : a->len < b->len ? -1 : 1;
}

nd_str nd_text_fromCodePoint(double cp) {
  char b[4];
  size_t n;
  if (!nd_is_integer(cp) || cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  uint32_t c = (uint32_t)cp;
  if (c < 0x80) { b[0] = (char)c; n = 1; }
  else if (c < 0x800) { b[0] = (char)(0xc0 | (c >> 6)); b[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
  else if (c < 0x10000) {
    b[0] = (char)(0xe0 | (c >> 12)); b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
    b[2] = (char)(0x80 | (c & 0x3f)); n = 3;
  } else {
    b[0] = (char)(0xf0 | (c >> 18)); b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    b[2] = (char)(0x80 | ((c >> 6) & 0x3f)); b[3] = (char)(0x80 | (c & 0x3f)); n = 4;
  }
  return nd_str_make(b, n);
}

static nd_str map_ascii(nd_str s, char from, char to, int delta) {
  size_t i = 0;
  while (i < s->len && !(s->bytes[i] >= from && s->bytes[i] <= to)) i++;
  if (i == s->len) return s;
  nd_str r = nd_str_make(s->bytes, s->len);
  char *w = (char *)(uintptr_t)r->bytes;
  for (; i < r->len; i++)
    if (w[i] >= from && w[i] <= to) w[i] = (char)(w[i] + delta);
  return r;
}

nd_str nd_text_asciiLower(nd_str s) { return map_ascii(s, 'A', 'Z', 32); }
nd_str nd_text_asciiUpper(nd_str s) { return map_ascii(s, 'a', 'z', -32); }

/* ---- scratch arena (ts-src/lib/mem.ts) -------------------------------------------------- */

#ifndef ND_SCRATCH_BUDGET
#define ND_SCRATCH_BUDGET ((size_t)16 << 20)
#endif

static nd_arena scratch;
static bool scratch_ready;
/* the arena current before scratchBegin(); NULL outside scratch */
static nd_arena *scratch_outer;
static bool in_scratch;

void nd_scratch_init(void *buffer, size_t size) {
  if (in_scratch) nd_panic("nd_scratch_init inside scratch");
  if (scratch_ready) nd_arena_release(&scratch);
  nd_arena_init(&scratch, "scratch", buffer, size);
  ND_POISON(buffer, size);
  scratch_ready = true;
}

nd_arena *nd_scratch_arena(void) { return &scratch; }

void nd_mem_scratchResume(void) {
  if (in_scratch) nd_panic("scratch entered twice: scratch does not nest");
  if (!scratch_ready) {
    nd_arena_init_heap(&scratch, "scratch", ND_SCRATCH_BUDGET);
    scratch_ready = true;
  }
  scratch_outer = nd_arena_use(&scratch);
  in_scratch = true;
}

void nd_mem_scratchBegin(void) {
  nd_mem_scratchResume();
  nd_arena_reset(&scratch);
  /* whatever survived the reset now faults in ASan builds instead of reading stale objects */
  if (scratch.buf) ND_POISON(scratch.buf, (size_t)(scratch.end - scratch.buf));
}

void nd_mem_scratchEnd(void) {
  if (!in_scratch) nd_panic("scratchEnd() outside scratch");
  in_scratch = false;
  nd_arena_use(scratch_outer);
  scratch_outer = NULL;
}

/* A panic leaves scratch: the driver's handler then runs in the arena it had made current. */
static void nd_scratch_abandon(void) {
  if (!in_scratch) return;
  in_scratch = false;
  nd_arena_use(scratch_outer);
  scratch_outer = NULL;
}

/* A kept string carries its capacity, so keepStringOver can write a later string into it. The
 * bytes follow the header; the magic holds 0xff bytes, which no UTF-8 text (a literal that
 * happens to follow its nd_string) contains. */
typedef struct nd_kept {
  nd_string s;
  uint32_t magic;
  uint32_t cap;
} nd_kept;
#define ND_KEPT_MAGIC 0xfffefdfcu

nd_str nd_mem_copyString(nd_str s) { return s ? nd_str_make(s->bytes, s->len) : s; }

nd_str nd_mem_keepString(nd_str s) {
  if (!in_scratch || !s) return s;
  if (s->len >= 0x7fffffffu) nd_panic("keepString: string too long");
  uint32_t cap = 16;
  while (cap <= s->len) cap *= 2; /* room to take a later, somewhat longer string in place */
  nd_arena *inner = nd_arena_use(scratch_outer);
  nd_kept *k = (nd_kept *)nd_alloc(sizeof(nd_kept) + cap);
  nd_arena_use(inner);
  char *b = (char *)(k + 1);
  memcpy(b, s->bytes, s->len);
  b[s->len] = 0;
  k->s.len = s->len;
  k->s.bytes = b;
  k->magic = ND_KEPT_MAGIC;
  k->cap = cap;
  return &k->s;
}

nd_str nd_mem_keepStringOver(nd_str s, nd_str dead) {
  if (!in_scratch || !s) return s;
  if (dead && dead->bytes == (const char *)dead + sizeof(nd_kept)) {
    nd_kept *k = (nd_kept *)(uintptr_t)dead;
    if (k->magic == ND_KEPT_MAGIC && s->len < k->cap) {
      char *b = (char *)(k + 1);
      memcpy(b, s->bytes, s->len);
      b[s->len] = 0;
      k->s.len = s->len;
      return &k->s;
    }
  }
  return nd_mem_keepString(s);
}

/* ---- program start-up ----------------------------------------------------------------------- */

#ifndef ND_PROGRAM_ARENA_BUDGET
#define ND_PROGRAM_ARENA_BUDGET ((size_t)256 * 1024 * 1024)
#endif
static nd_arena program_arena;

void nd_rt_start(void) {
  nd_arena_init_heap(&program_arena, "program", ND_PROGRAM_ARENA_BUDGET);
  nd_arena_use(&program_arena);
}

void nd_rt_finish(void) {
  fflush(stdout);
  nd_arena_release(&program_arena);
}
