/* Unit tests: figures with a known population (finite population
 * correction), the minimum detectable change, the p-value of the Newcombe
 * interval and Mood's median test, against values computed independently
 * in R (survey's svydesign(fpc=), uniroot, chisq.test) by
 * scripts/expected_population.R; see its header for the contract. */
#include "testutil.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPECTED(name) TCS_EXPECTED_DIR "/" name

static size_t parse_counts(const char *s, long *out, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        char *end;
        out[n++] = strtol(s, &end, 10);
        if (end == s)
            break;
        s = *end == ';' ? end + 1 : end;
    }
    return n;
}

/* A row's scale and counts. */
static void row_waves(row_check *rc, tcs_scale *s, long *from, long *to)
{
    tcs_scale_numeric((int)row_cell_long(rc, "scale_min"), (int)row_cell_long(rc, "scale_max"), s);
    assert_int_equal(parse_counts(row_cell(rc, "from"), from, TCS_SCALE_POINTS_MAX), s->npoints);
    assert_int_equal(parse_counts(row_cell(rc, "to"), to, TCS_SCALE_POINTS_MAX), s->npoints);
}

static long population(row_check *rc, const char *col)
{
    return *row_cell(rc, col) ? row_cell_long(rc, col) : 0;
}

/* One wave's level figures with its population. */
static void check_wave(row_check *rc, const tcs_scale *s, const long *counts, long pop,
                       const char *tag)
{
    tcs_point_stats st;
    tcs_stats_from_counts_population(s, counts, pop, &st);
    char col[64];
    snprintf(col, sizeof col, "mean_%s", tag);
    row_check_value(rc, col, st.mean, st.has_mean, false);
    snprintf(col, sizeof col, "has_ci_%s", tag);
    row_check_flag(rc, col, st.has_ci);
    snprintf(col, sizeof col, "mean_ci_lo_%s", tag);
    row_check_value(rc, col, st.has_ci ? st.ci_lo : 0.0, st.has_ci, false);
    snprintf(col, sizeof col, "mean_ci_hi_%s", tag);
    row_check_value(rc, col, st.has_ci ? st.ci_hi : 0.0, st.has_ci, false);
    snprintf(col, sizeof col, "high_ci_lo_%s", tag);
    row_check_value(rc, col, st.high_ci_lo, st.has_percent, false);
    snprintf(col, sizeof col, "high_ci_hi_%s", tag);
    row_check_value(rc, col, st.high_ci_hi, st.has_percent, false);
}

static void expected_table(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("population_expected.csv"), &t), 0);
    assert_true(t.nrows > 10);
    int failures = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        row_check rc = {&t, r, NULL, 0};
        rc.name = row_cell(&rc, "case");
        tcs_scale s;
        long from[TCS_SCALE_POINTS_MAX], to[TCS_SCALE_POINTS_MAX];
        row_waves(&rc, &s, from, to);
        long pf = population(&rc, "population_from"), pt = population(&rc, "population_to");
        check_wave(&rc, &s, from, pf, "from");
        check_wave(&rc, &s, to, pt, "to");

        tcs_change c;
        tcs_change_from_counts(&s, from, to, false, &c);
        tcs_change_set_population(&c, pf, pt);
        assert_int_equal(c.fpc, pf > 0 || pt > 0);
        row_check_value(&rc, "delta", c.delta, c.has_delta, false);
        row_check_flag(&rc, "exact", c.exact);
        row_check_flag(&rc, "has_welch", c.has_welch);
        row_check_value(&rc, "welch_t", c.welch_t, c.has_welch, false);
        row_check_value(&rc, "welch_df", c.welch_df, c.has_welch, false);
        row_check_value(&rc, "welch_p", c.welch_p, c.has_welch, false);
        bool ci = c.has_welch || c.exact;
        row_check_value(&rc, "delta_ci_lo", c.delta_ci_lo, ci, false);
        row_check_value(&rc, "delta_ci_hi", c.delta_ci_hi, ci, false);
        double m;
        bool has = tcs_change_mdc(&c, 0.05, 0.8, &m);
        row_check_value(&rc, "mdc_05", m, has, false);
        has = tcs_change_mdc(&c, 0.10, 0.8, &m);
        row_check_value(&rc, "mdc_10", m, has, false);
        row_check_value(&rc, "high_delta", c.high_delta, c.has_delta, false);
        row_check_value(&rc, "high_delta_ci_lo", c.high_delta_ci_lo, c.has_delta, false);
        row_check_value(&rc, "high_delta_ci_hi", c.high_delta_ci_hi, c.has_delta, false);
        double p;
        has = tcs_change_high_p(&c, &p);
        row_check_value(&rc, "high_p", p, has, false);
        has = tcs_change_high_mdc(&c, 0.05, 0.8, &m);
        row_check_value(&rc, "high_mdc_05", m, has, false);
        failures += rc.failures;
    }
    test_table_free(&t);
    assert_int_equal(failures, 0);
}

/* Without populations, tcs_change_set_population(0, 0) gives back the
 * figures tcs_change_from_counts made, bit for bit. */
static void no_population_is_unchanged(void **state)
{
    (void)state;
    tcs_scale s;
    tcs_scale_numeric(1, 10, &s);
    long from[] = {1, 0, 2, 3, 4, 6, 5, 4, 2, 1}, to[] = {0, 1, 1, 2, 3, 5, 7, 6, 4, 2};
    tcs_change a, b;
    tcs_change_from_counts(&s, from, to, false, &a);
    b = a;
    tcs_change_set_population(&b, 40, 45);
    assert_true(b.fpc);
    assert_true(b.delta_ci_hi - b.delta_ci_lo < a.delta_ci_hi - a.delta_ci_lo);
    tcs_change_set_population(&b, 0, 0);
    assert_false(b.fpc);
    assert_memory_equal(&a, &b, sizeof a);
    /* a population below the answers is no population */
    tcs_change_set_population(&b, 20, 0);
    assert_false(b.fpc);
    assert_memory_equal(&a, &b, sizeof a);
}

static void median_table(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("median_test_expected.csv"), &t), 0);
    assert_true(t.nrows > 5);
    int failures = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        row_check rc = {&t, r, NULL, 0};
        rc.name = row_cell(&rc, "case");
        tcs_scale s;
        long from[TCS_SCALE_POINTS_MAX], to[TCS_SCALE_POINTS_MAX];
        row_waves(&rc, &s, from, to);
        double p, chi2;
        bool has = tcs_median_test(&s, from, to, &p, &chi2);
        row_check_flag(&rc, "has_test", has);
        row_check_value(&rc, "chi2", has ? chi2 : 0.0, has, false);
        row_check_value(&rc, "p", has ? p : 0.0, has, false);
        failures += rc.failures;
    }
    test_table_free(&t);
    assert_int_equal(failures, 0);
}

/* The marks: the interval printed against the verdict. */
static void marks(void **state)
{
    (void)state;
    /* interval excludes 0, test alone below alpha, not after adjusting */
    assert_int_equal(tcs_mark_of(true, 0.2, 2.77, TCS_VERDICT_NONE, true, 0.023, 0.05),
                     TCS_MARK_ADJUSTED);
    /* interval excludes 0, but the verdict's (rank) test is not below alpha */
    assert_int_equal(tcs_mark_of(true, -2.45, -0.02, TCS_VERDICT_NONE, true, 0.0503, 0.05),
                     TCS_MARK_TESTS_DIFFER);
    /* a change the interval does not show */
    assert_int_equal(tcs_mark_of(true, -0.1, 1.2, TCS_VERDICT_ROSE, true, 0.001, 0.05),
                     TCS_MARK_TESTS_DIFFER);
    assert_int_equal(tcs_mark_of(true, 0.3, 1.2, TCS_VERDICT_ROSE, true, 0.001, 0.05),
                     TCS_MARK_NONE);
    assert_int_equal(tcs_mark_of(true, -0.3, 1.2, TCS_VERDICT_NONE, true, 0.4, 0.05),
                     TCS_MARK_NONE);
    assert_int_equal(tcs_mark_of(false, 0.3, 1.2, TCS_VERDICT_NONE, true, 0.001, 0.05),
                     TCS_MARK_NONE);
    /* an exact change (two censuses) that moved: its interval is the point */
    assert_int_equal(tcs_mark_of(true, 0.5, 0.5, TCS_VERDICT_NONE, false, 0, 0.05),
                     TCS_MARK_TESTS_DIFFER);
    assert_null(tcs_mark_name(TCS_MARK_NONE));
    assert_string_equal(tcs_mark_name(TCS_MARK_ADJUSTED), "adjusted");
    assert_string_equal(tcs_mark_name(TCS_MARK_TESTS_DIFFER), "tests_differ");
}

/* The verdict takes its direction from both Cliff's delta and the mean. */
static void verdict_direction(void **state)
{
    (void)state;
    tcs_change c;
    memset(&c, 0, sizeof c);
    c.cliffs_delta = 0.3;
    c.delta = 0.4;
    assert_int_equal(tcs_verdict_of(&c, true, 0.01, 0.05), TCS_VERDICT_ROSE);
    assert_int_equal(tcs_verdict_of(&c, true, 0.05, 0.05), TCS_VERDICT_NONE);
    assert_int_equal(tcs_verdict_of(&c, false, 0.01, 0.05), TCS_VERDICT_NONE);
    c.delta = -0.1; /* more answers rose, but the mean fell */
    assert_int_equal(tcs_verdict_of(&c, true, 0.01, 0.05), TCS_VERDICT_MIXED);
    c.cliffs_delta = -0.3;
    assert_int_equal(tcs_verdict_of(&c, true, 0.01, 0.05), TCS_VERDICT_FELL);
    c.delta = 0.0;
    assert_int_equal(tcs_verdict_of(&c, true, 0.01, 0.05), TCS_VERDICT_MIXED);
    assert_string_equal(tcs_verdict_name(TCS_VERDICT_MIXED), "mixed");
    assert_string_equal(tcs_verdict_name(TCS_VERDICT_NONE), "no clear change");
}

/* Wilson with a population: a census is exact; no population is Wilson. */
static void wilson_population(void **state)
{
    (void)state;
    double lo, hi, lo0, hi0;
    tcs_wilson_interval_fpc(7, 20, 20, 0.95, &lo, &hi);
    assert_close(lo, 0.35, 1e-15);
    assert_close(hi, 0.35, 1e-15);
    tcs_wilson_interval_fpc(7, 20, 0, 0.95, &lo, &hi);
    tcs_wilson_interval(7, 20, 0.95, &lo0, &hi0);
    assert_true(lo == lo0 && hi == hi0);
    /* a zero-SD item has no interval without a population */
    tcs_scale s;
    tcs_scale_numeric(1, 5, &s);
    long same[] = {0, 0, 6, 0, 0};
    tcs_point_stats st;
    tcs_stats_from_counts(&s, same, &st);
    assert_int_equal(st.note, TCS_STATS_NO_VARIATION);
    assert_true(st.has_sd);
    assert_false(st.has_ci);
    tcs_stats_from_counts_population(&s, same, 6, &st); /* everyone answered: exact */
    assert_true(st.has_ci);
    assert_close(st.ci_lo, 3.0, 1e-15);
    assert_close(st.ci_hi, 3.0, 1e-15);
    assert_close(tcs_share_inverse_size(10, 0), 0.1, 1e-15);
    assert_close(tcs_share_inverse_size(10, 10), 0.0, 1e-15);
    assert_close(tcs_share_inverse_size(10, 21), 11.0 / 200.0, 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expected_table),    cmocka_unit_test(no_population_is_unchanged),
        cmocka_unit_test(median_table),      cmocka_unit_test(marks),
        cmocka_unit_test(verdict_direction), cmocka_unit_test(wilson_population),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
