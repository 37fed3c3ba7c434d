/* testutil.h - helpers shared by the cmocka unit tests. */
#ifndef TCS_TESTUTIL_H
#define TCS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* cmocka 1.1.5 has no assert_double_equal: compare with a relative
 * tolerance (absolute near zero). */
void tcs_assert_close(double got, double want, double rel, const char *expr, const char *file,
                      int line);
#define assert_close(got, want, rel) \
    tcs_assert_close((got), (want), (rel), #got, __FILE__, __LINE__)

/* Write data to a new file name inside a per-process temp folder; returns
 * a static-lifetime path (freed at exit). */
const char *tmp_file(const char *name, const void *data, size_t n);
#define tmp_text(name, s) tmp_file((name), (s), strlen(s))

/* A CSV loaded whole through tcs_read_csv, for expected-value tables. */
typedef struct {
    size_t nrows;
    size_t *ncells;
    char ***cells;
} test_table;
int test_table_load(const char *path, test_table *t);
void test_table_free(test_table *t);
/* Column index of a header name in row 0, or -1. */
int test_table_col(const test_table *t, const char *name);

/* Checking one row of an expected-value table (a CSV under tests/expected/) whose
 * columns are named fields: values 1e-9 relative (1e-13 absolute near
 * zero), p-values 1e-6 relative or 1e-12 absolute. An empty cell means
 * undefined: the flag must be false and the value 0. Failures are counted,
 * not fatal, so one run reports every mismatch. */
#define TCS_TEST_REL 1e-9
#define TCS_TEST_ABS 1e-13
#define TCS_TEST_P_REL 1e-6
#define TCS_TEST_P_ABS 1e-12
bool close_enough(double got, double want, double rel, double abs_tol);
typedef struct {
    const test_table *t;
    size_t row;
    const char *name;
    int failures;
} row_check;
const char *row_cell(const row_check *rc, const char *col); /* fails if absent */
long row_cell_long(const row_check *rc, const char *col);
bool row_cell_flag(const row_check *rc, const char *col);  /* "1" */
void row_check_value(row_check *rc, const char *col, double got, bool flag, bool is_p);
void row_check_flag(row_check *rc, const char *col, bool got);
void row_check_long(row_check *rc, const char *col, long got);

/* cmocka group setup: GSL's abort-on-error handler off (tcs_stats_init). */
int stats_group_setup(void **state);

/* Path of a file under ../shared/data, or NULL when that folder is absent. */
const char *shared_data(const char *rel);

#endif
