/* Unit tests: pillar scores, Cronbach's alpha and the comparison of
 * scores between waves. The expected tables were computed independently
 * with pandas / numpy / scipy / statsmodels / mpmath (Debian 12) by
 * scripts/expected_pillar.py; see its docstring for the contract. */
#include "testutil.h"
#include "tcsurvey/codebook.h"
#include "tcsurvey/compare.h"
#include "tcsurvey/pillar.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/survey.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXPECTED(name) TCS_EXPECTED_DIR "/" name

/* "1.5;2;3.25" -> a malloc'd array (never NULL); *n how many. */
static double *parse_values(const char *s, size_t *n)
{
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ';';
    double *v = malloc(cap * sizeof *v);
    assert_non_null(v);
    *n = 0;
    while (*s) {
        char *end;
        v[(*n)++] = strtod(s, &end);
        assert_true(end != s);
        s = *end == ';' ? end + 1 : end;
    }
    return v;
}

/* ---- loading ---- */

typedef struct {
    tcs_codebook *cb;
    tcs_survey *s;
} loaded;

/* pipe_min: tcs_load_options.pipe_min_bytes (1 = count, and score, on a
 * second thread whatever the file's size; SIZE_MAX = never) */
static void load_piped(const char *data, const char *codebook, size_t pipe_min, loaded *l)
{
    tcs_error err;
    memset(l, 0, sizeof *l);
    if (codebook && tcs_codebook_load(codebook, &l->cb, &err) != TCS_OK) {
        print_error("%s: %s\n", codebook, err.message);
        fail();
    }
    char wave[16];
    tcs_load_options o = {.codebook = l->cb, .pipe_min_bytes = pipe_min, .allow_other = true};
    if (tcs_wave_label_from_path(data, wave, sizeof wave))
        o.wave_label = wave;
    if (tcs_survey_load(data, &o, &l->s, &err) != TCS_OK) {
        print_error("%s: %s\n", data, err.message);
        fail();
    }
}

static void load(const char *data, const char *codebook, loaded *l)
{
    load_piped(data, codebook, 0, l);
}

static void unload(loaded *l)
{
    tcs_survey_free(l->s);
    tcs_codebook_free(l->cb);
    memset(l, 0, sizeof *l);
}

static tcs_pillar_scores *compute_ok(const tcs_survey *s)
{
    tcs_error err;
    tcs_pillar_scores *p = NULL;
    tcs_status st = tcs_pillar_scores_compute(s, &p, &err);
    if (st != TCS_OK) {
        print_error("%s: %s\n", tcs_survey_path(s), err.message);
        fail();
    }
    assert_non_null(p);
    return p;
}

static bool find_pillar(const tcs_pillar_scores *p, const char *name, tcs_pillar_info *out)
{
    for (size_t i = 0; i < tcs_pillar_count(p); i++)
        if (tcs_pillar_at(p, i, out) && strcmp(out->pillar, name) == 0)
            return true;
    return false;
}

/* The scores one per respondent, ascending, from the distinct values and
 * their counts (which must be ascending, positive and sum to nscores). */
static double *expand_scores(const tcs_pillar_info *in)
{
    double *v = malloc((in->nscores ? in->nscores : 1) * sizeof *v);
    assert_non_null(v);
    size_t n = 0;
    for (size_t k = 0; k < in->nvalues; k++) {
        assert_true(in->counts[k] > 0);
        if (k > 0)
            assert_true(in->values[k - 1] < in->values[k]);
        for (long c = 0; c < in->counts[k]; c++) {
            assert_true(n < in->nscores);
            v[n++] = in->values[k];
        }
    }
    assert_int_equal(n, in->nscores);
    return v;
}

/* Every row of pillar_expected.csv whose source is `source` against p;
 * returns the failures and the rows seen. */
static int check_source(const test_table *t, const char *source, const tcs_pillar_scores *p,
                        size_t *rows)
{
    int failures = 0;
    *rows = 0;
    for (size_t r = 1; r < t->nrows; r++) {
        row_check rc = {t, r, NULL, 0};
        if (strcmp(row_cell(&rc, "source"), source) != 0)
            continue;
        (*rows)++;
        rc.name = row_cell(&rc, "pillar");
        tcs_pillar_info in;
        if (!find_pillar(p, rc.name, &in)) {
            print_error("%s: pillar %s not found\n", source, rc.name);
            failures++;
            continue;
        }
        row_check_long(&rc, "nitems", (long)in.nitems);
        row_check_long(&rc, "nscores", (long)in.nscores);
        row_check_long(&rc, "excluded", in.excluded);
        row_check_long(&rc, "alpha_n", in.alpha_n);
        row_check_flag(&rc, "has_alpha", in.has_alpha);
        row_check_flag(&rc, "alpha_few", in.alpha_few);
        row_check_flag(&rc, "has_mean", in.has_mean);
        row_check_flag(&rc, "has_sd", in.has_sd);
        row_check_flag(&rc, "has_midpoint", in.has_midpoint);
        row_check_value(&rc, "alpha", in.alpha, in.has_alpha, false);
        row_check_value(&rc, "mean", in.mean, in.has_mean, false);
        row_check_value(&rc, "sd", in.sd, in.has_sd, false);
        row_check_value(&rc, "ci_lo", in.ci_lo, in.has_sd, false);
        row_check_value(&rc, "ci_hi", in.ci_hi, in.has_sd, false);
        row_check_value(&rc, "midpoint", in.midpoint, in.has_midpoint, false);
        size_t n;
        double *want = parse_values(row_cell(&rc, "scores"), &n);
        if (n != in.nscores) {
            print_error("%s/%s: %zu scores, want %zu\n", source, rc.name, in.nscores, n);
            rc.failures++;
        }
        double *got = expand_scores(&in);
        for (size_t i = 0; i < n && i < in.nscores; i++)
            if (!close_enough(got[i], want[i], TCS_TEST_REL, 0.0)) {
                print_error("%s/%s: score[%zu] = %.17g, want %.17g\n", source, rc.name, i,
                            got[i], want[i]);
                rc.failures++;
            }
        free(got);
        free(want);
        failures += rc.failures;
    }
    return failures;
}

/* ---- tests ---- */

static void expected_pillars(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("pillar_expected.csv"), &t), 0);
    assert_true(t.nrows >= 7);
    int ds = test_table_col(&t, "data"), cs = test_table_col(&t, "codebook"),
        ss = test_table_col(&t, "source");
    assert_true(ds >= 0 && cs >= 0 && ss >= 0);
    int failures = 0;
    size_t sources = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        const char *source = t.cells[r][ss];
        if (r > 1 && strcmp(source, t.cells[r - 1][ss]) == 0)
            continue; /* rows of one source are consecutive */
        char data[1024], codebook[1024];
        snprintf(data, sizeof data, "%s/%s", TCS_SOURCE_DIR, t.cells[r][ds]);
        snprintf(codebook, sizeof codebook, "%s/%s", TCS_SOURCE_DIR, t.cells[r][cs]);
        loaded l;
        load(data, codebook, &l);
        tcs_pillar_scores *p = compute_ok(l.s);
        /* the scores outlive the survey */
        unload(&l);
        size_t rows;
        failures += check_source(&t, source, p, &rows);
        if (rows != tcs_pillar_count(p)) {
            print_error("%s: %zu pillars, want %zu\n", source, tcs_pillar_count(p), rows);
            failures++;
        }
        tcs_pillar_scores_free(p);
        sources++;
    }
    test_table_free(&t);
    assert_true(sources >= 2);
    assert_int_equal(failures, 0);
}

/* The example as a workbook: the second pass reads the same sheet. */
static void xlsx_same_as_csv(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("pillar_expected.csv"), &t), 0);
    loaded l;
    load(TCS_FIXTURES_DIR "/xlsx/chester-2024.xlsx", TCS_SOURCE_DIR "/surveys/chester/codebook.csv",
         &l);
    tcs_pillar_scores *p = compute_ok(l.s);
    size_t rows;
    int failures = check_source(&t, "chester-2024", p, &rows);
    assert_int_equal(rows, 4);
    assert_int_equal(tcs_pillar_count(p), 4);
    tcs_pillar_scores_free(p);
    unload(&l);
    test_table_free(&t);
    assert_int_equal(failures, 0);
}

/* Two header rows (SurveyMonkey), blank lines before the header and among
 * the rows; worked by hand. */
static void two_header_rows_by_hand(void **state)
{
    (void)state;
    const char *data = tmp_text("sm-pillar.csv",
                                "\n\nRespondent ID,Collector ID,Q1. How satisfied are you with,,\n"
                                ",,Pay,Hours,Training\n"
                                "1,9,4,5,2\n"
                                "2,9,3,,N/A\n"
                                "\n"
                                "3,9,5,5,5\n"
                                ",,,,\n"
                                "4,9,1,2,\n");
    const char *cbp = tmp_text("sm-pillar-codebook.csv", "id,pattern,pillar,scale,reverse\n"
                                                         "P1,*[Pay],Conditions,1-5,no\n"
                                                         "P2,*[Hours],Conditions,1-5,no\n"
                                                         "P3,*[Training],Conditions,1-5,no\n");
    loaded l;
    load(data, cbp, &l);
    assert_int_equal(tcs_survey_header_rows(l.s), 2);
    assert_int_equal(tcs_survey_responses(l.s), 4);
    tcs_pillar_scores *p = compute_ok(l.s);
    assert_int_equal(tcs_pillar_count(p), 1);
    tcs_pillar_info in;
    assert_true(tcs_pillar_at(p, 0, &in));
    assert_string_equal(in.pillar, "Conditions");
    assert_int_equal(in.nitems, 3);
    /* row 2 answered 1 of 3 (< ceil(3/2) = 2): excluded; row 4 kept on 2 */
    assert_int_equal(in.excluded, 1);
    assert_int_equal(in.nscores, 3);
    assert_int_equal(in.nvalues, 3);
    assert_close(in.values[0], 1.5, 1e-15);
    assert_close(in.values[1], 11.0 / 3.0, 1e-15);
    assert_close(in.values[2], 5.0, 1e-15);
    assert_true(in.counts[0] == 1 && in.counts[1] == 1 && in.counts[2] == 1);
    /* complete cases rows 1 and 3 only: too few for an alpha (it would be
     * 3/2 (1 - 5/8) = 0.5625 from 2 respondents) */
    assert_false(in.has_alpha);
    assert_true(in.alpha_few);
    assert_int_equal(in.alpha_n, 2);
    assert_true(in.has_midpoint);
    assert_close(in.midpoint, 3.0, 0);
    tcs_pillar_scores_free(p);
    unload(&l);
}

/* Reverse coding mirrors before scoring; alpha is undefined without
 * variation or with one item; no pillar at all gives an empty result. */
static void degenerate_pillars(void **state)
{
    (void)state;
    const char *data = tmp_text("degenerate.csv", "Respondent,Q1,Q2,Q3,Q4,Q5\n"
                                                  "1,2,4,3,1,5\n"
                                                  "2,2,4,3,5,5\n"
                                                  "3,2,4,,3,1\n");
    const char *cbp = tmp_text("degenerate-codebook.csv",
                               "id,pillar,scale,reverse\n"
                               "Q1,Flat,1-5,no\n"
                               "Q2,Flat,1-5,yes\n" /* 4 -> 2: every total 4 */
                               "Q3,Single,1-5,no\n"
                               "Q4,Mixed,1-5,no\n"
                               "Q5,Mixed,1-7,no\n");
    loaded l;
    load(data, cbp, &l);
    tcs_pillar_scores *p = compute_ok(l.s);
    assert_int_equal(tcs_pillar_count(p), 3);
    tcs_pillar_info in;

    assert_true(tcs_pillar_at(p, 0, &in));
    assert_string_equal(in.pillar, "Flat");
    assert_int_equal(in.nscores, 3);
    assert_true(in.nvalues == 1 && in.values[0] == 2.0 && in.counts[0] == 3);
    assert_false(in.has_alpha); /* total variance 0 */
    assert_int_equal(in.alpha_n, 3);
    assert_true(in.has_sd && in.sd == 0.0 && in.ci_lo == 2.0 && in.ci_hi == 2.0);
    assert_false(in.has_ci); /* scores that do not vary: no interval */

    assert_true(tcs_pillar_at(p, 1, &in));
    assert_string_equal(in.pillar, "Single");
    assert_int_equal(in.nitems, 1);
    assert_int_equal(in.nscores, 2); /* ceil(1/2) = 1 */
    assert_int_equal(in.excluded, 1);
    assert_false(in.has_alpha);

    assert_true(tcs_pillar_at(p, 2, &in));
    assert_string_equal(in.pillar, "Mixed");
    assert_false(in.has_midpoint); /* 1-5 with 1-7 */
    assert_false(in.has_alpha);    /* 3 complete cases: too few */
    assert_true(in.alpha_few);
    assert_int_equal(in.alpha_n, 3);
    assert_false(tcs_pillar_at(p, 3, &in));
    tcs_pillar_scores_free(p);
    unload(&l);

    /* no codebook, no pillars: nothing to re-read */
    load(TCS_FIXTURES_DIR "/csv/pillars_small.csv", NULL, &l);
    p = compute_ok(l.s);
    assert_int_equal(tcs_pillar_count(p), 0);
    assert_false(tcs_pillar_at(p, 0, &in));
    tcs_pillar_scores_free(p);
    unload(&l);
    tcs_pillar_scores_free(NULL);
    assert_int_equal(tcs_pillar_count(NULL), 0);
}

/* The file changed between import and the second pass. */
static void changed_file(void **state)
{
    (void)state;
    static const char *const original = "Respondent,Q1,Q2,Q3\n"
                                        "1,1,2,3\n"
                                        "2,4,4,5\n"
                                        "3,2,,3\n";
    static const struct {
        const char *name, *text;
        tcs_status status;
        long column;
    } cases[] = {
        {"identical", "Respondent,Q1,Q2,Q3\n1,1,2,3\n2,4,4,5\n3,2,,3\n", TCS_OK, 0},
        {"one more", "Respondent,Q1,Q2,Q3\n1,1,2,3\n2,4,4,5\n3,2,,3\n4,5,5,5\n", TCS_EIO, 0},
        {"one fewer", "Respondent,Q1,Q2,Q3\n1,1,2,3\n2,4,4,5\n", TCS_EIO, 0},
        {"an answer", "Respondent,Q1,Q2,Q3\n1,1,2,3\n2,4,4,5\n3,2,4,3\n", TCS_EIO, 3},
        {"a column more", "Respondent,Q1,Q2,Q3,Q4\n1,1,2,3,1\n2,4,4,5,1\n3,2,,3,1\n", TCS_EIO, 0},
        {"now empty", "", TCS_EEMPTY, 0},
    };
    const char *cbp = tmp_text("changed-codebook.csv", "id,pillar,scale\n"
                                                       "Q1,Work,1-5\nQ2,Work,1-5\nQ3,Work,1-5\n");
    /* each case scored on this thread, then on a second one */
    for (size_t k = 0; k < 2 * (sizeof cases / sizeof cases[0]); k++) {
        size_t i = k / 2, piped = k % 2;
        const char *path = tmp_text("changed.csv", original);
        loaded l;
        load_piped(path, cbp, piped ? 1 : SIZE_MAX, &l);
        assert_int_equal(tcs_survey_two_threads(l.s), piped && sysconf(_SC_NPROCESSORS_ONLN) > 1);
        tmp_text("changed.csv", cases[i].text);
        tcs_error err;
        tcs_error_clear(&err);
        tcs_pillar_scores *p = (tcs_pillar_scores *)&err; /* must be reset */
        tcs_status st = tcs_pillar_scores_compute(l.s, &p, &err);
        if (st != cases[i].status) {
            print_error("%s: status %d (%s), want %d\n", cases[i].name, st, err.message,
                        cases[i].status);
            fail();
        }
        if (st == TCS_OK) {
            tcs_pillar_info in;
            assert_true(tcs_pillar_at(p, 0, &in));
            assert_int_equal(in.nscores, 3);
        } else {
            assert_null(p);
            assert_int_equal(err.status, st);
            assert_string_equal(err.path, path);
            if (st == TCS_EIO) {
                assert_non_null(strstr(err.message, "changed since it was imported"));
                assert_int_equal(err.column, cases[i].column);
            }
        }
        tcs_pillar_scores_free(p);
        unload(&l);
    }

    /* the file is gone */
    const char *path = tmp_text("gone.csv", original);
    loaded l;
    load(path, cbp, &l);
    assert_int_equal(unlink(path), 0);
    tcs_error err;
    tcs_pillar_scores *p = NULL;
    assert_int_equal(tcs_pillar_scores_compute(l.s, &p, &err), TCS_ENOENT);
    assert_null(p);
    unload(&l);
}

static void expected_change_values(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(EXPECTED("change_values_expected.csv"), &t), 0);
    assert_true(t.nrows > 10);
    int total_failures = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        row_check rc = {&t, r, NULL, 0};
        rc.name = row_cell(&rc, "case");
        size_t n1, n2;
        double *a = parse_values(row_cell(&rc, "from"), &n1);
        double *b = parse_values(row_cell(&rc, "to"), &n2);
        assert_int_equal(n1, row_cell_long(&rc, "n_from"));
        assert_int_equal(n2, row_cell_long(&rc, "n_to"));
        double mid = strtod(row_cell(&rc, "midpoint"), NULL);
        tcs_change c;
        tcs_error err;
        assert_int_equal(tcs_change_from_values(a, n1, b, n2, mid, &c, &err), TCS_OK);
        row_check_long(&rc, "n_from", c.n_from);
        row_check_long(&rc, "n_to", c.n_to);
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

        /* the order of the values does not matter: reverse both */
        for (size_t i = 0; i < n1 / 2; i++) {
            double x = a[i];
            a[i] = a[n1 - 1 - i];
            a[n1 - 1 - i] = x;
        }
        for (size_t i = 0; i < n2 / 2; i++) {
            double x = b[i];
            b[i] = b[n2 - 1 - i];
            b[n2 - 1 - i] = x;
        }
        tcs_change c2;
        assert_int_equal(tcs_change_from_values(a, n1, b, n2, mid, &c2, &err), TCS_OK);
        if (memcmp(&c, &c2, sizeof c) != 0) {
            print_error("%s: result depends on the order of the values\n", rc.name);
            rc.failures++;
        }
        free(a);
        free(b);
        total_failures += rc.failures;
    }
    test_table_free(&t);
    assert_int_equal(total_failures, 0);
}

/* Whole numbers on a scale: the same figures as from their counts. */
static void values_agree_with_counts(void **state)
{
    (void)state;
    static const struct {
        const char *scale;
        long from[TCS_SCALE_POINTS_MAX], to[TCS_SCALE_POINTS_MAX];
    } cases[] = {
        {"agree5", {12, 31, 47, 78, 32}, {8, 22, 39, 80, 31}},
        {"1-10", {1, 0, 2, 3, 4, 6, 5, 4, 2, 1}, {0, 1, 1, 2, 3, 5, 7, 6, 4, 2}},
        {"0-10", {2, 0, 1, 3, 2, 9, 4, 8, 9, 4, 3}, {0, 1, 0, 2, 3, 6, 5, 10, 12, 8, 5}},
        {"1-5", {0, 0, 0, 9, 0}, {0, 0, 0, 14, 0}},
        {"1-5", {0, 5, 0, 0, 0}, {0, 0, 0, 7, 0}},
        {"1-5", {0, 0, 1, 0, 0}, {2, 3, 5, 4, 1}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tcs_scale s;
        assert_true(tcs_scale_by_name(cases[i].scale, &s));
        double *a = NULL, *b = NULL;
        size_t n1 = 0, n2 = 0;
        for (size_t k = 0; k < s.npoints; k++) {
            a = realloc(a, (n1 + (size_t)cases[i].from[k] + 1) * sizeof *a);
            b = realloc(b, (n2 + (size_t)cases[i].to[k] + 1) * sizeof *b);
            assert_true(a && b);
            for (long j = 0; j < cases[i].from[k]; j++)
                a[n1++] = s.min + (double)k;
            for (long j = 0; j < cases[i].to[k]; j++)
                b[n2++] = s.min + (double)k;
        }
        tcs_change cv, cc;
        tcs_error err;
        assert_int_equal(
            tcs_change_from_values(a, n1, b, n2, tcs_scale_midpoint(&s), &cv, &err), TCS_OK);
        tcs_change_from_counts(&s, cases[i].from, cases[i].to, false, &cc);
        assert_true(cv.has_delta == cc.has_delta && cv.has_welch == cc.has_welch &&
                    cv.has_mwu == cc.has_mwu && cv.has_hedges == cc.has_hedges);
        assert_int_equal(cv.n_from, cc.n_from);
        assert_int_equal(cv.n_to, cc.n_to);
        assert_close(cv.mean_from, cc.mean_from, 1e-12);
        assert_close(cv.mean_to, cc.mean_to, 1e-12);
        assert_close(cv.delta, cc.delta, 1e-12);
        assert_close(cv.delta_ci_lo, cc.delta_ci_lo, 1e-12);
        assert_close(cv.delta_ci_hi, cc.delta_ci_hi, 1e-12);
        assert_close(cv.welch_t, cc.welch_t, 1e-12);
        assert_close(cv.welch_df, cc.welch_df, 1e-12);
        assert_close(cv.welch_p, cc.welch_p, 1e-12);
        assert_true(cv.mwu_u == cc.mwu_u && cv.mwu_p == cc.mwu_p &&
                    cv.cliffs_delta == cc.cliffs_delta);
        assert_close(cv.hedges_g, cc.hedges_g, 1e-12);
        assert_true(cv.high_from == cc.high_from && cv.high_to == cc.high_to &&
                    cv.high_delta == cc.high_delta && cv.high_delta_ci_lo == cc.high_delta_ci_lo &&
                    cv.high_delta_ci_hi == cc.high_delta_ci_hi);
        free(a);
        free(b);
    }
}

static void values_errors(void **state)
{
    (void)state;
    double ok[3] = {1.0, 2.0, 3.0}, bad[3] = {1.0, NAN, 3.0}, inf[2] = {INFINITY, 1.0};
    tcs_change c;
    tcs_error err;
    assert_int_equal(tcs_change_from_values(ok, 3, bad, 3, 2.0, &c, &err), TCS_EINVAL);
    assert_int_equal(err.status, TCS_EINVAL);
    assert_false(c.has_delta || c.n_from || c.n_to);
    assert_int_equal(tcs_change_from_values(inf, 2, ok, 3, 2.0, &c, &err), TCS_EINVAL);
    assert_int_equal(tcs_change_from_values(NULL, 2, ok, 3, 2.0, &c, &err), TCS_EINVAL);
    assert_int_equal(tcs_change_from_values(ok, 3, NULL, 1, 2.0, &c, NULL), TCS_EINVAL);
    /* NULL with no values is an empty wave */
    assert_int_equal(tcs_change_from_values(NULL, 0, ok, 3, 2.0, &c, &err), TCS_OK);
    assert_true(c.n_from == 0 && c.n_to == 3 && !c.has_delta);
    assert_close(c.mean_to, 2.0, 0);
    assert_close(c.high_to, 100.0 / 3.0, 1e-15);
}

/* Distinct values with counts give exactly what the values one by one
 * give; values out of order or not finite are refused. */
static void distinct_values(void **state)
{
    (void)state;
    double a[] = {1.5, 2.0, 2.0, 3.25, 3.25, 3.25, 4.0}, b[] = {2.0, 3.25, 4.0, 4.0, 5.0};
    double va[] = {1.5, 2.0, 3.25, 4.0}, vb[] = {2.0, 3.25, 4.0, 5.0};
    long ca[] = {1, 2, 3, 1}, cb[] = {1, 1, 2, 1};
    tcs_change cv, cd;
    tcs_error err;
    assert_int_equal(tcs_change_from_values(a, 7, b, 5, 3.0, &cv, &err), TCS_OK);
    assert_int_equal(tcs_change_from_distinct(va, ca, 4, vb, cb, 4, 3.0, &cd, &err), TCS_OK);
    assert_memory_equal(&cv, &cd, sizeof cv);
    assert_true(cd.has_mwu && cd.n_from == 7 && cd.n_to == 5);
    /* a zero count is no value */
    double vz[] = {1.5, 2.0, 3.0, 3.25, 4.0};
    long cz[] = {1, 2, 0, 3, 1};
    assert_int_equal(tcs_change_from_distinct(vz, cz, 5, vb, cb, 4, 3.0, &cd, &err), TCS_OK);
    assert_memory_equal(&cv, &cd, sizeof cv);

    double down[] = {2.0, 1.0}, twice[] = {1.0, 1.0}, nan[] = {1.0, NAN};
    long c2[] = {1, 1};
    assert_int_equal(tcs_change_from_distinct(down, c2, 2, vb, cb, 4, 3.0, &cd, &err),
                     TCS_EINVAL);
    assert_false(cd.has_delta || cd.n_from);
    assert_int_equal(tcs_change_from_distinct(va, ca, 4, twice, c2, 2, 3.0, &cd, &err),
                     TCS_EINVAL);
    assert_int_equal(tcs_change_from_distinct(va, ca, 4, nan, c2, 2, 3.0, &cd, &err), TCS_EINVAL);
    assert_int_equal(tcs_change_from_distinct(NULL, ca, 4, vb, cb, 4, 3.0, &cd, &err),
                     TCS_EINVAL);
    assert_int_equal(tcs_change_from_distinct(NULL, NULL, 0, vb, cb, 4, 3.0, &cd, &err), TCS_OK);
    assert_true(cd.n_from == 0 && cd.n_to == 5 && !cd.has_delta);
}

static bool odd_items(const tcs_column *c, void *ctx)
{
    (void)ctx;
    return c->index % 2 == 1;
}

static void same_info(const tcs_pillar_info *a, const tcs_pillar_info *b)
{
    assert_string_equal(a->pillar, b->pillar);
    assert_int_equal(a->nitems, b->nitems);
    assert_int_equal(a->nscores, b->nscores);
    assert_int_equal(a->nvalues, b->nvalues);
    assert_memory_equal(a->values, b->values, a->nvalues * sizeof *a->values);
    assert_memory_equal(a->counts, b->counts, a->nvalues * sizeof *a->counts);
    assert_int_equal(a->excluded, b->excluded);
    assert_int_equal(a->alpha_n, b->alpha_n);
    assert_true(a->has_alpha == b->has_alpha && a->alpha == b->alpha);
    assert_true(a->mean == b->mean && a->sd == b->sd && a->ci_lo == b->ci_lo &&
                a->ci_hi == b->ci_hi);
}

/* Several score sets from one pass are the sets computed one at a time. */
static void many_sets_one_pass(void **state)
{
    (void)state;
    loaded l;
    load(TCS_SOURCE_DIR "/surveys/chester/chester-2026.csv",
         TCS_SOURCE_DIR "/surveys/chester/codebook.csv", &l);
    tcs_pillar_request req[3] = {
        {.survey = NULL}, {.keep = odd_items}, {.keep = odd_items, .set_name = "odd"}};
    tcs_pillar_scores *many[3], *one[3];
    tcs_error err;
    assert_int_equal(tcs_pillar_scores_compute_many(l.s, req, 3, many, &err), TCS_OK);
    assert_int_equal(tcs_pillar_scores_compute(l.s, &one[0], &err), TCS_OK);
    assert_int_equal(tcs_pillar_scores_compute_only(l.s, odd_items, NULL, &one[1], &err), TCS_OK);
    assert_int_equal(tcs_pillar_scores_compute_set(l.s, odd_items, NULL, "odd", &one[2], &err),
                     TCS_OK);
    assert_int_equal(tcs_pillar_count(many[0]), 4);
    assert_int_equal(tcs_pillar_count(many[2]), 1);
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(tcs_pillar_count(many[k]), tcs_pillar_count(one[k]));
        for (size_t i = 0; i < tcs_pillar_count(one[k]); i++) {
            tcs_pillar_info a, b;
            assert_true(tcs_pillar_at(many[k], i, &a) && tcs_pillar_at(one[k], i, &b));
            same_info(&a, &b);
        }
        tcs_pillar_scores_free(many[k]);
        tcs_pillar_scores_free(one[k]);
    }
    unload(&l);
}

/* Score sets of several groups' surveys of one file from one pass are the
 * sets of each group computed alone; a survey of another file is refused. */
static void group_sets_one_pass(void **state)
{
    (void)state;
    loaded l;
    load(TCS_SOURCE_DIR "/surveys/chester/chester-2026.csv",
         TCS_SOURCE_DIR "/surveys/chester/codebook.csv", &l);
    size_t col = tcs_survey_ncolumns(l.s);
    for (size_t i = 0; i < tcs_survey_ncolumns(l.s); i++)
        if (tcs_survey_column(l.s, i)->role == TCS_ROLE_CATEGORICAL)
            col = i;
    assert_true(col < tcs_survey_ncolumns(l.s));
    const tcs_column *by = tcs_survey_column(l.s, col);
    assert_true(by->nanswers >= 2);
    tcs_row_filter f[2] = {{col, by->answers[0].label}, {col, by->answers[1].label}};
    tcs_load_options o = {.codebook = l.cb, .wave_label = "2026", .like = l.s};
    tcs_survey *g[2];
    tcs_error err;
    assert_int_equal(tcs_survey_load_groups(tcs_survey_path(l.s), &o, f, 2, g, &err), TCS_OK);
    tcs_pillar_request req[3] = {{.survey = g[0]}, {.survey = g[1]}, {.survey = NULL}};
    tcs_pillar_scores *many[3], *one[3];
    assert_int_equal(tcs_pillar_scores_compute_many(g[0], req, 3, many, &err), TCS_OK);
    assert_int_equal(tcs_pillar_scores_compute(g[0], &one[0], &err), TCS_OK);
    assert_int_equal(tcs_pillar_scores_compute(g[1], &one[1], &err), TCS_OK);
    assert_int_equal(tcs_pillar_scores_compute(g[0], &one[2], &err), TCS_OK);
    long kept = 0;
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(tcs_pillar_count(many[k]), 4);
        for (size_t i = 0; i < 4; i++) {
            tcs_pillar_info a, b;
            assert_true(tcs_pillar_at(many[k], i, &a) && tcs_pillar_at(one[k], i, &b));
            same_info(&a, &b);
            if (k < 2 && i == 0)
                kept += (long)a.nscores + a.excluded;
        }
        tcs_pillar_scores_free(many[k]);
        tcs_pillar_scores_free(one[k]);
    }
    assert_int_equal(kept, by->answers[0].count + by->answers[1].count);

    loaded other;
    load(TCS_SOURCE_DIR "/surveys/chester/chester-2024.csv",
         TCS_SOURCE_DIR "/surveys/chester/codebook.csv", &other);
    req[1].survey = other.s;
    assert_int_equal(tcs_pillar_scores_compute_many(g[0], req, 2, many, &err), TCS_EINVAL);
    assert_null(many[0]);
    assert_null(many[1]);
    unload(&other);
    tcs_survey_free(g[0]);
    tcs_survey_free(g[1]);
    unload(&l);
}

/* Scored on a second thread while the file is parsed: the same sets. */
static void two_threads_same_scores(void **state)
{
    (void)state;
    loaded one, two;
    load_piped(TCS_SOURCE_DIR "/surveys/chester/chester-2026.csv",
               TCS_SOURCE_DIR "/surveys/chester/codebook.csv", SIZE_MAX, &one);
    load_piped(TCS_SOURCE_DIR "/surveys/chester/chester-2026.csv",
               TCS_SOURCE_DIR "/surveys/chester/codebook.csv", 1, &two);
    assert_false(tcs_survey_two_threads(one.s));
    tcs_pillar_scores *a = compute_ok(one.s), *b = compute_ok(two.s);
    assert_int_equal(tcs_pillar_count(a), 4);
    assert_int_equal(tcs_pillar_count(b), 4);
    for (size_t i = 0; i < 4; i++) {
        tcs_pillar_info x, y;
        assert_true(tcs_pillar_at(a, i, &x) && tcs_pillar_at(b, i, &y));
        same_info(&x, &y);
    }
    tcs_pillar_scores_free(a);
    tcs_pillar_scores_free(b);
    unload(&one);
    unload(&two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(expected_pillars),
        cmocka_unit_test(xlsx_same_as_csv),
        cmocka_unit_test(two_header_rows_by_hand),
        cmocka_unit_test(degenerate_pillars),
        cmocka_unit_test(changed_file),
        cmocka_unit_test(expected_change_values),
        cmocka_unit_test(values_agree_with_counts),
        cmocka_unit_test(values_errors),
        cmocka_unit_test(distinct_values),
        cmocka_unit_test(many_sets_one_pass),
        cmocka_unit_test(group_sets_one_pass),
        cmocka_unit_test(two_threads_same_scores),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
