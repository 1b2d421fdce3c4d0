/* The conventional C way to do what the task pipeline does, as a baseline for `npm run bench`:
 * expat streams the multistatus (namespace-aware, fed in 4 KB pieces like the C engine), each
 * calendar-data text is collected and parsed whole by libical, and every VTODO's DUE, DTSTART,
 * SUMMARY, PRIORITY and STATUS are read and classified minimally: finished tasks dropped, a future
 * start hides, kind by due day in the device zone, a bounded top K plus counts per kind.
 * Recurrences are not expanded (the pipeline does), so the baseline does less work than Nudge.
 *
 * usage: expat-libical NOW_UNIX_SECONDS TZ K REPEAT < body.xml
 * stdout: objects read, the counts per kind and how many tasks the top K kept (a check that the
 * work was done);
 * stderr: one `run wall_ns=N cpu_ns=N` line per run, then bench: median_ns=N cpu_median_ns=N peak_heap_bytes=N  (wall and process CPU time;
 * malloc'd bytes in use at the peak, by
 * malloc_usable_size, over everything expat, libical and this driver allocate; the body is
 * read before counting starts). */
#define _GNU_SOURCE
#include <expat.h>
#include <libical/ical.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../drivers/bench_io.h"

/* glibc documents replacing malloc/free/calloc/realloc in the program as supported; the
 * replacements count every block of the shared libraries too and hand the work to glibc. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static size_t heap_now, heap_peak;

static void count(void *p, int sign) {
  if (!p) return;
  size_t n = malloc_usable_size(p);
  if (sign > 0) {
    heap_now += n;
    if (heap_now > heap_peak) heap_peak = heap_now;
  } else {
    heap_now -= n;
  }
}

void *malloc(size_t n) {
  void *p = __libc_malloc(n);
  count(p, 1);
  return p;
}

void *calloc(size_t n, size_t size) {
  void *p = __libc_calloc(n, size);
  count(p, 1);
  return p;
}

void *realloc(void *old, size_t n) {
  size_t before = old ? malloc_usable_size(old) : 0;
  void *p = __libc_realloc(old, n);
  if (!p) return NULL;
  heap_now -= before;
  count(p, 1);
  return p;
}

void free(void *p) {
  count(p, -1);
  __libc_free(p);
}

enum { OVERDUE, TODAY, UPCOMING, LATER, UNDATED, KINDS };
static const char *const KIND_NAMES[KINDS] = {"overdue", "today", "upcoming", "later", "undated"};

typedef struct {
  int kind, priority;
  time_t due;
  char summary[64];
} task;

typedef struct {
  /* classification inputs */
  time_t now;
  long today;
  icaltimezone *device;
  size_t k;
  /* results */
  task *top;
  size_t ntop;
  long counts[KINDS];
  long objects, bad;
  /* calendar-data text being collected */
  int in_data;
  char *text;
  size_t len, cap;
  int oom;
} state;

static long days_from_civil(long y, long m, long d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Day number of an instant in the device zone. */
static long device_day(time_t t, icaltimezone *zone) {
  struct icaltimetype l = icaltime_from_timet_with_zone(t, 0, zone);
  return days_from_civil(l.year, l.month, l.day);
}

/* The zone a TZID names: the calendar's own VTIMEZONE (libical resolved it already), an IANA
 * name, or an IANA name behind a vendor prefix such as /mozilla.org/20070129_1/Europe/Paris. */
static icaltimezone *zone_of(icalproperty *p) {
  const char *tzid = icalproperty_get_parameter_as_string(p, "TZID");
  if (!tzid) return NULL;
  icaltimezone *z = icaltimezone_get_builtin_timezone(tzid);
  if (!z && tzid[0] == '/') {
    const char *s = tzid;
    for (int slashes = 0; *s && slashes < 3; s++) slashes += *s == '/';
    z = icaltimezone_get_builtin_timezone(s);
  }
  return z;
}

/* UTC seconds of a DATE-TIME property value; floating and unknown zones are device time. */
static time_t instant(icalproperty *p, struct icaltimetype t, icaltimezone *device) {
  if (icaltime_is_utc(t)) return icaltime_as_timet(t);
  const icaltimezone *z = t.zone ? t.zone : zone_of(p);
  return icaltime_as_timet_with_zone(t, z ? z : device);
}

static int task_before(const task *a, const task *b) {
  if (a->kind != b->kind) return a->kind < b->kind;
  if (a->kind != UNDATED && a->due != b->due) return a->due < b->due;
  int pa = a->priority ? a->priority : 10, pb = b->priority ? b->priority : 10;
  if (pa != pb) return pa < pb;
  return strcmp(a->summary, b->summary) < 0;
}

/* Inserts t into the sorted top K when it belongs there. */
static void offer(state *s, const task *t) {
  s->counts[t->kind]++;
  if (s->k == 0 || (s->ntop == s->k && !task_before(t, &s->top[s->ntop - 1]))) return;
  size_t i = s->ntop < s->k ? s->ntop++ : s->ntop - 1;
  while (i > 0 && task_before(t, &s->top[i - 1])) {
    s->top[i] = s->top[i - 1];
    i--;
  }
  s->top[i] = *t;
}

static void classify(state *s, icalcomponent *todo) {
  enum icalproperty_status st = icalcomponent_get_status(todo);
  if (st == ICAL_STATUS_COMPLETED || st == ICAL_STATUS_CANCELLED) return;
  if (icalcomponent_get_first_property(todo, ICAL_COMPLETED_PROPERTY)) return;
  if (icalcomponent_get_first_property(todo, ICAL_RECURRENCEID_PROPERTY)) return;
  icalproperty *start = icalcomponent_get_first_property(todo, ICAL_DTSTART_PROPERTY);
  if (start) {
    struct icaltimetype v = icalproperty_get_dtstart(start);
    if (v.is_date ? days_from_civil(v.year, v.month, v.day) > s->today : instant(start, v, s->device) > s->now) return;
  }
  task t;
  memset(&t, 0, sizeof t);
  icalproperty *prio = icalcomponent_get_first_property(todo, ICAL_PRIORITY_PROPERTY);
  t.priority = prio ? icalproperty_get_priority(prio) : 0;
  const char *summary = icalcomponent_get_summary(todo);
  snprintf(t.summary, sizeof t.summary, "%s", summary ? summary : "");
  icalproperty *due = icalcomponent_get_first_property(todo, ICAL_DUE_PROPERTY);
  if (!due) {
    t.kind = UNDATED;
  } else {
    struct icaltimetype v = icalproperty_get_due(due);
    long day;
    if (v.is_date) {
      day = days_from_civil(v.year, v.month, v.day);
      t.due = icaltime_as_timet_with_zone(v, s->device);
    } else {
      t.due = instant(due, v, s->device);
      day = device_day(t.due, s->device);
    }
    t.kind = day < s->today || (!v.is_date && t.due < s->now) ? OVERDUE
           : day == s->today ? TODAY
           : (v.is_date ? day <= s->today + 7 : t.due - s->now <= 7 * 86400) ? UPCOMING
           : LATER;
  }
  offer(s, &t);
}

static void on_object(state *s) {
  s->objects++;
  icalcomponent *cal = icalparser_parse_string(s->text);
  if (!cal) {
    s->bad++;
    return;
  }
  for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VTODO_COMPONENT))
    classify(s, c);
  icalcomponent_free(cal);
}

#define CALDATA "urn:ietf:params:xml:ns:caldav|calendar-data"

static void XMLCALL on_start(void *u, const XML_Char *name, const XML_Char **attrs) {
  state *s = u;
  (void)attrs;
  if (strcmp(name, CALDATA) == 0) {
    s->in_data = 1;
    s->len = 0;
  }
}

static void XMLCALL on_text(void *u, const XML_Char *text, int n) {
  state *s = u;
  if (!s->in_data || n <= 0) return;
  if (s->len + (size_t)n + 1 > s->cap) {
    size_t cap = s->cap ? s->cap : 4096;
    while (cap < s->len + (size_t)n + 1) cap *= 2;
    char *grown = realloc(s->text, cap);
    if (!grown) {
      s->oom = 1;
      return;
    }
    s->text = grown;
    s->cap = cap;
  }
  memcpy(s->text + s->len, text, (size_t)n);
  s->len += (size_t)n;
}

static void XMLCALL on_end(void *u, const XML_Char *name) {
  state *s = u;
  if (!s->in_data || strcmp(name, CALDATA) != 0) return;
  s->in_data = 0;
  if (s->oom) return;
  s->text[s->len] = 0;
  on_object(s);
}

/* One parse + classify of the whole body; 0 when the XML was well-formed. */
static int run(state *s, const unsigned char *body, size_t len) {
  XML_Parser p = XML_ParserCreateNS(NULL, '|');
  if (!p) return -1;
  XML_SetUserData(p, s);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  int rc = 0;
  for (size_t off = 0; rc == 0; off += 4096) {
    size_t n = len - off < 4096 ? len - off : 4096;
    int last = off + n >= len;
    if (XML_Parse(p, (const char *)body + off, (int)n, last) != XML_STATUS_OK) rc = -1;
    if (last) break;
  }
  XML_ParserFree(p);
  return rc || s->oom ? -1 : 0;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: expat-libical NOW_UNIX_SECONDS TZ K REPEAT < body.xml\n");
    return 2;
  }
  size_t len = 0;
  unsigned char *body = read_all(stdin, &len);
  if (!body) return 1;
  icaltimezone *device = icaltimezone_get_builtin_timezone(argv[2]);
  if (!device) {
    fprintf(stderr, "expat-libical: unknown zone %s\n", argv[2]);
    return 2;
  }
  time_t now = (time_t)strtod(argv[1], NULL);
  size_t k = (size_t)atoi(argv[3]);
  int repeat = atoi(argv[4]);
  if (repeat < 1) repeat = 1;
  if (repeat > 64) repeat = 64;
  double times[64], cpu[64];
  state s;
  size_t base = heap_now;
  heap_peak = heap_now;
  for (int i = 0; i < repeat; i++) {
    memset(&s, 0, sizeof s);
    s.now = now;
    s.device = device;
    s.today = device_day(now, device);
    s.k = k;
    s.top = calloc(k ? k : 1, sizeof *s.top);
    double t0 = clock_ns(CLOCK_MONOTONIC), c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    int rc = run(&s, body, len);
    cpu[i] = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
    times[i] = clock_ns(CLOCK_MONOTONIC) - t0;
    if (rc != 0) {
      fprintf(stderr, "expat-libical: malformed multistatus\n");
      return 1;
    }
    if (i + 1 < repeat) {
      free(s.top);
      free(s.text);
    }
  }
  for (int i = 0; i < repeat; i++) fprintf(stderr, "run wall_ns=%.0f cpu_ns=%.0f\n", times[i], cpu[i]);
  qsort(times, (size_t)repeat, sizeof times[0], cmp_double);
  qsort(cpu, (size_t)repeat, sizeof cpu[0], cmp_double);
  printf("{\"objects\":%ld,\"bad\":%ld,\"counts\":{", s.objects, s.bad);
  for (int i = 0; i < KINDS; i++) printf("%s\"%s\":%ld", i ? "," : "", KIND_NAMES[i], s.counts[i]);
  printf("},\"kept\":%lu}\n", (unsigned long)s.ntop);
  fprintf(stderr, "bench: median_ns=%.0f cpu_median_ns=%.0f peak_heap_bytes=%lu\n", times[repeat / 2], cpu[repeat / 2],
          (unsigned long)(heap_peak - base));
  free(s.top);
  free(s.text);
  free(body);
  return 0;
}
