/* Unit tests: tcs draft - guesses from wording, and the drafted folder of
 * the bundled example against its hand-written codebook. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"
#include "tcsurvey/draft.h"
#include "tcsurvey/codebook.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The pillar of each Chester statement, guessed from its wording alone,
 * is the one its codebook gives (surveys/chester/codebook.csv, written by
 * hand from the published self-assessment). */
static void chester_pillars_from_wording(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/surveys/chester/codebook.csv", TCS_SOURCE_DIR);
    tcs_codebook *cb;
    tcs_error err;
    assert_int_equal(tcs_codebook_load(path, &cb, &err), TCS_OK);
    assert_int_equal(tcs_codebook_size(cb), 22);
    for (size_t i = 0; i < tcs_codebook_size(cb); i++) {
        const tcs_codebook_entry *e = tcs_codebook_entry_at(cb, i);
        char words[160];
        const char *p = tcs_pillar_guess(e->statement, words, sizeof words);
        if (!p || strcmp(p, e->pillar) != 0)
            fail_msg("%s: guessed %s, codebook %s (%s)", e->id, p ? p : "none", e->pillar,
                     words);
    }
    tcs_codebook_free(cb);
}

/* Wordings of the four pillars from other surveys, and questions that
 * evidence none. */
static void pillar_wordings(void **state)
{
    (void)state;
    static const struct {
        const char *statement, *pillar;
    } cases[] = {
        {"Technicians' contributions are acknowledged in publications", "Visibility"},
        {"I feel my work is visible to senior leadership", "Visibility"},
        {"I know how to become registered with the Science Council (RSciTech, RSci)",
         "Recognition"},
        {"My achievements are recognised through awards", "Recognition"},
        {"I have had a useful appraisal (PDR) in the last year", "Career Development"},
        {"There are opportunities for promotion in my role", "Career Development"},
        {"My department has a plan for succession when technicians retire", "Sustainability"},
        {"Apprenticeships are offered in my area", "Sustainability"},
        {"How often do you consult the documentation?", NULL},
        {"What is your age?", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = tcs_pillar_guess(cases[i].statement, NULL, 0);
        if ((p == NULL) != (cases[i].pillar == NULL) ||
            (p && strcmp(p, cases[i].pillar) != 0))
            fail_msg("'%s': %s, expected %s", cases[i].statement, p ? p : "none",
                     cases[i].pillar ? cases[i].pillar : "none");
    }
    assert_null(tcs_pillar_guess(NULL, NULL, 0));
}

static void reverse_and_attention(void **state)
{
    (void)state;
    char word[64];
    bool two;
    assert_true(tcs_reverse_guess("I do not feel valued", word, sizeof word, &two));
    assert_string_equal(word, "not");
    assert_true(tcs_reverse_guess("I don't know who to ask about training", word, sizeof word,
                                  &two));
    assert_string_equal(word, "dont");
    assert_true(tcs_reverse_guess("I feel undervalued by my department", NULL, 0, NULL));
    assert_true(tcs_reverse_guess("Workload causes me stress", word, sizeof word, &two));
    assert_string_equal(word, "stress");
    assert_false(tcs_reverse_guess("I am not unfairly treated", word, sizeof word, &two));
    assert_true(two);
    assert_false(tcs_reverse_guess("I feel valued", word, sizeof word, &two));
    assert_false(two);
    assert_false(tcs_reverse_guess("Another note on this", NULL, 0, NULL)); /* "note" */
    assert_true(tcs_attention_check_guess("Please select 'Strongly agree' for this question "
                                          "to show you are reading"));
    assert_true(tcs_attention_check_guess("This is an attention check: select disagree"));
    assert_false(tcs_attention_check_guess("Please select how much you agree: I feel valued"));
}

/* The folder tmp/name, made fresh for one test. */
static const char *fresh(const char *name)
{
    static char path[700];
    const char *probe = tmp_text("probe.txt", "");
    snprintf(path, sizeof path, "%.*s/%s", (int)(strrchr(probe, '/') - probe), probe, name);
    return path;
}

static const tcs_codebook_entry *find(const tcs_codebook *cb, const char *id)
{
    for (size_t i = 0; i < tcs_codebook_size(cb); i++)
        if (strcmp(tcs_codebook_entry_at(cb, i)->id, id) == 0)
            return tcs_codebook_entry_at(cb, i);
    return NULL;
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* draft on the two Chester waves: the codebook read back gives every row
 * of surveys/chester/codebook.csv the same id, statement, scale, pillar
 * and waves. */
static void chester_draft_matches_codebook(void **state)
{
    (void)state;
    char a[600], b[600], hand[600], drafted[800];
    snprintf(a, sizeof a, "%s/surveys/chester/chester-2024.csv", TCS_SOURCE_DIR);
    snprintf(b, sizeof b, "%s/surveys/chester/chester-2026.csv", TCS_SOURCE_DIR);
    snprintf(hand, sizeof hand, "%s/surveys/chester/codebook.csv", TCS_SOURCE_DIR);
    const char *waves[] = {a, b};
    const char *out = fresh("chester-draft");
    tcs_draft_options o = {.out = out, .waves = waves, .nwaves = 2};
    tcs_draft_result r;
    tcs_error err;
    if (tcs_draft_write(&o, &r, &err) != TCS_OK)
        fail_msg("%s", err.message);
    assert_int_equal(r.rows, 30); /* 6 platform columns, 22 statements, faculty, comments */
    assert_int_equal(r.questions, 22);
    assert_int_equal(r.with_scale, 22);
    assert_int_equal(r.with_pillar, 22);
    tcs_draft_result_free(&r);

    tcs_codebook *want, *got;
    snprintf(drafted, sizeof drafted, "%s/codebook.csv", out);
    assert_int_equal(tcs_codebook_load(hand, &want, &err), TCS_OK);
    assert_int_equal(tcs_codebook_load(drafted, &got, &err), TCS_OK);
    for (size_t i = 0; i < tcs_codebook_size(want); i++) {
        const tcs_codebook_entry *w = tcs_codebook_entry_at(want, i), *g = find(got, w->id);
        if (!g)
            fail_msg("%s: not drafted", w->id);
        assert_string_equal(g->statement, w->statement);
        assert_string_equal(g->pillar, w->pillar);
        assert_true(g->has_scale);
        assert_string_equal(g->scale.name, w->scale.name);
        assert_int_equal(g->reverse, w->reverse);
        assert_true(g->include);
        assert_int_equal(g->role, TCS_CB_ROLE_RATING);
        if (w->waves)
            assert_string_equal(g->waves, w->waves);
        else
            assert_null(g->waves);
    }
    /* the platform's columns and the two other questions */
    assert_int_equal(find(got, "col2")->role, TCS_CB_ROLE_EXCLUDE); /* metadata */
    assert_int_equal(find(got, "col28")->role, TCS_CB_ROLE_CATEGORICAL);
    assert_int_equal(find(got, "col29")->role, TCS_CB_ROLE_FREETEXT);
    tcs_codebook_free(want);
    tcs_codebook_free(got);

    /* waves.csv names the exports; targets.csv has only '#' rows */
    char p[800];
    snprintf(p, sizeof p, "%s/waves.csv", out);
    char **specs;
    size_t n;
    assert_int_equal(tcs_wave_file_load(p, out, &specs, &n, &err), TCS_OK);
    assert_int_equal(n, 2);
    assert_non_null(strstr(specs[0], "2024="));
    assert_non_null(strstr(specs[1], "chester-2026.csv"));
    tcs_wave_specs_free(specs, n);
    snprintf(p, sizeof p, "%s/targets.csv", out);
    tcs_targets *t;
    assert_int_equal(tcs_targets_load(p, &t, &err), TCS_OK);
    assert_int_equal(tcs_targets_count(t), 0);
    tcs_targets_free(t);
    snprintf(p, sizeof p, "%s/targets.csv", out);
    const char *text = slurp(p);
    assert_non_null(strstr(text, "# V1,Visibility,1.1,mean,>=,7,2024,2026,each,"));
    assert_non_null(strstr(text, "# C1,Visibility,1.1-1.6,change(mean),>,0,2024,2026,all,"));
}

/* An existing folder: refused, unless it is a draft as written and force
 * is given; a codebook edited since is never replaced. */
static void never_over_a_user_file(void **state)
{
    (void)state;
    char a[600];
    snprintf(a, sizeof a, "2024=%s/surveys/chester/chester-2024.csv", TCS_SOURCE_DIR);
    const char *waves[] = {a};
    char out[700];
    snprintf(out, sizeof out, "%s", fresh("again"));
    tcs_draft_options o = {.out = out, .waves = waves, .nwaves = 1};
    tcs_draft_result r;
    tcs_error err;
    assert_int_equal(tcs_draft_write(&o, &r, &err), TCS_OK);
    tcs_draft_result_free(&r);
    assert_int_equal(tcs_draft_write(&o, &r, &err), TCS_EOUTPUT);
    assert_non_null(strstr(err.message, "add --force"));
    o.force = true;
    assert_int_equal(tcs_draft_write(&o, &r, &err), TCS_OK);
    tcs_draft_result_free(&r);
    char cb[800];
    snprintf(cb, sizeof cb, "%s/codebook.csv", out);
    FILE *fp = fopen(cb, "a");
    assert_non_null(fp);
    fputs("extra,my own row\n", fp);
    fclose(fp);
    assert_int_equal(tcs_draft_write(&o, &r, &err), TCS_EOUTPUT);
    assert_non_null(strstr(err.message, "codebook.csv was changed since tcsurvey wrote it"));
    assert_non_null(strstr(slurp(cb), "extra,my own row"));
    /* a folder of someone else's */
    o.out = fresh("");
    assert_int_equal(tcs_draft_write(&o, &r, &err), TCS_EOUTPUT);
}

int main(void)
{
    tcs_stats_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chester_pillars_from_wording),
        cmocka_unit_test(pillar_wordings),
        cmocka_unit_test(reverse_and_attention),
        cmocka_unit_test(chester_draft_matches_codebook),
        cmocka_unit_test(never_over_a_user_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
