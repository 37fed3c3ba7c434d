/* Unit tests: figures with a known population (finite population
 * correction), the minimum detectable change, the p-value of the Newcombe
 * interval and Mood's median test, against values computed independently
 * in R (survey's svydesign(fpc=), uniroot, chisq.test) by
 * scripts/expected_population.R; see its header for the contract. */
#include "testutil.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/population.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/waves.h"

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

/* ---- waves with populations ---- */

typedef struct {
    tcs_codebook *cb;
    tcs_waves *w;
} chester;

static void chester_load(chester *c, bool compare)
{
    char a[1024], b[1024], cbp[1024];
    snprintf(a, sizeof a, "%s/surveys/chester/chester-2024.csv", TCS_SOURCE_DIR);
    snprintf(b, sizeof b, "%s/surveys/chester/chester-2026.csv", TCS_SOURCE_DIR);
    snprintf(cbp, sizeof cbp, "%s/surveys/chester/codebook.csv", TCS_SOURCE_DIR);
    const char *specs[] = {a, b};
    tcs_error err;
    assert_int_equal(tcs_codebook_load(cbp, &c->cb, &err), TCS_OK);
    assert_int_equal(tcs_waves_load(specs, 2, c->cb, NULL, &c->w, &err), TCS_OK);
    if (compare)
        assert_int_equal(tcs_waves_compare(c->w, 0.05, &err), TCS_OK);
}

static void chester_free(chester *c)
{
    tcs_waves_free(c->w);
    tcs_codebook_free(c->cb);
}

/* One change against a row of population_chester_expected.csv. */
static int check_chester_row(row_check *rc, const tcs_change *ch, bool has_mdc, double mdc)
{
    row_check_long(rc, "n_from", ch->n_from);
    row_check_long(rc, "n_to", ch->n_to);
    row_check_value(rc, "delta", ch->delta, ch->has_delta, false);
    row_check_value(rc, "welch_t", ch->welch_t, ch->has_welch, false);
    row_check_value(rc, "welch_df", ch->welch_df, ch->has_welch, false);
    row_check_value(rc, "welch_p", ch->welch_p, ch->has_welch, false);
    row_check_value(rc, "delta_ci_lo", ch->delta_ci_lo, ch->has_welch, false);
    row_check_value(rc, "delta_ci_hi", ch->delta_ci_hi, ch->has_welch, false);
    row_check_value(rc, "mdc_05", mdc, has_mdc, false);
    row_check_value(rc, "high_delta", ch->high_delta, ch->has_delta, false);
    row_check_value(rc, "high_delta_ci_lo", ch->high_delta_ci_lo, ch->has_delta, false);
    row_check_value(rc, "high_delta_ci_hi", ch->high_delta_ci_hi, ch->has_delta, false);
    if (!ch->fpc) {
        print_error("%s: no FPC\n", rc->name);
        rc->failures++;
    }
    return rc->failures;
}

/* The example with populations set before (and, separately, after)
 * comparing: every question and pillar against R's survey package. */
static void chester_against_r(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("population_chester_expected.csv"), &t), 0);
    for (int after = 0; after < 2; after++) {
        chester c;
        tcs_error err;
        chester_load(&c, after);
        assert_int_equal(tcs_waves_set_population(c.w, 0, 40, &err), TCS_OK);
        assert_int_equal(tcs_waves_set_population(c.w, 1, 45, &err), TCS_OK);
        if (!after)
            assert_int_equal(tcs_waves_compare(c.w, 0.05, &err), TCS_OK);
        int failures = 0;
        size_t questions = 0, pillars = 0;
        for (size_t r = 1; r < t.nrows; r++) {
            row_check rc = {&t, r, NULL, 0};
            rc.name = row_cell(&rc, "name");
            if (strcmp(row_cell(&rc, "kind"), "question") == 0) {
                const tcs_question_change *qc = NULL;
                for (size_t i = 0; i < tcs_waves_nchanges(c.w) && !qc; i++)
                    if (strcmp(tcs_waves_question(c.w, tcs_waves_change(c.w, i)->question)->id,
                               rc.name) == 0)
                        qc = tcs_waves_change(c.w, i);
                assert_non_null(qc);
                failures += check_chester_row(&rc, &qc->change, qc->has_mdc, qc->mdc);
                questions++;
            } else {
                const tcs_pillar_change *pc = NULL;
                for (size_t i = 0; i < tcs_waves_npillar_changes(c.w) && !pc; i++)
                    if (strcmp(tcs_waves_pillar_change(c.w, i)->pillar, rc.name) == 0)
                        pc = tcs_waves_pillar_change(c.w, i);
                assert_non_null(pc);
                failures += check_chester_row(&rc, &pc->change, pc->has_mdc, pc->mdc);
                pillars++;
            }
        }
        assert_int_equal(questions, tcs_waves_nchanges(c.w));
        assert_int_equal(pillars, 4);
        assert_int_equal(failures, 0);
        double rate;
        assert_true(tcs_waves_response_rate(c.w, 0, &rate));
        assert_close(rate, 70.0, 1e-14); /* 28 / 40 */
        assert_true(tcs_waves_response_rate(c.w, 1, &rate));
        assert_close(rate, 100.0 * 31.0 / 45.0, 1e-14);
        assert_true(tcs_waves_have_population(c.w));
        /* the verdicts rest on the rank test: they do not move */
        chester plain;
        chester_load(&plain, true);
        for (size_t i = 0; i < tcs_waves_nchanges(c.w); i++) {
            const tcs_question_change *x = tcs_waves_change(c.w, i);
            const tcs_question_change *y = tcs_waves_change(plain.w, i);
            assert_int_equal(x->verdict, y->verdict);
            assert_true(x->q == y->q);
            assert_true(x->change.mwu_p == y->change.mwu_p);
            /* a population narrows the interval and the detectable change */
            assert_true(x->change.delta_ci_hi - x->change.delta_ci_lo <
                        y->change.delta_ci_hi - y->change.delta_ci_lo);
            assert_true(x->has_mdc && y->has_mdc && x->mdc < y->mdc);
        }
        assert_false(tcs_waves_have_population(plain.w));
        assert_false(tcs_waves_response_rate(plain.w, 0, &rate));
        chester_free(&plain);
        chester_free(&c);
    }
    test_table_free(&t);
}

/* Marks and the detectable change on the example, without populations:
 * 1.4 (+1.49, interval +0.20 to +2.77, MWU p 0.023, q 0.159) is marked
 * 'adjusted'; 4.2 (interval -2.45 to -0.02, MWU p 0.050) 'tests differ'. */
static void chester_marks(void **state)
{
    (void)state;
    chester c;
    chester_load(&c, true);
    size_t marked = 0;
    for (size_t i = 0; i < tcs_waves_nchanges(c.w); i++) {
        const tcs_question_change *qc = tcs_waves_change(c.w, i);
        const char *id = tcs_waves_question(c.w, qc->question)->id;
        const tcs_change *ch = &qc->change;
        bool excludes = ch->delta_ci_lo > 0 || ch->delta_ci_hi < 0;
        /* no row shows an interval that excludes 0 beside "no clear change"
         * without a mark */
        if (excludes && qc->verdict == TCS_VERDICT_NONE)
            assert_int_not_equal(qc->mark, TCS_MARK_NONE);
        if (strcmp(id, "1.4") == 0)
            assert_int_equal(qc->mark, TCS_MARK_ADJUSTED);
        if (strcmp(id, "4.2") == 0)
            assert_int_equal(qc->mark, TCS_MARK_TESTS_DIFFER);
        marked += qc->mark != TCS_MARK_NONE;
        double m;
        assert_true(tcs_change_mdc(ch, 0.05, TCS_MDC_POWER, &m));
        assert_true(qc->has_mdc && qc->mdc == m);
    }
    assert_true(marked >= 2);
    chester_free(&c);
}

static void population_errors(void **state)
{
    (void)state;
    chester c;
    chester_load(&c, true);
    tcs_error err;
    assert_int_equal(tcs_waves_set_population(c.w, 0, 27, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "less than its 28 responses"));
    assert_int_equal(tcs_waves_set_population(c.w, 0, -1, &err), TCS_EINVAL);
    assert_int_equal(tcs_waves_set_population(c.w, 0, 28, &err), TCS_OK); /* a census */
    assert_int_equal(tcs_waves_set_population(c.w, 1, 31, &err), TCS_OK);
    const tcs_question_change *qc = tcs_waves_change(c.w, 0);
    assert_true(qc->change.exact);
    assert_false(qc->change.has_welch);
    assert_true(qc->has_mdc && qc->mdc == 0.0);
    assert_int_equal(tcs_waves_set_population(c.w, 1, 0, &err), TCS_OK); /* unknown again */
    assert_false(tcs_waves_change(c.w, 0)->change.exact);
    chester_free(&c);
}

static void specs_and_files(void **state)
{
    (void)state;
    tcs_populations *p;
    tcs_error err;
    assert_int_equal(tcs_populations_new(&p, &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "2024=40", &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "faculty=Health: Medicine:12", &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "2026:faculty=Arts:9", &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "2024=41", &err), TCS_OK); /* replaces */
    assert_int_equal(tcs_populations_count(p), 3);
    long n;
    assert_true(tcs_populations_wave(p, "2024", &n));
    assert_int_equal(n, 41);
    assert_false(tcs_populations_wave(p, "2026", &n));
    const tcs_population_entry *e = tcs_populations_at(p, 1);
    assert_null(e->wave);
    assert_string_equal(e->column, "faculty");
    assert_string_equal(e->group, "Health: Medicine");
    assert_int_equal(e->population, 12);
    e = tcs_populations_at(p, 2);
    assert_string_equal(e->wave, "2026");
    assert_string_equal(e->group, "Arts");
    static const char *const bad[] = {"2024", "2024=", "2024=0", "2024=x", "=40",
                                      "faculty=:4", ":faculty=A:4", "2024=3.5"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(tcs_populations_add_spec(p, bad[i], &err), TCS_EINVAL);
        assert_non_null(strstr(err.message, bad[i]));
    }
    const char *f = tmp_text("population.csv", "Wave,Population,Column,Group,note\n"
                                               "2026,45,,,from HR\n"
                                               "\n"
                                               ",20,faculty,Faculty of Health\n");
    assert_int_equal(tcs_populations_load(p, f, &err), TCS_OK);
    assert_true(tcs_populations_wave(p, "2026", &n));
    assert_int_equal(n, 45);
    assert_int_equal(tcs_populations_at(p, 4)->row, 4);
    tcs_populations_free(p);

    static const struct {
        const char *text, *message;
        long row, col;
    } bad_files[] = {
        {"wave,people\n2024,3\n", "needs the columns wave and population", 1, 0},
        {"wave,population\n2024,many\n", "whole number", 2, 2},
        {"wave,population,column,group\n2024,30,faculty,\n", "both its column and its group", 2, 4},
        {"wave,population\n,30\n", "needs its wave label", 2, 1},
    };
    for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
        assert_int_equal(tcs_populations_new(&p, &err), TCS_OK);
        assert_int_equal(tcs_populations_load(p, tmp_text("bad-pop.csv", bad_files[i].text), &err),
                         TCS_ECODEBOOK);
        assert_non_null(strstr(err.message, bad_files[i].message));
        assert_int_equal(err.row, bad_files[i].row);
        assert_int_equal(err.column, bad_files[i].col);
        tcs_populations_free(p);
    }
    assert_int_equal(tcs_populations_new(&p, &err), TCS_OK);
    assert_int_equal(tcs_populations_load(p, "/nonexistent/population.csv", &err), TCS_ENOENT);
    tcs_populations_free(p);
}

/* Populations put on waves and on the groups of --by. */
static void apply_to_waves_and_groups(void **state)
{
    (void)state;
    chester c;
    chester_load(&c, true);
    tcs_populations *p;
    tcs_error err;
    assert_int_equal(tcs_populations_new(&p, &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "2024=40", &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "2026=45", &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p,
                                              "faculty=faculty of health, medicine and society:30",
                                              &err),
                     TCS_OK);
    assert_int_equal(tcs_populations_apply(p, c.w, &err), TCS_OK);
    assert_int_equal(tcs_waves_population(c.w, 0), 40);
    assert_int_equal(tcs_waves_population(c.w, 1), 45);
    tcs_grouping *g = NULL;
    assert_int_equal(tcs_grouping_compare(c.w, "faculty", 5, 0.05, &g, &err), TCS_OK);
    assert_int_equal(tcs_populations_apply_groups(p, c.w, "faculty", g, &err), TCS_OK);
    size_t with = 0;
    for (size_t k = 0; k < g->n; k++) {
        const tcs_group *gr = &g->groups[k];
        if (gr->suppressed)
            continue;
        bool health = strstr(gr->label, "Health") != NULL;
        assert_int_equal(tcs_waves_population(gr->waves, 0), health ? 30 : 0);
        assert_int_equal(tcs_waves_population(gr->waves, 1), health ? 30 : 0);
        if (health) {
            double rate;
            assert_true(tcs_waves_response_rate(gr->waves, 1, &rate));
            assert_close(rate, 100.0 * (double)gr->responses[1] / 30.0, 1e-14);
            assert_true(tcs_waves_change(gr->waves, 0)->change.fpc);
            with++;
        }
    }
    assert_int_equal(with, 1);
    /* a group the column does not have; a wave that is not there */
    assert_int_equal(tcs_populations_add_spec(p, "faculty=Astrology:3", &err), TCS_OK);
    assert_int_equal(tcs_populations_apply_groups(p, c.w, "faculty", g, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "no such group"));
    tcs_populations_free(p);
    assert_int_equal(tcs_populations_new(&p, &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "facutly=Science:3", &err), TCS_OK);
    assert_int_equal(tcs_populations_apply_groups(p, c.w, "faculty", g, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "population for column 'facutly'"));
    tcs_grouping_free(g);
    tcs_populations_free(p);
    assert_int_equal(tcs_populations_new(&p, &err), TCS_OK);
    assert_int_equal(tcs_populations_add_spec(p, "2025=40", &err), TCS_OK);
    assert_int_equal(tcs_populations_apply(p, c.w, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "no wave has that label"));
    tcs_populations_free(p);
    chester_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expected_table),    cmocka_unit_test(no_population_is_unchanged),
        cmocka_unit_test(median_table),      cmocka_unit_test(marks),
        cmocka_unit_test(verdict_direction), cmocka_unit_test(wilson_population),
        cmocka_unit_test(chester_against_r), cmocka_unit_test(chester_marks),
        cmocka_unit_test(population_errors), cmocka_unit_test(specs_and_files),
        cmocka_unit_test(apply_to_waves_and_groups),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
