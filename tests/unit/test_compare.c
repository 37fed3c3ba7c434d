/* Unit tests: wave-to-wave comparison from point counts. The expected
 * tables were computed independently from raw answer arrays with scipy 1.10
 * / statsmodels 0.13 and cross-checked with mpmath (Debian 12) by
 * scripts/expected_compare.py; see its docstring for the contract. */
#include "testutil.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPECTED(name) TCS_EXPECTED_DIR "/" name

/* "1;0;2" -> counts; returns how many. */
static size_t parse_counts(const char *s, long *out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        char *end;
        out[n++] = strtol(s, &end, 10);
        s = *end == ';' ? end + 1 : end;
        if (end == s && *s)
            break;
    }
    return n;
}

static void expected_table(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("compare_expected.csv"), &t), 0);
    assert_true(t.nrows > 30);
    int total_failures = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        row_check rc = {&t, r, NULL, 0};
        rc.name = row_cell(&rc, "case");
        tcs_scale s;
        assert_true(tcs_scale_by_name(row_cell(&rc, "scale"), &s));
        assert_int_equal(s.min, row_cell_long(&rc, "scale_min"));
        assert_int_equal(s.max, row_cell_long(&rc, "scale_max"));
        long from[TCS_SCALE_POINTS_MAX], to[TCS_SCALE_POINTS_MAX];
        assert_int_equal(parse_counts(row_cell(&rc, "from"), from, TCS_SCALE_POINTS_MAX), s.npoints);
        assert_int_equal(parse_counts(row_cell(&rc, "to"), to, TCS_SCALE_POINTS_MAX), s.npoints);

        tcs_change c;
        tcs_change_from_counts(&s, from, to, row_cell_flag(&rc, "reverse"), &c);
        if (c.n_from != row_cell_long(&rc, "n_from") || c.n_to != row_cell_long(&rc, "n_to")) {
            print_error("%s: n %ld / %ld\n", rc.name, c.n_from, c.n_to);
            rc.failures++;
        }
        row_check_flag(&rc, "has_delta", c.has_delta);
        row_check_flag(&rc, "has_welch", c.has_welch);
        row_check_flag(&rc, "has_mwu", c.has_mwu);
        row_check_flag(&rc, "has_hedges", c.has_hedges);
        row_check_value(&rc, "mean_from", c.mean_from, c.n_from >= 1, false);
        row_check_value(&rc, "mean_to", c.mean_to, c.n_to >= 1, false);
        row_check_value(&rc, "high_from", c.high_from, c.n_from >= 1, false);
        row_check_value(&rc, "high_to", c.high_to, c.n_to >= 1, false);
        row_check_value(&rc, "delta", c.delta, c.has_delta, false);
        row_check_value(&rc, "delta_ci_lo", c.delta_ci_lo, c.has_welch, false);
        row_check_value(&rc, "delta_ci_hi", c.delta_ci_hi, c.has_welch, false);
        row_check_value(&rc, "welch_t", c.welch_t, c.has_welch, false);
        row_check_value(&rc, "welch_df", c.welch_df, c.has_welch, false);
        row_check_value(&rc, "welch_p", c.welch_p, c.has_welch, true);
        row_check_value(&rc, "mwu_u", c.mwu_u, c.has_delta, false);
        row_check_value(&rc, "mwu_p", c.mwu_p, c.has_mwu, true);
        row_check_value(&rc, "cliffs_delta", c.cliffs_delta, c.has_delta, false);
        row_check_value(&rc, "hedges_g", c.hedges_g, c.has_hedges, false);
        row_check_value(&rc, "high_delta", c.high_delta, c.has_delta, false);
        row_check_value(&rc, "high_delta_ci_lo", c.high_delta_ci_lo, c.has_delta, false);
        row_check_value(&rc, "high_delta_ci_hi", c.high_delta_ci_hi, c.has_delta, false);
        total_failures += rc.failures;
    }
    test_table_free(&t);
    assert_int_equal(total_failures, 0);
}

/* No field whose flag is true may be NaN or infinite. */
static void assert_all_finite(const tcs_change *c)
{
    assert_true(isfinite(c->mean_from) && isfinite(c->mean_to) && isfinite(c->high_from) &&
                isfinite(c->high_to));
    if (c->has_delta)
        assert_true(isfinite(c->delta) && isfinite(c->mwu_u) && isfinite(c->cliffs_delta) &&
                    isfinite(c->high_delta) && isfinite(c->high_delta_ci_lo) &&
                    isfinite(c->high_delta_ci_hi));
    if (c->has_welch)
        assert_true(isfinite(c->delta_ci_lo) && isfinite(c->delta_ci_hi) &&
                    isfinite(c->welch_t) && isfinite(c->welch_df) && isfinite(c->welch_p));
    if (c->has_mwu)
        assert_true(isfinite(c->mwu_p));
    if (c->has_hedges)
        assert_true(isfinite(c->hedges_g));
}

static void degenerate_flags(void **state)
{
    (void)state;
    tcs_scale s;
    assert_true(tcs_scale_by_name("agree5", &s));
    tcs_change c;

    long none[5] = {0}, some[5] = {1, 2, 3, 2, 1};
    tcs_change_from_counts(&s, none, some, false, &c);
    assert_int_equal(c.n_from, 0);
    assert_int_equal(c.n_to, 9);
    assert_false(c.has_delta || c.has_welch || c.has_mwu || c.has_hedges);
    assert_true(c.mean_to == 3.0 && c.mean_from == 0.0);
    assert_all_finite(&c);
    tcs_change_from_counts(&s, none, none, false, &c);
    assert_false(c.has_delta || c.has_welch || c.has_mwu || c.has_hedges);
    assert_true(c.n_from == 0 && c.n_to == 0);

    /* n = 1 each, different answers: a test of ranks but no variance */
    long one2[5] = {0, 1, 0, 0, 0}, one4[5] = {0, 0, 0, 1, 0};
    tcs_change_from_counts(&s, one2, one4, false, &c);
    assert_true(c.has_delta && c.has_mwu);
    assert_false(c.has_welch || c.has_hedges);
    assert_true(c.delta == 2.0 && c.mwu_u == 1.0 && c.cliffs_delta == 1.0);
    assert_true(c.mwu_p == 1.0); /* z = (1 - 0.5 - 0.5) / 0.5 = 0 */
    assert_all_finite(&c);

    /* one answer in both waves, the same one: no test at all */
    tcs_change_from_counts(&s, one4, one4, false, &c);
    assert_true(c.has_delta);
    assert_false(c.has_mwu || c.has_welch || c.has_hedges);
    assert_true(c.delta == 0.0 && c.mwu_u == 0.5 && c.cliffs_delta == 0.0 && c.mwu_p == 0.0);
    assert_true(c.high_from == 100.0 && c.high_to == 100.0 && c.high_delta == 0.0);
    assert_all_finite(&c);

    /* zero variance in both waves, different values: rank test only,
     * complete separation */
    long all2[5] = {0, 5, 0, 0, 0}, all4[5] = {0, 0, 0, 7, 0};
    tcs_change_from_counts(&s, all2, all4, false, &c);
    assert_true(c.has_delta && c.has_mwu);
    assert_false(c.has_welch || c.has_hedges);
    assert_true(c.cliffs_delta == 1.0 && c.mwu_u == 35.0);
    assert_true(c.high_from == 0.0 && c.high_to == 100.0 && c.high_delta == 100.0);
    assert_true(c.high_delta_ci_hi <= 100.0 && c.high_delta_ci_lo > 0.0);
    assert_all_finite(&c);

    /* everyone chose the same point in both waves */
    long same9[5] = {0, 0, 0, 9, 0}, same14[5] = {0, 0, 0, 14, 0};
    tcs_change_from_counts(&s, same9, same14, false, &c);
    assert_true(c.has_delta);
    assert_false(c.has_mwu || c.has_welch || c.has_hedges);
    assert_true(c.delta == 0.0 && c.cliffs_delta == 0.0 && c.mwu_u == 63.0);
    assert_all_finite(&c);

    /* zero variance on one side only: Welch (df = n - 1 of the other) */
    long all3[5] = {0, 0, 10, 0, 0}, spread[5] = {1, 2, 3, 3, 1};
    tcs_change_from_counts(&s, all3, spread, false, &c);
    assert_true(c.has_welch && c.has_hedges && c.has_mwu);
    assert_close(c.welch_df, 9.0, 1e-12);
    assert_all_finite(&c);
}

static void negative_counts_are_zero(void **state)
{
    (void)state;
    tcs_scale s;
    assert_true(tcs_scale_by_name("1-5", &s));
    long a[5] = {2, -3, 4, 1, 0}, a0[5] = {2, 0, 4, 1, 0}, b[5] = {0, 1, 3, -1, 2},
         b0[5] = {0, 1, 3, 0, 2};
    tcs_change c, c0;
    tcs_change_from_counts(&s, a, b, false, &c);
    tcs_change_from_counts(&s, a0, b0, false, &c0);
    assert_int_equal(c.n_from, 7);
    assert_int_equal(c.n_to, 6);
    assert_memory_equal(&c, &c0, sizeof c);
}

/* Reverse coding is mirroring: the same as reading the counts backwards. */
static void reverse_is_mirroring(void **state)
{
    (void)state;
    tcs_scale s;
    assert_true(tcs_scale_by_name("0-10", &s));
    long a[11] = {9, 7, 5, 4, 2, 1, 0, 0, 1, 0, 0}, b[11] = {4, 3, 6, 5, 4, 3, 2, 1, 0, 0, 1};
    long ra[11], rb[11];
    for (size_t k = 0; k < 11; k++) {
        ra[k] = a[10 - k];
        rb[k] = b[10 - k];
    }
    tcs_change c, m;
    tcs_change_from_counts(&s, a, b, true, &c);
    tcs_change_from_counts(&s, ra, rb, false, &m);
    assert_memory_equal(&c, &m, sizeof c);
    tcs_change plain;
    tcs_change_from_counts(&s, a, b, false, &plain);
    assert_close(c.delta, -plain.delta, 1e-12);
    assert_close(c.cliffs_delta, -plain.cliffs_delta, 1e-12);
    assert_close(c.mwu_p, plain.mwu_p, 1e-12);
    assert_close(c.welch_p, plain.welch_p, 1e-12);
    /* fewer answers at the bottom later: a rise, which is worse for a
     * reverse-coded item, so the mirrored change is negative */
    assert_true(plain.delta > 0.0 && c.delta < 0.0);
}

/* Swapping the waves negates every change and keeps every p. */
static void swapping_waves(void **state)
{
    (void)state;
    tcs_scale s;
    assert_true(tcs_scale_by_name("1-10", &s));
    long a[10] = {1, 0, 2, 3, 4, 6, 5, 4, 2, 1}, b[10] = {0, 1, 1, 2, 3, 5, 7, 6, 4, 2};
    tcs_change ab, ba;
    tcs_change_from_counts(&s, a, b, false, &ab);
    tcs_change_from_counts(&s, b, a, false, &ba);
    assert_close(ab.delta, -ba.delta, 1e-12);
    assert_close(ab.welch_t, -ba.welch_t, 1e-12);
    assert_close(ab.welch_df, ba.welch_df, 1e-12);
    assert_close(ab.welch_p, ba.welch_p, 1e-12);
    assert_close(ab.delta_ci_lo, -ba.delta_ci_hi, 1e-12);
    assert_close(ab.mwu_u, (double)(ab.n_from * ab.n_to) - ba.mwu_u, 0);
    assert_close(ab.mwu_p, ba.mwu_p, 1e-12);
    assert_close(ab.cliffs_delta, -ba.cliffs_delta, 1e-12);
    assert_close(ab.hedges_g, -ba.hedges_g, 1e-12);
    assert_close(ab.high_delta, -ba.high_delta, 1e-12);
    assert_close(ab.high_delta_ci_lo, -ba.high_delta_ci_hi, 1e-12);
}

static void bh_table(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("bh_expected.csv"), &t), 0);
    int cs = test_table_col(&t, "set"), ci = test_table_col(&t, "index"),
        cp = test_table_col(&t, "p"), cq = test_table_col(&t, "q");
    assert_true(cs >= 0 && ci >= 0 && cp >= 0 && cq >= 0);
    size_t sets = 0, failures = 0;
    for (size_t r = 1; r < t.nrows;) {
        /* rows of one set are consecutive, index 0.. */
        size_t end = r;
        while (end < t.nrows && strcmp(t.cells[end][cs], t.cells[r][cs]) == 0)
            end++;
        size_t n = end - r;
        double *p = malloc(n * sizeof *p), *q = malloc(n * sizeof *q);
        assert_non_null(p);
        assert_non_null(q);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(strtol(t.cells[r + i][ci], NULL, 10), i);
            const char *ps = t.cells[r + i][cp];
            p[i] = *ps ? strtod(ps, NULL) : NAN;
        }
        tcs_bh_adjust(p, n, q);
        for (size_t i = 0; i < n; i++) {
            const char *qs = t.cells[r + i][cq];
            bool ok = *qs ? close_enough(q[i], strtod(qs, NULL), 1e-12, 0.0) : isnan(q[i]);
            if (!ok) {
                print_error("bh %s[%zu]: q = %.17g, want %s\n", t.cells[r][cs], i, q[i], qs);
                failures++;
            }
        }
        free(p);
        free(q);
        sets++;
        r = end;
    }
    test_table_free(&t);
    assert_true(sets >= 8);
    assert_int_equal(failures, 0);

    tcs_bh_adjust(NULL, 0, NULL); /* nothing to do, nothing touched */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expected_table),       cmocka_unit_test(degenerate_flags),
        cmocka_unit_test(negative_counts_are_zero), cmocka_unit_test(reverse_is_mirroring),
        cmocka_unit_test(swapping_waves),       cmocka_unit_test(bh_table),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
