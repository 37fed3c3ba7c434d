/* replay_main.c - run a libFuzzer harness without libFuzzer.
 *
 *   fuzz_replay_<h> PATH...
 *
 * Calls LLVMFuzzerTestOneInput once on the bytes of each file named, and of
 * each regular file directly inside each directory named (in name order,
 * hidden files skipped), so that the harnesses also build with gcc and run
 * under the normal test suite, its sanitizers and valgrind: the regression
 * inputs in tests/fuzz/regressions/<h>/ and some seeds are replayed so.
 * A crash or a broken invariant (fuzz_fail) aborts as under libFuzzer.
 * Exit 0 when every input ran; 1 when no input was found or a path cannot
 * be read; 2 on usage errors. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, long *count)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return 1;
    }
    uint8_t *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 4096;
            uint8_t *b = realloc(data, ncap);
            if (!b) {
                fprintf(stderr, "replay: %s: out of memory\n", path);
                free(data);
                fclose(fp);
                return 1;
            }
            data = b;
            cap = ncap;
        }
        size_t n = fread(data + len, 1, cap - len, fp);
        len += n;
        if (n == 0)
            break;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "replay: %s: read error\n", path);
        free(data);
        return 1;
    }
    /* libFuzzer hands over exactly size bytes: copy them into a buffer of
     * that size so that ASan and valgrind see any read past the end */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        fprintf(stderr, "replay: %s: out of memory\n", path);
        free(data);
        return 1;
    }
    if (len)
        memcpy(exact, data, len);
    free(data);
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    (*count)++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, long *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int bad = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **b = realloc(names, ncap * sizeof *names);
            if (!b) {
                bad = 1;
                break;
            }
            names = b;
            cap = ncap;
        }
        size_t len = strlen(dir) + 1 + strlen(e->d_name) + 1;
        if (!(names[n] = malloc(len))) {
            bad = 1;
            break;
        }
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (bad)
        fprintf(stderr, "replay: %s: out of memory\n", dir);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (!bad && stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            bad |= run_file(names[i], count);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
        return 2;
    }
    long count = 0;
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            bad = 1;
        } else if (S_ISDIR(st.st_mode)) {
            bad |= run_dir(argv[i], &count);
        } else {
            bad |= run_file(argv[i], &count);
        }
    }
    if (!bad && count == 0) {
        fprintf(stderr, "replay: no inputs found\n");
        bad = 1;
    }
    fprintf(stderr, "replay: %ld input(s) run\n", count);
    return bad;
}
