/* Unit tests: importing surveys. Statistics are compared with
 * tests/expected/summary_expected.csv, computed independently by
 * scripts/expected_stats.py (pandas + scipy + statsmodels). */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "tcsurvey/output.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/survey.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

static const char *source_path(const char *source)
{
    static char buf[1024];
    if (strncmp(source, "fixtures/", 9) == 0)
        snprintf(buf, sizeof buf, "%s/%s", TCS_FIXTURES_DIR, source + 9);
    else if (strncmp(source, "shared/", 7) == 0)
        return shared_data(source + 7);
    else
        snprintf(buf, sizeof buf, "%s/%s", TCS_SOURCE_DIR, source);
    return buf;
}

static tcs_survey *load(const char *path, const tcs_codebook *cb)
{
    tcs_load_options o = {.codebook = cb};
    tcs_survey *s = NULL;
    tcs_error err;
    if (tcs_survey_load(path, &o, &s, &err) != TCS_OK) {
        print_error("%s: %s (row %ld col %ld)\n", path, err.message, err.row, err.column);
        fail();
    }
    return s;
}

static const tcs_column *column_at(const tcs_survey *s, size_t index)
{
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++)
        if (tcs_survey_column(s, i)->index == index)
            return tcs_survey_column(s, i);
    return NULL;
}

static double num(const char *s) { return strtod(s, NULL); }

/* Compare one expected row with the column's statistics. */
static void check_row(const test_table *t, size_t r, const tcs_column *c, const char *what)
{
    char **row = t->cells[r];
#define F(name) row[test_table_col(t, name)]
    tcs_point_stats st;
    tcs_stats_from_counts(&c->scale, c->counts, &st);
    if (st.n != atol(F("n")) || c->nonsubstantive != atol(F("nonsubstantive")) ||
        c->missing != atol(F("missing"))) {
        print_error("%s col %s: n/ns/missing %ld/%ld/%ld, want %s/%s/%s\n", what,
                    F("column_index"), st.n, c->nonsubstantive, c->missing, F("n"),
                    F("nonsubstantive"), F("missing"));
        fail();
    }
    const double rel = 1e-9;
    if (F("mean")[0]) {
        assert_true(st.has_mean);
        assert_close(st.mean, num(F("mean")), rel);
        assert_close(st.median, num(F("median")), rel);
        assert_close(st.low_percent, num(F("low_percent")), rel);
        assert_close(st.neutral_percent, num(F("neutral_percent")), rel);
        assert_close(st.high_percent, num(F("high_percent")), rel);
        assert_close(st.high_ci_lo, num(F("high_ci_lo")), rel);
        assert_close(st.high_ci_hi, num(F("high_ci_hi")), rel);
    } else {
        assert_false(st.has_mean);
    }
    if (F("sd")[0]) {
        assert_true(st.has_sd);
        assert_close(st.sd, num(F("sd")), rel);
        assert_close(st.ci_lo, num(F("ci_lo")), rel);
        assert_close(st.ci_hi, num(F("ci_hi")), rel);
    } else {
        assert_false(st.has_sd);
    }
#undef F
}

/* Write a codebook that pins each expected column's scale, so statistics
 * are checked on the scale the independent script assumed. */
static const char *pinning_codebook(const test_table *t, const char *source)
{
    static char text[65536];
    size_t used = (size_t)snprintf(text, sizeof text, "id,pattern,scale\n");
    int cs = test_table_col(t, "source"), ch = test_table_col(t, "header"),
        ci = test_table_col(t, "column_index"), lo = test_table_col(t, "scale_min"),
        hi = test_table_col(t, "scale_max");
    for (size_t r = 1; r < t->nrows; r++) {
        if (strcmp(t->cells[r][cs], source) != 0)
            continue;
        used += (size_t)snprintf(text + used, sizeof text - used, "c%s,\"", t->cells[r][ci]);
        for (const char *p = t->cells[r][ch]; *p && used + 4 < sizeof text; p++) {
            if (*p == '"')
                text[used++] = '"';
            text[used++] = *p;
        }
        used += (size_t)snprintf(text + used, sizeof text - used, "\",%s-%s\n", t->cells[r][lo],
                                 t->cells[r][hi]);
    }
    return tmp_file("pin.csv", text, used);
}

static void statistics_match_scipy(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/summary_expected.csv", TCS_EXPECTED_DIR);
    test_table t;
    assert_int_equal(test_table_load(path, &t), 0);
    int cs = test_table_col(&t, "source"), ci = test_table_col(&t, "column_index");
    assert_true(cs >= 0 && ci >= 0);
    size_t checked = 0, skipped = 0;
    const char *done[32];
    size_t ndone = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        const char *source = t.cells[r][cs];
        bool seen = false;
        for (size_t k = 0; k < ndone; k++)
            seen |= strcmp(done[k], source) == 0;
        if (seen)
            continue;
        done[ndone++] = source;
        const char *file = source_path(source);
        if (!file) {
            skipped++;
            continue;
        }
        tcs_codebook *cb;
        tcs_error err;
        assert_int_equal(tcs_codebook_load(pinning_codebook(&t, source), &cb, &err), TCS_OK);
        tcs_survey *s = load(file, cb);
        for (size_t q = 1; q < t.nrows; q++) {
            if (strcmp(t.cells[q][cs], source) != 0)
                continue;
            const tcs_column *c = column_at(s, (size_t)atol(t.cells[q][ci]));
            assert_non_null(c);
            assert_true(tcs_column_is_question(c));
            check_row(&t, q, c, source);
            checked++;
        }
        tcs_survey_free(s);
        tcs_codebook_free(cb);
    }
    test_table_free(&t);
    print_message("checked %zu columns against scipy (%zu sources skipped: no shared data)\n",
                  checked, skipped);
    assert_true(checked >= 30);
}

/* Without a codebook the importer must infer the scale the script was told. */
static void inferred_scales_match(void **state)
{
    (void)state;
    static const char *const sources[] = {
        "surveys/chester/chester-2024.csv", "fixtures/csv/agree5_labels.csv",
        "fixtures/csv/ratings_1_10.csv",    "fixtures/csv/satisfaction.csv",
        "shared/r-likert-pkg/mass.csv",     "shared/r-likert-pkg/sasr.csv",
        "shared/r-likert-pkg/gap.csv",      "shared/r-psych-bfi/bfi.csv"};
    char path[1024];
    snprintf(path, sizeof path, "%s/summary_expected.csv", TCS_EXPECTED_DIR);
    test_table t;
    assert_int_equal(test_table_load(path, &t), 0);
    int cs = test_table_col(&t, "source"), ci = test_table_col(&t, "column_index"),
        lo = test_table_col(&t, "scale_min"), hi = test_table_col(&t, "scale_max");
    for (size_t k = 0; k < sizeof sources / sizeof sources[0]; k++) {
        const char *file = source_path(sources[k]);
        if (!file)
            continue;
        tcs_survey *s = load(file, NULL);
        for (size_t r = 1; r < t.nrows; r++) {
            if (strcmp(t.cells[r][cs], sources[k]) != 0)
                continue;
            const tcs_column *c = column_at(s, (size_t)atol(t.cells[r][ci]));
            if (!tcs_column_is_question(c) || c->scale.min != atoi(t.cells[r][lo]) ||
                c->scale.max != atoi(t.cells[r][hi])) {
                print_error("%s column %s: role %s scale %s, want %s-%s\n", sources[k],
                            t.cells[r][ci], tcs_role_name(c->role), c->scale.name,
                            t.cells[r][lo], t.cells[r][hi]);
                fail();
            }
            check_row(&t, r, c, sources[k]);
        }
        tcs_survey_free(s);
    }
    test_table_free(&t);
}

static void rating_range_inference(void **state)
{
    (void)state;
    /* 1-10 items where one never goes above 7 stay 1-10 */
    const char *p = tmp_text("r10.csv", "Q1,Q2,Q3\n9,3,1\n10,7,2\n2,1,8\n");
    tcs_survey *s = load(p, NULL);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(tcs_survey_column(s, i)->scale.name, "1-10");
    assert_false(tcs_survey_column(s, 1)->scale_differs);
    tcs_survey_free(s);
    /* a 1-5 grid beside one 1-10 question stays 1-5; the grid shares a range */
    p = tmp_text("grid.csv", "Rate [Pay],Rate [Hours],Rate [Team],Overall\n"
                             "1,2,1,9\n5,3,2,4\n4,3,1,10\n");
    s = load(p, NULL);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(tcs_survey_column(s, i)->scale.name, "1-5");
    assert_string_equal(tcs_survey_column(s, 3)->scale.name, "1-10");
    assert_true(tcs_survey_column(s, 3)->scale_differs);
    assert_string_equal(tcs_survey_common_range(s)->name, "1-5");
    bool warned = false;
    for (size_t i = 0; i < tcs_survey_nwarnings(s); i++)
        warned |= strstr(tcs_survey_warning(s, i), "column 4") != NULL;
    assert_true(warned);
    tcs_survey_free(s);
}

static void labels_points_and_unknowns(void **state)
{
    (void)state;
    const char *p = tmp_text("lab.csv", "Gender,I like maths.\n"
                                        "F,Agree\nM,Stronly agree\nF,N/A\nM,\nF,Neither\n"
                                        "M,Agree\nF,Strongly agree\n");
    tcs_survey *s = load(p, NULL);
    const tcs_column *c = tcs_survey_column(s, 1);
    assert_int_equal(c->role, TCS_ROLE_LIKERT);
    assert_string_equal(c->scale.name, "agree5");
    assert_int_equal(c->scale.npoints, 5); /* every point, chosen or not */
    assert_int_equal(c->counts[0], 0);
    assert_int_equal(c->counts[3], 2);
    /* "Stronly agree" is a near miss of "Strongly agree": read as it, and said */
    assert_int_equal(c->valid, 5);
    assert_int_equal(c->counts[4], 2);
    assert_int_equal(c->nonsubstantive, 1);
    assert_int_equal(c->missing, 1);
    assert_int_equal(c->other, 0);
    assert_int_equal(c->nunknown, 0);
    assert_int_equal(c->nnear, 1);
    assert_string_equal(c->near[0].label, "Stronly agree");
    assert_int_equal(c->near[0].value, 5);
    assert_int_equal(tcs_survey_column(s, 0)->role, TCS_ROLE_CATEGORICAL);
    assert_true(tcs_survey_nwarnings(s) >= 1);
    assert_non_null(strstr(tcs_survey_warning(s, 0), "'Stronly agree' (1)"));
    tcs_survey_free(s);
}

static void roles_of_the_example(void **state)
{
    (void)state;
    char path[1024], cbpath[1024];
    snprintf(path, sizeof path, "%s/surveys/chester/chester-2024.csv", TCS_SOURCE_DIR);
    snprintf(cbpath, sizeof cbpath, "%s/surveys/chester/codebook.csv", TCS_SOURCE_DIR);
    tcs_codebook *cb;
    tcs_error err;
    assert_int_equal(tcs_codebook_load(cbpath, &cb, &err), TCS_OK);
    tcs_survey *s = load(path, cb);
    assert_int_equal(tcs_survey_platform(s), TCS_PLATFORM_MSFORMS);
    assert_int_equal(tcs_survey_responses(s), 28);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(tcs_survey_column(s, i)->role, TCS_ROLE_METADATA);
    const tcs_column *c = tcs_survey_column(s, 9);
    assert_string_equal(c->id, "1.4");
    assert_string_equal(c->pillar, "Visibility");
    assert_string_equal(c->scale_basis, "codebook");
    assert_int_equal(tcs_survey_column(s, 27)->role, TCS_ROLE_CATEGORICAL);
    assert_int_equal(tcs_survey_column(s, 28)->role, TCS_ROLE_FREETEXT);
    for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
        c = tcs_survey_column(s, i);
        if (tcs_column_is_question(c))
            assert_int_equal(c->valid + c->nonsubstantive + c->missing + c->other, 28);
    }
    tcs_survey_free(s);
    tcs_codebook_free(cb);
}

/* Every real export imports, and every answer is accounted for. */
static void shared_exports_import(void **state)
{
    (void)state;
    static const char *const files[] = {
        "googleforms-oss-social-capital/survey.csv",
        "limesurvey-uzh-unittest-quality/results-survey.csv",
        "msforms-phonebrand/surveyEng.csv",
        "qualtrics-qualtRics/sample.csv",
        "qualtrics-qualtRics/sample_legacy.csv",
        "r-likert-pkg/gap.csv",
        "r-likert-pkg/mass.csv",
        "r-likert-pkg/sasr.csv",
        "r-psych-bfi/bfi.csv",
        "semicolon-bom-sucre4stem/survey.csv",
        "surveymonkey-ohbm2022/public_survey_data.csv"};
    static const long responses[] = {107, 70, 55, 1, 1, 68, 20, 860, 2800, 24, 311};
    if (!shared_data(""))
        skip();
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        tcs_survey *s = load(shared_data(files[k]), NULL);
        assert_int_equal(tcs_survey_responses(s), responses[k]);
        for (size_t i = 0; i < tcs_survey_ncolumns(s); i++) {
            const tcs_column *c = tcs_survey_column(s, i);
            if (tcs_column_is_question(c))
                assert_int_equal(c->valid + c->nonsubstantive + c->missing + c->other,
                                 responses[k]);
            else
                assert_int_equal(c->nonempty + c->missing, responses[k]);
        }
        tcs_survey_free(s);
    }
}

static tcs_status load_error(const char *name, const char *text, const tcs_codebook *cb,
                             long row, long col, const char *needle)
{
    tcs_load_options o = {.codebook = cb};
    tcs_survey *s = (tcs_survey *)1;
    tcs_error err;
    tcs_status st = tcs_survey_load(tmp_text(name, text), &o, &s, &err);
    assert_int_not_equal(st, TCS_OK);
    assert_null(s);
    assert_int_equal(err.row, row);
    assert_int_equal(err.column, col);
    if (!strstr(err.message, needle)) {
        print_error("'%s' lacks '%s'\n", err.message, needle);
        fail();
    }
    return st;
}

static void bad_surveys(void **state)
{
    (void)state;
    assert_int_equal(load_error("ho.csv", "Q1,Q2\n", NULL, 0, 0, "no responses"), TCS_EEMPTY);
    assert_int_equal(load_error("bl.csv", "\n\n\n", NULL, 0, 0, "no header"), TCS_EEMPTY);
    assert_int_equal(load_error("short.csv", "a,b,c\n1,2,3\n4,5\n", NULL, 3, 3, "2 cells"),
                     TCS_EFORMAT);
    assert_int_equal(load_error("long.csv", "a,b\n1,2\n4,5,6\n", NULL, 3, 3, "beyond"),
                     TCS_EFORMAT);
    /* a repeated heading is read, the columns told apart by position, and said once */
    tcs_survey *d = load(tmp_text("dup.csv", "ID,Pay,Hours,Pay\n1,2,3,4\n"), NULL);
    assert_string_equal(tcs_survey_column(d, 1)->id, "col2");
    assert_string_equal(tcs_survey_column(d, 3)->id, "col4");
    assert_int_equal(tcs_survey_nwarnings(d), 1);
    assert_non_null(strstr(tcs_survey_warning(d, 0), "columns 2 and 4"));
    tcs_survey_free(d);
    /* trailing empty column and trailing commas are fine */
    tcs_survey *s = load(tmp_text("trail.csv", "a,b,\n1,2,\n3,4,\n"), NULL);
    assert_int_equal(tcs_survey_responses(s), 2);
    tcs_survey_free(s);
    tcs_codebook *cb;
    tcs_error err;
    assert_int_equal(tcs_codebook_load(tmp_text("cb.csv", "id,pillar\n1.1,Visibility\n9.9,X\n"),
                                       &cb, &err),
                     TCS_OK);
    assert_int_equal(load_error("cbq.csv", "1.1. Valued\n5\n", cb, 3, 0,
                                "question '9.9' matches no column"),
                     TCS_ECODEBOOK);
    tcs_codebook_free(cb);
}

/* summary --format json from the first "questions" key on */
static char *summary_questions(const char *path, const tcs_codebook *cb)
{
    tcs_survey *s = load(path, cb);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(tcs_write_summary(fp, s, TCS_FORMAT_JSON), TCS_OK);
    fclose(fp);
    tcs_survey_free(s);
    char *q = strstr(buf, "\"questions\"");
    assert_non_null(q);
    memmove(buf, q, strlen(q) + 1);
    return buf;
}

/* The same responses as CSV and as a Forms-style workbook summarise alike. */
static void csv_and_xlsx_agree(void **state)
{
    (void)state;
    char csv[1024], xlsx[1024], cbpath[1024];
    snprintf(csv, sizeof csv, "%s/surveys/chester/chester-2024.csv", TCS_SOURCE_DIR);
    snprintf(xlsx, sizeof xlsx, "%s/xlsx/chester-2024.xlsx", TCS_FIXTURES_DIR);
    snprintf(cbpath, sizeof cbpath, "%s/surveys/chester/codebook.csv", TCS_SOURCE_DIR);
    tcs_codebook *cb;
    tcs_error err;
    assert_int_equal(tcs_codebook_load(cbpath, &cb, &err), TCS_OK);
    char *a = summary_questions(csv, cb), *b = summary_questions(xlsx, cb);
    assert_string_equal(a, b);
    free(a);
    free(b);
    tcs_codebook_free(cb);
    /* a real Microsoft Forms download: 28 responses, x: prefixes, dates */
    const char *real = shared_data("msforms-phonebrand/surveyEng.xlsx");
    if (real) {
        tcs_survey *s = load(real, NULL);
        assert_int_equal(tcs_survey_responses(s), 28);
        assert_int_equal(tcs_survey_platform(s), TCS_PLATFORM_MSFORMS);
        assert_string_equal(tcs_survey_source(s)->format, "xlsx");
        tcs_survey_free(s);
    }
}

/* A survey's summary and inspect JSON, or its error, loaded with pipe_min
 * (1: counted on a second thread; SIZE_MAX: on this one). */
static char *outcome(const char *path, const char *sheet, size_t pipe_min)
{
    tcs_load_options o = {.sheet = sheet, .pipe_min_bytes = pipe_min};
    tcs_survey *s = NULL;
    tcs_error err;
    tcs_error_clear(&err);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    if (tcs_survey_load(path, &o, &s, &err) == TCS_OK) {
        tcs_write_summary(fp, s, TCS_FORMAT_JSON);
        tcs_write_inspect(fp, s, TCS_FORMAT_JSON);
        tcs_survey_free(s);
    } else {
        fprintf(fp, "error %d %s:%ld:%ld: %s", (int)err.status, err.path, err.row, err.column,
                err.message);
    }
    fclose(fp);
    return buf;
}

static void same_outcome(const char *path, const char *sheet)
{
    char *one = outcome(path, sheet, SIZE_MAX), *two = outcome(path, sheet, 1);
    if (strcmp(one, two) != 0) {
        print_error("%s: counting on a second thread changed the result\n", path);
        fail();
    }
    free(one);
    free(two);
}

/* Counting answers on a second thread (large files) gives what counting
 * them on the reading thread gives: figures, and the first error. */
static void second_thread_changes_nothing(void **state)
{
    (void)state;
    static const char *const files[] = {
        "surveys/chester/chester-2024.csv",   "surveys/chester/chester-2026.csv",
        "fixtures/csv/agree5_labels.csv",     "fixtures/csv/ratings_1_10.csv",
        "fixtures/csv/satisfaction.csv",      "fixtures/csv/pillars_small.csv",
        "fixtures/xlsx/chester-2024.xlsx",    "fixtures/xlsx/many_rows.xlsx",
        "shared/msforms-phonebrand/surveyEng.csv", "shared/r-psych-bfi/bfi.csv",
        "shared/surveymonkey-ohbm2022/public_survey_data.csv",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *p = source_path(files[i]);
        if (p)
            same_outcome(p, NULL);
    }
    /* many records, so several batches go round; then errors in late rows:
     * a short row (counting) before bad UTF-8 (reading): the short row is
     * reported either way */
    size_t cap = 16u << 20, n = 0;
    char *big = malloc(cap);
    assert_non_null(big);
    n += (size_t)snprintf(big + n, cap - n, "ID,Team,Q1,Q2\n");
    for (int r = 1; r <= 60000; r++)
        n += (size_t)snprintf(big + n, cap - n, "%d,Lab %d,%s,%d\n", r, r % 7,
                              r % 3 ? "Agree" : "Strongly disagree", r % 10 + 1);
    same_outcome(tmp_file("pipe-ok.csv", big, n), NULL);
    size_t good = n;
    n += (size_t)snprintf(big + n, cap - n, "60001,Lab,Agree\n");
    for (int r = 60002; r <= 70000; r++)
        n += (size_t)snprintf(big + n, cap - n, "%d,Lab,Agree,4\n", r);
    n += (size_t)snprintf(big + n, cap - n, "70001,L\xe9" "b,Agree,4\n");
    const char *bad = tmp_file("pipe-bad.csv", big, n);
    same_outcome(bad, NULL);
    char *got = outcome(bad, NULL, 1);
    assert_non_null(strstr(got, ":60002:4: row has 3 cells but the header has 4 columns"));
    free(got);
    n = good;
    n += (size_t)snprintf(big + n, cap - n, "60001,L\xe9" "b,Agree,4\n");
    same_outcome(tmp_file("pipe-utf8.csv", big, n), NULL);
    free(big);
}

/* The Likert-type items of real exports read on the scale of a hand-made
 * key, with its n, count per point and mean (scripts/expected_scales.py,
 * pandas on the raw files; independent of tcsurvey). Without a codebook:
 * inference alone must find every scale. */
static void shared_items_on_their_scales(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/shared_scales_expected.csv", TCS_EXPECTED_DIR);
    test_table t;
    assert_int_equal(test_table_load(path, &t), 0);
    int cs = test_table_col(&t, "source"), ci = test_table_col(&t, "column_index"),
        cp = test_table_col(&t, "npoints"), cf = test_table_col(&t, "first"),
        cn = test_table_col(&t, "n"), cc = test_table_col(&t, "counts"),
        cm = test_table_col(&t, "mean");
    const char *loaded_source = NULL;
    tcs_survey *s = NULL;
    tcs_keyfile *key = NULL;
    size_t checked = 0, wrong = 0;
    for (size_t r = 1; r < t.nrows; r++) {
        const char *source = t.cells[r][cs];
        if (!loaded_source || strcmp(loaded_source, source) != 0) {
            tcs_survey_free(s);
            tcs_keyfile_free(key);
            s = NULL;
            key = NULL;
            loaded_source = source;
            const char *file = shared_data(source);
            if (!file)
                continue;
            char kp[1024];
            tcs_error err;
            /* the JISC numeric export is read with its key file */
            if (strncmp(source, "jisc-sodp-2020/", 15) == 0) {
                snprintf(kp, sizeof kp, "%s", shared_data("jisc-sodp-2020/"
                                                          "results-for-idrc-surveyin-2020-11-06-"
                                                          "1612-key.en.csv"));
                assert_int_equal(tcs_keyfile_load(kp, &key, &err), TCS_OK);
            }
            tcs_load_options o = {.labels = key};
            assert_int_equal(tcs_survey_load(file, &o, &s, &err), TCS_OK);
        }
        if (!s)
            continue;
        const tcs_column *c = column_at(s, (size_t)atol(t.cells[r][ci]));
        checked++;
        tcs_point_stats st = {0};
        if (tcs_column_is_question(c))
            tcs_stats_from_counts(&c->scale, c->counts, &st);
        char counts[256] = "";
        size_t used = 0;
        for (size_t k = 0; tcs_column_is_question(c) && k < c->scale.npoints; k++)
            used += (size_t)snprintf(counts + used, sizeof counts - used, "%s%ld", k ? ";" : "",
                                     c->counts[k]);
        bool ok = tcs_column_is_question(c) &&
                  c->scale.npoints == (size_t)atol(t.cells[r][cp]) &&
                  c->scale.min == atoi(t.cells[r][cf]) && c->valid == atol(t.cells[r][cn]) &&
                  strcmp(counts, t.cells[r][cc]) == 0 &&
                  fabs(st.mean - atof(t.cells[r][cm])) <= 1e-12 * fabs(atof(t.cells[r][cm]));
        if (!ok) {
            print_error("%s column %s (%s): %s %s n %ld counts %s, key: %s points from %s, n %s "
                        "counts %s\n",
                        source, t.cells[r][ci], c->id, tcs_role_name(c->role), c->scale.name,
                        c->valid, counts, t.cells[r][cp], t.cells[r][cf], t.cells[r][cn],
                        t.cells[r][cc]);
            wrong++;
        }
    }
    tcs_survey_free(s);
    tcs_keyfile_free(key);
    test_table_free(&t);
    print_message("%zu items of real exports against the key, %zu read otherwise\n", checked,
                  wrong);
    assert_int_equal(wrong, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(statistics_match_scipy), cmocka_unit_test(inferred_scales_match),
        cmocka_unit_test(rating_range_inference), cmocka_unit_test(labels_points_and_unknowns),
        cmocka_unit_test(roles_of_the_example),   cmocka_unit_test(shared_exports_import),
        cmocka_unit_test(bad_surveys),            cmocka_unit_test(csv_and_xlsx_agree),
        cmocka_unit_test(second_thread_changes_nothing),
        cmocka_unit_test(shared_items_on_their_scales),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
