/* Unit tests: breakdowns by a column (--by). Figures are checked against
 * tests/expected/groups_expected.csv (scripts/expected_groups.py: pandas,
 * scipy and statsmodels on the raw CSVs of the Chester example); the
 * suppression rule against cases worked by hand. */
#include "testutil.h"
#include "tcsurvey/groups.h"
#include "tcsurvey/stats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the suppression rule, by hand ---- */

static void check_rule(const long *sizes, size_t n, long min_group, const char *want)
{
    bool hide[16];
    tcs_groups_suppress(sizes, n, min_group, hide);
    char got[17];
    for (size_t i = 0; i < n; i++)
        got[i] = hide[i] ? 'x' : '.';
    got[n] = '\0';
    assert_string_equal(got, want);
}

static void suppression_rule(void **state)
{
    (void)state;
    /* two small groups hide each other: 4 + 3 >= 5 */
    check_rule((long[]){12, 9, 4, 3}, 4, 5, "..xx");
    /* one small group: the smallest other group goes with it */
    check_rule((long[]){12, 9, 3}, 3, 5, ".xx");
    check_rule((long[]){5, 10, 4}, 3, 5, "x.x");
    /* small groups that together stay under the minimum: 1+1+1 < 5, then
     * 10 joins them */
    check_rule((long[]){1, 1, 1, 10, 20}, 5, 5, "xxxx.");
    /* ties: the earlier group of equal size goes first */
    check_rule((long[]){7, 2, 7}, 3, 5, "xx.");
    /* nothing small, nothing hidden; the minimum itself is shown */
    check_rule((long[]){5, 5, 6}, 3, 5, "...");
    /* empty groups reveal no one and trigger nothing */
    check_rule((long[]){0, 8, 9}, 3, 5, "...");
    check_rule((long[]){0, 2, 9}, 3, 5, ".xx");
    /* a single small group with nothing to hide it behind */
    check_rule((long[]){3}, 1, 5, "x");
    /* min 1: nothing is ever hidden */
    check_rule((long[]){1, 1, 1}, 3, 1, "...");
}

/* ---- choosing the column ---- */

static tcs_survey *load(const char *path, const char *codebook)
{
    tcs_codebook *cb = NULL;
    tcs_error err;
    if (codebook)
        assert_int_equal(tcs_codebook_load(codebook, &cb, &err), TCS_OK);
    char wave[8];
    tcs_load_options o = {.codebook = cb};
    if (tcs_wave_label_from_path(path, wave, sizeof wave))
        o.wave_label = wave;
    tcs_survey *s = NULL;
    if (tcs_survey_load(path, &o, &s, &err) != TCS_OK) {
        print_error("%s: %s\n", err.path, err.message);
        fail();
    }
    tcs_codebook_free(cb);
    return s;
}

static const char *chester(const char *name)
{
    static char buf[4][1024];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/surveys/chester/%s", TCS_SOURCE_DIR, name);
    return buf[k];
}

static void column_by_header_words_or_number(void **state)
{
    (void)state;
    tcs_survey *s = load(chester("chester-2024.csv"), NULL);
    tcs_error err;
    size_t col = 0;
    assert_int_equal(tcs_group_column(s, "faculty", &col, &err), TCS_OK);
    assert_int_equal(col, 27);
    assert_int_equal(tcs_group_column(s, "Which faculty or department do you work in?", &col,
                                      &err),
                     TCS_OK);
    assert_int_equal(col, 27);
    assert_int_equal(tcs_group_column(s, "which FACULTY or department", &col, &err), TCS_OK);
    assert_int_equal(col, 27);
    assert_int_equal(tcs_group_column(s, "28", &col, &err), TCS_OK);
    assert_int_equal(col, 27);
    /* a question by its id (rating: groups in scale order) */
    assert_int_equal(tcs_group_column(s, "1.4", &col, &err), TCS_OK);
    assert_int_equal(col, 9);
    /* an id glob naming one column, and one naming several */
    assert_int_equal(tcs_group_column(s, "1.?", &col, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "matches the ids of 6 columns"));
    assert_int_equal(tcs_group_column(s, "*4", &col, &err), TCS_EINVAL);
    assert_int_equal(tcs_group_column(s, "4.*5", &col, &err), TCS_OK);
    assert_int_equal(col, 26);
    /* nothing, out of range, free text, identifiers */
    assert_int_equal(tcs_group_column(s, "grade", &col, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "names no column"));
    assert_int_equal(tcs_group_column(s, "30", &col, &err), TCS_EINVAL);
    assert_int_equal(tcs_group_column(s, "29", &col, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "free-text"));
    assert_int_equal(tcs_group_column(s, "Email", &col, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "metadata"));
    tcs_survey_free(s);
}

static void ambiguous_column(void **state)
{
    (void)state;
    const char *p = tmp_text("ambiguous.csv", "Team,Team ,Q1\n"
                                              "a,x,1\nb,y,2\na,x,3\n");
    tcs_survey *s = load(p, NULL);
    tcs_error err;
    size_t col;
    assert_int_equal(tcs_group_column(s, "team", &col, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "names 2 columns"));
    tcs_survey_free(s);
}

/* ---- groups of one survey ---- */

static void blank_group_last_and_complementary(void **state)
{
    (void)state;
    /* A 6, B 5, blank 2: the blank group is hidden, and B with it */
    const char *p = tmp_text("blank.csv", "Site,Q1. Rate it\n"
                                          "B,1\nA,2\nA,3\n,4\nB,5\nA,1\nA,2\nB,3\n"
                                          "A,4\n,5\nB,1\nB,2\nA,3\n");
    tcs_survey *s = load(p, NULL);
    tcs_grouping *g = NULL;
    tcs_error err;
    assert_int_equal(tcs_grouping_summary(s, "site", 5, NULL, &g, &err), TCS_OK);
    /* B and the blank group are one unnamed entry: no label, no size kept */
    assert_int_equal(g->n, 2);
    assert_string_equal(g->groups[0].label, "A");
    assert_int_equal(g->groups[0].responses[0], 6);
    assert_false(g->groups[0].suppressed);
    assert_string_equal(g->groups[1].label, tcs_group_suppressed_label);
    assert_null(g->groups[1].value);
    assert_int_equal(g->groups[1].responses[0], 0);
    assert_true(g->groups[1].suppressed);
    assert_null(g->groups[1].survey);
    assert_null(g->groups[1].waves);
    /* A: 2,3,1,2,4,3 -> mean 15/6 */
    const tcs_survey *a = g->groups[0].survey;
    assert_int_equal(tcs_survey_responses(a), 6);
    const tcs_column *q = tcs_survey_column(a, 1);
    tcs_point_stats st;
    tcs_stats_from_counts(&q->scale, q->counts, &st);
    assert_int_equal(st.n, 6);
    assert_close(st.mean, 15.0 / 6.0, 1e-15);
    /* on the whole survey's scale (1-5 from all answers) */
    assert_int_equal(q->scale.min, 1);
    assert_int_equal(q->scale.max, 5);
    tcs_grouping_free(g);

    /* with a smaller minimum, all three are shown, the blank one too */
    assert_int_equal(tcs_grouping_summary(s, "Site", 2, NULL, &g, &err), TCS_OK);
    for (size_t i = 0; i < 3; i++)
        assert_false(g->groups[i].suppressed);
    const tcs_column *qb = tcs_survey_column(g->groups[2].survey, 1);
    assert_int_equal(qb->counts[3], 1); /* 4 */
    assert_int_equal(qb->counts[4], 1); /* 5 */
    tcs_grouping_free(g);
    tcs_survey_free(s);
}

/* A categorical column whose answers are mostly one respondent's each is
 * free text in disguise: refused, without quoting any answer. Half of the
 * answers unique is still a grouping column. */
static void mostly_distinct_refused(void **state)
{
    (void)state;
    const char *p = tmp_text("disguise.csv", "Comment,Dept,Q1. Rate it\n"
                                             "ask Jo Bloggs,Lab,1\nfine,Lab,2\nthe kiln,Shop,3\n"
                                             "fine,Shop,4\nJo again,Stores,5\nok,Office,1\n");
    tcs_survey *s = load(p, NULL);
    size_t col;
    tcs_error err;
    /* Comment: 6 answers, 4 given once (ask Jo Bloggs, the kiln, Jo again, ok) */
    assert_int_equal(tcs_group_column(s, "Comment", &col, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "reads as free text: 4 of its 6 answers"));
    assert_null(strstr(err.message, "Jo"));
    assert_null(strstr(err.message, "kiln"));
    /* Dept: 6 answers, 2 given once (Stores, Office): groups */
    assert_int_equal(tcs_group_column(s, "Dept", &col, &err), TCS_OK);
    assert_int_equal(col, 1);
    tcs_survey_free(s);
}

static void rating_groups_in_scale_order(void **state)
{
    (void)state;
    const char *p = tmp_text("scaleorder.csv", "Q1. Score,Q2. Rate\n"
                                               "10,1\n2,2\n10,3\n9,4\n2,5\n1,1\n");
    tcs_survey *s = load(p, NULL);
    tcs_grouping *g = NULL;
    tcs_error err;
    assert_int_equal(tcs_grouping_summary(s, "Q1", 1, NULL, &g, &err), TCS_OK);
    assert_int_equal(g->n, 4);
    const char *want[] = {"1", "2", "9", "10"}; /* not "1", "10", "2", "9" */
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(g->groups[i].label, want[i]);
    tcs_grouping_free(g);
    tcs_survey_free(s);
}

/* ---- the Chester example against scipy ---- */

static const tcs_column *find_id(const tcs_survey *s, const char *id)
{
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++)
        if (strcmp(tcs_survey_column(s, i)->id, id) == 0)
            return tcs_survey_column(s, i);
    return NULL;
}

static const tcs_group *find_group(const tcs_grouping *g, const char *label)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->groups[i].label, label) == 0)
            return &g->groups[i];
    return NULL;
}

static void chester_summary_by_faculty(void **state)
{
    (void)state;
    test_table t;
    char exp[1024];
    snprintf(exp, sizeof exp, "%s/groups_expected.csv", TCS_EXPECTED_DIR);
    assert_int_equal(test_table_load(exp, &t), 0);
    int failures = 0;
    size_t checked = 0, suppressed_rows = 0;
    const char *years[] = {"2024", "2026"};
    for (size_t y = 0; y < 2; y++) {
        char name[32];
        snprintf(name, sizeof name, "chester-%s.csv", years[y]);
        tcs_survey *s = load(chester(name), chester("codebook.csv"));
        tcs_grouping *g = NULL;
        tcs_error err;
        assert_int_equal(tcs_grouping_summary(s, "faculty", 5, NULL, &g, &err), TCS_OK);
        assert_int_equal(g->n, 3); /* two shown, one entry for the two suppressed */
        assert_true(find_group(g, tcs_group_suppressed_label)->suppressed);
        for (size_t r = 1; r < t.nrows; r++) {
            row_check rc = {&t, r, NULL, 0};
            if (strcmp(row_cell(&rc, "from"), years[y]) != 0)
                continue;
            const tcs_group *gr = find_group(g, row_cell(&rc, "group"));
            if (strcmp(row_cell(&rc, "kind"), "suppressed") == 0) {
                /* a suppressed group is not there by name at all */
                if (atol(row_cell(&rc, "n_from"))) {
                    assert_null(gr);
                } else {
                    assert_non_null(gr);
                    assert_false(gr->suppressed);
                    assert_int_equal(gr->responses[0], atol(row_cell(&rc, "n_to")));
                }
                suppressed_rows++;
                continue;
            }
            assert_non_null(gr);
            if (strcmp(row_cell(&rc, "kind"), "summary") != 0)
                continue;
            assert_false(gr->suppressed);
            const tcs_column *c = find_id(gr->survey, row_cell(&rc, "id"));
            assert_non_null(c);
            tcs_point_stats st;
            tcs_stats_from_counts(&c->scale, c->counts, &st);
            rc.name = row_cell(&rc, "id");
            row_check_long(&rc, "n_from", st.n);
            row_check_value(&rc, "mean_from", st.mean, st.has_mean, false);
            row_check_value(&rc, "mean_to", st.sd, st.has_sd, false);
            row_check_value(&rc, "ci_lo", st.ci_lo, st.has_sd, false);
            row_check_value(&rc, "ci_hi", st.ci_hi, st.has_sd, false);
            row_check_value(&rc, "delta", st.high_percent, st.has_percent, false);
            failures += rc.failures;
            checked++;
        }
        tcs_grouping_free(g);
        tcs_survey_free(s);
    }
    test_table_free(&t);
    assert_int_equal(suppressed_rows, 8);
    assert_int_equal(checked, 2 * 21 + 2 * 22);
    assert_int_equal(failures, 0);
}

static void chester_compare_by_faculty(void **state)
{
    (void)state;
    tcs_codebook *cb = NULL;
    tcs_error err;
    assert_int_equal(tcs_codebook_load(chester("codebook.csv"), &cb, &err), TCS_OK);
    const char *specs[] = {chester("chester-2024.csv"), chester("chester-2026.csv")};
    tcs_waves *w = NULL;
    assert_int_equal(tcs_waves_load(specs, 2, cb, NULL, &w, &err), TCS_OK);
    assert_int_equal(tcs_waves_compare(w, 0.05, &err), TCS_OK);
    tcs_grouping *g = NULL;
    if (tcs_grouping_compare(w, "faculty", 5, 0.05, &g, &err) != TCS_OK) {
        print_error("%s: %s\n", err.path, err.message);
        fail();
    }
    /* Arts is small in both waves; Professional Services in 2024 (3), and
     * in 2026 (5) it hides Arts (4): shown in no wave */
    assert_null(find_group(g, "Faculty of Arts and Media"));
    assert_null(find_group(g, "Professional Services"));
    assert_true(find_group(g, tcs_group_suppressed_label)->suppressed);
    assert_null(find_group(g, tcs_group_suppressed_label)->waves);

    test_table t;
    char exp[1024];
    snprintf(exp, sizeof exp, "%s/groups_expected.csv", TCS_EXPECTED_DIR);
    assert_int_equal(test_table_load(exp, &t), 0);
    int failures = 0;
    size_t checked = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        row_check rc = {&t, r, NULL, 0};
        if (strcmp(row_cell(&rc, "kind"), "compare") != 0)
            continue;
        const tcs_group *gr = find_group(g, row_cell(&rc, "group"));
        assert_non_null(gr);
        assert_false(gr->suppressed);
        const tcs_question_change *qc = NULL;
        for (size_t i = 0; i < tcs_waves_nchanges(gr->waves); i++) {
            const tcs_question_change *c = tcs_waves_change(gr->waves, i);
            if (strcmp(tcs_waves_question(gr->waves, c->question)->id, row_cell(&rc, "id")) == 0)
                qc = c;
        }
        assert_non_null(qc);
        const tcs_change *c = &qc->change;
        rc.name = row_cell(&rc, "id");
        row_check_long(&rc, "n_from", c->n_from);
        row_check_long(&rc, "n_to", c->n_to);
        row_check_value(&rc, "mean_from", c->mean_from, true, false);
        row_check_value(&rc, "mean_to", c->mean_to, true, false);
        row_check_value(&rc, "delta", c->delta, c->has_delta, false);
        row_check_value(&rc, "ci_lo", c->delta_ci_lo, c->has_welch, false);
        row_check_value(&rc, "ci_hi", c->delta_ci_hi, c->has_welch, false);
        row_check_value(&rc, "welch_p", c->welch_p, c->has_welch, true);
        row_check_value(&rc, "mwu_p", c->mwu_p, c->has_mwu, true);
        row_check_value(&rc, "cliffs_delta", c->cliffs_delta, c->has_delta, false);
        row_check_value(&rc, "q", qc->q, qc->has_q, true);
        failures += rc.failures;
        checked++;
    }
    test_table_free(&t);
    assert_int_equal(checked, 2 * 21);
    assert_int_equal(failures, 0);
    tcs_grouping_free(g);
    tcs_waves_free(w);
    tcs_codebook_free(cb);
}

/* ---- one pass for every group ---- */

static void same_column(const tcs_column *a, const tcs_column *b)
{
    assert_int_equal(a->role, b->role);
    assert_int_equal(a->valid, b->valid);
    assert_int_equal(a->missing, b->missing);
    assert_int_equal(a->nonsubstantive, b->nonsubstantive);
    assert_int_equal(a->other, b->other);
    assert_int_equal(a->nonempty, b->nonempty);
    assert_memory_equal(a->counts, b->counts, sizeof a->counts);
}

/* tcs_survey_load_groups gives what one tcs_survey_load per filter gives,
 * counted on this thread and on a second one. */
static void groups_in_one_pass(void **state)
{
    (void)state;
    tcs_survey *whole = load(chester("chester-2026.csv"), NULL);
    size_t col;
    tcs_error err;
    assert_int_equal(tcs_group_column(whole, "faculty", &col, &err), TCS_OK);
    const tcs_column *by = tcs_survey_column(whole, col);
    assert_true(by->nanswers >= 3);
    tcs_row_filter f[8];
    size_t n = 0;
    for (size_t k = 0; k < by->nanswers && n < 7; k++)
        f[n++] = (tcs_row_filter){col, by->answers[k].label};
    for (int piped = 0; piped < 2; piped++) {
        tcs_load_options o = {.like = whole, .pipe_min_bytes = piped ? 1 : SIZE_MAX};
        tcs_survey *got[8];
        assert_int_equal(
            tcs_survey_load_groups(chester("chester-2026.csv"), &o, f, n, got, &err), TCS_OK);
        long total = 0;
        for (size_t g = 0; g < n; g++) {
            tcs_load_options one = o;
            one.filter = &f[g];
            tcs_survey *want = NULL;
            assert_int_equal(tcs_survey_load(chester("chester-2026.csv"), &one, &want, &err),
                             TCS_OK);
            assert_int_equal(tcs_survey_responses(got[g]), tcs_survey_responses(want));
            assert_int_equal(tcs_survey_responses(got[g]), by->answers[g].count);
            assert_string_equal(tcs_survey_filter(got[g])->value, f[g].value);
            assert_int_equal(tcs_survey_ncolumns(got[g]), tcs_survey_ncolumns(want));
            for (size_t i = 0; i < tcs_survey_ncolumns(want); i++)
                same_column(tcs_survey_column(got[g], i), tcs_survey_column(want, i));
            total += tcs_survey_responses(got[g]);
            tcs_survey_free(want);
            tcs_survey_free(got[g]);
        }
        assert_int_equal(total + by->missing, tcs_survey_responses(whole));
    }
    /* a group with no responses fails the whole call, leaving nothing */
    f[n] = (tcs_row_filter){col, "No such faculty"};
    tcs_survey *got[8];
    tcs_load_options o = {.like = whole};
    assert_int_equal(tcs_survey_load_groups(chester("chester-2026.csv"), &o, f, n + 1, got, &err),
                     TCS_EEMPTY);
    for (size_t g = 0; g <= n; g++)
        assert_null(got[g]);
    /* no groups: nothing read, nothing to free */
    assert_int_equal(tcs_survey_load_groups("/nonexistent.csv", &o, f, 0, got, &err), TCS_OK);
    tcs_survey_free(whole);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(suppression_rule),
        cmocka_unit_test(column_by_header_words_or_number),
        cmocka_unit_test(ambiguous_column),
        cmocka_unit_test(blank_group_last_and_complementary),
        cmocka_unit_test(rating_groups_in_scale_order),
        cmocka_unit_test(mostly_distinct_refused),
        cmocka_unit_test(chester_summary_by_faculty),
        cmocka_unit_test(chester_compare_by_faculty),
        cmocka_unit_test(groups_in_one_pass),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
