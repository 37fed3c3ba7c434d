/* fuzz_csv.c - libFuzzer harness for the CSV importer.
 *
 * Each input is a CSV export: read by the reader at two chunk sizes and
 * without its fast paths (all three must agree, records or error), then
 * imported as a survey (layout, roles, scales, counts; every other input
 * with the counting on a second thread) and written as summary and inspect
 * in every format, to exercise the statistics and the writers on whatever
 * the importer accepts. */
#include "fuzz_common.h"
#include "tcsurvey/tcsurvey.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *buf;
    size_t len, cap;
} text;

static void put(text *t, const void *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1024;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *b = realloc(t->buf, cap);
        if (!b)
            fuzz_fail("out of memory");
        t->buf = b;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
}

static tcs_status record(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    (void)err;
    text *t = ctx;
    char head[48];
    int k = snprintf(head, sizeof head, "%ld:%zu", row, n);
    put(t, head, (size_t)k);
    for (size_t i = 0; i < n; i++) {
        if (strlen(cells[i].text) != cells[i].len)
            fuzz_fail("a cell's length is not its text's");
        put(t, "\x1f", 1);
        put(t, cells[i].text, cells[i].len);
    }
    put(t, "\n", 1);
    return TCS_OK;
}

/* The records, or the error, as one text. */
static void read_as_text(const char *path, const tcs_read_options *o, text *t)
{
    t->len = 0;
    tcs_error err;
    tcs_error_clear(&err);
    tcs_source_info info;
    tcs_status st = tcs_read_csv(path, o, record, t, &info, &err);
    char tail[TCS_ERROR_MSG_MAX + 128];
    int k = snprintf(tail, sizeof tail, "status %d %ld:%ld %s | %c %s %ld", (int)st, err.row,
                     err.column, st == TCS_OK ? "" : err.message, info.delimiter,
                     info.line_ending, info.records);
    put(t, tail, (size_t)k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool init;
    if (!init) {
        tcs_stats_init();
        init = true;
    }
    if (size > 1u << 20)
        return 0;
    const char *path = fuzz_write(data, size, ".csv");
    if (!path)
        return 0;

    static text plain, fast, small;
    tcs_read_options o_plain = {.no_fast_path = true}, o_fast = {0};
    tcs_read_options o_small = {.chunk_size = 1 + (size ? data[0] % 7 : 0)};
    read_as_text(path, &o_plain, &plain);
    read_as_text(path, &o_fast, &fast);
    read_as_text(path, &o_small, &small);
    if (plain.len != fast.len || memcmp(plain.buf, fast.buf, plain.len) != 0)
        fuzz_fail("the fast paths changed what was read");
    if (plain.len != small.len || memcmp(plain.buf, small.buf, plain.len) != 0)
        fuzz_fail("a small chunk size changed what was read");

    /* every other input counted on a second thread, as large files are */
    tcs_load_options lo = {.pipe_min_bytes = size % 2 ? 1 : SIZE_MAX};
    tcs_error err;
    tcs_survey *s = NULL;
    if (tcs_survey_load(path, &lo, &s, &err) == TCS_OK) {
        FILE *null = fuzz_null();
        for (int f = TCS_FORMAT_TABLE; f < TCS_FORMAT_COUNT; f++) {
            tcs_write_summary(null, s, (tcs_format)f);
            tcs_write_inspect(null, s, (tcs_format)f);
        }
        tcs_survey_free(s);
    }
    return 0;
}
