/* Unit tests: statistics from point counts. Expected values were computed
 * independently with scipy 1.10 / statsmodels 0.13 (Debian 12), e.g.
 *   x = [2, 4, 4, 5]; x.mean(); x.std(ddof=1); stats.t.ppf(0.975, 3) ...
 *   proportion_confint(3, 4, method="wilson") */
#include "testutil.h"
#include "tcsurvey/stats.h"

static void four_answers_on_1_to_5(void **state)
{
    (void)state;
    tcs_scale s;
    tcs_scale_by_name("1-5", &s);
    long counts[5] = {0, 1, 0, 2, 1}; /* answers 2, 4, 4, 5 */
    tcs_point_stats st;
    tcs_stats_from_counts(&s, counts, &st);
    assert_int_equal(st.n, 4);
    assert_int_equal(st.note, TCS_STATS_OK);
    assert_close(st.mean, 3.75, 1e-12);
    assert_close(st.sd, 1.2583057392117916, 1e-12);
    assert_close(st.ci_lo, 1.7477547746637252, 1e-10);
    assert_close(st.ci_hi, 5.752245225336274, 1e-10);
    assert_close(st.median, 4.0, 0);
    assert_close(st.low_percent, 25.0, 1e-12);
    assert_close(st.neutral_percent, 0.0, 1e-12);
    assert_close(st.high_percent, 75.0, 1e-12);
    assert_close(st.high_ci_lo, 30.064184258240186, 1e-10);
    assert_close(st.high_ci_hi, 95.44127391902994, 1e-10);
}

static void zero_to_ten_even_n(void **state)
{
    (void)state;
    tcs_scale s;
    tcs_scale_by_name("0-10", &s);
    long counts[11] = {0};
    counts[0] = 2; /* answers 0, 0, 3, 7, 10, 10 */
    counts[3] = 1;
    counts[7] = 1;
    counts[10] = 2;
    tcs_point_stats st;
    tcs_stats_from_counts(&s, counts, &st);
    assert_close(st.mean, 5.0, 1e-12);
    assert_close(st.sd, 4.6475800154489, 1e-12);
    assert_close(st.median, 5.0, 1e-12); /* between 3 and 7 */
    /* from mpmath at 40 digits: scipy 1.10's t.ppf(0.975, 5) is 4e-10 off
     * (2.5705818366147 vs 2.5705818356363155), enough to matter near 0 */
    assert_close(st.ci_lo, 0.12266389251959283, 1e-12);
    assert_close(st.ci_hi, 9.8773361074804072, 1e-12);
    assert_close(st.neutral_percent, 0.0, 1e-12); /* midpoint 5: nobody chose it */
    assert_close(st.high_percent, 50.0, 1e-12);
    assert_close(st.high_ci_lo, 18.761630648265054, 1e-10);
    assert_close(st.high_ci_hi, 81.23836935173495, 1e-10);
}

static void degenerate_cases_are_stated(void **state)
{
    (void)state;
    tcs_scale s;
    tcs_scale_by_name("agree5", &s);
    long none[5] = {0};
    tcs_point_stats st;
    tcs_stats_from_counts(&s, none, &st);
    assert_int_equal(st.n, 0);
    assert_int_equal(st.note, TCS_STATS_NO_ANSWERS);
    assert_false(st.has_mean || st.has_sd || st.has_percent);

    long one[5] = {0, 0, 1, 0, 0};
    tcs_stats_from_counts(&s, one, &st);
    assert_int_equal(st.note, TCS_STATS_ONE_ANSWER);
    assert_true(st.has_mean);
    assert_false(st.has_sd);
    assert_close(st.mean, 3.0, 0);
    assert_close(st.neutral_percent, 100.0, 0);

    long same[5] = {0, 0, 0, 5, 0};
    tcs_stats_from_counts(&s, same, &st);
    assert_int_equal(st.note, TCS_STATS_NO_VARIATION);
    assert_true(st.has_sd);
    assert_true(st.sd == 0.0);
    assert_true(st.ci_lo == 4.0 && st.ci_hi == 4.0);
    assert_close(st.high_ci_lo, 56.55175352168252, 1e-10); /* wilson(5, 5) */
    assert_close(st.high_ci_hi, 100.0, 1e-12);
    assert_string_equal(tcs_stats_note_text(TCS_STATS_ONE_ANSWER), "one answer: no SD or CI");
}

static void wilson_and_t(void **state)
{
    (void)state;
    double lo, hi;
    tcs_wilson_interval(7, 20, 0.95, &lo, &hi);
    assert_close(lo, 0.18119182410108203, 1e-10);
    assert_close(hi, 0.5671457233147638, 1e-10);
    tcs_wilson_interval(0, 5, 0.95, &lo, &hi);
    assert_close(lo, 0.0, 1e-15);
    assert_close(hi, 0.43448246478317487, 1e-10);
    /* exact: tan(0.475 pi) for df = 1; mpmath 40 digits for df = 5, 27 */
    assert_close(tcs_t_critical(0.95, 1), 12.706204736174704, 1e-14);
    assert_close(tcs_t_critical(0.95, 5), 2.5705818356363155, 1e-14);
    assert_close(tcs_t_critical(0.95, 27), 2.0518305164802856, 1e-14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(four_answers_on_1_to_5), cmocka_unit_test(zero_to_ten_even_n),
        cmocka_unit_test(degenerate_cases_are_stated), cmocka_unit_test(wilson_and_t),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
