/* Unit tests: waves side by side. Figures are checked against
 * tests/expected/waves_expected.csv (scripts/expected_waves.py: scipy and
 * statsmodels on the raw CSVs). */
#include "testutil.h"
#include "tcsurvey/waves.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tcs_waves *load(const char *const *specs, size_t n, const char *codebook)
{
    tcs_codebook *cb = NULL;
    tcs_error err;
    if (codebook)
        assert_int_equal(tcs_codebook_load(codebook, &cb, &err), TCS_OK);
    tcs_waves *w = NULL;
    if (tcs_waves_load(specs, n, cb, NULL, &w, &err) != TCS_OK) {
        print_error("%s: %s\n", err.path, err.message);
        fail();
    }
    assert_int_equal(tcs_waves_compare(w, 0.05, &err), TCS_OK);
    tcs_codebook_free(cb); /* waves keep no pointer into the codebook's strings */
    return w;
}

static const tcs_matched *find(const tcs_waves *w, const char *id)
{
    for (size_t i = 0; i < tcs_waves_nquestions(w); i++)
        if (strcmp(tcs_waves_question(w, i)->id, id) == 0)
            return tcs_waves_question(w, i);
    return NULL;
}

static void chester_matches_scipy(void **state)
{
    (void)state;
    char a[1024], b[1024], cb[1024], exp[1024];
    snprintf(a, sizeof a, "%s/surveys/chester/chester-2024.csv", TCS_SOURCE_DIR);
    snprintf(b, sizeof b, "2026=%s/surveys/chester/chester-2026.csv", TCS_SOURCE_DIR);
    snprintf(cb, sizeof cb, "%s/surveys/chester/codebook.csv", TCS_SOURCE_DIR);
    snprintf(exp, sizeof exp, "%s/waves_expected.csv", TCS_EXPECTED_DIR);
    const char *specs[] = {b, a}; /* out of order on purpose */
    tcs_waves *w = load(specs, 2, cb);
    assert_string_equal(tcs_waves_wave(w, 0)->label, "2024");
    assert_string_equal(tcs_waves_wave(w, 1)->label, "2026");
    assert_int_equal(tcs_waves_nquestions(w), 22);
    const tcs_matched *m = find(w, "4.6");
    assert_non_null(m);
    assert_int_equal(m->present, 1);
    assert_null(m->cols[0]);
    assert_string_equal(find(w, "1.4")->pillar, "Visibility");
    assert_int_equal(tcs_waves_nchanges(w), 21);

    test_table t;
    assert_int_equal(test_table_load(exp, &t), 0);
    assert_int_equal(t.nrows, 22);
    size_t rose = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        char **row = t.cells[r];
        const tcs_question_change *qc = NULL;
        for (size_t i = 0; i < tcs_waves_nchanges(w); i++) {
            const tcs_question_change *c = tcs_waves_change(w, i);
            if (strcmp(tcs_waves_question(w, c->question)->id, row[0]) == 0)
                qc = c;
        }
        assert_non_null(qc);
        assert_int_equal(qc->change.n_from, atol(row[1]));
        assert_int_equal(qc->change.n_to, atol(row[2]));
        assert_close(qc->change.mean_from, strtod(row[3], NULL), 1e-12);
        assert_close(qc->change.mean_to, strtod(row[4], NULL), 1e-12);
        assert_close(qc->change.delta, strtod(row[5], NULL), 1e-12);
        assert_close(qc->change.delta_ci_lo, strtod(row[6], NULL), 1e-9);
        assert_close(qc->change.delta_ci_hi, strtod(row[7], NULL), 1e-9);
        assert_close(qc->change.welch_p, strtod(row[8], NULL), 1e-9);
        assert_close(qc->change.mwu_p, strtod(row[9], NULL), 1e-9);
        assert_close(qc->change.cliffs_delta, strtod(row[10], NULL), 1e-12);
        assert_close(qc->q, strtod(row[11], NULL), 1e-9);
        bool significant = strtod(row[11], NULL) < 0.05;
        assert_string_equal(tcs_verdict_name(qc->verdict), !significant ? "no clear change"
                                         : qc->change.delta > 0 ? "rose" : "fell");
        rose += qc->verdict == TCS_VERDICT_ROSE;
    }
    assert_true(rose >= 1);
    test_table_free(&t);

    /* pillar scores on the items both waves ask */
    snprintf(exp, sizeof exp, "%s/waves_pillars_expected.csv", TCS_EXPECTED_DIR);
    assert_int_equal(test_table_load(exp, &t), 0);
    assert_int_equal(tcs_waves_npillar_changes(w), t.nrows - 1);
    for (size_t r = 1; r < t.nrows; r++) {
        char **row = t.cells[r];
        const tcs_pillar_change *pc = NULL;
        for (size_t i = 0; i < tcs_waves_npillar_changes(w); i++)
            if (strcmp(tcs_waves_pillar_change(w, i)->pillar, row[0]) == 0)
                pc = tcs_waves_pillar_change(w, i);
        assert_non_null(pc);
        assert_int_equal(pc->items, atol(row[1]));
        assert_int_equal(pc->change.n_from, atol(row[2]));
        assert_int_equal(pc->change.n_to, atol(row[3]));
        assert_close(pc->change.mean_from, strtod(row[4], NULL), 1e-12);
        assert_close(pc->change.mean_to, strtod(row[5], NULL), 1e-12);
        assert_close(pc->change.delta, strtod(row[6], NULL), 1e-12);
        assert_close(pc->change.welch_p, strtod(row[7], NULL), 1e-9);
        assert_close(pc->change.mwu_p, strtod(row[8], NULL), 1e-9);
        assert_close(pc->change.cliffs_delta, strtod(row[9], NULL), 1e-12);
        assert_close(pc->alpha_from, strtod(row[10], NULL), 1e-9);
        assert_close(pc->alpha_to, strtod(row[11], NULL), 1e-9);
        assert_close(pc->q, strtod(row[12], NULL), 1e-9);
    }
    test_table_free(&t);
    /* per wave, all items: Sustainability has 4.6 in 2026 only */
    const tcs_pillar_trend *st = NULL;
    for (size_t i = 0; i < tcs_waves_npillars(w); i++)
        if (strcmp(tcs_waves_pillar(w, i)->pillar, "Sustainability") == 0)
            st = tcs_waves_pillar(w, i);
    assert_non_null(st);
    assert_int_equal(st->items[0], 5);
    assert_int_equal(st->items[1], 6);
    tcs_waves_free(w);
}

static void ranges_reconciled_or_refused(void **state)
{
    (void)state;
    /* inferred ranges are a guess: 1..7 seen in 2024, 1..10 in 2026 -> 1-10 */
    char a[600], b[600];
    snprintf(a, sizeof a, "2024=%s", tmp_text("a.csv", "Q1 Pay\n1\n7\n3\n"));
    snprintf(b, sizeof b, "2026=%s", tmp_text("b.csv", "Q1 Pay\n10\n2\n9\n"));
    const char *s1[] = {a, b};
    tcs_waves *w = load(s1, 2, NULL);
    const tcs_matched *m = find(w, "Q1");
    assert_false(m->conflict);
    assert_string_equal(m->scale.name, "1-10");
    assert_int_equal(m->counts[0][6], 1); /* the 7 of 2024 */
    tcs_waves_free(w);
    /* a file convention of 1-5 in one wave and 1-10 in the other is a
     * changed question, not one to average over */
    snprintf(a, sizeof a, "2024=%s",
             tmp_text("c.csv", "Q1 Pay,Q2 Workload,Q3 Team\n1,2,5\n5,5,1\n3,1,2\n"));
    snprintf(b, sizeof b, "2026=%s",
             tmp_text("d.csv", "Q1 Pay,Q2 Workload,Q3 Team\n10,9,8\n4,10,9\n3,3,2\n"));
    const char *s2[] = {a, b};
    w = load(s2, 2, NULL);
    m = find(w, "Q1");
    assert_true(m->conflict);
    assert_non_null(strstr(m->conflict_reason, "1-5 in 2024 but 1-10 in 2026"));
    for (size_t i = 0; i < tcs_waves_nchanges(w); i++)
        assert_false(tcs_waves_question(w, tcs_waves_change(w, i)->question)->conflict);
    tcs_waves_free(w);
}

static void matched_by_statement(void **state)
{
    (void)state;
    char a[600], b[600];
    snprintf(a, sizeof a, "2024=%s",
             tmp_text("e.csv", "1. I feel valued,2. Pay\nAgree,Agree\nDisagree,Neither\n"));
    snprintf(b, sizeof b, "2026=%s",
             tmp_text("f.csv", "4. I FEEL VALUED.,5. Hours\nAgree,Agree\nStrongly agree,Disagree\n"));
    const char *s[] = {a, b};
    tcs_waves *w = load(s, 2, NULL);
    const tcs_matched *m = find(w, "1");
    assert_non_null(m);
    assert_string_equal(m->matched_by, "statement");
    assert_int_equal(m->present, 2);
    assert_int_equal(find(w, "2")->present, 1);
    assert_int_equal(find(w, "5")->present, 1);
    assert_int_equal(tcs_waves_nchanges(w), 1);
    tcs_waves_free(w);
}

static void bad_wave_lists(void **state)
{
    (void)state;
    tcs_waves *w;
    tcs_error err;
    const char *p = tmp_text("g.csv", "Q1\n1\n2\n");
    /* no wave at all; one wave is fine for check (compare refuses it) */
    assert_int_equal(tcs_waves_load(NULL, 0, NULL, NULL, &w, &err), TCS_EINVAL);
    char one_spec[600];
    snprintf(one_spec, sizeof one_spec, "2024=%s", p);
    const char *one[] = {one_spec};
    assert_int_equal(tcs_waves_load(one, 1, NULL, NULL, &w, &err), TCS_OK);
    assert_int_equal(tcs_waves_count(w), 1);
    tcs_waves_free(w);
    const char *nolabel[] = {p, p};
    assert_int_equal(tcs_waves_load(nolabel, 2, NULL, NULL, &w, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "no year"));
    char a[600];
    snprintf(a, sizeof a, "2024=%s", p);
    const char *dup[] = {a, a};
    assert_int_equal(tcs_waves_load(dup, 2, NULL, NULL, &w, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "two waves are labelled '2024'"));
    char b[600];
    snprintf(b, sizeof b, "2026=%s", p);
    const char *two[] = {a, b};
    tcs_codebook *cb;
    assert_int_equal(tcs_codebook_load(tmp_text("cb.csv", "id\nQ1\nQ9\n"), &cb, &err), TCS_OK);
    assert_int_equal(tcs_waves_load(two, 2, cb, NULL, &w, &err), TCS_ECODEBOOK);
    assert_null(w);
    assert_int_equal(err.row, 3);
    assert_non_null(strstr(err.message, "'Q9' matches no column in any wave"));
    tcs_codebook_free(cb);
    char label[32];
    const char *path;
    assert_int_equal(tcs_wave_spec_parse("data/a=b/survey-2025.csv", label, sizeof label, &path,
                                         &err),
                     TCS_OK);
    assert_string_equal(label, "2025");
}

/* A reverse-coded item is compared as answered: its means and change are
 * those of the answers ("rose": agreement rose), and tcs_verdict_better
 * says that is worse. Answers 1-5: 2024 mostly agree, 2026 all agree. */
static void reverse_coded_as_answered(void **state)
{
    (void)state;
    char a[600], b[600], cbp[600];
    snprintf(a, sizeof a, "2024=%s",
             tmp_text("rev2024.csv", "Q1. I feel undervalued,Q2. B\n"
                                     "4,3\n4,3\n3,3\n4,2\n5,3\n2,4\n4,3\n3,3\n4,4\n3,2\n"
                                     "4,3\n4,3\n3,3\n4,2\n5,3\n2,4\n4,3\n3,3\n4,4\n3,2\n"));
    snprintf(b, sizeof b, "2026=%s",
             tmp_text("rev2026.csv", "Q1. I feel undervalued,Q2. B\n"
                                     "5,3\n5,3\n5,3\n4,2\n5,3\n5,4\n5,3\n5,3\n4,4\n5,2\n"
                                     "5,3\n5,3\n5,3\n4,2\n5,3\n5,4\n5,3\n5,3\n4,4\n5,2\n"));
    snprintf(cbp, sizeof cbp, "%s",
             tmp_text("rev-codebook.csv", "id,scale,reverse\nQ1,1-5,yes\nQ2,1-5,no\n"));
    const char *specs[] = {a, b};
    tcs_waves *w = load(specs, 2, cbp);
    const tcs_matched *m = find(w, "Q1");
    assert_non_null(m);
    assert_true(m->reverse);
    const tcs_question_change *qc = tcs_waves_find_change(w, (size_t)(m - tcs_waves_question(w, 0)),
                                                          0, 1);
    assert_non_null(qc);
    /* 2024: 2x2 + 6x3 + 10x4 + 2x5 = 72 / 20; 2026: 4x4 + 16x5 = 96 / 20 */
    assert_close(qc->change.mean_from, 3.6, 1e-14);
    assert_close(qc->change.mean_to, 4.8, 1e-14);
    assert_close(qc->change.delta, 1.2, 1e-13);
    assert_close(qc->change.high_to, 100.0, 1e-14); /* % above the midpoint, as answered */
    tcs_change as_answered;
    tcs_change_from_counts(&m->scale, m->counts[0], m->counts[1], false, &as_answered);
    assert_true(qc->change.delta_ci_lo == as_answered.delta_ci_lo);
    assert_int_equal(qc->verdict, TCS_VERDICT_ROSE);
    assert_int_equal(tcs_verdict_better(qc->verdict, m->reverse), -1);
    assert_int_equal(tcs_verdict_better(qc->verdict, false), 1);
    assert_int_equal(tcs_verdict_better(TCS_VERDICT_MIXED, true), 0);
    /* mirroring, the one helper every part uses */
    long in[5] = {1, 2, 3, 4, 5}, out[5];
    tcs_mirror_counts(&m->scale, in, out);
    assert_true(out[0] == 5 && out[4] == 1 && out[2] == 3);
    assert_int_equal(tcs_mirror_value(&m->scale, 2), 4);
    tcs_waves_free(w);
}

/* Dates as exports write them, and the year each gives. */
static void date_years(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int year;
    } cases[] = {
        {"2024-06-03 10:33:09", 2024}, {"2018/02/13 1:03:41 am GMT-5", 2018},
        {"6/3/24 10:33:09", 2024},     {"12/13/2019 12:02:32", 2019},
        {"13.12.2019", 2019},          {"2021-03-05T08:07:00Z", 2021},
        {" 9/8/18 15:29 ", 2018},      {"1980-01-01 00:00:00", 0}, /* anonymised LimeSurvey */
        {"42522", 0},                  {"17-Dec", 0},
        {"3-4 hours", 0},              {"2024", 0},
        {"13/13/2024", 0},             {"2024-13-01", 0},
        {"1.4.5", 0},                  {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (tcs_date_year(cases[i].text, strlen(cases[i].text)) != cases[i].year)
            fail_msg("'%s': %d, expected %d", cases[i].text,
                     tcs_date_year(cases[i].text, strlen(cases[i].text)), cases[i].year);
}

/* Waves whose files' names hold no year: one is labelled by its name,
 * several by the year of their earliest responses (which must differ). */
static void waves_without_years(void **state)
{
    (void)state;
    char name[32];
    tcs_wave_label_from_name("/tmp/x/Staff survey.xlsx", name, sizeof name);
    assert_string_equal(name, "Staff survey");
    tcs_wave_label_from_name("results.en.csv", name, sizeof name);
    assert_string_equal(name, "results.en");
    tcs_wave_label_from_name("a-very-long-name-of-an-export-from-a-platform.csv", name, 12);
    assert_string_equal(name, "a-very-long");
    const char *path;
    tcs_error err;
    assert_int_equal(tcs_wave_spec_split("data/responses.csv", name, sizeof name, &path, &err),
                     TCS_OK);
    assert_string_equal(name, "");
    assert_int_equal(tcs_wave_spec_parse("data/responses.csv", name, sizeof name, &path, &err),
                     TCS_EINVAL);

    /* dates in a Timestamp column (Google Forms) and a Start time column */
    const char *a = tmp_text("first.csv", "Timestamp,Q1. A\n"
                                          "2025/01/10 9:00:00 am GMT,3\n"
                                          "2024/12/15 9:00:00 am GMT,4\n");
    const char *b = tmp_text("second.csv", "ID,Start time,Completion time,Q1. A\n"
                                           "1,3/2/26 10:00,3/2/26 10:05,2\n"
                                           "2,3/9/26 10:00,3/9/26 10:05,5\n");
    const char *c = tmp_text("third.csv", "Q1. A\n3\n4\n");
    const char *d = tmp_text("fourth.csv", "Timestamp,Q1. A\n2024/01/01 9:00,3\n");
    tcs_waves *w = NULL;
    const char *one[] = {c};
    assert_int_equal(tcs_waves_load(one, 1, NULL, NULL, &w, &err), TCS_OK);
    assert_string_equal(tcs_waves_wave(w, 0)->label, "third");
    tcs_waves_free(w);
    const char *two[] = {b, a};
    assert_int_equal(tcs_waves_load(two, 2, NULL, NULL, &w, &err), TCS_OK);
    assert_string_equal(tcs_waves_wave(w, 0)->label, "2024"); /* the earliest date decides */
    assert_string_equal(tcs_waves_wave(w, 1)->label, "2026");
    assert_int_equal(tcs_waves_nwarnings(w), 2);
    assert_non_null(strstr(tcs_waves_warning(w, 0), "its name holds no year"));
    tcs_waves_free(w);
    const char *nodates[] = {a, c};
    assert_int_equal(tcs_waves_load(nodates, 2, NULL, NULL, &w, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "carry no dates"));
    const char *same[] = {a, d};
    assert_int_equal(tcs_waves_load(same, 2, NULL, NULL, &w, &err), TCS_EINVAL);
    assert_non_null(strstr(err.message, "start in 2024"));
    char given[600];
    snprintf(given, sizeof given, "2024=%s", c);
    const char *clash[] = {given, a};
    assert_int_equal(tcs_waves_load(clash, 2, NULL, NULL, &w, &err), TCS_EINVAL);
    assert_null(w);
}

/* A survey folder's wave file. */
static void wave_file(void **state)
{
    (void)state;
    const char *p = tmp_text("waves.csv", "Wave,File,notes\n"
                                          "2024,../exports/a.csv,first\n"
                                          "# 2025,b.csv\n"
                                          ",/abs/c.xlsx,\n");
    char **specs;
    size_t n;
    tcs_error err;
    assert_int_equal(tcs_wave_file_load(p, "survey", &specs, &n, &err), TCS_OK);
    assert_int_equal(n, 2);
    assert_string_equal(specs[0], "2024=survey/../exports/a.csv");
    assert_string_equal(specs[1], "/abs/c.xlsx");
    tcs_wave_specs_free(specs, n);
    assert_int_equal(tcs_wave_file_load(tmp_text("w2.csv", "wave,where\n2024,a.csv\n"), "s",
                                        &specs, &n, &err),
                     TCS_ECONFIG);
    assert_int_equal(tcs_wave_file_load(tmp_text("w3.csv", "wave,file\n2024/25,a.csv\n"), "s",
                                        &specs, &n, &err),
                     TCS_ECONFIG);
    assert_int_equal(err.row, 2);
    assert_int_equal(err.column, 1);
    assert_int_equal(tcs_wave_file_load(tmp_text("w4.csv", "wave,file\n2024,\n"), "s", &specs,
                                        &n, &err),
                     TCS_ECONFIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chester_matches_scipy), cmocka_unit_test(ranges_reconciled_or_refused),
        cmocka_unit_test(matched_by_statement),  cmocka_unit_test(bad_wave_lists),
        cmocka_unit_test(reverse_coded_as_answered),
        cmocka_unit_test(date_years),            cmocka_unit_test(waves_without_years),
        cmocka_unit_test(wave_file),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
