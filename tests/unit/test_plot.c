/* Unit tests: gnuplot string and HTML escaping, image formats, and the chart plan
 * (which charts, their names, rows per chart). Drawing is tested by the
 * CLI tests (tests/cli/plot-*.test), which need gnuplot. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "tcsurvey/tcsurvey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*put_fn)(FILE *, const char *);

static char *written(put_fn put, const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    put(fp, s);
    fclose(fp);
    return buf;
}

static void put_tic_one(FILE *fp, const char *s)
{
    tcs_gp_put_tic_label(fp, &s, 1);
}

static void gnuplot_strings(void **state)
{
    (void)state;
    /* expected texts written by hand from gnuplot's quoting rules */
    const char *cases[][2] = {
        {"plain", "'plain'"},
        {"", "''"},
        {"It's", "'It'.tcs_q.'s'"},
        {"'''", "''.tcs_q.''.tcs_q.''.tcs_q.''"},
        {"a\nb\tc\rd", "'a b c d'"},
        {"`id` @x $1 \\ \"q\" ; system(\"x\")", "'`id` @x $1 \\ \"q\" ; system(\"x\")'"},
        {"50% %s", "'50% %s'"},
        {"caf\xc3\xa9", "'caf\xc3\xa9'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = written(tcs_gp_put_string, cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        free(got);
    }
    char *tic = written(put_tic_one, "50% it's");
    assert_string_equal(tic, "'50%% it'.tcs_q.'s'");
    free(tic);
    char *null = written(tcs_gp_put_string, NULL);
    assert_string_equal(null, "''");
    free(null);

    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    const char *lines[2] = {"first", "second's"};
    tcs_gp_put_tic_label(fp, lines, 2);
    fclose(fp);
    assert_string_equal(buf, "'first'.tcs_nl.'second'.tcs_q.'s'");
    free(buf);
}

static void html_text(void **state)
{
    (void)state;
    char *got = written(tcs_put_html, "<script>alert('x') & \"y\"</script>");
    assert_string_equal(got, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    free(got);
    got = written(tcs_put_html, NULL);
    assert_string_equal(got, "");
    free(got);
}

static void image_formats(void **state)
{
    (void)state;
    unsigned f = 0;
    assert_true(tcs_plot_formats_parse("png", &f));
    assert_int_equal(f, TCS_PLOT_PNG);
    assert_true(tcs_plot_formats_parse("svg,pdf", &f));
    assert_int_equal(f, TCS_PLOT_SVG | TCS_PLOT_PDF);
    assert_true(tcs_plot_formats_parse("png,svg,pdf,png", &f));
    assert_int_equal(f, TCS_PLOT_PNG | TCS_PLOT_SVG | TCS_PLOT_PDF);
    const char *bad[] = {"", "jpg", "png,", ",png", "PNG", "png svg", "pngx"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(tcs_plot_formats_parse(bad[i], &f));
    assert_false(tcs_plot_formats_parse(NULL, &f));
    assert_string_equal(tcs_chart_kind_name(TCS_CHART_CHANGE), "change");
}

typedef struct {
    tcs_codebook *cb;
    tcs_waves *w;
} fixture;

static fixture load(const char *const *specs, size_t n, const char *codebook)
{
    fixture fx = {NULL, NULL};
    tcs_error err;
    if (codebook)
        assert_int_equal(tcs_codebook_load(codebook, &fx.cb, &err), TCS_OK);
    /* the fixture's "Maybe" is an answer off the codebook's scale, on purpose */
    tcs_waves_options o = {.codebook = fx.cb, .allow_other = true};
    assert_int_equal(tcs_waves_load_with(specs, n, &o, &fx.w, &err), TCS_OK);
    assert_int_equal(tcs_waves_compare(fx.w, 0.05, &err), TCS_OK);
    return fx;
}

static void unload(fixture *fx)
{
    tcs_waves_free(fx->w);
    tcs_codebook_free(fx->cb);
}

static const tcs_chart *find(const tcs_plot *p, const char *name)
{
    for (size_t i = 0; i < tcs_plot_count(p); i++)
        if (strcmp(tcs_plot_chart(p, i)->name, name) == 0)
            return tcs_plot_chart(p, i);
    return NULL;
}

static void plan_of_two_waves(void **state)
{
    (void)state;
    const char *specs[] = {"2022=" TCS_FIXTURES_DIR "/csv/pillars_small.csv",
                           "2025=" TCS_FIXTURES_DIR "/csv/pillars_small.csv"};
    fixture fx = load(specs, 2, TCS_FIXTURES_DIR "/csv/pillars_small_codebook.csv");
    tcs_error err;
    tcs_plot *p = NULL;
    assert_int_equal(tcs_plot_plan(fx.w, NULL, NULL, &p, &err), TCS_OK);
    /* per wave: diverging, stacked, means; one change chart; one trend */
    assert_int_equal(tcs_plot_count(p), 8);
    const tcs_chart *c = find(p, "likert-diverging-2022-agree5");
    assert_non_null(c);
    assert_int_equal(c->kind, TCS_CHART_LIKERT_DIVERGING);
    assert_int_equal(c->questions, 8);
    /* 8 questions and 3 headings (Visibility, Career Development, Other) */
    assert_true(c->height_cm > 11 * 0.6 && c->height_cm < 24.0);
    assert_true(c->width_cm == 16.0);
    assert_non_null(find(p, "likert-stacked-2025-agree5"));
    assert_non_null(find(p, "means-2025-agree5"));
    c = find(p, "change-2022-2025-agree5");
    assert_non_null(c);
    assert_int_equal(c->wave, 0);
    assert_int_equal(c->wave_to, 1);
    assert_non_null(find(p, "trend"));
    assert_null(find(p, "rag")); /* no targets */
    tcs_plot_free(p);

    /* one chart per pillar: Visibility (4), Career Development (3), Other (1) */
    tcs_plot_options o = {TCS_PLOT_SVG, TCS_ORDER_HIGH, true, NULL, NULL, NULL};
    assert_int_equal(tcs_plot_plan(fx.w, NULL, &o, &p, &err), TCS_OK);
    c = find(p, "means-2022-agree5-visibility");
    assert_non_null(c);
    assert_int_equal(c->questions, 4);
    assert_string_equal(c->pillar, "Visibility");
    c = find(p, "likert-stacked-2025-agree5-career-development");
    assert_non_null(c);
    assert_int_equal(c->questions, 3);
    c = find(p, "likert-stacked-2025-agree5-other-questions");
    assert_non_null(c);
    assert_int_equal(c->questions, 1);
    tcs_plot_free(p);
    unload(&fx);
}

/* 70 rating questions without a codebook: no headings, split into charts
 * of at most 30 rows that together hold every question once. */
static void long_survey_split(void **state)
{
    (void)state;
    char *csv = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&csv, &len);
    fputs("ID", fp);
    for (int q = 1; q <= 70; q++)
        fprintf(fp, ",Q%d. Statement number %d", q, q);
    fputc('\n', fp);
    for (int r = 0; r < 6; r++) {
        fprintf(fp, "%d", r + 1);
        for (int q = 1; q <= 70; q++)
            fprintf(fp, ",%d", 1 + (r + q) % 5);
        fputc('\n', fp);
    }
    fclose(fp);
    char spec[4200];
    snprintf(spec, sizeof spec, "2024=%s", tmp_text("long.csv", csv));
    free(csv);
    const char *specs[] = {spec};
    fixture fx = load(specs, 1, NULL);
    tcs_error err;
    tcs_plot *p = NULL;
    assert_int_equal(tcs_plot_plan(fx.w, NULL, NULL, &p, &err), TCS_OK);
    size_t total = 0, parts = 0;
    for (size_t i = 0; i < tcs_plot_count(p); i++) {
        const tcs_chart *c = tcs_plot_chart(p, i);
        if (c->kind != TCS_CHART_MEANS)
            continue;
        parts++;
        assert_true(c->questions <= 30);
        assert_true(c->height_cm <= 24.5);
        total += c->questions;
    }
    assert_int_equal(total, 70);
    assert_int_equal(parts, 3);
    assert_non_null(find(p, "means-2024-1-5-part1"));
    assert_non_null(find(p, "means-2024-1-5-part3"));
    tcs_plot_free(p);
    unload(&fx);
}

int main(void)
{
    tcs_stats_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gnuplot_strings),
        cmocka_unit_test(html_text),
        cmocka_unit_test(image_formats),
        cmocka_unit_test(plan_of_two_waves),
        cmocka_unit_test(long_survey_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
