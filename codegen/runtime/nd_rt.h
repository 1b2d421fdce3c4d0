/* Runtime for C generated from the Nudge TypeScript subset. Needs only a C99 libc. */
#ifndef ND_RT_H
#define ND_RT_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The helpers every module calls are C99 inline definitions, not `static inline`: a compiler
 * inlines them where it optimises for speed, and elsewhere (-Os, and ESP-IDF's default -Og) calls
 * the one external definition instead of giving each module its own copy. nd_rt.c defines
 * ND_RT_EXTERN before including this header, which makes its definitions of the runtime's helpers
 * external (`extern inline`); nd_main.c defines ND_PROGRAM_EXTERN for the array types a program
 * instantiates in nd_types.h. */
#if defined(__GNUC_GNU_INLINE__)
#error "the runtime needs C99 inline semantics: compile with -std=c99 or later, not gnu89"
#endif
#if defined(ND_RT_EXTERN)
#define ND_INLINE extern inline
#else
#define ND_INLINE inline
#endif
/* how the array macros define their functions: as ND_INLINE for the runtime's own instantiations
 * in this header; redefined after them for the program's, in nd_types.h */
#define ND_FAMILY_INLINE ND_INLINE

/* The integer lowering (docs/LANGUAGE.md, Integers) turns JavaScript tests on doubles into tests
 * on ints that a C compiler may see are always true or false (x > 3 && x < 4 on an int, or
 * h <= 2147483647): they still mean what the program says. So does a value compared with itself
 * (x !== x is a NaN test), and one assigned to itself (x = x, which does nothing). */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wself-assign"
#pragma clang diagnostic ignored "-Wself-assign-field"
#pragma clang diagnostic ignored "-Wtautological-compare"
#pragma clang diagnostic ignored "-Wtautological-overlap-compare"
#pragma clang diagnostic ignored "-Wtautological-constant-out-of-range-compare"
#pragma clang diagnostic ignored "-Wtautological-unsigned-zero-compare"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wtype-limits"
#pragma GCC diagnostic ignored "-Wtautological-compare"
#endif

/* ---- panics ---------------------------------------------------------------------------- */

/* Called instead of exit() when set: a device driver longjmps back to its loop, resets the
 * arena and keeps showing its last good data. */
typedef void (*nd_panic_handler)(const char *message);
void nd_set_panic_handler(nd_panic_handler handler);
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void nd_panic(const char *fmt, ...);

/* ---- arenas ---------------------------------------------------------------------------- */

/* A bump allocator with a byte budget. With a caller buffer it never calls malloc. */
typedef struct nd_arena {
  const char *name;
  size_t budget;                /* bytes the arena may hand out in all */
  size_t earlier;               /* bytes handed out from earlier chunks since the last reset */
  size_t peak_before;           /* highest use seen before the current one (nd_arena_peak) */
  struct nd_chunk *chunks;      /* malloc'd chunks when no buffer was given */
  struct nd_chunk *spare;       /* a chunk a loop turn gave back, for the next one that grows */
  unsigned char *buf, *top, *end;
  /* where the inline allocation defers to nd_alloc_slow: the chunk's end or the budget's,
   * whichever comes first, so one comparison keeps both */
  unsigned char *limit;
  bool owns_chunks;
  unsigned long resets;         /* bumped by every reset: string builders check it */
} nd_arena;

void nd_arena_init(nd_arena *a, const char *name, void *buffer, size_t size);
void nd_arena_init_heap(nd_arena *a, const char *name, size_t budget);
void nd_arena_reset(nd_arena *a);
void nd_arena_release(nd_arena *a);
nd_arena *nd_arena_use(nd_arena *a); /* returns the previous current arena */
/* Bytes handed out since the last reset. */
size_t nd_arena_used(const nd_arena *a);
/* The highest nd_arena_used() since the arena was made or nd_arena_restart_peak() was called. */
size_t nd_arena_peak(const nd_arena *a);
/* Starts a new peak from the bytes in use now. */
void nd_arena_restart_peak(nd_arena *a);
extern nd_arena *nd_current_arena;
void *nd_alloc_slow(size_t size);
#if defined(__has_feature)
#if __has_feature(address_sanitizer) && !defined(__SANITIZE_ADDRESS__)
#define __SANITIZE_ADDRESS__ 1
#endif
#endif
/* The bump itself is inline (objects are small and many); a new chunk, an exhausted budget and
 * ASan builds (which unpoison every allocation) take the call. */
ND_INLINE void *nd_alloc(size_t size) {
#if !defined(__SANITIZE_ADDRESS__)
  nd_arena *a = nd_current_arena;
  size_t need = (size + 7u) & ~(size_t)7u;
  /* need - 1 wraps for a zero size, which the slow path rounds up */
  if (a && need - 1 < (size_t)(a->limit - a->top)) {
    void *p = a->top;
    a->top += need;
    return p;
  }
#endif
  return nd_alloc_slow(size);
}
ND_INLINE void *nd_alloc_zeroed(size_t size) { return memset(nd_alloc(size), 0, size); }
/* An empty array, `[]`: a zeroed header (no items, no capacity, no buffer until the first push).
 * Out of line, so that each `[]` is one call rather than an inlined allocation and clearing. */
void *nd_arr_empty(size_t header);

/* Where the current arena stood when a loop's turn began: nd_arena_back gives back everything
 * allocated since, for a turn whose allocations the compiler proved unreachable after it. */
typedef struct nd_mark {
  nd_arena *arena;
  unsigned char *top;
  struct nd_chunk *chunk;
  size_t earlier;
} nd_mark;
ND_INLINE void nd_arena_mark(nd_mark *m) {
  nd_arena *a = nd_current_arena;
  m->arena = a;
  m->top = a ? a->top : NULL;
  m->chunk = a ? a->chunks : NULL;
  m->earlier = a ? a->earlier : 0;
}
void nd_arena_back_slow(const nd_mark *m);
/* A turn that allocated nothing costs a comparison; one that stayed in the mark's chunk, a few
 * stores: the peak before giving back, the reset count string builders check, and the top. */
ND_INLINE void nd_arena_back(const nd_mark *m) {
  nd_arena *a = m->arena;
  if (!a || a->top == m->top) return;
#if !defined(__SANITIZE_ADDRESS__)
  if (a->chunks == m->chunk && a == nd_current_arena) {
    size_t used = a->earlier + (size_t)(a->top - a->buf);
    if (used > a->peak_before) a->peak_before = used;
    a->resets++;
    a->top = m->top;
    return;
  }
#endif
  nd_arena_back_slow(m);
}

/* ---- strings: immutable UTF-8 ------------------------------------------------------------ */

typedef struct nd_string {
  size_t len;
  const char *bytes;
} nd_string;
typedef const nd_string *nd_str;

#define ND_STR_LIT(name, text) static const nd_string name = {sizeof(text) - 1, text}

nd_str nd_str_make(const char *bytes, size_t len); /* copies */
nd_str nd_str_cat(nd_str a, nd_str b);
/* The concatenation of n strings (null reads "null"), in one allocation. */
nd_str nd_str_cat_n(const nd_str *parts, int32_t n);

/* Builds a string local by `s += ...` without copying it every time: the builder's latest
 * result ends where its buffer's free room starts, so appending to exactly that string writes
 * into the room (earlier results keep their own length and stay valid); any other string, a
 * different current arena or a reset since starts a new buffer with room to double. */
typedef struct nd_sb {
  nd_str last;
  char *room_end;
  nd_arena *arena;
  unsigned long resets;
} nd_sb;
nd_str nd_str_append(nd_sb *sb, nd_str s, const nd_str *parts, int32_t n);
/* String(x) in caller storage (h, buf of 32 bytes), for a part nd_str_append copies at once. */
nd_str nd_str_of_num_in(double x, nd_string *h, char *buf);
bool nd_str_eq(nd_str a, nd_str b);
nd_str nd_str_of_num(double x);
nd_str nd_str_of_bool(bool b);
bool nd_str_truthy(nd_str s);
bool nd_str_starts_with(nd_str s, nd_str p);
bool nd_str_ends_with(nd_str s, nd_str p);
bool nd_str_includes(nd_str s, nd_str p);
nd_str nd_str_trim(nd_str s);
extern const nd_string nd_str_null_text, nd_str_true_text, nd_str_false_text, nd_str_empty, nd_str_comma;
ND_INLINE nd_str nd_str_or_null(nd_str s) { return s ? s : &nd_str_null_text; }

/* ---- numbers ------------------------------------------------------------------------------ */

uint32_t nd_touint32_bits(double x);
/* The int32 with u's bit pattern, portably (compilers make it a no-op). */
ND_INLINE int32_t nd_u2i(uint32_t u) {
  return u <= 0x7fffffffu ? (int32_t)u : (int32_t)(u - 0x80000000u) - 0x7fffffff - 1;
}
/* ToInt32/ToUint32: in range a truncating cast is exact; the rest works on the bits. */
ND_INLINE int32_t nd_toint32(double x) {
  if (x >= -2147483648.0 && x <= 2147483647.0) return (int32_t)x;
  return nd_u2i(nd_touint32_bits(x));
}
ND_INLINE uint32_t nd_touint32(double x) {
  if (x >= 0 && x <= 4294967295.0) return (uint32_t)x;
  return nd_touint32_bits(x);
}
ND_INLINE double nd_i32(uint32_t u) { return (double)nd_u2i(u); }
/* ToInt32 of an exact integer held in 64 bits (|v| <= 2^53): the low 32 bits. */
ND_INLINE int32_t nd_wrap64(int64_t v) { return nd_u2i((uint32_t)(uint64_t)v); }
/* JavaScript's % : integer operands >= 1 take the integer instruction (no -0 or NaN there). */
ND_INLINE double nd_mod(double a, double b) {
  if (a >= 1 && a <= 2147483647.0 && b >= 1 && b <= 2147483647.0) {
    int32_t x = (int32_t)a, y = (int32_t)b;
    if ((double)x == a && (double)y == b) return (double)(x % y);
  }
  return fmod(a, b);
}
/* x >> s on int32 without relying on C's implementation-defined right shift of negatives. */
ND_INLINE int32_t nd_sar32(int32_t x, uint32_t s) {
  s &= 31u;
  return x >= 0 ? x >> s : -1 - (int32_t)((uint32_t)(-1 - x) >> s);
}
ND_INLINE int32_t nd_imul32(int32_t a, int32_t b) { return nd_u2i((uint32_t)a * (uint32_t)b); }
/* Math.floor(a / b) for b >= 1: C's division truncates toward zero, floor goes one lower below it */
ND_INLINE int32_t nd_floordiv32(int32_t a, int32_t b) {
  int32_t q = a / b;
  return a % b != 0 && a < 0 ? q - 1 : q;
}
ND_INLINE int64_t nd_floordiv64(int64_t a, int64_t b) {
  int64_t q = a / b;
  return a % b != 0 && a < 0 ? q - 1 : q;
}
double nd_pow(double a, double b);
double nd_hypot(double a, double b);
ND_INLINE double nd_sar(double a, double b) { /* JavaScript's >> */
  return (double)nd_sar32(nd_toint32(a), nd_touint32(b));
}
double nd_round(double x);
double nd_trunc_bits(double x);
/* |x| in [1, 2^52): the int64 cast is exact and keeps the sign (no -0 arises there). */
ND_INLINE double nd_trunc(double x) {
  if ((x >= 1 && x < 4503599627370496.0) || (x <= -1 && x > -4503599627370496.0)) return (double)(int64_t)x;
  return nd_trunc_bits(x);
}
ND_INLINE double nd_floor(double x) {
  double t = nd_trunc(x);
  return t > x ? t - 1 : t;
}
ND_INLINE double nd_ceil(double x) {
  double t = nd_trunc(x);
  return t < x ? t + 1 : (t == 0 && x < 0 ? -0.0 : t);
}
/* Math.min/Math.max where a and b are equal or one is NaN (rare, so out of line) */
double nd_min_tie(double a, double b);
double nd_max_tie(double a, double b);
ND_INLINE double nd_min(double a, double b) {
  if (a < b) return a;
  if (b < a) return b;
  return nd_min_tie(a, b);
}
ND_INLINE double nd_max(double a, double b) {
  if (a > b) return a;
  if (b > a) return b;
  return nd_max_tie(a, b);
}
double nd_sign(double x);
ND_INLINE double nd_imul(double a, double b) {
  return (double)nd_imul32(nd_toint32(a), nd_toint32(b));
}
bool nd_num_truthy(double x);
bool nd_is_integer(double x);
/* Writes x as JavaScript's Number.prototype.toString would; returns the length (< 32). */
int nd_format_num(double x, char out[32]);

/* ---- checked access ------------------------------------------------------------------------ */

/* noreturn lets the C compiler keep an array's length and data in registers across a loop that
 * checks its indexes */
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void nd_index_panic(double i, int32_t len, const char *file, int32_t line);
ND_INLINE int32_t nd_index(double i, int32_t len, const char *file, int32_t line) {
  if (!(i >= 0 && i < (double)len) || i != (double)(int32_t)i) nd_index_panic(i, len, file, line);
  return (int32_t)i;
}
/* The same check for an index the compiler knows to be an integer. */
ND_INLINE int32_t nd_index_i(int64_t i, int32_t len, const char *file, int32_t line) {
  if ((uint64_t)i >= (uint64_t)(uint32_t)len) nd_index_panic((double)i, len, file, line);
  return (int32_t)i;
}
void *nd_nonnull(const void *p, const char *file, int32_t line);
int32_t nd_length_arg(double n, const char *file, int32_t line);

/* nd_length_arg for an integer */
ND_INLINE int32_t nd_length_arg_i(int64_t n, const char *file, int32_t line) {
  return n >= 0 && n <= 0x7fffffff ? (int32_t)n : nd_length_arg((double)n, file, line);
}

/* a relative index (negative counts from the end) clamped to [0, len], for an integer that is
 * safe, so v + len cannot overflow */
ND_INLINE int32_t nd_rel_index_i(int64_t v, int32_t len) {
  if (v < 0) return v + len < 0 ? 0 : (int32_t)(v + len);
  return v > len ? len : (int32_t)v;
}

/* ---- typed arrays ------------------------------------------------------------------------ */

#define ND_TYPED_ARRAY(NAME, T)                                                                     \
  typedef struct NAME {                                                                             \
    int32_t len;                                                                                    \
    T *data;                                                                                        \
  } NAME;                                                                                           \
  NAME *NAME##_new(double n, const char *file, int32_t line);                                       \
  NAME *NAME##_of(const T *items, int32_t n);                                                       \
  NAME *NAME##_subarray(NAME *a, double start, double end, bool has_end);                           \
  NAME *NAME##_slice(NAME *a, double start, double end, bool has_end);                              \
  void NAME##_set_range(NAME *a, const NAME *src, double start, double end, bool has_end,           \
                        double offset, const char *file, int32_t line);                             \
  double NAME##_indexOf(const NAME *a, double start, double end, bool has_end, double v,            \
                        double from);                                                               \
  NAME *NAME##_fill(NAME *a, double v);                                                             \
  /* a.set(src.subarray(start, end), offset) without making the view (a.set(src, offset) when       \
   * has_end is false and start is 0); inline, so that constant arguments fold at each call */      \
  ND_FAMILY_INLINE void NAME##_copy(NAME *a, const NAME *src, int32_t s, int32_t e, int32_t off,    \
                                 const char *file, int32_t line) {                                  \
    int32_t n = e > s ? e - s : 0;                                                                  \
    if (off > a->len || n > a->len - off)                                                           \
      nd_panic("set() of %ld items at offset %ld overflows length %ld at %s:%ld", (long)n, (long)off, \
               (long)a->len, file, (long)line);                                                     \
    if (n) memmove(a->data + off, src->data + s, sizeof(T) * (size_t)n);                            \
  }                                                                                                 \
  /* the same with integers the compiler proved */                                                  \
  ND_FAMILY_INLINE void NAME##_set_range_i(NAME *a, const NAME *src, int64_t start, int64_t end,    \
                                        bool has_end, int64_t offset, const char *file,             \
                                        int32_t line) {                                             \
    int32_t s = nd_rel_index_i(start, src->len);                                                    \
    int32_t e = has_end ? nd_rel_index_i(end, src->len) : src->len;                                 \
    NAME##_copy(a, src, s, e, nd_length_arg_i(offset, file, line), file, line);                     \
  }                                                                                                 \
  /* a.subarray(start, end).indexOf(v, from) without making the view (a.indexOf(v, from) when       \
   * has_end is false and start is 0): the index in the view, or -1 */                              \
  ND_FAMILY_INLINE double NAME##_find(const NAME *a, int32_t s, int32_t e, T t, int32_t k) {        \
    if (sizeof(T) == 1) {                                                                           \
      const T *p = (const T *)memchr(a->data + k, (int)t, (size_t)(e - k));                         \
      return p ? (double)(p - (a->data + s)) : -1;                                                  \
    }                                                                                               \
    for (; k < e; k++)                                                                              \
      if (a->data[k] == t) return (double)(k - s);                                                  \
    return -1;                                                                                      \
  }

/* the integer forms of a typed array's range operations; MIN and MAX bound its elements */
#define ND_TYPED_INDEX_OF(NAME, T, MIN, MAX)                                                        \
  ND_FAMILY_INLINE double NAME##_indexOf_i(const NAME *a, int64_t start, int64_t end, bool has_end, \
                                        int64_t v, int64_t from) {                                  \
    int32_t s = nd_rel_index_i(start, a->len);                                                      \
    int32_t e = has_end ? nd_rel_index_i(end, a->len) : a->len;                                     \
    if (e <= s || v < MIN || v > MAX) return -1;                                                    \
    return NAME##_find(a, s, e, (T)v, s + nd_rel_index_i(from, e - s));                             \
  }

ND_INLINE uint8_t nd_to_u8(double v) {
  /* the common case, an in-range integer, without the general modulo */
  if (v >= 0 && v < 256 && v == (double)(int)v) return (uint8_t)v;
  return (uint8_t)(nd_touint32(v) & 0xffu);
}
ND_INLINE uint16_t nd_to_u16(double v) {
  if (v >= 0 && v < 65536 && v == (double)(int32_t)v) return (uint16_t)v;
  return (uint16_t)(nd_touint32(v) & 0xffffu);
}
ND_INLINE int32_t nd_to_i32(double v) {
  if (v >= -2147483648.0 && v <= 2147483647.0 && v == (double)(int32_t)v) return (int32_t)v;
  return nd_toint32(v);
}

#define ND_TYPED_ACCESS(NAME, T, CONV)                                                              \
  ND_FAMILY_INLINE double NAME##_get(const NAME *a, double i, const char *file, int32_t line) {     \
    return (double)a->data[nd_index(i, a->len, file, line)];                                        \
  }                                                                                                 \
  ND_FAMILY_INLINE double NAME##_put(NAME *a, double i, double v, const char *file, int32_t line) { \
    a->data[nd_index(i, a->len, file, line)] = CONV(v);                                             \
    return v;                                                                                       \
  }                                                                                                 \
  ND_FAMILY_INLINE int32_t NAME##_at(const NAME *a, int64_t i, const char *file, int32_t line) {    \
    return a->data[nd_index_i(i, a->len, file, line)];                                              \
  }                                                                                                 \
  ND_FAMILY_INLINE T *NAME##_ref(NAME *a, int64_t i, const char *file, int32_t line) {              \
    return &a->data[nd_index_i(i, a->len, file, line)];                                             \
  }

ND_TYPED_ARRAY(nd_u8arr, uint8_t)
ND_TYPED_ARRAY(nd_u16arr, uint16_t)
ND_TYPED_ARRAY(nd_i32arr, int32_t)
ND_TYPED_ACCESS(nd_u8arr, uint8_t, nd_to_u8)
ND_TYPED_ACCESS(nd_u16arr, uint16_t, nd_to_u16)
ND_TYPED_ACCESS(nd_i32arr, int32_t, nd_to_i32)
ND_TYPED_INDEX_OF(nd_u8arr, uint8_t, 0, 255)
ND_TYPED_INDEX_OF(nd_u16arr, uint16_t, 0, 65535)
ND_TYPED_INDEX_OF(nd_i32arr, int32_t, INT32_MIN, INT32_MAX)

/* Relative index clamping shared by slice/subarray (ToIntegerOrInfinity then clamp). */
int32_t nd_rel_index(double v, int32_t len);

/* `a && b` and `a || b` whose b has no effect and cannot fail (emit-function.ts, eager): where
 * doubles are in hardware, evaluating both saves a branch on comparisons of doubles, which a C
 * compiler keeps because they could trap; where doubles are soft-float calls, the branch is cheaper. */
#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || (defined(__riscv_flen) && __riscv_flen >= 64) || \
    (defined(__ARM_FP) && (__ARM_FP & 8))
#define nd_and_eager(a, b) ((bool)((int)(a) & (int)(b)))
#define nd_or_eager(a, b) ((bool)((int)(a) | (int)(b)))
#else
#define nd_and_eager(a, b) ((a) && (b))
#define nd_or_eager(a, b) ((a) || (b))
#endif

/* ---- growable arrays, one instantiation per element type --------------------------------- */

/* The buffer after a full one of *cap elements: twice the room (at least 4); sets *cap. */
void *nd_grow(void *data, int32_t *cap, size_t elem);
/* Appends the elem bytes at v to an array of *len elements at data, *cap of them allocated, and
 * returns the data, moved when it was full. */
void *nd_push(void *data, int32_t *len, int32_t *cap, const void *v, size_t elem);
/* The body of NAME_push: where the build optimizes for size, one call of nd_push (inline, the
 * fullness test, the growing call and the store took 28 more bytes of rv32 code at the sortrec
 * kernel's one push); where it optimizes for speed, inline, calling only to grow. */
#if defined(__OPTIMIZE_SIZE__)
#define ND_PUSH(a, T, v) (a)->data = (T *)nd_push((a)->data, &(a)->len, &(a)->cap, &(v), sizeof(T))
#else
#define ND_PUSH(a, T, v)                                                                            \
  do {                                                                                              \
    if ((a)->len == (a)->cap) (a)->data = (T *)nd_grow((a)->data, &(a)->cap, sizeof(T));            \
    (a)->data[(a)->len++] = (v);                                                                    \
  } while (0)
#endif
/* Stable merge sort of n elements of `size` bytes, one for every array type as qsort is: y goes
 * before x only when before(y, x, ctx). */
void nd_sort(void *data, int32_t n, size_t size,
             bool (*before)(const void *y, const void *x, const void *ctx), const void *ctx);

/* nd_sort's algorithm, for a call whose `before` and `size` are constants: inlined there, the C
 * compiler calls (and can inline) the comparison directly and copies elements as values. Runs of
 * ND_SORT_RUN are insertion-sorted in place first, then merged bottom-up, the buffers taking turns
 * as source. The length is read once: a comparator that pushes to the array cannot make the sort
 * write past its buffers (it sorts the old items). */
#define ND_SORT_RUN 8
static inline void nd_sort_inline(void *data, int32_t n, size_t size,
                                  bool (*before)(const void *y, const void *x, const void *ctx),
                                  const void *ctx) {
  if (n < 2) return;
  size_t len = (size_t)n;
  unsigned char *src = (unsigned char *)data, *dst = (unsigned char *)nd_alloc(size * len);
  for (size_t lo = 0; lo < len; lo += ND_SORT_RUN) {
    size_t hi = len - lo > ND_SORT_RUN ? lo + ND_SORT_RUN : len;
    for (size_t k = lo + 1; k < hi; k++) {
      /* after the last element that k does not go strictly before: equal elements keep order */
      size_t m = k;
      while (m > lo && before(src + k * size, src + (m - 1) * size, ctx)) m--;
      if (m == k) continue;
      memcpy(dst, src + k * size, size);
      memmove(src + (m + 1) * size, src + m * size, (k - m) * size);
      memcpy(src + m * size, dst, size);
    }
  }
  for (size_t w = ND_SORT_RUN; w < len; w *= 2) {
    for (size_t lo = 0; lo < len; lo += 2 * w) {
      size_t mid = len - lo > w ? lo + w : len;
      size_t hi = len - mid > w ? mid + w : len;
      const unsigned char *x = src + lo * size, *xend = src + mid * size;
      const unsigned char *y = xend, *yend = src + hi * size;
      unsigned char *out = dst + lo * size;
      /* the right run's head goes first only when strictly before the left's */
      if (x < xend && y < yend) {
        for (;;) {
          if (before(y, x, ctx)) {
            memcpy(out, y, size);
            out += size;
            y += size;
            if (y == yend) break;
          } else {
            memcpy(out, x, size);
            out += size;
            x += size;
            if (x == xend) break;
          }
        }
      }
      if (x < xend) memcpy(out, x, (size_t)(xend - x));
      if (y < yend) memcpy(out, y, (size_t)(yend - y));
    }
    unsigned char *t = src;
    src = dst;
    dst = t;
  }
  if (src != data) memcpy(data, src, size * len);
}

/* The sort of a comparator known where it is called: inlined when optimizing for speed, the
 * runtime's one copy when optimizing for size. */
#if defined(__OPTIMIZE_SIZE__)
#define nd_sort_known nd_sort
#else
#define nd_sort_known nd_sort_inline
#endif

#define ND_ARRAY(NAME, T)                                                                           \
  typedef struct NAME {                                                                             \
    int32_t len, cap;                                                                               \
    T *data;                                                                                        \
  } NAME;                                                                                           \
  ND_FAMILY_INLINE NAME *NAME##_new(int32_t cap) {                                                  \
    NAME *a = (NAME *)nd_alloc(sizeof(NAME));                                                       \
    a->len = 0;                                                                                     \
    a->cap = cap;                                                                                   \
    a->data = cap ? (T *)nd_alloc(sizeof(T) * (size_t)cap) : NULL;                                  \
    return a;                                                                                       \
  }                                                                                                 \
  ND_FAMILY_INLINE double NAME##_push(NAME *a, T v) {                                               \
    ND_PUSH(a, T, v);                                                                               \
    return (double)a->len;                                                                          \
  }                                                                                                 \
  ND_FAMILY_INLINE NAME *NAME##_of(const T *items, int32_t n) {                                     \
    NAME *a = NAME##_new(n);                                                                        \
    if (n) memcpy(a->data, items, sizeof(T) * (size_t)n);                                           \
    a->len = n;                                                                                     \
    return a;                                                                                       \
  }                                                                                                 \
  ND_FAMILY_INLINE T NAME##_get(const NAME *a, double i, const char *file, int32_t line) {          \
    return a->data[nd_index(i, a->len, file, line)];                                                \
  }                                                                                                 \
  ND_FAMILY_INLINE T NAME##_at(const NAME *a, int64_t i, const char *file, int32_t line) {          \
    return a->data[nd_index_i(i, a->len, file, line)];                                              \
  }                                                                                                 \
  ND_FAMILY_INLINE T *NAME##_ref(NAME *a, int64_t i, const char *file, int32_t line) {              \
    return &a->data[nd_index_i(i, a->len, file, line)];                                             \
  }                                                                                                 \
  ND_FAMILY_INLINE T NAME##_pop(NAME *a, const char *file, int32_t line) {                          \
    if (a->len == 0) nd_panic("pop() on an empty array at %s:%ld", file, (long)line);               \
    return a->data[--a->len];                                                                       \
  }                                                                                                 \
  ND_FAMILY_INLINE T NAME##_set(NAME *a, double i, T v, const char *file, int32_t line) {           \
    if (i == (double)a->len) {                                                                      \
      NAME##_push(a, v);                                                                            \
      return v;                                                                                     \
    }                                                                                               \
    a->data[nd_index(i, a->len, file, line)] = v;                                                   \
    return v;                                                                                       \
  }                                                                                                 \
  ND_FAMILY_INLINE double NAME##_set_length(NAME *a, double n, const char *file, int32_t line) {    \
    int32_t k = nd_length_arg(n, file, line);                                                       \
    if (k > a->len) nd_panic("array length can only shrink (%ld > %ld) at %s:%ld", (long)k,         \
                             (long)a->len, file, (long)line);                                       \
    a->len = k;                                                                                     \
    return n;                                                                                       \
  }                                                                                                 \
  ND_FAMILY_INLINE NAME *NAME##_slice(NAME *a, double start, double end, bool has_end) {            \
    int32_t s = nd_rel_index(start, a->len);                                                        \
    int32_t e = has_end ? nd_rel_index(end, a->len) : a->len;                                       \
    int32_t n = e > s ? e - s : 0;                                                                  \
    NAME *r = NAME##_new(n);                                                                        \
    if (n) memcpy(r->data, a->data + s, sizeof(T) * (size_t)n);                                     \
    r->len = n;                                                                                     \
    return r;                                                                                       \
  }                                                                                                 \
  /* NaN from cmp counts as 0; ctx points at the comparator */                                     \
  ND_FAMILY_INLINE bool NAME##_before(const void *y, const void *x, const void *ctx) {              \
    return (*(double (*const *)(T, T))ctx)(*(T const *)y, *(T const *)x) < 0;                       \
  }                                                                                                 \
  ND_FAMILY_INLINE void NAME##_sort(NAME *a, double (*cmp)(T, T)) {                                 \
    nd_sort(a->data, a->len, sizeof(T), NAME##_before, &cmp);                                       \
  }

/* Element equality for indexOf: numbers by ===, strings by content, the rest by identity. */
ND_INLINE bool nd_eq_num(double a, double b) { return a == b; }
ND_INLINE bool nd_eq_bool(bool a, bool b) { return a == b; }

#define ND_ARRAY_INDEX_OF(NAME, T, EQ)                                                              \
  ND_FAMILY_INLINE double NAME##_index_of(NAME *a, T v) {                                           \
    for (int32_t i = 0; i < a->len; i++)                                                            \
      if (EQ(a->data[i], v)) return (double)i;                                                      \
    return -1;                                                                                      \
  }

ND_ARRAY(nd_arr_str, nd_str)
#undef ND_FAMILY_INLINE
#if defined(ND_PROGRAM_EXTERN)
#define ND_FAMILY_INLINE extern inline
#else
#define ND_FAMILY_INLINE inline
#endif
nd_str nd_str_join(nd_arr_str *a, nd_str sep);
nd_str nd_num_join(const double *items, int32_t n, nd_str sep);
nd_str nd_bool_join(const bool *items, int32_t n, nd_str sep);
nd_arr_str *nd_str_split(nd_str s, nd_str sep, const char *file, int32_t line);

/* ---- console.log ------------------------------------------------------------------------- */

void nd_log_str(nd_str s);
void nd_log_num(double x);
void nd_log_bool(bool b);
void nd_log_sep(void);
void nd_log_end(void);

/* ---- text intrinsics (ts-src/lib/text.ts) ------------------------------------------------ */

nd_u8arr *nd_text_utf8Encode(nd_str s);
nd_str nd_text_utf8Decode(nd_u8arr *b, double start, double end);
double nd_text_utf8Length(nd_str s);
double nd_text_compareStrings(nd_str a, nd_str b);
nd_str nd_text_fromCodePoint(double cp);
nd_str nd_text_asciiLower(nd_str s);
nd_str nd_text_asciiUpper(nd_str s);

/* ---- scratch arena (ts-src/lib/mem.ts) -------------------------------------------------- */

/* The runtime's scratch arena: scratchBegin() resets it and makes it current, scratchEnd() makes
 * the previous arena current again, scratchResume() re-enters it without a reset. Without
 * nd_scratch_init it grows in malloc'd chunks up to ND_SCRATCH_BUDGET; a driver may give it a
 * fixed buffer instead (before any scratchBegin; ASan builds poison it, so it must not be reused
 * for anything else). A panic leaves scratch. */
void nd_scratch_init(void *buffer, size_t size);
nd_arena *nd_scratch_arena(void);
void nd_mem_scratchBegin(void);
void nd_mem_scratchEnd(void);
void nd_mem_scratchResume(void);
nd_str nd_mem_keepString(nd_str s);
nd_str nd_mem_keepStringOver(nd_str s, nd_str dead);
nd_str nd_mem_copyString(nd_str s);

/* ---- program start-up ----------------------------------------------------------------------- */

void nd_rt_start(void);
void nd_rt_finish(void);

#endif
