/* nudge-http-replay: runs the response parser (nudge_http.c) over a recorded response, as the
 * transport would over a connection, so a test can try every way the bytes may arrive.
 *
 *   nudge-http-replay FILE [--split N] [--head]       one line for the whole response fed in N-byte pieces
 *   nudge-http-replay FILE --every-prefix [--split N] one line per prefix length 0..size: the stream
 *                                                     ends after that many bytes
 * Line: "<prefix> done|error <status> <error text>|- <body bytes> <body hex>". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nudge_http.h"

#define FILE_CAP (1u << 20)

/* Feeds data[0, len) in pieces of split bytes, then ends the stream; prints the outcome. */
static void replay(const uint8_t *data, size_t len, size_t split, bool head, size_t prefix)
{
    static nudge_http p;
    static uint8_t body[FILE_CAP];
    size_t nbody = 0, pos = 0;
    nudge_http_init(&p, head);
    nudge_http_event ev = NUDGE_HTTP_NEED_MORE;
    while (ev != NUDGE_HTTP_DONE && ev != NUDGE_HTTP_ERROR) {
        size_t piece = len - pos < split ? len - pos : split, off = 0;
        do {
            size_t used, blen;
            const uint8_t *b;
            ev = nudge_http_feed(&p, data + pos + off, piece - off, &used, &b, &blen);
            off += used;
            if (ev == NUDGE_HTTP_BODY) {
                memcpy(body + nbody, b, blen);
                nbody += blen;
            }
        } while (ev != NUDGE_HTTP_DONE && ev != NUDGE_HTTP_ERROR && off < piece);
        pos += piece;
        if (ev == NUDGE_HTTP_DONE || ev == NUDGE_HTTP_ERROR) break;
        if (pos == len && ev == NUDGE_HTTP_NEED_MORE) ev = nudge_http_finish(&p);
    }
    printf("%zu %s %d %s %zu ", prefix, ev == NUDGE_HTTP_DONE ? "done" : "error", nudge_http_status(&p),
           ev == NUDGE_HTTP_DONE ? "-" : nudge_http_error_text(nudge_http_error_of(&p)), nbody);
    for (size_t i = 0; i < nbody; i++) printf("%02x", body[i]);
    printf("%s\n", nbody ? "" : "-");
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    size_t split = FILE_CAP;
    bool every = false, head = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--split") == 0 && i + 1 < argc) split = (size_t)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--every-prefix") == 0) every = true;
        else if (strcmp(argv[i], "--head") == 0) head = true;
        else path = argv[i];
    }
    if (path == NULL || split == 0) {
        fprintf(stderr, "usage: nudge-http-replay FILE [--split N] [--every-prefix] [--head]\n");
        return 2;
    }
    static uint8_t data[FILE_CAP];
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return 2;
    }
    size_t len = fread(data, 1, sizeof data, f);
    fclose(f);
    if (!every) replay(data, len, split, head, len);
    else
        for (size_t k = 0; k <= len; k++) replay(data, k, split, head, k);
    return 0;
}
