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

/* cmocka group setup: GSL's abort-on-error handler off (tcs_stats_init). */
int stats_group_setup(void **state);

/* Path of a file under ../shared/data, or NULL when that folder is absent. */
const char *shared_data(const char *rel);

#endif
