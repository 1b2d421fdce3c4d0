/* Prints nd_format_num of each double in doubles.txt (in the current directory, as semihosting
 * passes no arguments), given as 16-hex-digit bit patterns one per line; then, on stderr, how many
 * of the finite non-zero ones Grisu3 gave up on, leaving them to the exact search. It includes the
 * runtime's source to reach the static grisu_shortest. */
#include "nd_rt.c"

int main(void) {
  FILE *in = fopen("doubles.txt", "r");
  if (!in) {
    fprintf(stderr, "format-num: cannot read doubles.txt\n");
    return 2;
  }
  char line[64], out[32], digits[20];
  long gave_up = 0, finite = 0;
  while (fgets(line, sizeof line, in)) {
    uint64_t bits = 0;
    for (const char *p = line; *p && *p != '\n'; p++)
      bits = bits << 4 | (uint64_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
    double x;
    memcpy(&x, &bits, sizeof x);
    nd_format_num(x, out);
    puts(out);
    if (isfinite(x) && x != 0) {
      int e;
      finite++;
      if (!grisu_shortest(fabs(x), digits, &e)) gave_up++;
    }
  }
  fclose(in);
  fprintf(stderr, "grisu gave up on %ld of %ld\n", gave_up, finite);
  return 0;
}
