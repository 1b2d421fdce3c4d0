/* Runs a fuzz target's LLVMFuzzerTestOneInput once per file named on the command line, without
 * libFuzzer, so CI can replay the corpora through a quick sanitizer build. A finding aborts as it
 * does under libFuzzer; the file being run is printed first so the failure names it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        uint8_t *grown = realloc(buf, cap * 2);
        if (grown == NULL) free(buf);
        buf = grown;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        size_t len = 0;
        uint8_t *data = read_file(argv[i], &len);
        if (data == NULL) {
            fprintf(stderr, "replay: cannot read %s\n", argv[i]);
            return 2;
        }
        fprintf(stderr, "replay: %s\n", argv[i]);
        LLVMFuzzerTestOneInput(data, len);
        free(data);
    }
    printf("replayed %d inputs\n", argc - 1);
    return 0;
}
