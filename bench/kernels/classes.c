/* Class-heavy code, written by hand: the same sprites as plain structs passed by pointer and
 * returned by value, nothing allocated per frame. */
#include <stdint.h>

#include "kernel.h"

#define SPRITES 96

/* Built with -DCLASSES_DOUBLE, coordinates and the clipped area are doubles, as the TypeScript
 * keeps them: the bench compares that build's code size with the compiled kernel's, to show what
 * the representation costs by itself. No value here is NaN or -0, so `<` gives Math.max/min, and
 * the positions and the area stay within [0, 2^32), so the final conversions are defined. */
#ifdef CLASSES_DOUBLE
typedef double coord;
typedef double area;
#else
typedef int32_t coord;
typedef uint32_t area;
#endif

struct point {
  coord x, y;
};
struct rect {
  coord x, y, w, h;
};
struct sprite {
  struct point pos, vel;
  int32_t size;
};

static coord right(const struct rect *r) { return r->x + r->w; }
static coord bottom(const struct rect *r) { return r->y + r->h; }
static coord max_coord(coord a, coord b) { return a > b ? a : b; }
static coord min_coord(coord a, coord b) { return a < b ? a : b; }

static int intersects(const struct rect *a, const struct rect *b) {
  return a->x < right(b) && b->x < right(a) && a->y < bottom(b) && b->y < bottom(a);
}

static struct rect intersection(const struct rect *a, const struct rect *b) {
  struct rect r;
  r.x = max_coord(a->x, b->x);
  r.y = max_coord(a->y, b->y);
  r.w = min_coord(right(a), right(b)) - r.x;
  r.h = min_coord(bottom(a), bottom(b)) - r.y;
  return r;
}

static void step(struct sprite *s, const struct rect *world) {
  struct point next = {s->pos.x + s->vel.x, s->pos.y + s->vel.y};
  coord vx = s->vel.x, vy = s->vel.y;
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
    sprites[i].pos.x = (coord)((seed >> 8) % (uint32_t)(320 - size));
    sprites[i].pos.y = (coord)((seed >> 4) % (uint32_t)(170 - size));
    sprites[i].vel.x = (coord)((int32_t)((seed >> 20) % 7) - 3);
    sprites[i].vel.y = (coord)((int32_t)((seed >> 24) % 5) - 2);
  }
  uint32_t collisions = 0;
  area clipped = 0;
  for (uint32_t f = 0; f < frames; f++) {
    for (int i = 0; i < SPRITES; i++) {
      step(&sprites[i], &world);
      boxes[i] = (struct rect){sprites[i].pos.x, sprites[i].pos.y, sprites[i].size, sprites[i].size};
    }
    for (int i = 0; i < SPRITES; i++) {
      if (intersects(&boxes[i], &clip)) {
        struct rect r = intersection(&boxes[i], &clip);
        clipped += (area)(r.w * r.h);
      }
      for (int j = i + 1; j < SPRITES; j++) collisions += (uint32_t)intersects(&boxes[i], &boxes[j]);
    }
  }
  uint32_t h = collisions + (uint32_t)clipped * 31;
  for (int i = 0; i < SPRITES; i++) h = h * 31 + (uint32_t)(sprites[i].pos.x * 1000 + sprites[i].pos.y);
  return h;
}
