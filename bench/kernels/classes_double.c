/* classes.c with the numbers the TypeScript keeps as doubles kept as doubles: the point and
 * rectangle fields, their sums and the clipped area. It is no baseline: the bench compares only
 * its code size with the compiled kernel's, to show what the representation costs by itself. */
#include <stdint.h>

#include "kernel.h"

#define SPRITES 96

struct point {
  double x, y;
};
struct rect {
  double x, y, w, h;
};
struct sprite {
  struct point pos, vel;
  int32_t size;
};

static double right(const struct rect *r) { return r->x + r->w; }
static double bottom(const struct rect *r) { return r->y + r->h; }
/* The operands are never NaN or -0 here, so C's comparison gives Math.max and Math.min. */
static double max_d(double a, double b) { return a > b ? a : b; }
static double min_d(double a, double b) { return a < b ? a : b; }

static int intersects(const struct rect *a, const struct rect *b) {
  return a->x < right(b) && b->x < right(a) && a->y < bottom(b) && b->y < bottom(a);
}

static struct rect intersection(const struct rect *a, const struct rect *b) {
  struct rect r;
  r.x = max_d(a->x, b->x);
  r.y = max_d(a->y, b->y);
  r.w = min_d(right(a), right(b)) - r.x;
  r.h = min_d(bottom(a), bottom(b)) - r.y;
  return r;
}

static void step(struct sprite *s, const struct rect *world) {
  struct point next = {s->pos.x + s->vel.x, s->pos.y + s->vel.y};
  double vx = s->vel.x, vy = s->vel.y;
  if (next.x < world->x || next.x + s->size > right(world)) vx = -vx;
  if (next.y < world->y || next.y + s->size > bottom(world)) vy = -vy;
  if (vx != s->vel.x || vy != s->vel.y) {
    s->vel.x = vx;
    s->vel.y = vy;
  } else {
    s->pos = next;
  }
}

uint32_t kernel_run(uint32_t frames) {
  const struct rect world = {0, 0, 320, 170}, clip = {40, 20, 200, 100};
  struct sprite sprites[SPRITES];
  struct rect boxes[SPRITES];
  uint32_t seed = 3;
  for (int i = 0; i < SPRITES; i++) {
    seed = seed * 1103515245u + 12345u;
    int32_t size = 4 + (int32_t)((seed >> 16) % 13);
    sprites[i].size = size;
    sprites[i].pos.x = (double)((seed >> 8) % (uint32_t)(320 - size));
    sprites[i].pos.y = (double)((seed >> 4) % (uint32_t)(170 - size));
    sprites[i].vel.x = (double)((int32_t)((seed >> 20) % 7) - 3);
    sprites[i].vel.y = (double)((int32_t)((seed >> 24) % 5) - 2);
  }
  uint32_t collisions = 0;
  double clipped = 0;
  for (uint32_t f = 0; f < frames; f++) {
    for (int i = 0; i < SPRITES; i++) {
      step(&sprites[i], &world);
      boxes[i] = (struct rect){sprites[i].pos.x, sprites[i].pos.y, sprites[i].size, sprites[i].size};
    }
    for (int i = 0; i < SPRITES; i++) {
      if (intersects(&boxes[i], &clip)) {
        struct rect r = intersection(&boxes[i], &clip);
        clipped += r.w * r.h;
      }
      for (int j = i + 1; j < SPRITES; j++) collisions += (uint32_t)intersects(&boxes[i], &boxes[j]);
    }
  }
  /* both stay far inside int32 for any work size the bench runs */
  uint32_t h = collisions + (uint32_t)(int32_t)clipped * 31;
  for (int i = 0; i < SPRITES; i++) h = h * 31 + (uint32_t)(int32_t)(sprites[i].pos.x * 1000 + sprites[i].pos.y);
  return h;
}
