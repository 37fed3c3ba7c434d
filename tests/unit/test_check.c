/* Unit tests: targets files and their check against generated waves whose
 * outcome is known by construction. Means, shares and progress are worked
 * by hand in the comments; CIs come from the stats module, itself checked
 * against scipy (test_stats.c). */
#include "testutil.h"
#include "tcsurvey/check.h"
#include "tcsurvey/stats.h"
#include "tcsurvey/targets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 10 respondents per wave, four 1-5 items.
 * 2024  Q1 1 2 2 3 3 3 4 4 5 5  mean 3.2   >=4: 4/10   Q2 all 3   mean 3.0
 *       Q3 1 1 1 2 2 2 3 3 4 5  mean 2.4               Q4 5 5 4 4 4 4 3 3 3 3  mean 3.8
 * 2026  Q1 3 4 4 4 4 5 5 5 5 5  mean 4.4   >=4: 9/10   median 4.5, =5: 5/10
 *       Q2 2 3 3 3 3 3 3 3 3 4  mean 3.0
 *       Q3 1 1 2 2 2 3 3 3 4 5  mean 2.6
 *       Q4 1 2 2 3 3 3 3 4 4 5  mean 3.0   <=2: 3/10 (2024 0/10)  top2: 3/10 (2024 6/10) */
static const char wave_2024[] = "Q1. A,Q2. B,Q3. C,Q4. D\n"
                                "1,3,1,5\n2,3,1,5\n2,3,1,4\n3,3,2,4\n3,3,2,4\n"
                                "3,3,2,4\n4,3,3,3\n4,3,3,3\n5,3,4,3\n5,3,5,3\n";
static const char wave_2026[] = "Q1. A,Q2. B,Q3. C,Q4. D\n"
                                "3,2,1,1\n4,3,1,2\n4,3,2,2\n4,3,2,3\n4,3,2,3\n"
                                "5,3,3,3\n5,3,3,3\n5,3,3,4\n5,3,4,4\n5,4,5,5\n";

static const char targets_csv[] =
    "action,pillar,questions,metric,comparator,target,baseline_wave,due_wave,combine,"
    "description,observed,baseline,status,comment\n"
    /* 2 */ "A1,Visibility,Q1,mean,>=,4,,,,rise to 4,,,,\n"
    /* 3 */ "A2,Visibility,Q3,mean,>=,4,,,,rise to 4,,,,\n"
    /* 4 */ "A3,Visibility,Q4,mean,>=,4,,,,rise to 4,,,,\n"
    /* 5 */ "A4,Recognition,Q2,mean,>=,4,,,,rise to 4,,,,\n"
    /* 6 */ "A5,Recognition,Q1,mean,>=,4,2024,2029,,later survey,,,,\n"
    /* 7 */ "A6,Recognition,Q9,mean,>=,4,,,,no such question,,,,\n"
    /* 8 */ "A7,Career Development,Q1,share(>=4),>=,50,,,,share,,,,\n"
    /* 9 */ "A8,Career Development,Q4,share(<=2),<=,10,,,,share,,,,\n"
    /* 10 */ "A9,Career Development,Q1-Q3,mean,>=,4,,,all,three,,,,\n"
    /* 11 */ "A10,Sustainability,Q1;Q3,mean,>=,3.4,,,composite,composite,,,,\n"
    /* 12 */ "A11,Sustainability,Q1,change(mean),>,0,,,,any rise,,,,\n"
    /* 13 */ "A12,Sustainability,,external,>=,5,,,,workforce,7,0,,\n"
    /* 14 */ "A13,Sustainability,,,,,,,,by hand,,,not started,owner says\n"
    /* 15 */ "A14,Sustainability,Q4,mean,>=,4,,,,hand disagrees,,,green,\n"
    /* 16 */ "A15,,Q1,mean,>=,7,,,,off the scale,,,,\n"
    /* 17 */ "A16,,Q1,avg,>=,4,,,,unknown metric,,,,\n"
    /* 18 */ "A17,,Q3-Q1,mean,>=,4,,,,backwards range,,,,\n"
    /* 19 */ "A18,,Q1,median,>=,4,,,,median,,,,\n"
    /* 20 */ "A19,,Q2,n,>=,10,,,,count,,,,\n"
    /* 21 */ "A20,,Q1,share(5),>=,50,,,,value,,,,\n"
    /* 22 */ "A21,,Q4,share(top2),>=,60,,,,top two,,,,\n"
    /* 23 */ "A22,,Q1;Q4,mean,>=,4,,,each,each,,,,\n"
    /* 24 */ "A23,,Q1,mean,>=,4,,,,published baseline,,3.0,,\n"
    /* 25 */ "A24,,Q1,n,>=,-1,,,,negative count,,,,\n"
    /* 26 */ "A25,,Q1,share(>=4),>=,101,,,,over 100%,,,,\n";

typedef struct {
    tcs_targets *t;
    tcs_waves *w;
    tcs_check *c;
} fixture;

static void run(fixture *fx, const char *targets, const char *const *specs, size_t n)
{
    tcs_error err;
    const char *tp = tmp_text("targets.csv", targets);
    assert_int_equal(tcs_targets_load(tp, &fx->t, &err), TCS_OK);
    assert_int_equal(tcs_waves_load(specs, n, NULL, NULL, &fx->w, &err), TCS_OK);
    assert_int_equal(tcs_waves_compare(fx->w, 0.05, &err), TCS_OK);
    tcs_check_options o = {0.05, 0.0, TCS_RAG_RULE_POINT, TCS_FAMILY_TARGETS};
    if (tcs_check_run(fx->t, fx->w, &o, &fx->c, &err) != TCS_OK) {
        print_error("%s\n", err.message);
        fail();
    }
}

/* The targets checked against the 2024 and 2026 waves above. */
static void run_two_waves(fixture *fx, const char *targets)
{
    char a[600], b[600];
    snprintf(a, sizeof a, "2024=%s", tmp_text("w2024.csv", wave_2024));
    snprintf(b, sizeof b, "2026=%s", tmp_text("w2026.csv", wave_2026));
    const char *specs[] = {a, b};
    run(fx, targets, specs, 2);
}

static void done(fixture *fx)
{
    tcs_check_free(fx->c);
    tcs_waves_free(fx->w);
    tcs_targets_free(fx->t);
}

static const tcs_target_result *row(const fixture *fx, long r)
{
    for (size_t i = 0; i < tcs_check_count(fx->c); i++)
        if (tcs_check_at(fx->c, i)->target->row == r)
            return tcs_check_at(fx->c, i);
    fail_msg("row %ld not in the result", r);
    return NULL;
}

static void check_status(const fixture *fx, long r, tcs_target_status st, tcs_rag rag)
{
    const tcs_target_result *res = row(fx, r);
    if (res->total.status != st || res->total.rag != rag)
        fail_msg("row %ld: %s (%s), expected %s (%s) [%s]", r,
                 tcs_target_status_name(res->total.status), tcs_rag_name(res->total.rag),
                 tcs_target_status_name(st), tcs_rag_name(rag), res->total.reason);
}

static void known_outcomes(void **state)
{
    (void)state;
    fixture fx;
    run_two_waves(&fx, targets_csv);
    /* every row once */
    assert_int_equal(tcs_check_count(fx.c), 25);
    for (size_t i = 0; i < 25; i++)
        assert_int_equal(tcs_check_at(fx.c, i)->target->row, (long)i + 2);

    check_status(&fx, 2, TCS_STATUS_MET, TCS_RAG_GREEN);
    const tcs_target_figures *f = &row(&fx, 2)->total;
    assert_close(f->baseline, 3.2, 1e-12);
    assert_close(f->observed, 4.4, 1e-12);
    assert_close(f->progress, 150.0, 1e-9); /* (4.4 - 3.2) / (4 - 3.2) */
    assert_true(f->has_ci);
    assert_int_equal(f->n, 10);

    check_status(&fx, 3, TCS_STATUS_ON_TRACK, TCS_RAG_AMBER);
    assert_close(row(&fx, 3)->total.progress, 12.5, 1e-9); /* 0.2 / 1.6 */
    check_status(&fx, 4, TCS_STATUS_NOT_MET, TCS_RAG_RED);   /* 3.8 -> 3.0 */
    check_status(&fx, 5, TCS_STATUS_NOT_MET, TCS_RAG_RED);   /* no movement */
    assert_close(row(&fx, 5)->total.progress, 0.0, 1e-12);
    check_status(&fx, 6, TCS_STATUS_NOT_DUE, TCS_RAG_GREY);
    check_status(&fx, 7, TCS_STATUS_ERROR, TCS_RAG_GREY);
    assert_non_null(strstr(row(&fx, 7)->total.reason, "unknown question 'Q9'"));

    check_status(&fx, 8, TCS_STATUS_MET, TCS_RAG_GREEN);
    f = &row(&fx, 8)->total;
    assert_close(f->baseline, 40.0, 1e-12);
    assert_close(f->observed, 90.0, 1e-12);
    double lo, hi;
    tcs_wilson_interval(9, 10, 0.95, &lo, &hi);
    assert_close(f->ci_lo, 100 * lo, 1e-12);
    assert_close(f->ci_hi, 100 * hi, 1e-12);
    check_status(&fx, 9, TCS_STATUS_NOT_MET, TCS_RAG_RED); /* 0% -> 30%, target <= 10 */
    assert_close(row(&fx, 9)->total.observed, 30.0, 1e-12);

    /* all: Q1 met, Q2 not met, Q3 on track -> not met */
    const tcs_target_result *r10 = row(&fx, 10);
    assert_int_equal(r10->nids, 3);
    assert_string_equal(r10->ids[0], "Q1");
    assert_string_equal(r10->ids[2], "Q3");
    assert_int_equal(r10->items[0].status, TCS_STATUS_MET);
    assert_int_equal(r10->items[1].status, TCS_STATUS_NOT_MET);
    assert_int_equal(r10->items[2].status, TCS_STATUS_ON_TRACK);
    check_status(&fx, 10, TCS_STATUS_NOT_MET, TCS_RAG_RED);

    /* composite: respondent means of Q1 and Q3; 2024 (56/20) 2.8, 2026 (70/20) 3.5 */
    check_status(&fx, 11, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_close(row(&fx, 11)->total.baseline, 2.8, 1e-12);
    assert_close(row(&fx, 11)->total.observed, 3.5, 1e-12);
    assert_int_equal(row(&fx, 11)->total.n, 10);

    check_status(&fx, 12, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_close(row(&fx, 12)->total.observed, 1.2, 1e-12);

    check_status(&fx, 13, TCS_STATUS_MET, TCS_RAG_GREEN); /* external 7 >= 5 */
    assert_close(row(&fx, 13)->total.progress, 140.0, 1e-9);
    check_status(&fx, 14, TCS_STATUS_HAND, TCS_RAG_RED);  /* not started */
    assert_string_equal(row(&fx, 14)->target->hand_status, "not started");
    check_status(&fx, 15, TCS_STATUS_NOT_MET, TCS_RAG_RED);
    assert_true(row(&fx, 15)->disagreement);
    assert_false(row(&fx, 14)->disagreement);

    check_status(&fx, 16, TCS_STATUS_ERROR, TCS_RAG_GREY);
    assert_non_null(strstr(row(&fx, 16)->total.reason, "outside"));
    check_status(&fx, 17, TCS_STATUS_ERROR, TCS_RAG_GREY);
    assert_non_null(strstr(row(&fx, 17)->total.reason, "unknown metric 'avg'"));
    assert_int_equal(row(&fx, 17)->target->error_col, 4);
    check_status(&fx, 18, TCS_STATUS_ERROR, TCS_RAG_GREY);
    assert_non_null(strstr(row(&fx, 18)->total.reason, "malformed range"));

    check_status(&fx, 19, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_close(row(&fx, 19)->total.observed, 4.5, 1e-12);
    check_status(&fx, 20, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_close(row(&fx, 20)->total.observed, 10.0, 1e-12);
    check_status(&fx, 21, TCS_STATUS_MET, TCS_RAG_GREEN); /* 5/10 = 50 */
    assert_close(row(&fx, 21)->total.observed, 50.0, 1e-12);
    check_status(&fx, 22, TCS_STATUS_NOT_MET, TCS_RAG_RED); /* 60% -> 30% */
    assert_close(row(&fx, 22)->total.baseline, 60.0, 1e-12);
    assert_close(row(&fx, 22)->total.observed, 30.0, 1e-12);

    /* each: Q1 met, Q4 not met; the row takes the worse */
    const tcs_target_result *r23 = row(&fx, 23);
    assert_int_equal(r23->nitems, 2);
    assert_int_equal(r23->items[0].status, TCS_STATUS_MET);
    assert_int_equal(r23->items[1].status, TCS_STATUS_NOT_MET);
    check_status(&fx, 23, TCS_STATUS_NOT_MET, TCS_RAG_RED);

    /* the data baseline wins over a published one, which is noted */
    assert_close(row(&fx, 24)->total.baseline, 3.2, 1e-12);
    assert_false(row(&fx, 24)->total.baseline_published);
    assert_non_null(strstr(row(&fx, 24)->total.reason, "published baseline 3"));

    check_status(&fx, 25, TCS_STATUS_ERROR, TCS_RAG_GREY);
    check_status(&fx, 26, TCS_STATUS_ERROR, TCS_RAG_GREY);
    assert_non_null(strstr(row(&fx, 26)->total.reason, "target 101 is outside"));
    assert_int_equal(tcs_check_nerrors(fx.c), 6);

    /* pillars: the four first, in order; rows without a pillar after */
    assert_int_equal(tcs_check_npillars(fx.c), 5);
    const tcs_pillar_rag *p = tcs_check_pillar(fx.c, 0);
    assert_string_equal(p->pillar, "Visibility");
    assert_int_equal(p->green, 1);
    assert_int_equal(p->amber, 1);
    assert_int_equal(p->red, 1);
    assert_int_equal(p->grey, 0);
    p = tcs_check_pillar(fx.c, 1);
    assert_string_equal(p->pillar, "Recognition");
    assert_int_equal(p->red, 1);
    assert_int_equal(p->grey, 2); /* not due, error */
    p = tcs_check_pillar(fx.c, 3);
    assert_string_equal(p->pillar, "Sustainability");
    assert_int_equal(p->green, 3);
    assert_int_equal(p->red, 2);
    /* rows without a pillar: "each" with two questions counts twice */
    p = tcs_check_pillar(fx.c, 4);
    assert_string_equal(p->pillar, "(no pillar)");
    assert_int_equal(p->green + p->amber + p->red + p->grey, 12);
    done(&fx);
}

/* Only the due wave, with published baselines (a survey known from its
 * summary page): distinguishable is unknown and says why. */
static void published_baseline_only(void **state)
{
    (void)state;
    char b[600];
    snprintf(b, sizeof b, "2026=%s", tmp_text("only2026.csv", wave_2026));
    const char *specs[] = {b};
    fixture fx;
    run(&fx,
        "action,questions,metric,comparator,target,baseline_wave,baseline\n"
        "B1,Q1,mean,>=,5,2024,3.2\n"
        "B2,Q1,change(mean),>,0,2024,3.2\n"
        "B3,Q1,change(mean),>,0,2024,\n"
        "B4,Q1;Q3,mean,>=,4,2024,3.2;2.4\n"
        "B5,Q1;Q3,mean,>=,4,2024,3.2;2.4;1\n",
        specs, 1);
    check_status(&fx, 2, TCS_STATUS_ON_TRACK, TCS_RAG_AMBER); /* 3.2 -> 4.4, target 5 */
    const tcs_target_figures *f = &row(&fx, 2)->total;
    assert_true(f->baseline_published);
    assert_int_equal(f->distinguishable, -1);
    assert_non_null(strstr(f->reason, "published figure"));
    assert_close(f->progress, 100.0 * 1.2 / 1.8, 1e-9);
    check_status(&fx, 3, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_close(row(&fx, 3)->total.observed, 1.2, 1e-12);
    check_status(&fx, 4, TCS_STATUS_NO_DATA, TCS_RAG_GREY); /* no baseline at all */
    /* one baseline per question */
    const tcs_target_result *r5 = row(&fx, 5);
    assert_close(r5->items[0].baseline, 3.2, 1e-12);
    assert_close(r5->items[1].baseline, 2.4, 1e-12);
    check_status(&fx, 6, TCS_STATUS_ERROR, TCS_RAG_GREY);
    assert_non_null(strstr(row(&fx, 6)->total.reason, "3 baseline figures for 2 questions"));
    done(&fx);
}

/* A baseline that already meets its target leaves no way to go: no
 * progress figure (it used to divide by a step the wrong way: Q4 3.8 -> 3.0
 * against ">= 3.5" read (3.0 - 3.8) / (3.5 - 3.8) = 267%). */
static void baseline_already_met(void **state)
{
    (void)state;
    fixture fx;
    run_two_waves(&fx,
        "action,questions,metric,comparator,target\n"
        /* 2 */ "M1,Q4,mean,>=,3.5\n"          /* 3.8 met, 3.0 not */
        /* 3 */ "M2,Q4,mean,>=,2.5\n"          /* 3.8 met, 3.0 still met */
        /* 4 */ "M3,Q4,share(<=2),<=,40\n"     /* 0% met, 30% still met */
        /* 5 */ "M4,Q4,change(mean),>=,-0.5\n" /* no change would meet it; -0.8 */
        /* 6 */ "M5,Q1,change(mean),>=,-0.5\n" /* +1.2 */
        /* 7 */ "M6,Q4,mean,<=,3.5\n");        /* 3.8 not met, 3.0 met: 267% */
    check_status(&fx, 2, TCS_STATUS_NOT_MET, TCS_RAG_RED);
    const tcs_target_figures *f = &row(&fx, 2)->total;
    assert_close(f->baseline, 3.8, 1e-12);
    assert_close(f->observed, 3.0, 1e-12);
    assert_false(f->has_progress);
    assert_non_null(strstr(f->reason, "fell short of a target the baseline already met"));
    check_status(&fx, 3, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_false(row(&fx, 3)->total.has_progress);
    assert_non_null(strstr(row(&fx, 3)->total.reason, "the baseline already met the target"));
    check_status(&fx, 4, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_close(row(&fx, 4)->total.baseline, 0.0, 1e-12);
    assert_close(row(&fx, 4)->total.observed, 30.0, 1e-12);
    assert_false(row(&fx, 4)->total.has_progress);
    check_status(&fx, 5, TCS_STATUS_NOT_MET, TCS_RAG_RED);
    assert_close(row(&fx, 5)->total.observed, -0.8, 1e-12);
    assert_false(row(&fx, 5)->total.has_progress);
    assert_non_null(strstr(row(&fx, 5)->total.reason, "no change would have met it"));
    check_status(&fx, 6, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_false(row(&fx, 6)->total.has_progress);
    check_status(&fx, 7, TCS_STATUS_MET, TCS_RAG_GREEN);
    assert_true(row(&fx, 7)->total.has_progress);
    assert_close(row(&fx, 7)->total.progress, 100.0 * 0.8 / 0.3, 1e-9);
    done(&fx);
}

/* ---- evidence: tests, family, verdicts, the RAG rules ---- */

static void run_with(fixture *fx, const char *targets, const tcs_check_options *o, long population)
{
    tcs_error err;
    char a[600], b[600];
    snprintf(a, sizeof a, "2024=%s", tmp_text("w2024.csv", wave_2024));
    snprintf(b, sizeof b, "2026=%s", tmp_text("w2026.csv", wave_2026));
    const char *specs[] = {a, b};
    assert_int_equal(tcs_targets_load(tmp_text("targets.csv", targets), &fx->t, &err), TCS_OK);
    assert_int_equal(tcs_waves_load(specs, 2, NULL, NULL, &fx->w, &err), TCS_OK);
    if (population) {
        assert_int_equal(tcs_waves_set_population(fx->w, 0, population, &err), TCS_OK);
        assert_int_equal(tcs_waves_set_population(fx->w, 1, population, &err), TCS_OK);
    }
    assert_int_equal(tcs_waves_compare(fx->w, 0.05, &err), TCS_OK);
    assert_int_equal(tcs_check_run(fx->t, fx->w, o, &fx->c, &err), TCS_OK);
}

static const char evidence_csv[] = "action,questions,metric,comparator,target,combine\n"
                                   /* 2 */ "E1,Q1,mean,>=,4,\n"
                                   /* 3 */ "E2,Q1,change(mean),>,0,\n"
                                   /* 4 */ "E3,Q1,share(>=4),>=,50,\n"
                                   /* 5 */ "E4,Q4,share(<=2),<=,10,\n"
                                   /* 6 */ "E5,Q1,median,>=,4,\n"
                                   /* 7 */ "E6,Q3,mean,>=,2.5,\n"
                                   /* 8 */ "E7,Q1;Q3,mean,>=,3.4,composite\n"
                                   /* 9 */ "E8,Q2,mean,>=,3,\n";

/* Every target's test, q, intervals, detectable change, verdict and status
 * under both rules, without and with populations, against R
 * (scripts/expected_population.R: survey, p.adjust, chisq.test). */
static void evidence_against_r(void **state)
{
    (void)state;
    test_table t;
    assert_int_equal(test_table_load(TCS_EXPECTED_DIR "/check_evidence_expected.csv", &t), 0);
    int failures = 0;
    for (int pop = 0; pop < 2; pop++)
        for (int rule = 0; rule < 2; rule++) {
            fixture fx;
            tcs_check_options o = {0.05, 0.0, rule ? TCS_RAG_RULE_EVIDENCE : TCS_RAG_RULE_POINT,
                                   TCS_FAMILY_TARGETS};
            run_with(&fx, evidence_csv, &o, pop ? 12 : 0);
            assert_int_equal(tcs_check_family_size(fx.c), 7); /* E1 and E2: one test */
            size_t rows = 0;
            for (size_t r = 1; r < t.nrows; r++) {
                row_check rc = {&t, r, NULL, 0};
                if (strcmp(row_cell(&rc, "variant"), pop ? "pop12" : "nopop") != 0)
                    continue;
                rc.name = row_cell(&rc, "row");
                const tcs_target_figures *f = &row(&fx, row_cell_long(&rc, "row"))->total;
                const char *test = tcs_test_name(f->test);
                if (!test || strcmp(test, row_cell(&rc, "test")) != 0) {
                    print_error("row %s: test %s\n", rc.name, test ? test : "none");
                    rc.failures++;
                }
                row_check_value(&rc, "p", f->p, f->has_p, false);
                row_check_value(&rc, "q", f->q, f->has_q, false);
                row_check_value(&rc, "change_ci_lo", f->change_ci_lo, f->has_change_ci, false);
                row_check_value(&rc, "change_ci_hi", f->change_ci_hi, f->has_change_ci, false);
                row_check_value(&rc, "mdc", f->mdc, f->has_mdc, false);
                row_check_value(&rc, "ci_lo", f->ci_lo, f->has_ci, false);
                row_check_value(&rc, "ci_hi", f->ci_hi, f->has_ci, false);
                if (strcmp(tcs_verdict_name(f->verdict), row_cell(&rc, "verdict")) != 0) {
                    print_error("row %s: verdict %s\n", rc.name, tcs_verdict_name(f->verdict));
                    rc.failures++;
                }
                const char *want = row_cell(&rc, rule ? "status_evidence" : "status_point");
                if (strcmp(want, "other") != 0 &&
                    strcmp(tcs_target_status_name(f->status), want) != 0) {
                    print_error("row %s: status %s, want %s\n", rc.name,
                                tcs_target_status_name(f->status), want);
                    rc.failures++;
                }
                if (f->status == TCS_STATUS_MET_NOISE && f->rag != TCS_RAG_AMBER)
                    rc.failures++;
                if (f->fpc != (pop == 1 && f->test != TCS_TEST_MEDIAN))
                    rc.failures++;
                assert_int_equal(f->distinguishable, f->q < 0.05);
                failures += rc.failures;
                rows++;
            }
            assert_int_equal(rows, 8);
            assert_int_equal(tcs_check_options_used(fx.c)->rag_rule, o.rag_rule);
            done(&fx);
        }
    test_table_free(&t);
    assert_int_equal(failures, 0);
}

/* The mean rises while most answers fall: Welch and the rank test both
 * clear, in opposite directions: "mixed", and not green under evidence. */
static void mixed_verdict(void **state)
{
    (void)state;
    char a[8192] = "Q1. A\n", b[8192] = "Q1. A\n";
    for (int i = 0; i < 200; i++)
        strcat(a, "5\n");
    for (int i = 0; i < 200; i++)
        strcat(b, i < 150 ? "4\n" : "10\n"); /* mean 5.5, 75% lower */
    char sa[600], sb[600];
    snprintf(sa, sizeof sa, "2024=%s", tmp_text("mx2024.csv", a));
    snprintf(sb, sizeof sb, "2026=%s", tmp_text("mx2026.csv", b));
    const char *specs[] = {sa, sb};
    fixture fx;
    tcs_error err;
    assert_int_equal(tcs_targets_load(tmp_text("mx.csv", "action,questions,metric,comparator,"
                                                         "target\nM,Q1,change(mean),>,0\n"),
                                      &fx.t, &err),
                     TCS_OK);
    assert_int_equal(tcs_waves_load(specs, 2, NULL, NULL, &fx.w, &err), TCS_OK);
    assert_int_equal(tcs_waves_compare(fx.w, 0.05, &err), TCS_OK);
    tcs_check_options o = TCS_CHECK_OPTIONS_DEFAULT;
    assert_int_equal(tcs_check_run(fx.t, fx.w, &o, &fx.c, &err), TCS_OK);
    const tcs_target_figures *f = &tcs_check_at(fx.c, 0)->total;
    assert_true(f->has_q && f->q < 0.05);
    assert_true(f->has_rank && f->rank_p < 0.05 && f->rank_delta < 0);
    assert_int_equal(f->verdict, TCS_VERDICT_MIXED);
    assert_int_equal(f->distinguishable, 1);
    assert_int_equal(f->status, TCS_STATUS_MET_NOISE);
    /* compare says so too: Cliff's delta and the mean disagree */
    assert_int_equal(tcs_waves_change(fx.w, 0)->verdict, TCS_VERDICT_MIXED);
    done(&fx);
}

/* --family questions: the plan's one test adjusted with every other
 * question's mean test between the same waves. */
static void family_questions(void **state)
{
    (void)state;
    const char *plan = "action,questions,metric,comparator,target\nF,Q1,mean,>=,4\n";
    fixture a, b;
    tcs_check_options o = {0.05, 0.0, TCS_RAG_RULE_POINT, TCS_FAMILY_TARGETS};
    run_with(&a, plan, &o, 0);
    o.family = TCS_FAMILY_QUESTIONS;
    run_with(&b, plan, &o, 0);
    const tcs_target_figures *fa = &tcs_check_at(a.c, 0)->total, *fb = &tcs_check_at(b.c, 0)->total;
    assert_int_equal(tcs_check_family_size(a.c), 1);
    assert_close(fa->q, fa->p, 1e-15);
    assert_int_equal(tcs_check_family_size(b.c), 4);
    double p[4], q[4];
    size_t n = 0;
    for (size_t i = 0; i < tcs_waves_nchanges(b.w); i++) /* Q1 first */
        p[n++] = tcs_waves_change(b.w, i)->change.welch_p;
    assert_int_equal(n, 4);
    assert_close(p[0], fb->p, 1e-15);
    tcs_bh_adjust(p, 4, q);
    assert_close(fb->q, q[0], 1e-15);
    assert_true(fb->q >= fa->q);
    done(&a);
    done(&b);
    tcs_family f;
    tcs_rag_rule r;
    assert_true(tcs_family_parse("questions", &f) && f == TCS_FAMILY_QUESTIONS);
    assert_false(tcs_family_parse("all", &f));
    assert_true(tcs_rag_rule_parse("evidence", &r) && r == TCS_RAG_RULE_EVIDENCE);
    assert_false(tcs_rag_rule_parse("strict", &r));
    assert_string_equal(tcs_rag_rule_name(TCS_RAG_RULE_POINT), "point");
    assert_string_equal(tcs_target_status_text(TCS_STATUS_MET_NOISE),
                        "met, not yet distinguishable");
}

static void file_errors(void **state)
{
    (void)state;
    tcs_targets *t = NULL;
    tcs_error err;
    assert_int_equal(tcs_targets_load(tmp_text("noaction.csv", "metric,target\nmean,4\n"), &t,
                                      &err),
                     TCS_ECODEBOOK);
    assert_non_null(strstr(err.message, "no 'action' column"));
    assert_int_equal(tcs_targets_load(tmp_text("headeronly.csv", "action,metric\n"), &t, &err),
                     TCS_EEMPTY);
    assert_int_equal(tcs_targets_load("/nonexistent/targets.csv", &t, &err), TCS_ENOENT);
    /* row problems are kept per row, with their column */
    assert_int_equal(tcs_targets_load(tmp_text("rows.csv",
                                               "action,questions,metric,comparator,target,"
                                               "status,notes\n"
                                               "X1,1.1,mean,=>,4,,\n"
                                               "X2,1.1,mean,>=,four,,\n"
                                               "X3,1.1,share(),>=,4,,\n"
                                               ",1.1,mean,>=,4,,\n"
                                               "X5,,,,,maybe,\n"
                                               "X6,,,,,,\n"),
                                      &t, &err),
                     TCS_OK);
    assert_int_equal(tcs_targets_count(t), 6);
    assert_non_null(strstr(tcs_targets_at(t, 0)->error, "comparator"));
    assert_int_equal(tcs_targets_at(t, 0)->error_col, 4);
    assert_non_null(strstr(tcs_targets_at(t, 1)->error, "number, not 'four'"));
    assert_non_null(strstr(tcs_targets_at(t, 2)->error, "share()"));
    assert_non_null(strstr(tcs_targets_at(t, 3)->error, "action is empty"));
    assert_non_null(strstr(tcs_targets_at(t, 4)->error, "status must be"));
    assert_non_null(strstr(tcs_targets_at(t, 5)->error, "no metric and no status"));
    assert_int_equal(tcs_targets_nignored(t), 1);
    assert_string_equal(tcs_targets_ignored(t, 0), "notes");
    tcs_targets_free(t);
}

/* Ids as platforms write them (LimeSurvey's G03Q14[1], Qualtrics' Q5_1):
 * ranges over their last number, and globs. 12 items of a LimeSurvey grid
 * G03Q14[1]..[12] (all answered 4) and Qualtrics Q5_1..Q5_3 (all 2). */
static void platform_ids(void **state)
{
    (void)state;
    char head[1024] = "", line[256] = "";
    for (int k = 1; k <= 12; k++) {
        snprintf(head + strlen(head), sizeof head - strlen(head), "%sG03Q14[%d]", k > 1 ? "," : "",
                 k);
        snprintf(line + strlen(line), sizeof line - strlen(line), "%s4", k > 1 ? "," : "");
    }
    strcat(head, ",Q5_1,Q5_2,Q5_3\n");
    strcat(line, ",2,2,1\n");
    char data[4096];
    snprintf(data, sizeof data, "%s%s%s%s%s", head, line, line, line,
             "1,2,3,4,5,1,2,3,4,5,1,2,5,4,5\n");
    char a[600];
    snprintf(a, sizeof a, "2024=%s", tmp_text("ls2024.csv", data));
    const char *specs[] = {a};
    fixture fx = {0};
    run(&fx, "action,questions,metric,comparator,target\n"
             /* 2 */ "L1,G03Q14[1]-G03Q14[10],mean,>=,1,\n"
             /* 3 */ "L2,G03Q14[*],mean,>=,1\n"
             /* 4 */ "L3,Q5_1-Q5_3,mean,>=,1\n"
             /* 5 */ "L4,Q5_?,mean,>=,1\n"
             /* 6 */ "L5,G03Q14[9]-G03Q14[2],mean,>=,1\n"
             /* 7 */ "L6,G03Q14[1]-Q5_3,mean,>=,1\n"
             /* 8 */ "L7,X*,mean,>=,1\n"
             /* 9 */ "# L8,G03Q14[1],mean,>=,1\n"
             /* 10 */ "L9,G03Q14[2] - G03Q14[3],mean,>=,1\n",
        specs, 1);
    assert_int_equal(tcs_check_count(fx.c), 8); /* the comment row is no target */
    assert_int_equal(row(&fx, 2)->nids, 10);
    assert_string_equal(row(&fx, 2)->ids[9], "G03Q14[10]");
    assert_int_equal(row(&fx, 3)->nids, 12);
    assert_int_equal(row(&fx, 4)->nids, 3);
    assert_int_equal(row(&fx, 5)->nids, 3);
    assert_int_equal(row(&fx, 6)->total.status, TCS_STATUS_ERROR);
    assert_non_null(strstr(row(&fx, 6)->total.reason, "malformed range"));
    assert_int_equal(row(&fx, 7)->total.status, TCS_STATUS_ERROR);
    assert_int_equal(row(&fx, 8)->total.status, TCS_STATUS_ERROR);
    assert_non_null(strstr(row(&fx, 8)->total.reason, "no question's id matches 'X*'"));
    assert_int_equal(row(&fx, 10)->nids, 2);
    done(&fx);
}

/* A drafted targets file: a header and example rows only ('#'). */
static void comment_rows_only(void **state)
{
    (void)state;
    tcs_targets *t = NULL;
    tcs_error err;
    assert_int_equal(tcs_targets_load(tmp_text("examples.csv",
                                               "action,questions,metric,comparator,target\n"
                                               "# V1,1.1,mean,>=,7\n"
                                               "  #S5,,external,>=,5\n"),
                                      &t, &err),
                     TCS_OK);
    assert_int_equal(tcs_targets_count(t), 0);
    tcs_targets_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(platform_ids),
        cmocka_unit_test(comment_rows_only),
        cmocka_unit_test(known_outcomes),
        cmocka_unit_test(published_baseline_only),
        cmocka_unit_test(baseline_already_met),
        cmocka_unit_test(file_errors),
        cmocka_unit_test(evidence_against_r),
        cmocka_unit_test(mixed_verdict),
        cmocka_unit_test(family_questions),
    };
    return cmocka_run_group_tests(tests, stats_group_setup, NULL);
}
