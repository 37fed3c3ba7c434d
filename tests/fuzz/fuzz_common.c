/* fuzz_common.c - temp files and a null stream for the harnesses. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One temp file per suffix a harness uses, named once per process. */
#define NPATHS 4
static char paths[NPATHS][96];
static const char *suffixes[NPATHS];

static void remove_paths(void)
{
    for (int i = 0; i < NPATHS; i++)
        if (paths[i][0])
            unlink(paths[i]);
}

const char *fuzz_write(const uint8_t *data, size_t size, const char *suffix)
{
    int slot = 0;
    while (slot < NPATHS && suffixes[slot] && strcmp(suffixes[slot], suffix) != 0)
        slot++;
    if (slot == NPATHS)
        return NULL;
    char *p = paths[slot];
    if (!suffixes[slot]) {
        const char *dir = getenv("TMPDIR");
        snprintf(p, sizeof paths[slot], "%s/tcs-fuzz-%ld-%d%s", dir && *dir ? dir : "/tmp",
                 (long)getpid(), slot, suffix);
        if (slot == 0)
            atexit(remove_paths);
        suffixes[slot] = suffix;
    }
    FILE *fp = fopen(p, "wb");
    if (!fp)
        return NULL;
    size_t w = size ? fwrite(data, 1, size, fp) : 0;
    if (fclose(fp) != 0 || w != size)
        return NULL;
    return p;
}

FILE *fuzz_null(void)
{
    static FILE *fp;
    if (!fp)
        fp = fopen("/dev/null", "w");
    return fp;
}

void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz: %s\n", what);
    abort();
}
