/* fuzz_xlsx.c - libFuzzer harness for the .xlsx importer (libzip + expat).
 *
 * Each input is a workbook: every sheet the reader lists is read (by
 * number), then the first is imported as a survey and summarised. Seeds
 * are real workbooks, so mutations reach the XML inside the zip.
 *
 * A sparse row costs as many cells as its last column, so a few KB of XML
 * (every row with a cell in column XFD) make a table of 100M+ cells: linear,
 * 0.5 s in a release build, but 30 s under the fuzzer's instrumentation, a
 * timeout that says nothing about bugs. The first read therefore stops at
 * CELL_BUDGET cells and such an input goes no further. */
#include "fuzz_common.h"
#include "tcsurvey/tcsurvey.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define CELL_BUDGET (8u << 20)

typedef struct {
    long last;    /* row number of the last record */
    size_t cells; /* cells delivered so far */
} reading;

static tcs_status record(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    reading *rd = ctx;
    if (row != rd->last + 1)
        fuzz_fail("xlsx rows are not delivered 1, 2, 3...");
    rd->last = row;
    for (size_t i = 0; i < n; i++)
        if (strlen(cells[i].text) != cells[i].len)
            fuzz_fail("a cell's length is not its text's");
    if ((rd->cells += n) > CELL_BUDGET)
        return tcs_error_set(err, TCS_ELIMIT, NULL, row, 0, "over the fuzzing cell budget");
    return TCS_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool init;
    if (!init) {
        tcs_stats_init();
        init = true;
    }
    if (size > 4u << 20)
        return 0;
    const char *path = fuzz_write(data, size, ".xlsx");
    if (!path)
        return 0;
    tcs_error err;
    tcs_source_info info;
    reading rd = {0, 0};
    tcs_status st = tcs_read_xlsx(path, NULL, record, &rd, &info, &err);
    if (rd.cells > CELL_BUDGET)
        return 0;
    size_t nsheets = st == TCS_OK ? info.nsheets : 0;
    for (size_t i = 1; i <= nsheets && i <= 4; i++) {
        char sheet[16];
        snprintf(sheet, sizeof sheet, "%zu", i);
        tcs_read_options o = {.sheet = sheet};
        rd = (reading){0, 0};
        tcs_read_xlsx(path, &o, record, &rd, NULL, &err);
    }
    tcs_survey *s = NULL;
    if (tcs_survey_load(path, NULL, &s, &err) == TCS_OK) {
        tcs_write_summary(fuzz_null(), s, TCS_FORMAT_JSON);
        tcs_write_inspect(fuzz_null(), s, TCS_FORMAT_TABLE);
        tcs_survey_free(s);
    }
    return 0;
}
