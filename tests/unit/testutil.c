#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "tcsurvey/reader.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void tcs_assert_close(double got, double want, double rel, const char *expr, const char *file,
                      int line)
{
    double scale = fmax(fabs(want), 1.0);
    if (isnan(got) || isnan(want) || fabs(got - want) > rel * scale) {
        print_error("%s = %.17g, want %.17g (rel %.1e) at %s:%d\n", expr, got, want, rel, file,
                    line);
        _fail(file, line);
    }
}

static char tmpdir[256];

static void cleanup_tmp(void)
{
    if (tmpdir[0]) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpdir);
    }
}

const char *tmp_file(const char *name, const void *data, size_t n)
{
    static char paths[64][512];
    static int next;
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/tcs-test-XXXXXX");
        if (!mkdtemp(tmpdir))
            return NULL;
        atexit(cleanup_tmp);
    }
    char *p = paths[next++ % 64];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    FILE *fp = fopen(p, "wb");
    if (!fp)
        return NULL;
    if (n)
        fwrite(data, 1, n, fp);
    fclose(fp);
    return p;
}

static tcs_status collect(void *ctx, long row, const tcs_cell *cells, size_t n, tcs_error *err)
{
    (void)row;
    (void)err;
    test_table *t = ctx;
    t->ncells = realloc(t->ncells, (t->nrows + 1) * sizeof *t->ncells);
    t->cells = realloc(t->cells, (t->nrows + 1) * sizeof *t->cells);
    t->ncells[t->nrows] = n;
    t->cells[t->nrows] = calloc(n ? n : 1, sizeof(char *));
    for (size_t i = 0; i < n; i++)
        t->cells[t->nrows][i] = tcs_strndup(cells[i].text, cells[i].len);
    t->nrows++;
    return TCS_OK;
}

int test_table_load(const char *path, test_table *t)
{
    memset(t, 0, sizeof *t);
    tcs_error err;
    return tcs_read_csv(path, NULL, collect, t, NULL, &err) == TCS_OK ? 0 : -1;
}

void test_table_free(test_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t i = 0; i < t->ncells[r]; i++)
            free(t->cells[r][i]);
        free(t->cells[r]);
    }
    free(t->cells);
    free(t->ncells);
    memset(t, 0, sizeof *t);
}

int test_table_col(const test_table *t, const char *name)
{
    if (!t->nrows)
        return -1;
    for (size_t i = 0; i < t->ncells[0]; i++)
        if (strcmp(t->cells[0][i], name) == 0)
            return (int)i;
    return -1;
}

const char *shared_data(const char *rel)
{
    static char paths[16][1024];
    static int next;
    struct stat sb;
    if (stat(TCS_SHARED_DATA_DIR, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return NULL;
    char *p = paths[next++ % 16];
    snprintf(p, 1024, "%s/%s", TCS_SHARED_DATA_DIR, rel);
    return p;
}

int stats_group_setup(void **state)
{
    (void)state;
    tcs_stats_init();
    return 0;
}

bool close_enough(double got, double want, double rel, double abs_tol)
{
    return isfinite(got) && fabs(got - want) <= fmax(rel * fabs(want), abs_tol);
}

const char *row_cell(const row_check *rc, const char *col)
{
    int c = test_table_col(rc->t, col);
    if (c < 0 || (size_t)c >= rc->t->ncells[rc->row]) {
        print_error("column %s missing\n", col);
        fail();
    }
    return rc->t->cells[rc->row][c];
}

long row_cell_long(const row_check *rc, const char *col)
{
    return strtol(row_cell(rc, col), NULL, 10);
}

bool row_cell_flag(const row_check *rc, const char *col)
{
    return strcmp(row_cell(rc, col), "1") == 0;
}

void row_check_value(row_check *rc, const char *col, double got, bool flag, bool is_p)
{
    const char *s = row_cell(rc, col);
    if (!*s) {
        if (flag || got != 0.0) {
            print_error("%s: %s undefined in the table but flag %d, value %.17g\n", rc->name,
                        col, flag, got);
            rc->failures++;
        }
        return;
    }
    double want = strtod(s, NULL);
    bool ok = flag && (is_p ? close_enough(got, want, TCS_TEST_P_REL, TCS_TEST_P_ABS)
                            : close_enough(got, want, TCS_TEST_REL, TCS_TEST_ABS));
    if (!ok) {
        print_error("%s: %s = %.17g (flag %d), want %.17g\n", rc->name, col, got, flag, want);
        rc->failures++;
    }
}

void row_check_flag(row_check *rc, const char *col, bool got)
{
    if (got != row_cell_flag(rc, col)) {
        print_error("%s: %s = %d, want %s\n", rc->name, col, got, row_cell(rc, col));
        rc->failures++;
    }
}

void row_check_long(row_check *rc, const char *col, long got)
{
    if (got != row_cell_long(rc, col)) {
        print_error("%s: %s = %ld, want %s\n", rc->name, col, got, row_cell(rc, col));
        rc->failures++;
    }
}
